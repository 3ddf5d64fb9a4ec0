#!/bin/sh
# Entrypoint of Kiln's local stand-in for tonistiigi/binfmt (the image
# docker/setup-qemu-action runs; Docker Hub is unreachable on Kiln's test machines).
# It answers the way cmd/binfmt of tonistiigi/binfmt does:
#   --install LIST    register the QEMU handlers for LIST (arm64,riscv64,... or "all")
#   --uninstall LIST  remove handlers (platform names, handler names, or globs)
#   --mount DIR       binfmt_misc mount point (default /proc/sys/fs/binfmt_misc)
#   --version         print versions
# and always ends by printing {"supported":[...],"emulators":[...]} as indented JSON on stdout.
# Progress lines go to stderr ("installing: arm64 OK"), as theirs do.
#
# Deliberate differences (a test tool should fail loudly): an unknown or unshipped
# platform name, a failed registration or an unmountable binfmt_misc exit non-zero
# (theirs only logs "error: ..." and exits 0), and unknown names are rejected before
# anything is changed. The QEMU binaries are Debian's qemu-user-static and the magic/mask
# come from Debian's /usr/share/binfmts, so handlers match what update-binfmts registers.
set -eu
PATH=/usr/bin:/bin
export PATH

MOUNT=/proc/sys/fs/binfmt_misc
QEMU_DIR=/usr/bin             # interpreters: /usr/bin/qemu-<name>, as in tonistiigi/binfmt
DATA_DIR=/usr/share/binfmts   # Debian's handler definitions: /usr/share/binfmts/qemu-<name>
TO_INSTALL=""
TO_UNINSTALL=""
SHOW_VERSION=0
RC=0

log() { printf '%s\n' "$*" >&2; }

usage() {
  log "Usage of binfmt:
  -install string
    	architectures to install
  -mount string
    	binfmt_misc mount point (default \"/proc/sys/fs/binfmt_misc\")
  -uninstall string
    	architectures to uninstall
  -version
    	display version"
}

# Go's flag package (which theirs uses) takes -x and --x, with the value either
# as "=value" or as the next argument; keep the same forms so any caller's argv works.
while [ $# -gt 0 ]; do
  case $1 in
  -install=* | --install=*) TO_INSTALL=${1#*=} ;;
  -uninstall=* | --uninstall=*) TO_UNINSTALL=${1#*=} ;;
  -mount=* | --mount=*) MOUNT=${1#*=} ;;
  -install | --install | -uninstall | --uninstall | -mount | --mount)
    if [ $# -lt 2 ]; then
      log "flag needs an argument: $1"
      usage
      exit 2
    fi
    case $1 in
    *uninstall) TO_UNINSTALL=$2 ;;
    *install) TO_INSTALL=$2 ;;
    *) MOUNT=$2 ;;
    esac
    shift
    ;;
  -version | --version | -version=true | --version=true) SHOW_VERSION=1 ;;
  -h | -help | --help)
    usage
    exit 0
    ;;
  *)
    log "flag provided but not defined: $1"
    usage
    exit 2
    ;;
  esac
  shift
done

