#!/usr/bin/env bash
# Kiln's real build engine for tests and CI, on Debian/Ubuntu, as root:
#   Docker Engine 28 + buildx 0.29 with the containerd image store, QEMU arm64
#   emulation, two local registries (open :5000, htpasswd :5001) and a
#   multi-arch busybox base image in both (no Docker Hub is reachable here), and
#   localhost:5000/kiln/binfmt:latest, a stand-in for tonistiigi/binfmt built from
#   Debian's QEMU (scripts/binfmt/), for the tests of Kiln's QEMU set-up; and, unpacked
#   under /var/cache/kiln-engine/old-engine, trixie's dockerd 26.1 (BuildKit 0.13), which the
#   tests start beside the main engine for Kiln's old-BuildKit fallbacks; and cosign 3.1
#   from Debian forky, the real verifier the signing tests check Kiln's signatures with.
# Idempotent: a re-run on a ready machine only checks and exits in about a second.
# Facts behind the choices: shared/notes/engine.md.
#
# Environment knobs (all optional):
#   KILN_ENGINE_SUITE=auto|forky|trixie  auto (default): forky, falling back to trixie's
#                                        older line if forky's packages stop installing;
#                                        trixie: deliberately the older engine (26.1/0.13).
#   KILN_DEBIAN_MIRROR=URL               Debian archive for the throwaway apt configs.
set -euo pipefail
umask 022

# CI may hand us an environment without the sbin directories (dockerd, update-binfmts).
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"
export DEBIAN_FRONTEND=noninteractive

readonly MIN_DOCKER=28 MIN_BUILDX=0.29              # what the tests need (GitHub runners' line)
readonly TRIXIE_DOCKER=26 TRIXIE_BUILDX=0.13        # the older line we accept only as a fallback
readonly SUITE=${KILN_ENGINE_SUITE:-auto}
readonly MIRROR=${KILN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly CACHE=/var/cache/kiln-engine               # throwaway apt state, downloaded debs, seed context
readonly FALLBACK_MARK=$CACHE/trixie-fallback       # present while we run trixie's line because forky failed
readonly LOG=/var/log/kiln-engine-setup.log         # all the noisy output; the terminal gets one line per stage
readonly DOCKERD_LOG=/var/log/kiln-dockerd.log
readonly REG_ROOT=/var/lib/kiln-registry
readonly REG_USER=kiln REG_PASS=kiln-secret-pw
readonly SEED_TAG=busybox:latest
readonly BINFMT=/proc/sys/fs/binfmt_misc

T0=$EPOCHREALTIME
TMP_POLICY_RC=""     # policy-rc.d we created (removed on exit)
TMP_DOCKER_CONFIG="" # throwaway docker client config holding the :5001 login (removed on exit)
APT_UPDATED=0
SPAWNED_PID=""

# ---------------------------------------------------------------- helpers

secs_since() { # elapsed seconds since an $EPOCHREALTIME value, one decimal
  local now=${EPOCHREALTIME//[.,]/} then=${1//[.,]/} us
  us=$((now - then))
  printf '%d.%d' $((us / 1000000)) $(((us % 1000000) / 100000))
}

say() { printf '%s\n' "$*"; }

die() {
  printf 'kiln-engine: ERROR: %s\n' "$*" >&2
  exit 1
}

on_exit() {
  local rc=$?
  if [ -n "$TMP_DOCKER_CONFIG" ]; then
    # Never leave the :5001 credentials behind, even when the seed step failed half-way.
    DOCKER_CONFIG=$TMP_DOCKER_CONFIG docker logout localhost:5001 >/dev/null 2>&1 || true
    rm -rf "$TMP_DOCKER_CONFIG"
  fi
  [ -n "$TMP_POLICY_RC" ] && rm -f "$TMP_POLICY_RC"
  if [ "$rc" -ne 0 ]; then
    printf 'kiln-engine: FAILED after %ss (full output: %s)\n' "$(secs_since "$T0")" "$LOG" >&2
  fi
}
trap on_exit EXIT

# Run a noisy command with its output in $LOG; on failure show the tail of it.
quiet() {
  printf '\n$ %s\n' "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    {
      printf 'kiln-engine: command failed: %s\n' "$*"
      printf -- '--- last lines of %s ---\n' "$LOG"
      tail -n 25 "$LOG"
      printf -- '---\n'
    } >&2
    return 1
  fi
}

# Start a long-lived daemon detached from us: own session, own log, and none of our
# file descriptors. An inherited pipe would keep a CI harness waiting for EOF forever,
# and the inherited lock fd would make the next run of this script wait on the daemon.
spawn() { # LOGFILE CMD...
  local logfile=$1
  shift
  (
    for fd in "/proc/$BASHPID/fd/"*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    # From /, not the caller's directory: a daemon outlives a CI checkout, and dockerd's
    # BuildKit runs git in its working directory ("unable to get current working directory"
    # for every Git context once that directory is deleted).
    cd /
    # Not a process-group leader here, so setsid execs in place and $! is the daemon.
    exec setsid "$@" >>"$logfile" 2>&1 </dev/null
  ) &
  SPAWNED_PID=$!
}

version_ge() { dpkg --compare-versions "$1" ge "$2"; }

# "Docker version 28.5.2+dfsg4, build ..." -> 28.5.2 (empty when not installed)
dockerd_version() { { dockerd --version 2>/dev/null || true; } | sed -n 's/^Docker version \([0-9][0-9.]*\).*/\1/p'; }
# "github.com/docker/buildx 0.29.1+ds1-4 ..." or "... v0.29.1 ..." -> 0.29.1
buildx_version() { { docker buildx version 2>/dev/null || true; } | awk 'NR==1 {print $2}' | sed -n 's/^v\{0,1\}\([0-9][0-9.]*\).*/\1/p'; }

meets() { # DOCKER BUILDX MIN_DOCKER MIN_BUILDX
  [ -n "$1" ] && [ -n "$2" ] && version_ge "$1" "$3" && version_ge "$2" "$4"
}

engine_at_least() { # MIN_DOCKER MIN_BUILDX, asking the installed binaries afresh
  meets "$(dockerd_version)" "$(buildx_version)" "$1" "$2"
}

missing_pkgs() { # prints those of the given packages that are not fully installed
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null | awk '$2 == "installed" {print $1}' || true)
  local p
  for p; do grep -qxF "$p" <<<"$installed" || printf '%s\n' "$p"; done
}

