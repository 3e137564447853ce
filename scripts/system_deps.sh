#!/usr/bin/env bash
# Checks the system libraries BoligDesk needs and installs the missing ones with apt-get.
# Never silent: prints what is missing and what it does about it.
set -euo pipefail
mode="${1:-headless}"

# library soname -> Debian package
declare -A headless=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libxkbcommon.so.0]=libxkbcommon0
  [libfontconfig.so.1]=libfontconfig1 [libdbus-1.so.3]=libdbus-1-3 [libglib-2.0.so.0]=libglib2.0-0
  [libfreetype.so.6]=libfreetype6 [libX11.so.6]=libx11-6
)
declare -A gui=(
  [libxcb-cursor.so.0]=libxcb-cursor0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-shape.so.0]=libxcb-shape0 [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-image.so.0]=libxcb-image0 [libxcb-randr.so.0]=libxcb-randr0
  [libxcb-xinerama.so.0]=libxcb-xinerama0 [libxcb-xkb.so.1]=libxcb-xkb1
)

missing=()
# Read the library cache once: `ldconfig -p | grep -q` under pipefail fails at random (grep -q exits
# early, ldconfig dies of SIGPIPE), which reported present libraries as missing.
known_libs="$(ldconfig -p 2>/dev/null || true)"
check_libs() {
  local -n table=$1
  for lib in "${!table[@]}"; do
    grep -qF "$lib" <<<"$known_libs" || missing+=("${table[$lib]}")
  done
}
# A real X server for the tests: tests/e2e/test_x11_close.py closes the app on Xvfb through the window
# manager's WM_DELETE_WINDOW (the exit crash it guards against never shows offscreen), so `make test`
# needs Xvfb, xauth and the xcb libraries of Qt's X11 plugin.
check_x11() {
  command -v Xvfb >/dev/null || missing+=(xvfb)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  command -v xauth >/dev/null || missing+=(xauth)
}
check_cmds() {
  check_x11
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
}

case "$mode" in
  headless) check_libs headless; check_libs gui; check_x11 ;;
  gui) check_libs headless; check_libs gui ;;
  screenshots) check_libs headless; check_libs gui; check_cmds ;;
  *) echo "usage: $0 headless|gui|screenshots" >&2; exit 2 ;;
esac

[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "system-deps: missing Debian packages: ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system-deps: installing them with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  echo "system-deps: installing them with sudo apt-get"
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "system-deps: cannot install them here; please install: ${missing[*]}" >&2
  exit 1
fi