# Platform name as tonistiigi/binfmt accepts it (containerd's platform parser: "arm64",
# "linux/arm64", "aarch64", "linux/arm/v7", "armhf", ...) -> QEMU's name for the
# architecture, which is also the handler name without "qemu-". Empty when unknown.
qemu_name() {
  p=${1#linux/}
  p=${p%%/*}
  case $p in
  amd64 | x86_64 | x86-64) echo x86_64 ;;
  arm64 | aarch64) echo aarch64 ;;
  arm | armhf | armel | armv5 | armv6 | armv7 | armv5l | armv6l | armv7l) echo arm ;;
  riscv64) echo riscv64 ;;
  ppc64le) echo ppc64le ;;
  ppc64) echo ppc64 ;;
  s390x) echo s390x ;;
  386 | i386 | i486 | i586 | i686) echo i386 ;;
  mips64le | mips64el) echo mips64el ;;
  mips64) echo mips64 ;;
  loong64 | loongarch64) echo loongarch64 ;;
  *) echo "" ;;
  esac
}

# QEMU name -> the platform name theirs prints (arm64 for aarch64, ...).
platform_of() {
  case $1 in
  x86_64) echo amd64 ;;
  aarch64) echo arm64 ;;
  i386) echo 386 ;;
  mips64el) echo mips64le ;;
  loongarch64) echo loong64 ;;
  *) echo "$1" ;;
  esac
}

NATIVE=$(uname -m) # the kernel runs these without an emulator: never register a handler for them
is_native() {
  [ "$1" = "$NATIVE" ] || { [ "$NATIVE" = x86_64 ] && [ "$1" = i386 ]; }
}

shipped() { [ -x "$QEMU_DIR/qemu-$1" ] && [ -f "$DATA_DIR/qemu-$1" ]; }

shipped_list() { # platform names this image can install, in the order theirs uses
  for q in aarch64 riscv64 ppc64 ppc64le s390x i386 mips64el mips64 loongarch64 arm x86_64; do
    if shipped "$q" && ! is_native "$q"; then printf '%s ' "$(platform_of "$q")"; fi
  done
}

field() { # KEY FILE: the value of "KEY value" in a binfmt-support definition
  sed -n "s/^$1 //p" "$2" | head -n1
}

enabled() { # HANDLER: registered and enabled (first line of its file is "enabled")
  [ -f "$MOUNT/$1" ] && [ "$(head -n1 "$MOUNT/$1" 2>/dev/null)" = enabled ]
}

install_one() { # PLATFORM-NAME QEMU-NAME
  name=qemu-$2
  if [ -e "$MOUNT/$name" ]; then
    # Leave existing handlers alone (the host's own, with its own interpreter path,
    # may be what other containers rely on). Theirs reports this the same way: the
    # kernel answers EEXIST for a second registration of a name.
    log "installing: $1 $name already registered"
    return 0
  fi
  data=$DATA_DIR/$name
  # The register line is ":name:type:offset:magic:mask:interpreter:flags". The kernel
  # decodes the \xHH escapes of magic and mask itself, so Debian's text goes in as is.
  # Flags as theirs: C (credentials, implies O: open-binary) and F (fix-binary: the kernel
  # opens the interpreter now, in this container's mount namespace, and keeps it open,
  # so the handler keeps working after this container and its /usr/bin are gone), plus
  # P (preserve argv[0]) since the image sets QEMU_PRESERVE_ARGV0=1 like their release
  # builds. The kernel lists them as "flags: POCF".
  flags=CF
  if [ -n "${QEMU_PRESERVE_ARGV0:-}" ]; then flags=${flags}P; fi
  line=":$name:M:$(field offset "$data"):$(field magic "$data"):$(field mask "$data"):$QEMU_DIR/$name:$flags"
  if err=$({ printf '%s' "$line" >"$MOUNT/register"; } 2>&1); then
    log "installing: $1 OK"
  else
    log "installing: $1 cannot register \"$QEMU_DIR/$name\" to $MOUNT/register: ${err:-write failed}"
    RC=1
  fi
}

uninstall_one() { # NAME: the handler called NAME or ending in "-NAME" (their rule)
  for f in "$MOUNT"/*; do
    n=${f##*/}
    case $n in register | status | WSLInterop) continue ;; esac
    if [ "$n" = "$1" ] || [ "${n%-"$1"}" != "$n" ]; then
      if err=$({ printf '%s' -1 >"$f"; } 2>&1); then
        log "uninstalling: $1 OK"
      else
        log "uninstalling: $1 ${err:-write failed}"
        RC=1
      fi
      return 0
    fi
  done
  # Nothing to remove is the state the caller asked for: report it, like theirs, not fail.
  log "uninstalling: $1 not found"
}

cpu_has() { # FLAG...: every flag is in /proc/cpuinfo's first "flags" line
  fl=" $(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1) "
  for f; do
    case $fl in *" $f "*) ;; *) return 1 ;; esac
  done
}

# BuildKit (whose archutil theirs uses) decides 386 by running a tiny i386 program;
# do the same: the 93-byte static ELF below only calls exit(0). It runs natively on
# x86-64 kernels built with IA32 emulation, or through a qemu-i386 handler.
i386_runs() {
  t=$(mktemp "${TMPDIR:-/tmp}/kiln-386-probe.XXXXXX" 2>/dev/null) || return 1
  printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000\002\000\003\000\001\000\000\000\124\200\004\010\064\000\000\000\000\000\000\000\000\000\000\000\064\000\040\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\000\200\004\010\000\200\004\010\135\000\000\000\135\000\000\000\005\000\000\000\000\020\000\000\270\001\000\000\000\061\333\315\200' >"$t"
  chmod 700 "$t"
  if "$t" 2>/dev/null; then r=0; else r=1; fi
  rm -f "$t"
  return $r
}