pkg_present() { # installed in any state dpkg would complain about (incl. half-installed)
  dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qv '^not-installed$\|^config-files$\|^$'
}

apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return 0
  quiet apt-get update -q || die "apt-get update failed"
  APT_UPDATED=1
}

# Package scripts must not try to start docker/registry services: there is no init
# system, and Debian's docker-registry service would grab :5000 with its own auth config.
block_service_starts() {
  [ -e /usr/sbin/policy-rc.d ] && return 0
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  TMP_POLICY_RC=/usr/sbin/policy-rc.d
}

apt_install() { # only what is missing, so a re-run never touches apt
  local missing
  missing=$(missing_pkgs "$@")
  [ -z "$missing" ] && return 0
  apt_update_once
  block_service_starts
  # shellcheck disable=SC2086  # one package name per word
  quiet apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=120 $missing ||
    die "apt-get install failed for: ${missing//$'\n'/ }"
}

# apt-get against a throwaway configuration (one suite, one architecture) whose lists
# live under $CACHE, so the machine's own sources and lists are never touched.
# An empty dpkg status: otherwise an installed newer version is the "candidate" and
# downloading an older line (the trixie fallback over forky) finds no source for it.
# Check-Valid-Until=false: the archive reachable from these machines can be a frozen
# copy whose forky Release is past its 7-day Valid-Until by the machine's clock; apt
# then calls it "expired" and refuses it. Signatures are still verified.
tapt() { # SUITE ARCH apt-get-args...
  local suite=$1 arch=$2
  shift 2
  local d=$CACHE/apt-$suite-$arch
  apt-get -q -o Acquire::Check-Valid-Until=false \
    -o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$d/lists" -o Dir::Cache="$d/cache" \
    -o Dir::State::status=/dev/null \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
    -o APT::Architecture="$arch" -o APT::Architectures="$arch" \
    -o APT::Sandbox::User=root "$@"
}

tapt_update() { # SUITE ARCH
  local d=$CACHE/apt-$1-$2 keyring=/usr/share/keyrings/debian-archive-keyring.gpg opts=""
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  # Ubuntu does not trust Debian's keys by default; Debian's keyring package does.
  [ -f "$keyring" ] && opts="[signed-by=$keyring] "
  printf 'deb %s%s %s main\n' "$opts" "$MIRROR" "$1" >"$d/sources.list"
  quiet tapt "$1" "$2" update
}

host_arch() { dpkg --print-architecture; }

# ---------------------------------------------------------------- stages

stage_packages() {
  local t=$EPOCHREALTIME pkgs missing
  # Engine prerequisites come from the host's own release (bookworm's runc: forky's
  # wants a newer libc); the rest are the tools the tests and the seed step use.
  # debian-archive-keyring: Debian has it; Ubuntu (GitHub's runners) needs it to trust the
  # forky and trixie archives the engine, the old engine and cosign come from.
  pkgs=(runc iptables adduser libsystemd0 sysvinit-utils debconf debian-archive-keyring
    qemu-user-static binfmt-support docker-registry apache2-utils busybox-static curl jq openssh-client)
  # And every program the tests run, by its package (scripts/test-tools.txt; `-` is Node.js, which
  # comes first, `engine` is what stage_engine installs, `forky:<package>` its own stage from forky).
  local tools
  tools=$(dirname "${BASH_SOURCE[0]}")/test-tools.txt
  [ -f "$tools" ] || die "missing $tools"
  mapfile -t pkgs < <({
    printf '%s\n' "${pkgs[@]}"
    awk '!/^[[:space:]]*(#|$)/ && $2 != "-" && $2 != "engine" && $2 !~ /:/ {print $2}' "$tools"
  } | sort -u)
  # forky's docker.io needs a sysusers implementation to create the docker group.
  if [ -n "$(missing_pkgs systemd)" ] && [ -n "$(missing_pkgs systemd-standalone-sysusers)" ] &&
    [ -n "$(missing_pkgs systemd-sysusers)" ]; then
    pkgs+=(systemd-standalone-sysusers)
  fi
  missing=$(missing_pkgs "${pkgs[@]}")
  if [ -z "$missing" ]; then
    say "packages: ${#pkgs[@]} host packages present (already installed)"
    return
  fi
  apt_install "${pkgs[@]}"
  say "packages: installed ${missing//$'\n'/ } ($(secs_since "$t")s)"
}

