#!/usr/bin/env bash
# The Windows lane on Linux: install what wine needs from Debian, then run
# packaging/windows/wine_check.py (Windows CPython, Windows wheels, tests, PyInstaller build,
# installer, silent install; see its docstring and README "Windows check").
#
#   bash packaging/windows/wine_check.sh [STEP ...]      steps: setup tests build installer install
#
# Exit status: 0 passed; 1 a Windows break; 3 this machine cannot provide wine or a package
# registry (printed: not a Windows break).
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf 'wine_check: %s\n' "$*" >&2; }

# wine64 runs the 64-bit Windows CPython; mingw builds the ProcessPrng shim; Xvfb is for the
# window. ISCC and the installer need 32-bit wine too: compile_installer.sh installs that itself.
needed=()
for package in wine64 gcc-mingw-w64-x86-64 xvfb xauth; do
  dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
if [ ${#needed[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing Debian packages: ${needed[*]} (run as root on Debian/Ubuntu to install them)"
    exit 3
  fi
  say "installing ${needed[*]}"
  for attempt in 1 2 3; do
    if { apt-get update -qq || true; } >/tmp/wine_check.apt.log 2>&1 \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${needed[@]}" >>/tmp/wine_check.apt.log 2>&1; then
      break
    fi
    if [ "$attempt" = 3 ]; then
      say "apt-get could not install ${needed[*]}; its last lines:"
      tail -n 15 /tmp/wine_check.apt.log >&2
      exit 3
    fi
    sleep $((attempt * 10))
  done
fi

exec python3 packaging/windows/wine_check.py "$@"
