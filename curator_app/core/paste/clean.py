"""What a paste becomes.

Rich HTML keeps structure (paragraphs, headings, lists, links, bold/italic, blockquotes,
images as <img src alt>) and loses styles, classes, spans, tracking attributes and
parameters, comments and scripts. The sanitising itself is nh3's (ammonia); the pre-pass
here only turns what office suites express with styles into tags: Google Docs marks bold
as <span style="font-weight:700"> inside a fake <b id="docs-internal-guid-…">, Word sends
<p class=MsoNormal> with <o:p> fillers.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import nh3

from curator_app.core.preview.body_html import ALLOWED_ATTRS, BLOCK_TAGS, INLINE_TAGS

_DROP_WITH_CONTENT = {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg"}
_AS_PARAGRAPH = {"div", "section", "article", "tr", "header", "footer", "figure", "figcaption"}
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|ref_src)$", re.I)
_EMPTY_BLOCK = re.compile(r"<(p|h[1-6]|li|blockquote)>(?:\s|&nbsp;|\u00a0|<br>)*</\1>")
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)


class _StyleToTags(HTMLParser):
    """Rewrites styled spans as <strong>/<em> and block containers as <p>; leaves the rest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._closers: list[list[str]] = []  # per open span/b: the closing tags to emit
        self._word_list = False  # inside a run of Word list paragraphs (emitted as <ul>)
        self._p_is_li: list[bool] = []  # per open <p>: written as <li>
        self._skip_bullet = False  # inside Word's <![if !supportLists]> bullet text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("span", "b") and (tag == "span" or a.get("id", "").startswith("docs-internal-guid")):
            style = a.get("style", "")
            opened = []
            if tag == "span" and _BOLD.search(style):
                opened.append("strong")
            if tag == "span" and _ITALIC.search(style):
                opened.append("em")
            self.out.extend(f"<{t}>" for t in opened)
            self._closers.append([f"</{t}>" for t in reversed(opened)])
            return
        if tag in ("span", "b"):
            self._closers.append(["</strong>"])
            self.out.append("<strong>")
            return
        if tag in _AS_PARAGRAPH:
            tag = "p"
        if tag == "p":
            # Word writes list items as paragraphs styled mso-list with a typed bullet.
            is_li = "mso-list" in a.get("style", "")
            self._p_is_li.append(is_li)
            if is_li:
                if not self._word_list:
                    self.out.append("<ul>")
                    self._word_list = True
                self.out.append("<li>")
                return
        if self._word_list and tag in BLOCK_TAGS:
            self.out.append("</ul>")
            self._word_list = False
        rebuilt = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs if v is not None)
        self.out.append(f"<{tag}{rebuilt}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("span", "b"):
            self.out.extend(self._closers.pop() if self._closers else [])
            return
        tag = "p" if tag in _AS_PARAGRAPH else tag
        if tag == "p" and self._p_is_li and self._p_is_li.pop():
            self.out.append("</li>")
            return
        self.out.append(f"</{tag}>")

    def close(self) -> None:
        super().close()
        if self._word_list:
            self.out.append("</ul>")

    def unknown_decl(self, data: str) -> None:
        if data.lower().startswith("if !supportlists"):
            self._skip_bullet = True
        elif data.lower().startswith("endif"):
            self._skip_bullet = False

    def handle_data(self, data: str) -> None:
        if not self._skip_bullet:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self._skip_bullet:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skip_bullet:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # Word's conditional comments, fragment markers: never content


def strip_tracking(url: str) -> str:
    """The URL without analytics parameters (utm_*, fbclid, gclid, …)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href":
        return strip_tracking(value)
    return value


def clean_pasted_html(fragment: str) -> str:
    """Pasted HTML as the body's semantic subset."""
    pre = _StyleToTags()
    pre.feed(fragment)
    pre.close()
    cleaned = nh3.clean(
        "".join(pre.out),
        tags=set(BLOCK_TAGS | INLINE_TAGS),
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRS.items()},
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
    )
    cleaned = cleaned.replace("<b>", "<strong>").replace("</b>", "</strong>")
    cleaned = cleaned.replace("<i>", "<em>").replace("</i>", "</em>")
    cleaned = re.sub(r"<strong>(\s*)</strong>|<em>(\s*)</em>", r"\1\2", cleaned)
    previous = None
    while previous != cleaned:  # nested empties: <li><p></p></li>
        previous, cleaned = cleaned, _EMPTY_BLOCK.sub("", cleaned)
    return re.sub(r"\s*\n\s*", "\n", cleaned).strip()


# --- single-line fields --------------------------------------------------------------------

_CURLY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def quote_style(texts: list[str]) -> str:
    """'curly' when the file's text uses typographic quotes more than straight ones."""
    curly = sum(t.count(c) for t in texts for c in _CURLY)
    straight = sum(t.count("'") + t.count('"') for t in texts)
    return "curly" if curly > straight else "straight"


def _curl(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        opening = before.isspace() or before in "([{\u2014-"
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
        elif ch == "'":
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def clean_pasted_line(text: str, style: str = "straight") -> str:
    """Text for a one-line field: one line, single spaces, quotes in the file's style."""
    line = " ".join(text.replace("\u00a0", " ").split())
    if style == "curly":
        return _curl(line)
    return "".join(_CURLY.get(ch, ch) for ch in line)