# Download one engine line and install it with dpkg in one go (apt cannot: the
# versions come from a newer release than the host's).
install_engine_line() { # forky|trixie
  local suite=$1
  local dir=$CACHE/debs-$suite debs=() p deb
  local -a names
  if [ "$suite" = forky ]; then
    names=(containerd tini-static docker.io docker-cli docker-buildx)
  else
    # trixie's tini needs glibc 2.38 (bookworm has 2.36), so take the host's tini instead.
    names=(containerd docker.io docker-cli docker-buildx)
  fi
  tapt_update "$suite" "$(host_arch)" || return 1
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && quiet tapt "$suite" "$(host_arch)" download "${names[@]}") || return 1
  if [ "$suite" = trixie ]; then
    (cd "$dir" && { quiet apt-get download tini || { apt_update_once && quiet apt-get download tini; }; }) || return 1
  fi
  # dpkg unpacks in command-line order: docker.io must come before docker-cli, whose
  # Breaks: docker.io (<< 27.5.1) would otherwise trip over an older installed docker.io.
  for p in tini containerd tini-static docker.io docker-cli docker-buildx; do
    for deb in "$dir/${p}"_*.deb; do
      if [ -e "$deb" ]; then debs+=("$deb"); fi
    done
  done
  # tini-static and tini break each other; the replaced flavour goes first. docker.io's
  # dependency on it is restored by the dpkg -i below.
  if [ "$suite" = forky ]; then
    pkg_present tini && { quiet dpkg -r --force-depends tini || return 1; }
  else
    pkg_present tini-static && { quiet dpkg -r --force-depends tini-static || return 1; }
  fi
  block_service_starts
  quiet dpkg -i --force-confdef --force-confold "${debs[@]}" || return 1
}

# An older docker client (e.g. /usr/local/bin/docker) may not look where Debian puts
# the buildx plugin; link it into a directory every client searches.
ensure_buildx_found() {
  docker buildx version >/dev/null 2>&1 && return 0
  local plugin=/usr/libexec/docker/cli-plugins/docker-buildx
  [ -x "$plugin" ] || return 1
  mkdir -p /usr/local/lib/docker/cli-plugins
  ln -sf "$plugin" /usr/local/lib/docker/cli-plugins/docker-buildx
  docker buildx version >/dev/null 2>&1
}

stage_engine() {
  local t=$EPOCHREALTIME d b
  case "$SUITE" in auto | forky | trixie) ;; *) die "KILN_ENGINE_SUITE must be auto, forky or trixie (got '$SUITE')" ;; esac
  d=$(dockerd_version) b=$(buildx_version)
  if [ -n "$d" ] && [ -z "$b" ] && ensure_buildx_found; then b=$(buildx_version); fi

  if [ "$SUITE" != trixie ] && meets "$d" "$b" "$MIN_DOCKER" "$MIN_BUILDX"; then
    rm -f "$FALLBACK_MARK"
    say "engine: docker $d, buildx $b (already installed)"
    return
  fi
  if [ "$SUITE" = trixie ] && [ -n "$d" ] && ! version_ge "$d" 27 && meets "$d" "$b" "$TRIXIE_DOCKER" "$TRIXIE_BUILDX"; then
    say "engine: docker $d, buildx $b (trixie line as requested, already installed)"
    return
  fi
  # A fallback sticks for a day so that re-runs stay fast; after that forky is retried.
  if [ "$SUITE" = auto ] && [ -n "$(find "$FALLBACK_MARK" -mmin -1440 2>/dev/null)" ] &&
    meets "$d" "$b" "$TRIXIE_DOCKER" "$TRIXIE_BUILDX"; then
    say "engine: WARNING docker $d, buildx $b: trixie fallback from an earlier run, older than the docker $MIN_DOCKER / buildx $MIN_BUILDX the tests target (rm $FALLBACK_MARK to retry forky now)"
    return
  fi

  local used=forky
  if [ "$SUITE" = trixie ]; then
    used=trixie
    install_engine_line trixie || die "installing docker from Debian trixie failed"
  elif install_engine_line forky && ensure_buildx_found && engine_at_least "$MIN_DOCKER" "$MIN_BUILDX"; then
    rm -f "$FALLBACK_MARK"
  elif [ "$SUITE" = forky ]; then
    die "docker from Debian forky did not install (or is older than docker $MIN_DOCKER / buildx $MIN_BUILDX); KILN_ENGINE_SUITE=forky forbids the trixie fallback"
  else
    say "engine: WARNING Debian forky's docker packages no longer install here (details: $LOG); falling back to trixie's older line (docker 26.1, buildx 0.13)"
    used=trixie
    install_engine_line trixie || die "the trixie fallback failed to install too"
    touch "$FALLBACK_MARK"
  fi

  ensure_buildx_found || die "docker cannot find the buildx plugin ($(command -v docker) $(docker --version 2>/dev/null))"
  d=$(dockerd_version) b=$(buildx_version)
  if [ "$used" = forky ]; then
    engine_at_least "$MIN_DOCKER" "$MIN_BUILDX" || die "installed docker $d / buildx $b, need >= $MIN_DOCKER / $MIN_BUILDX"
  else
    engine_at_least "$TRIXIE_DOCKER" "$TRIXIE_BUILDX" || die "installed docker $d / buildx $b from trixie, need >= $TRIXIE_DOCKER / $TRIXIE_BUILDX"
  fi
  say "engine: docker $d, buildx $b (installed from Debian $used in $(secs_since "$t")s)"
}

