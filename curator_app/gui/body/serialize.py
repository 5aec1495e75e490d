"""QTextDocument -> clean semantic HTML in the body's own compact style.

Qt's toHtml() writes a full page with style= attributes; this walks the blocks and
fragments instead and writes only p, br, strong/em, a, h1-h6, ul/ol/li, blockquote and
img, spelled the way the original body spelled them (see core.body_html.BodyStyle), so a
body loaded and written back without an edit is the same string.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextFormat, QTextImageFormat, QTextListFormat

from curator_app.core.preview.body_html import BodyStyle

LINE_SEPARATOR = "\u2028"  # what Qt stores for <br>
OBJECT_CHAR = "\ufffc"  # placeholder character of an inline image
BLOCKQUOTE = QTextFormat.Property.BlockQuoteLevel

_ORDERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def _inline(block: QTextBlock, style: BodyStyle, heading: bool) -> str:
    out: list[str] = []
    open_tags: list[tuple[str, ...]] = []  # outermost first: ("a", href, title), ("b",), ("i",)
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        it += 1
        if not frag.isValid():
            continue
        fmt = frag.charFormat()
        want: list[tuple[str, ...]] = []
        if fmt.isAnchor() and fmt.anchorHref():
            want.append(("a", fmt.anchorHref(), fmt.toolTip()))
        # Qt makes heading text bold for display; that is not <strong>.
        if not heading and fmt.fontWeight() >= QFont.Weight.DemiBold:
            want.append(("b",))
        if fmt.fontItalic():
            want.append(("i",))
        keep = 0
        while keep < min(len(want), len(open_tags)) and want[keep] == open_tags[keep]:
            keep += 1
        for tag in reversed(open_tags[keep:]):
            out.append(_close(tag, style))
        for tag in want[keep:]:
            out.append(_open(tag, style))
        open_tags = want
        text = frag.text()
        if fmt.isImageFormat():
            img = fmt.toImageFormat()
            out.extend(_image(img, style) for _ in text)
            continue
        out.append(LINE_SEPARATOR.join(style.text(part) for part in text.split(LINE_SEPARATOR)).replace(
            LINE_SEPARATOR, style.br
        ))
    for tag in reversed(open_tags):
        out.append(_close(tag, style))
    return "".join(out)


def _open(tag: tuple[str, ...], style: BodyStyle) -> str:
    if tag[0] == "a":
        attrs = style.attr("href", tag[1])
        if tag[2]:
            attrs += " " + style.attr("title", tag[2])
        return f"<a {attrs}>"
    return f"<{style.bold_tag if tag[0] == 'b' else style.italic_tag}>"


def _close(tag: tuple[str, ...], style: BodyStyle) -> str:
    if tag[0] == "a":
        return "</a>"
    return f"</{style.bold_tag if tag[0] == 'b' else style.italic_tag}>"


def _image(img: QTextImageFormat, style: BodyStyle) -> str:
    attrs = style.attr("src", img.name())
    alt = img.property(QTextFormat.Property.ImageAltText)
    if isinstance(alt, str):
        attrs += " " + style.attr("alt", alt)
    return f"<img {attrs}{style.img_close}"


def _is_quote(block: QTextBlock, previous_in_quote: bool) -> bool:
    # Qt marks only the first block of a <blockquote> with the level; the others keep
    # its margins.
    fmt = block.blockFormat()
    if fmt.property(BLOCKQUOTE):
        return True
    return previous_in_quote and fmt.leftMargin() > 0 and fmt.rightMargin() > 0


def to_html(doc: QTextDocument, style: BodyStyle) -> str:
    """The document as body HTML (without the body's leading/trailing whitespace)."""
    sep = style.block_sep
    parts: list[str] = []
    lists: list[tuple[int, str]] = []  # open lists, outermost first: (identity, tag)
    quote_open = False

    def start(markup: str) -> None:
        if parts and sep:
            parts.append(sep)
        parts.append(markup)

    def close_list() -> None:
        _key, tag = lists.pop()
        parts.append("</li>")
        start(f"</{tag}>")

    blocks = []
    block = doc.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    # A document Qt made from an empty string still has one empty block.
    if len(blocks) == 1 and not blocks[0].text() and not blocks[0].textList():
        return ""
    for block in blocks:
        fmt = block.blockFormat()
        text_list = block.textList()
        in_quote = text_list is None and _is_quote(block, quote_open)
        if text_list is None:
            while lists:
                close_list()
        if quote_open and not in_quote:
            start("</blockquote>")
            quote_open = False
        if in_quote and not quote_open:
            start("<blockquote>")
            quote_open = True
        if text_list is not None:
            lfmt = text_list.format()
            depth = max(1, lfmt.indent())
            # Wrappers of one QTextList are not the same Python object: use its first item.
            key = hash((lfmt.indent(), lfmt.style().value, text_list.item(0).position()))
            while len(lists) > depth or (lists and len(lists) == depth and lists[-1][0] != key):
                close_list()
            if len(lists) == depth:
                parts.append("</li>")
                start("<li>")
            while len(lists) < depth:
                tag = "ol" if lfmt.style() in _ORDERED else "ul"
                lists.append((key, tag))
                start(f"<{tag}>")
                start("<li>")
            parts.append(_inline(block, style, heading=False))
            continue
        level = fmt.headingLevel()
        tag = f"h{level}" if 1 <= level <= 6 else "p"
        start(f"<{tag}>{_inline(block, style, heading=tag != 'p')}</{tag}>")
    while lists:
        close_list()
    if quote_open:
        start("</blockquote>")
    return "".join(parts)


def body_from_document(doc: QTextDocument, style: BodyStyle) -> str:
    return style.prefix + to_html(doc, style) + style.suffix
