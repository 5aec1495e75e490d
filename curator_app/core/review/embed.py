"""Images of the report's cards, embedded once each.

The preview's card HTML names every image with a `curator-img:` URL. In the report each
unique image becomes one CSS class whose background is a downscaled `data:` URI, and every
`<img>` showing it gets that class over a 1-pixel stand-in: a picture used by seven cards
on both sides of fifty items is in the page once, not seven hundred times. A background
sized `cover` and centred crops exactly like the preview's `object-fit: cover`.

"Before" cards read their images through a `Reader` that takes them from the old revision
(the caller passes one reading git blobs), so a replaced picture shows as it was.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from curator_app.core.preview.locator import SCHEME, cache_name, placeholder_request, placeholder_svg

# Reads a file given by its path relative to the content folder; None when absent there.
Reader = Callable[[str], bytes | None]

MAX_WIDTH = 720  # CSS pixels: the widest card (the article) is 680 wide
_QUALITY = 80
_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\ssrc="([^"]*)"', re.IGNORECASE)
_CLASS = re.compile(r'\sclass="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Embedded:
    css_class: str
    width: int
    height: int


def working_tree_reader(content_root: Path) -> Reader:
    """Today's files, kept inside the content folder like the preview's scheme handler does."""
    from curator_app.core.preview.locator import contained_file

    def read(rel: str) -> bytes | None:
        found = contained_file(content_root, rel)
        try:
            return found.read_bytes() if found is not None else None
        except OSError:
            return None

    return read


class ImageEmbedder:
    """Turns `curator-img:` images into classes; `stylesheet()` defines every class once."""

    def __init__(self, remote_cache: Path | None = None, max_width: int = MAX_WIDTH) -> None:
        self.remote_cache = remote_cache
        self.max_width = max_width
        self._by_key: dict[str, Embedded] = {}
        self._rules: list[str] = []

    def __len__(self) -> int:
        return len(self._rules)

    def stylesheet(self) -> str:
        return "\n".join(self._rules)

    def html(self, fragment: str, read: Reader) -> str:
        """The fragment with every `curator-img:` image replaced by its embedded class."""
        return _IMG.sub(lambda m: self._img(m.group(0), read), fragment)

    def _img(self, tag: str, read: Reader) -> str:
        found = _SRC.search(tag)
        if found is None or not html.unescape(found.group(1)).startswith(SCHEME + ":"):
            return tag
        embedded = self._embed(html.unescape(found.group(1)), read)
        tag = tag[: found.start()] + f' src="{_PIXEL}"' + tag[found.end() :]
        klass = _CLASS.search(tag)
        names = f"ri {embedded.css_class}"
        if klass is not None:
            tag = tag[: klass.start()] + f' class="{names} {klass.group(1)}"' + tag[klass.end() :]
        else:
            tag = tag[:4] + f' class="{names}"' + tag[4:]
        # The stand-in is 1x1: the ratio keeps body images (height: auto) their real shape.
        ratio = f' style="aspect-ratio: {embedded.width} / {embedded.height}"'
        return tag[:4] + ratio + tag[4:] if " style=" not in tag else tag

    def _embed(self, url: str, read: Reader) -> Embedded:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        if parts.path.startswith("local/"):
            data = read(unquote(parts.path[len("local/") :]))
            if data is None:
                return self._placeholder(unquote(parts.path[len("local/") :]), "not in this revision", None)
            return self._picture(data)
        if parts.path == "remote":
            src = query.get("u", [""])[0]
            cached = self.remote_cache / cache_name(src) if self.remote_cache else None
            if cached is not None and cached.is_file():
                return self._picture(cached.read_bytes())
            return self._placeholder(src, "remote image not downloaded", None)
        return self._placeholder(*placeholder_request(query))

    def _placeholder(self, src: str, why: str, size: tuple[int, int] | None) -> Embedded:
        svg = placeholder_svg(src, why, size)
        w, h = size if size else (640, 360)
        return self._add("svg:" + hashlib.sha1(svg).hexdigest(), lambda: ("image/svg+xml", svg, w, h))

    def _picture(self, data: bytes) -> Embedded:
        return self._add("img:" + hashlib.sha1(data).hexdigest(), lambda: _downscaled(data, self.max_width))

    def _add(self, key: str, make: Callable[[], tuple[str, bytes, int, int]]) -> Embedded:
        hit = self._by_key.get(key)
        if hit is not None:
            return hit
        mime, data, width, height = make()
        hit = Embedded(f"ri-{len(self._by_key)}", width, height)
        self._by_key[key] = hit
        uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        self._rules.append(f'.{hit.css_class} {{ background-image: url("{uri}"); }}')
        return hit


def _downscaled(data: bytes, max_width: int) -> tuple[str, bytes, int, int]:
    """WebP no wider than the widest card, or the placeholder when Pillow cannot read it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            img.draft("RGB", (max_width, max_width * height // max(width, 1)))  # JPEG: decode small
            frame = img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        svg = placeholder_svg("", "not an image Curator can read", None)
        return "image/svg+xml", svg, 640, 360
    if frame.width > max_width:
        frame = frame.resize((max_width, max(1, round(frame.height * max_width / frame.width))), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    frame.save(out, "WEBP", quality=_QUALITY, method=4)
    return "image/webp", out.getvalue(), width, height