stage_daemon_json() {
  local f=/etc/docker/daemon.json new
  mkdir -p /etc/docker
  if [ -s "$f" ] && jq -e '.features["containerd-snapshotter"] == true' "$f" >/dev/null 2>&1; then
    say "daemon.json: containerd-snapshotter on (unchanged)"
    return
  fi
  if [ -s "$f" ] && jq -e 'type == "object"' "$f" >/dev/null 2>&1; then
    # Keep whatever else an admin put there.
    new=$(jq '.features = ((.features // {}) + {"containerd-snapshotter": true})' "$f")
  else
    [ -s "$f" ] && cp -f "$f" "$f.invalid.$(date +%s)" # unreadable JSON: keep a copy, start over
    new='{"features":{"containerd-snapshotter":true}}'
  fi
  printf '%s\n' "$new" >"$f.tmp.$$" && mv -f "$f.tmp.$$" "$f"
  say "daemon.json: containerd-snapshotter on (written)"
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

uses_containerd_store() {
  docker info -f '{{.DriverStatus}}' 2>/dev/null | grep -q 'io.containerd.snapshotter'
}

have_systemd() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null; }

start_dockerd() {
  SPAWNED_PID=""
  if have_systemd; then
    quiet systemctl start docker || die "systemctl start docker failed"
  else
    spawn "$DOCKERD_LOG" dockerd
  fi
  local i
  for ((i = 0; i < 240; i++)); do # 60 s
    docker_answers && return 0
    if [ -n "$SPAWNED_PID" ] && ! kill -0 "$SPAWNED_PID" 2>/dev/null; then
      tail -n 20 "$DOCKERD_LOG" >&2
      die "dockerd exited during start-up (log: $DOCKERD_LOG)"
    fi
    sleep 0.25
  done
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not answer 'docker info' within 60s (log: $DOCKERD_LOG)"
}

stop_dockerd() {
  if have_systemd && systemctl is-active --quiet docker; then
    quiet systemctl stop docker docker.socket || die "systemctl stop docker failed"
    return
  fi
  local pid i
  pid=$(cat /var/run/docker.pid 2>/dev/null || pgrep -x dockerd | head -n1 || true)
  [ -n "$pid" ] || die "a docker daemon answers but its pid is unknown; stop it by hand"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do # 30 s: it stops its containers and its containerd first
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  die "dockerd (pid $pid) did not stop within 30s"
}

# A daemon started from a directory deleted since (an earlier checkout) cannot run git.
dockerd_cwd_deleted() {
  local pid
  pid=$(cat /var/run/docker.pid 2>/dev/null) || return 1
  readlink "/proc/$pid/cwd" 2>/dev/null | grep -q ' (deleted)$'
}

stage_dockerd() {
  local t=$EPOCHREALTIME how reason="" running installed
  if docker_answers; then
    # A daemon from before the install/config change keeps the old binary or image
    # store until restarted.
    running=$(docker version -f '{{.Server.Version}}' 2>/dev/null | sed -n 's/^\([0-9][0-9.]*\).*/\1/p')
    installed=$(dockerd_version)
    if ! uses_containerd_store; then
      reason="it ran without the containerd image store"
    elif [ -n "$installed" ] && [ "$running" != "$installed" ]; then
      reason="it ran $running, $installed is installed"
    elif dockerd_cwd_deleted; then
      reason="its working directory was deleted (Git contexts fail there)"
    elif command -v ip >/dev/null && ! ip link show docker0 >/dev/null 2>&1; then
      # Another dockerd on the host network can delete docker0; every RUN then fails with
      # "adding interface ... to bridge docker0 failed", and only a restart recreates it.
      reason="its docker0 bridge was gone"
    fi
    if [ -z "$reason" ]; then
      how="already running"
    else
      stop_dockerd
      start_dockerd
      how="restarted in $(secs_since "$t")s: $reason"
    fi
  else
    start_dockerd
    how="started in $(secs_since "$t")s, log $DOCKERD_LOG"
  fi
  uses_containerd_store ||
    die "dockerd runs without the containerd image store (docker info: $(docker info -f '{{.DriverStatus}}' 2>&1)); check /etc/docker/daemon.json"
  say "dockerd: $(docker version -f '{{.Server.Version}}' 2>/dev/null), containerd image store ($how)"
}

