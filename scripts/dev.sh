#!/usr/bin/env bash
# Set up a checkout and run Curator or its tests.
#
#   bash scripts/dev.sh run [PATH]        set up, then open the editor (default: content/)
#   bash scripts/dev.sh test [PYTEST...]  set up, then run the whole test suite
#   bash scripts/dev.sh setup             set up only
#
# Setup is idempotent and takes about a second when nothing is missing:
#   1. Debian libraries Qt/QtWebEngine load at run time, plus xvfb and hugo: checked with
#      dpkg-query; installed with apt-get when run as root, else the exact command is printed.
#   2. .venv/ in the project root with the package installed editable with its dev extras;
#      redone only when pyproject.toml (or the Python) changes, tracked by a stamp file;
#      PySide6's support modules unpacked so that they load from bytecode.
# Environment: CURATOR_SKIP_APT=1 skips step 1; PYTHON=/path/to/python3.11 picks the interpreter.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
STAMP="$VENV/.curator-setup"

# Run-time libraries of PySide6's QtCore/QtGui/QtWidgets, the xcb platform plugin and
# QtWebEngine (found with ldd on the wheels), a font, a virtual X server, and hugo
# (benchmarks and the site-render peer tests), binutils (PyInstaller needs objdump), and
# Enchant with the English Hunspell dictionaries (spell checking).
# The packaging build and its test also need the libraries of the optional Qt plugins it
# bundles (GTK theme, printing, Wayland: the .deb's Depends are read from what is
# installed), dpkg-dev (dpkg-architecture) and debootstrap (the clean Debian 12 root).
APT_PACKAGES=(
  libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 fonts-dejavu-core
  libegl1 libgl1 libgbm1 libdrm2
  libx11-6 libx11-xcb1 libxext6 libxrender1 libxkbcommon0 libxkbcommon-x11-0
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
  libxcb-xkb1 libxcb-glx0 libxcb-dri3-0
  libnss3 libnspr4 libasound2 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1
  xvfb xauth hugo binutils
  libenchant-2-2 hunspell-en-us hunspell-en-gb
  retext
  libgtk-3-0 libcups2 libwayland-cursor0 libwayland-egl1 libssl3 dpkg-dev debootstrap
)

say() { printf 'dev.sh: %s\n' "$*" >&2; }

python_lib_package() {
  # PyInstaller (the packaging smoke test) bundles libpython, which Debian's own python3
  # ships in a separate package; interpreters from elsewhere carry it themselves.
  local python minor
  python=$(find_python 2>/dev/null) || return 0
  case "$(readlink -f "$python")" in /usr/bin/*) ;; *) return 0 ;; esac
  minor=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  printf 'libpython%s\n' "$minor"
}

is_root() { [ "$(id -u)" = 0 ]; }

missing_debs() {
  command -v dpkg-query >/dev/null || return 0  # not Debian: nothing we can check
  local status
  status=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    grep -qx "$pkg installed" <<<"$status" || printf '%s\n' "$pkg"
  done
}

apt_install() {
  # Fresh Debian images carry no package lists; refresh them only when an install needs it.
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  fi
}

ensure_system_packages() {
  [ "${CURATOR_SKIP_APT:-}" = 1 ] && return 0
  local missing extra
  extra=$(python_lib_package)
  [ -n "$extra" ] && APT_PACKAGES+=("$extra")
  mapfile -t missing < <(missing_debs)
  [ ${#missing[@]} -eq 0 ] && return 0
  if is_root; then
    say "installing Debian packages: ${missing[*]}"
    apt_install "${missing[@]}"
  else
    say "missing Debian packages Qt needs; install them with:"
    printf '  sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    say "(or rerun as root, or set CURATOR_SKIP_APT=1 to try without them)"
    exit 1
  fi
}

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  say "Python 3.11 or newer is required (set PYTHON=/path/to/python3.11)"
  exit 1
}

setup_key() {
  # Reinstall when the dependencies or the interpreter change.
  { cat "$ROOT/pyproject.toml"; "$VENV/bin/python" -c 'import sys; print(sys.version)'; } |
    sha256sum | cut -d' ' -f1
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    local python
    python=$(find_python)
    say "creating $VENV with $python"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      if is_root && command -v apt-get >/dev/null; then
        # Debian splits venv/ensurepip out of python3.
        local minor
        minor=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt_install "python${minor}-venv"
        "$python" -m venv "$VENV"
      else
        say "python venv support is missing; install it with: sudo apt-get install -y python3-venv"
        exit 1
      fi
    fi
  fi
  local key
  key=$(setup_key)
  if [ -x "$VENV/bin/curator" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$key" ]; then
    return 0
  fi
  say "installing curator-app with dev extras into .venv (pip install -e '.[dev]')"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$ROOT[dev]"
  printf '%s\n' "$key" >"$STAMP"
}

unpack_pyside_support() {
  # PySide6 compiles its support modules (signature parsing, the feature switch) from
  # source on every start, about 15 ms before the window shows, unless they are unpacked
  # beside shiboken6 (its own SBK_EMBED=0 switch): unpacked, they load from bytecode.
  compgen -G "$VENV/lib/python3*/site-packages/shiboken6/files.dir/shibokensupport" >/dev/null && return 0
  local dir
  dir=$(SBK_EMBED=0 "$VENV/bin/python" -c 'import pathlib, shiboken6; print(pathlib.Path(shiboken6.__file__).parent / "files.dir")')
  [ -d "$dir" ] && "$VENV/bin/python" -m compileall -q "$dir" >/dev/null
}

setup() {
  ensure_system_packages
  ensure_venv
  unpack_pyside_support
}

run_editor() {
  cd "$ROOT"
  if is_root; then
    # Chromium (QtWebEngine) will not start its sandbox as root.
    export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:-} --no-sandbox"
  fi
  local args=("$@")
  [ ${#args[@]} -gt 0 ] || args=("$ROOT/content")
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
    exec "$VENV/bin/curator" "${args[@]}"
  fi
  # Headless machine: a virtual X server keeps the real xcb code path.
  say "no DISPLAY: running under xvfb-run"
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$VENV/bin/curator" "${args[@]}"
}

run_tests() {
  cd "$ROOT"
  local status=0
  "$VENV/bin/python" -m pytest "$@" || status=$?
  # pytest exits 5 when it collected nothing: that is a broken suite, not a pass.
  if [ "$status" = 5 ]; then
    say "pytest collected no tests"
    return 5
  fi
  return "$status"
}

mode=${1:-}
[ $# -gt 0 ] && shift
case $mode in
  run) setup; run_editor "$@" ;;
  test) setup; run_tests "$@" ;;
  setup) setup; say "ready: $VENV/bin/curator" ;;
  *) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
