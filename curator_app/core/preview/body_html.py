"""What the rich body editor can represent of an HTML body, and how the body spells things.

The rich view (a QTextDocument) only knows a small semantic subset of HTML. Anything else
(tables, iframes, scripts, custom tags, class/style attributes, comments, Hugo shortcodes)
would be lost on a round trip, so such a body is edited in source mode only; ``analyse``
lists the reasons. ``BodyStyle`` records how the body writes what the rich view does
represent (``<b>`` or ``<strong>``, separators between blocks, the raw spelling of each
attribute value and character reference) so a serializer can give back the same bytes
for the parts the user did not touch.

Qt-free on purpose: the CLI and lint may ask whether a body is rich-editable.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote"})
INLINE_TAGS = frozenset({"strong", "b", "em", "i", "a", "br", "img"})
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt"}),
}
VOID_TAGS = frozenset({"br", "img"})
_SHORTCODE = re.compile(r"\{\{[<%]")
MARKDOWN_REASON = "text outside any HTML element (Markdown or plain text)"
_ATTR_RAW = re.compile(r"""([^\s"'>/=]+)\s*=\s*"([^"]*)\"""")


@dataclass
class BodyStyle:
    """How a body spells the things the serializer writes."""

    bold_tag: str = "strong"
    italic_tag: str = "em"
    br: str = "<br>"
    img_close: str = ">"
    block_sep: str = ""  # text between block elements ("" compact, "\n" one per line)
    prefix: str = ""  # whitespace before the first element
    suffix: str = ""  # whitespace after the last one
    # (attribute, decoded value) -> the value exactly as written between double quotes
    raw_attrs: dict[tuple[str, str], str] = field(default_factory=dict)
    # character -> the reference the body used for it ("\u00a0" -> "&nbsp;")
    char_refs: dict[str, str] = field(default_factory=dict)

    def attr(self, name: str, value: str) -> str:
        raw = self.raw_attrs.get((name, value))
        if raw is None:
            raw = html.escape(value, quote=True).replace("&#x27;", "'")
        return f'{name}="{raw}"'

    def text(self, value: str) -> str:
        out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for char, ref in self.char_refs.items():
            if char in out:
                out = out.replace(char, ref)
        return out


@dataclass
class BodyAnalysis:
    rich_ok: bool
    reasons: list[str]
    style: BodyStyle
    # Things the rich view represents but writes in its own way once the body is edited.
    normalizes: list[str]
    markup: str = "html"  # "markdown" when the body is Markdown rather than HTML


# Markdown's block and inline marks, looked for only when the body has no HTML blocks.
_MARKDOWN = re.compile(
    r"^(?:#{1,6}\s|[-*+]\s|\d+\.\s|>\s?|```|~~~|\|.*\|\s*$)|\[[^\]]+\]\([^)]+\)|\*\*[^*\n]+\*\*|`[^`\n]+`",
    re.MULTILINE,
)


def is_markdown(body: str, tags: Counter[str] | None = None) -> bool:
    """A body without HTML blocks that uses Markdown syntax (Hugo renders .md bodies as Markdown)."""
    if tags is None:
        scanner = _Scanner()
        scanner.feed(body)
        scanner.close()
        tags = scanner.tags
    return not any(tags[t] for t in BLOCK_TAGS) and bool(_MARKDOWN.search(body))


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.reasons: dict[str, None] = {}  # ordered set
        self.normal: dict[str, None] = {}
        self.style = BodyStyle()
        self.tags: Counter[str] = Counter()
        self.seps: Counter[str] = Counter()
        self.depth = 0
        self._last_was_tag = False

    def _reason(self, text: str) -> None:
        self.reasons[text] = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag not in BLOCK_TAGS and tag not in INLINE_TAGS:
            self._reason(f"<{tag}> element")
        allowed = ALLOWED_ATTRS.get(tag, frozenset())
        for name, _value in attrs:
            if name not in allowed:
                self._reason(f'{name}="…" attribute on <{tag}>')
        raw = self.get_starttag_text() or ""
        for name, value in _ATTR_RAW.findall(raw):
            self.style.raw_attrs[(name.lower(), html.unescape(value))] = value
        if tag == "br":
            self.style.br = raw
        elif tag == "img":
            self.style.img_close = " />" if raw.endswith("/>") and raw.endswith(" />") else (
                "/>" if raw.endswith("/>") else ">"
            )
        if tag not in VOID_TAGS:
            self.depth += 1
        self._last_was_tag = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.depth = max(0, self.depth - 1)
        self._last_was_tag = True

    def handle_data(self, data: str) -> None:
        if not data.strip():
            # Whitespace with a line break sits between elements (a space may be content).
            if "\n" in data:
                self.seps[data] += 1
            return
        if self.depth == 0:
            self._reason(MARKDOWN_REASON)
        if re.search(r"\s{2,}|[\t\n\r]", data):
            self.normal["runs of spaces or line breaks inside text are shown as one space"] = None

    def handle_entityref(self, name: str) -> None:
        char = html.unescape(f"&{name};")
        if char != f"&{name};" and name not in ("amp", "lt", "gt"):
            self.style.char_refs[char] = f"&{name};"
        self.handle_data(char if char.strip() else "x")

    def handle_charref(self, name: str) -> None:
        char = html.unescape(f"&#{name};")
        self.style.char_refs[char] = f"&#{name};"
        self.handle_data("x")

    def handle_comment(self, data: str) -> None:
        self._reason("HTML comment")

    def handle_decl(self, decl: str) -> None:
        self._reason(f"<!{decl.split()[0] if decl.split() else decl}> declaration")

    def handle_pi(self, data: str) -> None:
        self._reason("processing instruction")

    def unknown_decl(self, data: str) -> None:
        self._reason("CDATA or unknown declaration")


def analyse(body: str) -> BodyAnalysis:
    """Whether the rich view can edit ``body`` without losing anything, and why not."""
    core = body.strip()
    scanner = _Scanner()
    if _SHORTCODE.search(core):  # on the raw text: the parser splits "{{<" apart
        scanner._reason("Hugo shortcode {{< >}}")
    scanner.feed(core)
    scanner.close()
    style = scanner.style
    style.prefix = body[: len(body) - len(body.lstrip())]
    style.suffix = body[len(body.rstrip()) :]
    if scanner.seps:
        style.block_sep = scanner.seps.most_common(1)[0][0]
    tags = scanner.tags
    if tags["b"] > tags["strong"]:
        style.bold_tag = "b"
    if tags["i"] > tags["em"]:
        style.italic_tag = "i"
    if tags["b"] and tags["strong"]:
        scanner.normal["<b> and <strong> are both written as one of them"] = None
    if tags["i"] and tags["em"]:
        scanner.normal["<i> and <em> are both written as one of them"] = None
    if len(scanner.seps) > 1:
        scanner.normal["whitespace between elements is made uniform"] = None
    markdown = is_markdown(core, tags)
    if markdown:
        scanner._reason("Markdown")  # the rich view edits HTML; Markdown stays text
    reasons = list(scanner.reasons)
    return BodyAnalysis(not reasons, reasons, style, list(scanner.normal), "markdown" if markdown else "html")