qemu_handler() { # the foreign architecture the seed image needs
  if [ "$(host_arch)" = arm64 ]; then echo qemu-x86_64; else echo qemu-aarch64; fi
}

qemu_ready() {
  local h
  h=$BINFMT/$(qemu_handler)
  [ -e "$h" ] && [ "$(head -n1 "$h")" = enabled ] && grep -q '^flags:.*F' "$h" &&
    [ "$(cat "$BINFMT/status" 2>/dev/null)" = enabled ]
}

stage_qemu() {
  local how="already enabled" h
  h=$(qemu_handler)
  if ! qemu_ready; then
    if [ ! -e "$BINFMT/status" ]; then
      quiet mount -t binfmt_misc binfmt_misc "$BINFMT" ||
        die "cannot mount binfmt_misc at $BINFMT (a container without privileges?)"
    fi
    [ "$(cat "$BINFMT/status")" = enabled ] || echo 1 >"$BINFMT/status"
    quiet update-binfmts --enable || die "update-binfmts --enable failed"
    how="enabled now"
  fi
  [ -e "$BINFMT/$h" ] || die "no $BINFMT/$h after update-binfmts --enable (is qemu-user-static installed?)"
  qemu_ready || die "$BINFMT/$h is not enabled with the F (fix-binary) flag: $(tr '\n' ' ' <"$BINFMT/$h")"
  say "qemu: $h handler enabled with F flag ($how)"
}

registry_code() { # PORT -> HTTP status of /v2/, 000 when nothing answers
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1/v2/" || true
}

write_if_changed() { # PATH CONTENT; returns 0 when the file changed
  local path=$1 content=$2
  [ -f "$path" ] && [ "$(cat "$path")" = "$content" ] && return 1
  printf '%s\n' "$content" >"$path.tmp.$$" && mv -f "$path.tmp.$$" "$path"
}

stop_registry() { # NAME PORT
  local pidfile=/run/kiln-registry-$1.pid pid i
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -z "$pid" ] || ! grep -q docker-registry "/proc/$pid/cmdline" 2>/dev/null; then
    die "127.0.0.1:$2 must be restarted with a new configuration, but its registry process is unknown; stop it by hand"
  fi
  kill "$pid"
  for ((i = 0; i < 40; i++)); do
    [ "$(registry_code "$2")" = 000 ] && return 0
    sleep 0.25
  done
  die "registry on 127.0.0.1:$2 (pid $pid) did not stop"
}

ensure_registry() { # NAME PORT EXPECTED_CODE CONFIG_CONTENT CONFIG_CHANGED(0/1)
  local name=$1 port=$2 want=$3 changed=$5 cfg=$REG_ROOT/$1.yml code i
  write_if_changed "$cfg" "$4" && changed=1
  mkdir -p "$REG_ROOT/$name"
  code=$(registry_code "$port")
  if [ "$code" = "$want" ] && [ "$changed" = 0 ]; then
    REG_STATUS="already running"
    return
  fi
  if [ "$code" = "$want" ]; then
    stop_registry "$name" "$port"
    REG_STATUS="restarted: new config"
  elif [ "$code" = 000 ]; then
    REG_STATUS="started"
  else
    die "127.0.0.1:$port answers /v2/ with HTTP $code, not the $want of kiln's $name registry: something else owns the port"
  fi
  spawn "/var/log/kiln-registry-$name.log" docker-registry serve "$cfg"
  echo "$SPAWNED_PID" >"/run/kiln-registry-$name.pid"
  for ((i = 0; i < 60; i++)); do # 15 s
    [ "$(registry_code "$port")" = "$want" ] && return 0
    if ! kill -0 "$SPAWNED_PID" 2>/dev/null; then
      tail -n 15 "/var/log/kiln-registry-$name.log" >&2
      die "the $name registry exited during start-up (log: /var/log/kiln-registry-$name.log)"
    fi
    sleep 0.25
  done
  die "the $name registry did not answer HTTP $want on 127.0.0.1:$port within 15s"
}

registry_config() { # NAME PORT [AUTH-YAML]
  cat <<EOF
# Written by kiln scripts/engine.sh; changes here are overwritten.
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $REG_ROOT/$1
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
${3:-}
EOF
}

