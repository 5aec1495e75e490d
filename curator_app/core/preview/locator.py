"""Where a card's images come from: every image becomes a `curator-img:` URL.

Images never appear in the preview with their own URL. `ImageLocator` maps each to a
local file inside the content folder, an allowed remote image, or a placeholder, and the
GUI's scheme handler serves that URL. Qt-free.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from curator_app.core.preview.addresses import is_public_host
from curator_app.core.preview.images import ImageReadError, probe

SCHEME = "curator-img"


@dataclass(frozen=True)
class ImageRef:
    kind: str  # "local" | "remote" | "refused" | "missing" | "none"
    src: str  # as written in the item
    path: Path | None = None  # resolved file for "local"
    reason: str = ""  # why "refused"/"missing"

    @property
    def remote_url(self) -> str | None:
        return self.src if self.kind == "remote" else None


def contained_file(root: Path, relative: str) -> Path | None:
    """The real file `relative` names inside `root`, or None if it escapes or is absent.

    Resolving follows symlinks, so a link inside the folder pointing outside is refused too.
    """
    try:
        base = root.resolve(strict=True)
        target = (base / relative.lstrip("/")).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target


class ImageLocator:
    """Resolves image references for one item; `remote_cache` is where fetched images live."""

    def __init__(
        self,
        content_root: Path | None,
        doc_dir: Path | None = None,
        remote_cache: Path | None = None,
    ) -> None:
        self.content_root = content_root
        self.doc_dir = doc_dir
        self.remote_cache = remote_cache
        self._sizes: dict[tuple[str, float], tuple[int, int] | None] = {}
        self._located: dict[str, ImageRef] = {}

    def locate_file(self, path: Path, src: str) -> ImageRef:
        """A file the meta resolver already found (og:image made absolute from a local file)."""
        if self.content_root is None:
            return ImageRef("missing", src, reason="no content folder")
        real = path.resolve()
        if real.is_relative_to(self.content_root.resolve()) and real.is_file():
            return ImageRef("local", src, path=real)
        return ImageRef("refused", src, reason="outside the content folder")

    def cached_size(self, ref: ImageRef) -> tuple[int, int] | None:
        """Size of a remote image already fetched into the cache (after the user allowed it)."""
        if ref.kind != "remote" or self.remote_cache is None:
            return None
        cached = self.remote_cache / cache_name(ref.src)
        return self.size(ImageRef("local", ref.src, path=cached)) if cached.is_file() else None

    def locate(self, src: str | None) -> ImageRef:
        key = src or ""
        if key not in self._located:
            self._located[key] = self._locate(src)
        return self._located[key]

    def _locate(self, src: str | None) -> ImageRef:
        if not src or not src.strip():
            return ImageRef("none", "")
        src = src.strip()
        parts = urlsplit(src)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            if not is_public_host(parts.hostname or ""):
                return ImageRef("refused", src, reason="a local-network address")
            return ImageRef("remote", src)
        if scheme or src.startswith("//"):
            return ImageRef("refused", src, reason=f"{scheme or 'network'} URLs are not loaded")
        if self.content_root is None:
            return ImageRef("missing", src, reason="no content folder")
        rel = unquote(parts.path)
        candidates: list[Path] = []
        if not rel.startswith("/") and self.doc_dir is not None:
            candidates.append(self.doc_dir / rel)
        candidates += [
            self.content_root / rel.lstrip("/"),
            self.content_root / "static" / rel.lstrip("/"),
        ]
        root = self.content_root.resolve()
        escaped = False
        for cand in candidates:
            try:
                real = cand.resolve()
            except (OSError, RuntimeError):
                continue
            if not real.is_relative_to(root):
                escaped = escaped or real.exists()
                continue
            if real.is_file():
                return ImageRef("local", src, path=real)
        if escaped or ".." in Path(rel).parts:
            return ImageRef("refused", src, reason="outside the content folder")
        return ImageRef("missing", src, reason="file not found")

    def size(self, ref: ImageRef) -> tuple[int, int] | None:
        """Pixel size of a local image (header only), cached by path and mtime."""
        if ref.kind != "local" or ref.path is None:
            return None
        try:
            key = (str(ref.path), ref.path.stat().st_mtime)
        except OSError:
            return None
        if key not in self._sizes:
            self._sizes[key] = _read_size(ref.path)
        return self._sizes[key]

    def url(self, ref: ImageRef, allow_remote: bool, expected: tuple[int, int] | None = None) -> str:
        """The URL the preview page uses for this image (a placeholder when not loadable)."""
        if ref.kind == "local" and ref.path is not None and self.content_root is not None:
            rel = ref.path.relative_to(self.content_root.resolve()).as_posix()
            return f"{SCHEME}:local/{quote(rel)}"
        if ref.kind == "remote" and allow_remote:
            return f"{SCHEME}:remote?u={quote(ref.src, safe='')}"
        why = {
            "remote": "remote images are off",
            "none": "no image",
        }.get(ref.kind, ref.reason)
        return placeholder_url(ref.src, why, expected)


def placeholder_url(src: str, why: str, expected: tuple[int, int] | None) -> str:
    size = f"&w={expected[0]}&h={expected[1]}" if expected else ""
    return f"{SCHEME}:placeholder?u={quote(src, safe='')}&why={quote(why, safe='')}{size}"


def placeholder_request(query: dict[str, list[str]]) -> tuple[str, str, tuple[int, int] | None]:
    """The source, reason and expected size a placeholder URL's parsed query asks for."""
    size = None
    if query.get("w") and query.get("h"):
        try:
            size = (int(query["w"][0]), int(query["h"][0]))
        except ValueError:
            size = None
    return query.get("u", [""])[0], query.get("why", ["not loaded"])[0], size


def placeholder_svg(src: str, why: str, expected: tuple[int, int] | None) -> bytes:
    """An inert SVG box naming the image that was not loaded and its expected size."""
    w, h = expected if expected else (640, 360)
    w, h = max(min(w, 4096), 40), max(min(h, 4096), 30)
    label = f"{w}×{h}" if expected else "size unknown"
    text = src if len(src) <= 80 else src[:77] + "…"
    fs = max(10, min(w, h) // 18)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
        f'<rect width="100%" height="100%" fill="#e8ebef" stroke="#9aa4b1" stroke-width="2" '
        f'stroke-dasharray="8 6"/>'
        f'<text x="50%" y="42%" font-family="sans-serif" font-size="{fs * 1.3:.0f}" fill="#4a5563" '
        f'text-anchor="middle">{html.escape(why)} · {label}</text>'
        f'<text x="50%" y="58%" font-family="monospace" font-size="{fs}" fill="#6b7684" '
        f'text-anchor="middle">{html.escape(text)}</text></svg>'
    )
    return svg.encode("utf-8")


def cache_name(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _read_size(path: Path) -> tuple[int, int] | None:
    try:
        info = probe(path)
    except (ImageReadError, OSError):  # unreadable is simply "size unknown"
        return None
    return (info.width, info.height) if info.width and info.height else None
