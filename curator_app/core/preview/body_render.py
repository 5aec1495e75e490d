"""Item body → display HTML: Markdown with raw HTML (as Hugo's goldmark, unsafe=true), sanitized.

Hugo publishes raw HTML as is, so the site shows whatever the body holds; the preview must
show the same structure without letting the item run code, read files or reach the network.
markdown-it-py renders; nh3 then keeps only inert tags and attributes, and every image
source is handed to a resolver so the caller decides where images may come from.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from curator_app.core.preview.markdown_body import SHORTCODE_CLASS, label_shortcodes

# Maps an <img src> as written in the item to the URL the preview may load, or None to drop it.
ImageResolver = Callable[[str], str | None]

# The only schemes a displayed link or image may use; the preview's own image scheme is added
# by the caller through the resolver (it is what resolvers return).
PREVIEW_SCHEME = "curator-img"
_LINK_SCHEMES = {"http", "https", "mailto"}
# The preview's bounds (see render_body). Real bodies are a few KB and nest < 20 deep.
MAX_PREVIEW_CHARS = 200_000
MAX_PREVIEW_DEPTH = 200
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
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
        if attr == "class":  # only the preview's own shortcode boxes keep a class
            return value if value == SHORTCODE_CLASS else None
        return value

    attributes = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag in ("div", "span"):
        attributes.setdefault(tag, set()).add("class")
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
    """Markdown/HTML body → sanitized HTML for the preview (shortcodes as labelled boxes), bounded: a body past
    MAX_PREVIEW_CHARS is cut, and markup nested past MAX_PREVIEW_DEPTH (where sanitizing
    grows with the square of the depth) is shown as its text only. Each says so."""
    notes: list[str] = []
    if len(body) > MAX_PREVIEW_CHARS:
        notes.append(f"The preview shows the first {MAX_PREVIEW_CHARS:,} of {len(body):,} characters of the body.")
        body = body[:MAX_PREVIEW_CHARS]
    rendered = markdown_to_html(label_shortcodes(body))
    depth = nesting_depth(rendered)
    if depth > MAX_PREVIEW_DEPTH:
        notes.append(
            f"The body's markup nests {depth:,} elements deep; the preview shows its text only "
            f"(it renders markup up to {MAX_PREVIEW_DEPTH} deep)."
        )
        out = "<p>" + _html.escape(_text_only(rendered)) + "</p>"
    else:
        out = sanitize(rendered, resolve_image)
    if notes:
        out = "".join(f'<p class="curator-notice"><em>{_html.escape(n)}</em></p>' for n in notes) + out
    return out


def _text_only(markup: str) -> str:
    """The readable text of markup in one pass: tags dropped, script/style content too."""
    parts: list[str] = []
    pos, skipping = 0, ""
    for m in _TAG.finditer(markup):
        if not skipping:
            parts.append(markup[pos : m.start()])
        name = m.group(2).lower()
        if not skipping and not m.group(1) and name in _DROP_WITH_CONTENT:
            skipping = name
        elif skipping == name and m.group(1):
            skipping = ""
        pos = m.end()
    if not skipping:
        parts.append(markup[pos:])
    return " ".join(_html.unescape(" ".join(parts)).split())


def nesting_depth(markup: str) -> int:
    """How deep elements nest, from the tags alone (linear; void and self-closed tags and
    unmatched end tags do not count)."""
    depth = best = 0
    for m in _TAG.finditer(markup):
        closing, name, self_closed = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif not self_closed and name not in _VOID:
            depth += 1
            best = max(best, depth)
    return best


def _is_web_link(value: str) -> bool:
    # Relative links and fragments stay (they are inert text until clicked, and the preview
    # never navigates); anything with a scheme must be a web or mail link.
    head = value.strip().split("/", 1)[0]
    if ":" not in head:
        return True
    scheme = head.split(":", 1)[0].lower()
    return scheme in _LINK_SCHEMES