stage_registries() {
  local htpasswd=$REG_ROOT/auth.htpasswd auth_changed=0 open_status
  mkdir -p "$REG_ROOT"
  ensure_registry open 5000 200 "$(registry_config open 5000)" 0
  open_status=$REG_STATUS

  # The registry reads htpasswd once at start-up, so a new one means a restart.
  if ! htpasswd -vb "$htpasswd" "$REG_USER" "$REG_PASS" >/dev/null 2>&1; then
    htpasswd -cbB "$htpasswd" "$REG_USER" "$REG_PASS" >>"$LOG" 2>&1 || die "htpasswd failed"
    auth_changed=1
  fi
  ensure_registry auth 5001 401 "$(registry_config auth 5001 "auth:
  htpasswd:
    realm: kiln-registry
    path: $htpasswd")" "$auth_changed"
  say "registries: 127.0.0.1:5000 open ($open_status), 127.0.0.1:5001 htpasswd $REG_USER ($REG_STATUS)"
}

# Digest of the index the registry serves for a reference ("" when there is none).
manifest_digest() { # PORT REPO TAG [USER:PASS]
  local auth=()
  [ -n "${4:-}" ] && auth=(-u "$4")
  curl -sf -I --max-time 5 "${auth[@]}" \
    -H 'Accept: application/vnd.oci.image.index.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
    "http://127.0.0.1:$1/v2/$2/manifests/$3" 2>/dev/null |
    tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" {print $2}' || true
}

seed_is_multiarch() {
  local out
  out=$(docker buildx imagetools inspect "localhost:5000/$SEED_TAG" 2>/dev/null) || return 1
  grep -Eq 'Platform: +linux/amd64$' <<<"$out" && grep -Eq 'Platform: +linux/arm64' <<<"$out"
}

