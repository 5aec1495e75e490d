#!/usr/bin/env bash
# Install the unpacked bundle for the current user: ~/.local/opt/curator, a `curator`
# command in ~/.local/bin, the menu entry and icons. Run from the unpacked folder.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix="${PREFIX:-$HOME/.local}"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share"
rm -rf "$prefix/opt/curator"
cp -a "$here/curator" "$prefix/opt/curator"
ln -sf "$prefix/opt/curator/curator" "$prefix/bin/curator"
cp -a "$here/share/." "$prefix/share/"
echo "Curator installed: run 'curator' or find it in the applications menu."
