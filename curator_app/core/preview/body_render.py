"""Item body → display HTML: Markdown with raw HTML (as Hugo's goldmark, unsafe=true), sanitized.

Hugo publishes raw HTML as is, so the site shows whatever the body holds; the preview must
show the same structure without letting the item run code, read files or reach the network.
markdown-it-py renders; nh3 then keeps only inert tags and attributes, and every image
source is handed to a resolver so the caller decides where images may come from.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

# Maps an <img src> as written in the item to the URL the preview may load, or None to drop it.
ImageResolver = Callable[[str], str | None]

# The only schemes a displayed link or image may use; the preview's own image scheme is added
# by the caller through the resolver (it is what resolvers return).
PREVIEW_SCHEME = "curator-img"
_LINK_SCHEMES = {"http", "https", "mailto"}
# Elements dropped with their content: their text is code or chrome, never reading matter.
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # "commonmark" + html=True passes raw HTML blocks and inline tags through, like goldmark
    # with unsafe=true; tables and strikethrough match goldmark's GFM defaults in Hugo.
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(["table", "strikethrough"])


def markdown_to_html(body: str) -> str:
    """Render the body as Hugo would publish it (not yet safe to display)."""
    return _markdown().render(body)


def sanitize(html: str, resolve_image: ImageResolver | None = None) -> str:
    """Keep only inert markup: no scripts, handlers, frames, styles or non-web links."""

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            return resolve_image(value) if resolve_image else None
        if tag in ("a", "area") and attr == "href":
            return value if _is_web_link(value) else None
        return value

    attributes = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    return nh3.clean(
        html,
        tags=set(nh3.ALLOWED_TAGS) - {"map", "area"},
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=attributes,
        attribute_filter=attribute_filter,
        url_schemes=_LINK_SCHEMES | {PREVIEW_SCHEME},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_body(body: str, resolve_image: ImageResolver | None = None) -> str:
    """Markdown/HTML body → sanitized HTML for the preview."""
    return sanitize(markdown_to_html(body), resolve_image)


def _is_web_link(value: str) -> bool:
    # Relative links and fragments stay (they are inert text until clicked, and the preview
    # never navigates); anything with a scheme must be a web or mail link.
    head = value.strip().split("/", 1)[0]
    if ":" not in head:
        return True
    scheme = head.split(":", 1)[0].lower()
    return scheme in _LINK_SCHEMES