busybox_for() { # ARCH DEST: a static busybox for ARCH, without installing anything foreign
  local arch=$1 dest=$2 src cached=$CACHE/busybox-$1/busybox
  if [ "$arch" = "$(host_arch)" ]; then
    src=$(dpkg -L busybox-static | grep -m1 -E '/s?bin/busybox$') || die "busybox-static has no busybox binary?"
    cp -f "$src" "$dest"
    return
  fi
  if [ ! -s "$cached" ]; then
    local codename=bookworm x
    # Same busybox as the host's when the host is Debian; Debian's otherwise.
    # shellcheck disable=SC1091
    codename=$(. /etc/os-release && [ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-bookworm}" || echo bookworm)
    tapt_update "$codename" "$arch" || die "apt-get update for $arch ($codename) failed"
    x=$(mktemp -d "$CACHE/busybox-$arch.XXXXXX")
    (cd "$x" && quiet tapt "$codename" "$arch" download busybox-static) || die "cannot download busybox-static for $arch"
    quiet dpkg -x "$x"/busybox-static_*.deb "$x/root" || die "dpkg -x busybox-static ($arch) failed"
    mkdir -p "${cached%/*}"
    cp -f "$(find "$x/root" -path '*bin/busybox' -type f | head -n1)" "$cached"
    rm -rf "$x"
  fi
  cp -f "$cached" "$dest"
}

stage_seed() {
  local t=$EPOCHREALTIME d5000 d5001 ctx=$CACHE/seed
  d5000=$(manifest_digest 5000 "${SEED_TAG%%:*}" "${SEED_TAG#*:}")
  d5001=$(manifest_digest 5001 "${SEED_TAG%%:*}" "${SEED_TAG#*:}" "$REG_USER:$REG_PASS")
  if [ -n "$d5000" ] && [ "$d5000" = "$d5001" ] && seed_is_multiarch; then
    say "seed: localhost:{5000,5001}/$SEED_TAG linux/amd64+linux/arm64 (already seeded)"
    return
  fi

  rm -rf "$ctx" && mkdir -p "$ctx/amd64" "$ctx/arm64"
  busybox_for amd64 "$ctx/amd64/busybox"
  busybox_for arm64 "$ctx/arm64/busybox"
  chmod 755 "$ctx"/*/busybox
  # No "# syntax=" line: the frontend image lives on Docker Hub, which is unreachable.
  cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
ARG TARGETARCH
COPY ${TARGETARCH}/busybox /bin/busybox
RUN ["/bin/busybox","--install","-s","/bin"]
CMD ["/bin/sh"]
EOF
  # The :5001 login goes into a throwaway client config so that no credentials are
  # ever written to the caller's ~/.docker (on_exit logs out and removes it).
  TMP_DOCKER_CONFIG=$(mktemp -d /tmp/kiln-docker-config.XXXXXX)
  export DOCKER_CONFIG=$TMP_DOCKER_CONFIG
  printf '%s' "$REG_PASS" | quiet docker login --username "$REG_USER" --password-stdin localhost:5001 ||
    die "docker login localhost:5001 failed"
  # Both registries are plain http; dockerd treats 127.0.0.0/8 as insecure by default
  # and BuildKit inside it uses that setting, so no extra configuration is needed.
  quiet docker buildx build --builder default --progress=plain --provenance=false \
    --platform linux/amd64,linux/arm64 --push \
    -t "localhost:5000/$SEED_TAG" -t "localhost:5001/$SEED_TAG" "$ctx" ||
    die "building/pushing the busybox seed image failed"
  quiet docker logout localhost:5001 || true
  rm -rf "$TMP_DOCKER_CONFIG"
  TMP_DOCKER_CONFIG=""
  unset DOCKER_CONFIG

  seed_is_multiarch || die "localhost:5000/$SEED_TAG does not list linux/amd64 and linux/arm64 after the push"
  d5000=$(manifest_digest 5000 "${SEED_TAG%%:*}" "${SEED_TAG#*:}")
  d5001=$(manifest_digest 5001 "${SEED_TAG%%:*}" "${SEED_TAG#*:}" "$REG_USER:$REG_PASS")
  { [ -n "$d5000" ] && [ "$d5000" = "$d5001" ]; } || die "localhost:5001/$SEED_TAG ($d5001) differs from localhost:5000 ($d5000)"
  say "seed: localhost:{5000,5001}/$SEED_TAG linux/amd64+linux/arm64 ${d5000:7:12} (built and pushed in $(secs_since "$t")s)"
}

# Digest the registry serves for a single-platform image ("" when there is none). Unlike
# manifest_digest it also accepts plain image manifests: this image has no index.
image_digest() { # PORT REPO TAG
  curl -sf -I --max-time 5 \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.index.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
    "http://127.0.0.1:$1/v2/$2/manifests/$3" 2>/dev/null |
    tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" {print $2}' || true
}

# A stand-in for tonistiigi/binfmt (what docker/setup-qemu-action runs; on Docker Hub,
# so unreachable here), built from scripts/binfmt with the host's own qemu-user-static
# emulators and Debian's handler definitions. Tests run it like the action does:
#   docker run --rm --privileged localhost:5000/kiln/binfmt:latest --install arm64
stage_binfmt() {
  local t=$EPOCHREALTIME repo=kiln/binfmt tag=latest src ctx=$CACHE/binfmt-context
  local stamp=$CACHE/binfmt-context.stamp bb q inputs digest qv plat
  local -a arches=()
  src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/binfmt
  { [ -f "$src/Dockerfile" ] && [ -f "$src/binfmt.sh" ]; } || die "missing $src/Dockerfile or $src/binfmt.sh"
  bb=$(dpkg -L busybox-static | grep -m1 -E '/s?bin/busybox$') || die "busybox-static has no busybox binary?"
  # The image runs on the host only (it registers the host kernel's handlers), so it is
  # built for the host's platform and ships every emulator Debian defines a handler for
  # among those tonistiigi/binfmt users ask for most; the host's own architecture has none.
  for q in aarch64 arm riscv64 ppc64le s390x x86_64; do
    if [ -x "/usr/bin/qemu-$q-static" ] && [ -f "/usr/share/binfmts/qemu-$q" ]; then arches+=("$q"); fi
  done
  [[ " ${arches[*]} " == *" $(qemu_handler | sed 's/^qemu-//') "* ]] ||
    die "no $(qemu_handler)-static with a /usr/share/binfmts definition (is qemu-user-static installed?)"
  plat=linux/$(host_arch)

  # What the image is made of: the small files by content, the ~55 MB of emulators by
  # size and mtime (a package upgrade changes both; hashing them would cost more than
  # the whole re-run of this script).
  inputs=$({
    printf '%s %s\n' "$plat" "${arches[*]}"
    cat "$src/Dockerfile" "$src/binfmt.sh"
    for q in "${arches[@]}"; do
      cat "/usr/share/binfmts/qemu-$q"
      stat -L -c '%n %s %Y' "/usr/bin/qemu-$q-static"
    done
    stat -L -c '%n %s %Y' "$bb"
  } | sha256sum | cut -c1-64)
  digest=$(image_digest 5000 "$repo" "$tag")
  # The stamp records inputs and the digest we pushed: a wiped registry or a changed
  # input both show up as a mismatch.
  if [ -n "$digest" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs $digest" ]; then
    say "binfmt: localhost:5000/$repo:$tag $plat ${digest:7:12} (up to date)"
    return
  fi

  rm -rf "$ctx" && mkdir -p "$ctx/qemu" "$ctx/binfmts"
  cp -f "$src/Dockerfile" "$ctx/Dockerfile"
  cp -f "$src/binfmt.sh" "$ctx/binfmt.sh"
  cp -f "$bb" "$ctx/busybox"
  for q in "${arches[@]}"; do
    # tonistiigi/binfmt's names: /usr/bin/qemu-aarch64, not Debian's qemu-aarch64-static.
    cp -f "/usr/bin/qemu-$q-static" "$ctx/qemu/qemu-$q"
    cp -f "/usr/share/binfmts/qemu-$q" "$ctx/binfmts/qemu-$q"
  done
  chmod 755 "$ctx/busybox" "$ctx/binfmt.sh" "$ctx"/qemu/*
  quiet docker buildx build --builder default --progress=plain --provenance=false \
    --platform "$plat" --build-arg "KILN_BINFMT_INPUTS=$inputs" --push \
    -t "localhost:5000/$repo:$tag" "$ctx" ||
    die "building/pushing the binfmt stand-in image failed"
  digest=$(image_digest 5000 "$repo" "$tag")
  [ -n "$digest" ] || die "localhost:5000/$repo:$tag is missing after the push"
  # Smoke test without privileges: --version needs neither binfmt_misc nor a mount.
  qv=$(docker run --rm "localhost:5000/$repo:$tag" --version 2>&1) ||
    die "localhost:5000/$repo:$tag does not start: $qv"
  printf '%s %s\n' "$inputs" "$digest" >"$stamp"
  # Platform names, as --install takes them.
  local shown=" ${arches[*]} "
  shown=${shown/ aarch64 / arm64 } shown=${shown/ x86_64 / amd64 }
  say "binfmt: localhost:5000/$repo:$tag $plat ${digest:7:12}, ${qv#binfmt/kiln-standin }:${shown% } (built and pushed in $(secs_since "$t")s)"
}

# ---------------------------------------------------------------- main

[ $# -eq 0 ] || die "usage: $0 (no arguments; see the header for environment knobs)"
[ "$(id -u)" = 0 ] || die "must run as root (installs packages, starts daemons): sudo bash $0"
{ command -v apt-get >/dev/null && command -v dpkg >/dev/null; } || die "needs a Debian/Ubuntu machine (apt-get, dpkg)"
mkdir -p "$CACHE"

# Two callers at once (parallel test jobs) must not race on dpkg or both start daemons.
exec 9>/run/kiln-engine.lock
flock -w 600 9 || die "another kiln engine set-up still holds /run/kiln-engine.lock after 10 min"
: >"$LOG"

# A second, older engine for the tests of Kiln's fallbacks: trixie's dockerd 26.1, whose
# BuildKit (0.13) speaks only the v1 Actions cache protocol. Unpacked, never installed: the
# tests start it themselves, beside the main engine, in a network namespace of its own.
stage_old_engine() {
  local t=$EPOCHREALTIME arch dir=$CACHE/old-engine work=$CACHE/old-engine.tmp v
  if [ -x "$dir/usr/sbin/dockerd" ]; then
    v=$("$dir/usr/sbin/dockerd" --version 2>/dev/null | sed -n 's/^Docker version \([0-9][0-9.]*\).*/\1/p')
    say "old engine: dockerd $v in $dir (already unpacked)"
    return
  fi
  arch=$(host_arch)
  tapt_update trixie "$arch" || die "apt-get update for trixie failed (details: $LOG)"
  rm -rf "$work" && mkdir -p "$work"
  (cd "$work" && quiet tapt trixie "$arch" download docker.io) || die "downloading trixie's docker.io failed (details: $LOG)"
  dpkg -x "$work"/docker.io_*.deb "$work/root" || die "unpacking trixie's docker.io failed"
  [ -x "$work/root/usr/sbin/dockerd" ] || die "trixie's docker.io has no usr/sbin/dockerd"
  rm -rf "$dir" && mv "$work/root" "$dir" && rm -rf "$work"
  v=$("$dir/usr/sbin/dockerd" --version 2>/dev/null | sed -n 's/^Docker version \([0-9][0-9.]*\).*/\1/p')
  say "old engine: dockerd $v unpacked in $dir in $(secs_since "$t")s"
}

# cosign 3 for the signing tests: they verify what Kiln signed with the real verifier
# (--trusted-root pointing at the tests' loopback Sigstore). Kiln itself never runs cosign.
# Forky's package is a static Go binary depending on libc6 only, so dpkg -i installs it on
# the host's release without pulling forky's libc.
readonly MIN_COSIGN=3.1
cosign_version() { dpkg-query -W -f='${Version}' cosign 2>/dev/null | sed -n 's/^\([0-9][0-9.]*\).*/\1/p'; }

stage_cosign() {
  local t=$EPOCHREALTIME v dir=$CACHE/debs-cosign
  v=$(cosign_version)
  if [ -n "$v" ] && version_ge "$v" "$MIN_COSIGN" && command -v cosign >/dev/null; then
    say "cosign: $v (already installed)"
    return
  fi
  tapt_update forky "$(host_arch)" || die "apt-get update for forky failed (details: $LOG)"
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && quiet tapt forky "$(host_arch)" download cosign) || die "downloading forky's cosign failed (details: $LOG)"
  quiet dpkg -i "$dir"/cosign_*.deb || die "installing forky's cosign failed (details: $LOG)"
  v=$(cosign_version)
  { [ -n "$v" ] && version_ge "$v" "$MIN_COSIGN"; } || die "installed cosign ${v:-?}, need >= $MIN_COSIGN"
  say "cosign: $v (installed from Debian forky in $(secs_since "$t")s)"
}

stage_packages
stage_engine
stage_daemon_json
stage_dockerd
stage_qemu
stage_registries
stage_seed
stage_binfmt
stage_old_engine
stage_cosign
say "kiln-engine: ready in $(secs_since "$T0")s"
