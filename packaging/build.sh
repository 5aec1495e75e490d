#!/usr/bin/env bash
# Build the one-folder bundle and, on Linux, the .tar.gz with a .desktop entry and icons.
#   bash packaging/build.sh            -> dist/curator/ and dist/curator-<version>-linux-<arch>.tar.gz
#   bash packaging/build.sh deb        -> the same, plus dist/curator_<version>-<revision>_<arch>.deb
#                                         (packaging/deb.sh alone repackages an existing bundle)
# The same spec builds on Windows and macOS: `.venv\Scripts\pyinstaller packaging\curator.spec`
# (Windows) or `.venv/bin/pyinstaller packaging/curator.spec` (macOS); not testable here.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY="${PYTHON_BIN:-$ROOT/.venv/bin/python}"
DIST="${DIST_DIR:-$ROOT/dist}"
WORK="${WORK_DIR:-$ROOT/build/pyinstaller}"
cd "$ROOT"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level ERROR --distpath "$DIST" --workpath "$WORK" packaging/curator.spec
if [ "$(uname -s)" = Linux ]; then
  # Symbol tables and debug info are dead weight at run time (about 35 MB: the interpreter's
  # libpython and stdlib extensions, pygit2's OpenSSL and libgit2, ICU). The executable is
  # never touched: its Python archive is appended after the ELF image.
  while IFS= read -r -d '' f; do
    if readelf -S -W "$f" 2>/dev/null | grep -qE '\.(symtab|debug_info) '; then
      strip --strip-unneeded "$f"
    fi
  done < <(find "$DIST/curator/_internal" -type f -name '*.so*' -print0)
fi
version=$("$DIST/curator/curator" --version | awk '{print $2}')
if [ "$(uname -s)" = Linux ]; then
  stage=$(mktemp -d)
  name="curator-$version-linux-$(uname -m)"
  mkdir -p "$stage/$name/share/applications"
  cp -a "$DIST/curator" "$stage/$name/curator"
  cp packaging/curator.desktop "$stage/$name/share/applications/"
  for size in 16 32 48 64 128 256 512; do
    mkdir -p "$stage/$name/share/icons/hicolor/${size}x${size}/apps"
    cp "resources/icons/curator-$size.png" "$stage/$name/share/icons/hicolor/${size}x${size}/apps/curator.png"
  done
  mkdir -p "$stage/$name/share/icons/hicolor/scalable/apps"
  cp resources/icons/curator.svg "$stage/$name/share/icons/hicolor/scalable/apps/curator.svg"
  cp packaging/install.sh "$stage/$name/"
  tar -C "$stage" -czf "$DIST/$name.tar.gz" "$name"
  rm -rf "$stage"
  echo "built $DIST/$name.tar.gz ($(du -sh "$DIST/$name.tar.gz" | cut -f1))"
fi
echo "bundle $DIST/curator: $(du -sh "$DIST/curator" | cut -f1), built in $(( $(date +%s) - start )) s"
if [ "${1:-}" = deb ]; then
  DIST_DIR="$DIST" bash "$ROOT/packaging/deb.sh"
fi
