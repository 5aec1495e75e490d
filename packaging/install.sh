#!/usr/bin/env bash
# Install the unpacked bundle for the current user: ~/.local/opt/curator, a `curator`
# command in ~/.local/bin, the menu entry and icons. Run from the unpacked folder.
# The bundle uses the system's X11, GL, NSS, GTK and sound libraries; on Debian and Ubuntu
# the .deb pulls them in, here they are only checked.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix="${PREFIX:-$HOME/.local}"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share"
rm -rf "$prefix/opt/curator"
cp -a "$here/curator" "$prefix/opt/curator"
ln -sf "$prefix/opt/curator/curator" "$prefix/bin/curator"
cp -a "$here/share/." "$prefix/share/"
echo "Curator installed: run 'curator' or find it in the applications menu."
qt="$prefix/opt/curator/_internal/PySide6/Qt"
missing=$(ldd "$qt/lib/libQt6WebEngineCore.so.6" "$qt/plugins/platforms/libqxcb.so" 2>/dev/null |
  awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
if [ -n "$missing" ]; then
  echo "warning: system libraries missing: $missing" >&2
  echo "  (the Debian package lists them all in its Depends: dpkg-deb -f curator_*.deb Depends)" >&2
fi
