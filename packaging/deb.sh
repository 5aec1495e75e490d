#!/usr/bin/env bash
# Package an already built bundle (dist/curator/, from packaging/build.sh) as a Debian package:
#   bash packaging/deb.sh   -> dist/curator_<version>-<revision>_<arch>.deb
# The bundle goes under /opt/curator, `curator` on PATH through /usr/bin, the menu entry in
# /usr/share/applications and the icons in the hicolor theme. Depends: lists the Debian
# packages that provide every shared library the bundle links to but does not carry (the
# spec leaves system libraries out so that they get the distribution's security updates).
#
# Everything the user owns (settings, recovery copies, caches, the Documents/Curator
# workspace) lives in their home, which neither dpkg nor the one maintainer script touches,
# so upgrades and removal keep it. The icon cache and menu are refreshed by the dpkg
# triggers of gtk-update-icon-cache and desktop-file-utils where those are installed.
#
# Environment: DIST_DIR (default dist/), DEB_REVISION (default 1; raise it to rebuild the
# same version as an upgrade), DEB_COMPRESSION (default zstd: at level 9 it builds faster
# than gzip and is a sixth smaller; dpkg reads it from Debian 12 and Ubuntu 21.10 on; xz is
# a tenth smaller again but takes several minutes here).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST="${DIST_DIR:-$ROOT/dist}"
bundle="$DIST/curator"
revision="${DEB_REVISION:-1}"

say() { printf 'deb.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ -x "$bundle/curator" ] || die "no bundle at $bundle; run packaging/build.sh first"
command -v dpkg-architecture >/dev/null || die "dpkg-architecture not found (Debian's dpkg-dev package)"

version=$(env -i PATH=/usr/bin:/bin "$bundle/curator" --version | awk '{print $2}')
[ -n "$version" ] || die "could not read the version from $bundle/curator --version"
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

system_dependencies() {
  # Sonames the bundle's ELF files need that the bundle does not carry, mapped to the
  # installed packages that ship them.
  local needed bundled missing=()
  needed=$(find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -exec readelf -d {} + 2>/dev/null |
    sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | sort -u)
  bundled=$(find "$bundle" \( -type f -o -type l \) -name '*.so*' -printf '%f\n' | sort -u)
  mapfile -t missing < <(comm -23 <(printf '%s\n' "$needed") <(printf '%s\n' "$bundled"))
  [ ${#missing[@]} -gt 0 ] || return 0
  # Exact paths are quick to look up (patterns make dpkg scan every file list): each
  # soname where Debian puts libraries for this architecture, the loader in /lib64.
  local candidates=() so
  for so in "${missing[@]}"; do
    candidates+=("/usr/lib/$multiarch/$so" "/lib/$multiarch/$so" "/lib64/$so")
  done
  local owners pkg
  owners=$(dpkg -S "${candidates[@]}" 2>/dev/null || true)
  for so in "${missing[@]}"; do
    pkg=$(awk -v so="$so" '{ n = split($NF, parts, "/"); if (parts[n] == so) { sub(/:.*/, "", $1); print $1; exit } }' <<<"$owners")
    # The build machine must have every library installed (PyInstaller needs them too).
    [ -n "$pkg" ] || die "no installed Debian package ships $so (needed by the bundle); install it and rebuild"
    printf '%s\n' "$pkg"
  done | sort -u
}

# Staged beside the bundle so that its 350 MB are hard links rather than copies.
stage=$(mktemp -d "$DIST/.deb-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/doc/curator"
cp -al "$bundle" "$stage/opt/curator" 2>/dev/null || cp -a "$bundle" "$stage/opt/curator"
# The bootloader finds its _internal folder through /proc/self/exe, so a symlink works.
ln -s /opt/curator/curator "$stage/usr/bin/curator"
cp "$ROOT/packaging/curator.desktop" "$stage/usr/share/applications/curator.desktop"
for size in 16 32 48 64 128 256 512; do
  install -D -m 0644 "$ROOT/resources/icons/curator-$size.png" \
    "$stage/usr/share/icons/hicolor/${size}x${size}/apps/curator.png"
done
install -D -m 0644 "$ROOT/resources/icons/curator.svg" "$stage/usr/share/icons/hicolor/scalable/apps/curator.svg"
printf 'Curator %s, packaged from the PyInstaller bundle.\nLicense: proprietary.\n' "$version" \
  >"$stage/usr/share/doc/curator/copyright"
chmod -R u=rwX,go=rX "$stage"

deps=$(system_dependencies)  # a plain assignment, so that its failure stops the build
# The spell checker's pyenchant opens libenchant with ctypes, so no ELF file names it; it
# also wants an English dictionary (without one the editor says so and carries on).
deps=$(printf '%s\nlibenchant-2-2\n' "$deps" | sort -u)
recommends="hunspell-en-gb | hunspell-en-us"
depends=$(paste -sd, <<<"$deps" | sed 's/,/, /g')
installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)

cat >"$stage/DEBIAN/control" <<EOF
Package: curator
Version: $version-$revision
Architecture: $arch
Maintainer: Curator maintainers <curator@localhost>
Installed-Size: $installed_kb
Depends: $depends
Recommends: $recommends
Section: editors
Priority: optional
Description: editor for curated news items of a Hugo site
 Curator edits the Markdown and front matter of curated-content items offline,
 saving back byte for byte except what was changed, and previews each item as a
 site card, an article page and the social cards of X, Facebook, LinkedIn and
 Slack. It includes its own Python and Qt (QtWebEngine) under /opt/curator.
EOF

# QtWebEngine, run as root, leaves empty folders inside the bundle (resources/locales);
# dpkg cannot remove a folder that holds anything it did not install. Only empty folders
# under /opt/curator go; a file someone put there stays, and so does its folder.
cat >"$stage/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  if [ -d /opt/curator ]; then
    find /opt/curator -depth -type d -empty -delete 2>/dev/null || true
  fi
fi
SCRIPT
chmod 0755 "$stage/DEBIAN/postrm"

out="$DIST/curator_${version}-${revision}_${arch}.deb"
compression=${DEB_COMPRESSION:-zstd}
level=()
[ "$compression" = zstd ] && level=(-z9)
dpkg-deb --root-owner-group -Z"$compression" "${level[@]}" --build "$stage" "$out" >/dev/null
echo "built $out ($(du -h "$out" | cut -f1); installs $((installed_kb / 1024)) MB; $(wc -l <<<"$deps") dependencies)"