json_array() { # KEY LAST(0/1) ITEMS...: one member of their MarshalIndent output
  key=$1 last=$2
  shift 2
  comma=,
  [ "$last" = 1 ] && comma=""
  if [ $# -eq 0 ]; then
    # Go marshals their empty (nil) emulator list as null.
    printf '  "%s": null%s\n' "$key" "$comma"
    return
  fi
  printf '  "%s": [\n' "$key"
  i=0
  for item; do
    i=$((i + 1))
    if [ "$i" -lt $# ]; then printf '    "%s",\n' "$item"; else printf '    "%s"\n' "$item"; fi
  done
  printf '  ]%s\n' "$comma"
}

print_status() {
  # supported: the native platform first, then what runs through an emulator, in
  # BuildKit's archutil order. Emulated ones count when their qemu-<name> handler is
  # enabled (archutil executes a test binary per architecture instead).
  native=$(platform_of "$NATIVE")
  set -- "linux/$native"
  if [ "$NATIVE" = x86_64 ]; then
    # Microarchitecture levels, from the CPU flags that define them.
    if cpu_has cx16 lahf_lm popcnt sse4_1 sse4_2 ssse3; then
      set -- "$@" linux/amd64/v2
      if cpu_has avx avx2 bmi1 bmi2 f16c fma abm movbe xsave; then
        set -- "$@" linux/amd64/v3
        if cpu_has avx512f avx512bw avx512cd avx512dq avx512vl; then set -- "$@" linux/amd64/v4; fi
      fi
    fi
  fi
  if [ "$(cat "$MOUNT/status" 2>/dev/null)" = enabled ]; then handlers_on=1; else handlers_on=0; fi
  for q in x86_64 aarch64 riscv64 ppc64 ppc64le s390x i386 mips64el mips64 loongarch64; do
    [ "$q" = "$NATIVE" ] && continue
    if [ "$q" = i386 ]; then
      if i386_runs; then set -- "$@" linux/386; fi
    elif [ "$handlers_on" = 1 ] && enabled "qemu-$q"; then
      set -- "$@" "linux/$(platform_of "$q")"
    fi
  done
  case $NATIVE in
  arm*) ;; # native arm reports its own variant above
  *) if [ "$handlers_on" = 1 ] && enabled qemu-arm; then set -- "$@" linux/arm/v7 linux/arm/v6; fi ;;
  esac
  # Keep the list in the positional parameters: plain sh has no arrays.
  supported_count=$#
  emulators=""
  for f in "$MOUNT"/*; do
    n=${f##*/}
    case $n in register | status | '*') continue ;; esac
    if [ "$(head -n1 "$f" 2>/dev/null)" = enabled ]; then emulators="$emulators $n"; fi
  done
  printf '{\n'
  json_array supported 0 "$@"
  shift "$supported_count"
  # shellcheck disable=SC2086 # handler names have no spaces: one word each
  json_array emulators 1 $emulators
  printf '}\n'
}

if [ "$SHOW_VERSION" = 1 ]; then
  qv=$("$QEMU_DIR/qemu-aarch64" --version 2>/dev/null | sed -n '1s/.* version \([^ ]*\).*/\1/p')
  log "binfmt/kiln-standin qemu/v${qv:-unknown}"
  exit 0
fi

# Validate every name before touching the kernel, so a typo never leaves a half-done install.
INSTALL_ITEMS=""
if [ "$TO_INSTALL" = all ]; then
  INSTALL_ITEMS=$(shipped_list)
elif [ -n "$TO_INSTALL" ]; then
  old_ifs=$IFS
  IFS=,
  for p in $TO_INSTALL; do
    IFS=$old_ifs
    q=$(qemu_name "$p")
    if [ -z "$q" ]; then
      log "error: unsupported architecture: $p (known: $(shipped_list)all)"
      exit 1
    fi
    if ! is_native "$q" && ! shipped "$q"; then
      log "error: unsupported architecture: $p (this stand-in ships emulators for: $(shipped_list)all)"
      exit 1
    fi
    # Log the architecture, not the spelling ("linux/arm64" -> "arm64"), as theirs does.
    INSTALL_ITEMS="$INSTALL_ITEMS $(platform_of "$q")"
  done
  IFS=$old_ifs
fi

# In a container /proc is a fresh procfs: the host's binfmt_misc mount is not in it,
# so /proc/sys/fs/binfmt_misc is an empty directory until we mount it (needs
# --privileged). The filesystem is the kernel's single (init user namespace) instance,
# so what we register here is the host's table.
MOUNTED=0
if [ ! -e "$MOUNT/status" ]; then
  if ! err=$(mount -t binfmt_misc binfmt_misc "$MOUNT" 2>&1); then
    log "error: cannot mount binfmt_misc filesystem at $MOUNT: ${err:-failed} (run the container with --privileged)"
    exit 1
  fi
  MOUNTED=1
fi
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() { if [ "$MOUNTED" = 1 ]; then umount "$MOUNT" 2>/dev/null || true; fi; }
trap cleanup EXIT

# Their order: uninstall first, then install, then the status.
if [ -n "$TO_UNINSTALL" ]; then
  old_ifs=$IFS
  IFS=,
  for v in $TO_UNINSTALL; do
    IFS=$old_ifs
    q=$(qemu_name "$v")
    # A platform name means its handler ("arm64" -> "aarch64", matched as "*-aarch64");
    # anything else is a handler name or a glob over the handler files.
    [ -n "$q" ] && v=$q
    found=0
    for f in "$MOUNT"/$v; do
      if [ -e "$f" ]; then
        found=1
        uninstall_one "${f##*/}"
      fi
    done
    [ "$found" = 1 ] || uninstall_one "$v"
  done
  IFS=$old_ifs
fi

for p in $INSTALL_ITEMS; do
  q=$(qemu_name "$p")
  if is_native "$q"; then
    log "installing: $p native platform, no emulator needed"
    continue
  fi
  install_one "$p" "$q"
done

print_status
exit "$RC"
