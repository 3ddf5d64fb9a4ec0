#!/usr/bin/env bash
# Checks that every program in scripts/test-tools.txt is on PATH, before any test starts, and
# names each one that is missing with the package that has it. Exit status 1 when any is missing.
set -euo pipefail
list="$(dirname "${BASH_SOURCE[0]}")/test-tools.txt"
missing=0
while read -r command package _; do
  case "$command" in '' | '#'*) continue ;; esac
  if ! command -v "$command" >/dev/null 2>&1; then
    if [ "$package" = - ]; then
      printf 'missing: %s (not installed by the project; see README, Development)\n' "$command" >&2
    elif [ "$package" = engine ] || [ "${package#forky:}" != "$package" ]; then
      printf 'missing: %s (sudo bash scripts/engine.sh installs the engine)\n' "$command" >&2
    else
      printf 'missing: %s (Debian package %s; sudo bash scripts/engine.sh installs it)\n' "$command" "$package" >&2
    fi
    missing=1
  fi
done <"$list"
if [ "$missing" = 0 ]; then
  printf 'tools: all %s programs the tests run are installed\n' "$(grep -cv '^\s*\(#\|$\)' "$list")"
fi
exit "$missing"
