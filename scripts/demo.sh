#!/usr/bin/env bash
# From a fresh clone to a real multi-platform build: installs and starts the engine, QEMU and the
# local registries (scripts/engine.sh), installs the project's packages, then runs the bundled
# action the way the runner does and pushes the example image to localhost:5000.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Kiln needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

if [ "$(id -u)" != 0 ]; then
  echo "The demo installs and starts the engine, which needs root: sudo bash scripts/demo.sh" >&2
  exit 1
fi

bash scripts/engine.sh

# The checkout's packages belong to whoever owns the checkout (the user who ran `sudo`), so that
# npm, the tests and editors can write them later; only the engine needs root.
owner=$(stat -c %U .)
as_owner=()
if [ "$owner" != root ] && [ "$owner" != UNKNOWN ]; then
  as_owner=(runuser -u "$owner" -- env "HOME=$(getent passwd "$owner" | cut -d: -f6)")
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  "${as_owner[@]}" npm ci --no-audit --no-fund
fi

tag=localhost:5000/kiln-demo:latest
node scripts/local.mjs context=example platforms=linux/amd64,linux/arm64 push=true "tags=$tag"

echo "── the pushed image, run for each platform"
for platform in linux/amd64 linux/arm64; do
  docker run --rm --pull always --platform "$platform" "$tag"
done
