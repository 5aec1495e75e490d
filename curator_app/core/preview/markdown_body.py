"""Markdown bodies: telling them apart from HTML ones, Markdown formatting edits, shortcode labels.

A body with text outside any HTML element is Markdown (or plain text, which is Markdown
too): it is edited as Markdown source and never converted to HTML. The formatting
operations here work on the snippet the editor hands over (a selection, or whole lines)
and return its replacement, so an edit touches only those characters.

Hugo expands shortcodes when it builds the site; the preview cannot, so it shows each one
as a labelled box ("shortcode: figure src=…") instead of the raw braces.
"""

from __future__ import annotations

import html
import re

from curator_app.core.preview.body_html import MARKDOWN_REASON, BodyAnalysis

SHORTCODE_CLASS = "hugo-shortcode"
# {{< name args >}} and {{% name args %}}; "/name" closes a paired shortcode.
_SHORTCODE = re.compile(r"\{\{<\s*(?P<a>.*?)\s*>\}\}|\{\{%\s*(?P<p>.*?)\s*%\}\}", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# The block markers a line can start with: the toolbar replaces one with another.
_BLOCK_PREFIX = re.compile(r"^(#{1,6} |[-*+] |\d+[.)] |> )")


def is_markdown(analysis: BodyAnalysis) -> bool:
    return analysis.markup == "markdown" or MARKDOWN_REASON in analysis.reasons


def wrap_inline(selected: str, marker: str) -> tuple[str, int, int]:
    """``selected`` wrapped in ``marker`` (or unwrapped when it already is).

    Returns the replacement and the span of the text inside it, so the editor can keep
    the words selected (or put the cursor between the markers of an empty selection).
    """
    m = len(marker)
    if len(selected) > 2 * m and selected.startswith(marker) and selected.endswith(marker):
        inner = selected[m:-m]
        # "**x**" is bold, not italic wrapped in "*": only unwrap the marker asked for.
        if not (marker == "*" and inner.startswith("*") and inner.endswith("*")):
            return inner, 0, len(inner)
    # Markers must hug the words: whitespace selected at either end stays outside them.
    core = selected.strip()
    lead = selected[: len(selected) - len(selected.lstrip())]
    trail = selected[len(selected.rstrip()) :] if core else ""
    text = f"{lead}{marker}{core}{marker}{trail}"
    start = len(lead) + m
    return text, start, start + len(core)


def link(selected: str, url: str, title: str = "") -> str:
    label = selected or url
    quoted = ' "' + title.replace('"', '\\"') + '"' if title else ""
    return f"[{label}]({_url(url)}{quoted})"


def image(src: str, alt: str = "") -> str:
    return f"![{alt}]({_url(src)})"


def _url(url: str) -> str:
    # A destination with spaces or parentheses must be written in angle brackets.
    return f"<{url}>" if re.search(r"[\s()]", url) else url


def prefix_lines(lines: str, prefix: str) -> str:
    """Give each non-blank line the block marker ``prefix`` ("## ", "- ", "1. ", "> ", "").

    Lines that all carry that marker already lose it (the toolbar button toggles). A
    numbered list counts up from 1. Other markers on a line are replaced, not stacked.
    """
    rows = lines.split("\n")
    filled = [r for r in rows if r.strip()]
    kind = _kind(prefix)
    if kind and filled and all(_kind(_marker(r)) == kind for r in filled):
        return "\n".join(r[len(_marker(r)) :] if r.strip() else r for r in rows)
    out, n = [], 0
    for row in rows:
        if not row.strip():
            out.append(row)
            continue
        n += 1
        mark = f"{n}. " if kind == "ol" else prefix
        out.append(mark + row[len(_marker(row)) :])
    return "\n".join(out)


def _marker(line: str) -> str:
    m = _BLOCK_PREFIX.match(line)
    return m.group(1) if m else ""


def _kind(marker: str) -> str:
    if not marker:
        return ""
    if marker.startswith("#"):
        return marker  # each heading level is its own kind
    if marker[0] in "-*+":
        return "ul"
    if marker[0].isdigit():
        return "ol"
    return "quote"


def label_shortcodes(body: str) -> str:
    """The body with each Hugo shortcode outside code replaced by a labelled HTML box.

    A shortcode alone on its line becomes a block (``<div>``), one inside text a
    ``<span>``; the label is escaped text, so arguments never become markup.
    """
    out: list[str] = []
    fence = ""
    for line in body.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        out.append(_label_line(line))
    return "".join(out)


def _label_line(line: str) -> str:
    if "{{" not in line:
        return line
    whole = _SHORTCODE.fullmatch(line.strip())
    if whole:
        ending = line[len(line.rstrip("\r\n")) :] or "\n"
        # Blank lines around it make it an HTML block of its own in CommonMark.
        return f"\n<div class=\"{SHORTCODE_CLASS}\">{_label(whole)}</div>\n{ending}"
    parts = re.split(r"(`+[^`]*`+)", line)  # inline code spans stay as written
    return "".join(
        p if p.startswith("`") else _SHORTCODE.sub(lambda m: f'<span class="{SHORTCODE_CLASS}">{_label(m)}</span>', p)
        for p in parts
    )


def _label(m: re.Match[str]) -> str:
    inner = " ".join((m.group("a") or m.group("p") or "").split())
    if inner.startswith("/"):
        return html.escape(f"end of shortcode: {inner[1:].strip()}")
    return html.escape(f"shortcode: {inner}")
