"""Write new YAML values in the style the file already uses.

The style is read off the file: which quote it prefers, how far block sequences are
indented under their key, how nested mappings are indented, whether long strings are
folded with `>-` (and at which width), and how null is spelled.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curator_app.core.document.yaml_nodes import resolve_plain

FOLD_WIDTH = 80
# Characters that make the seed's generator (js-yaml 3: `isPlainSafe`) quote a string anywhere in
# it; quotes and apostrophes inside a string stay plain (`Alphabet's Verily`).
_QUOTE_CHARS = set(",[]{}:#")
_FIRST_INDICATORS = set("-?:,[]{}#&*!|>'\"%@` \t")
_YAML11_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0b[01_]+|[-+]?0[0-7_]+|<<|=)$"
)


@dataclass
class Style:
    quote: str = "'"
    seq_offset: int = 2  # columns from a key to the `-` of its block sequence
    map_indent: int = 2
    fold: bool = False
    fold_width: int = FOLD_WIDTH
    null: str = "null"
    newline: str = "\n"
    # The quote of the value being replaced: an edited `"title"` stays double-quoted.
    keep_quote: str | None = None
    # The file writes `a, b` or `http://x` unquoted (not the seed's js-yaml habit): quote
    # only what YAML needs, so a value set back to what it was is written as it was.
    plain_punctuation: bool = False
    # The file was written by PyYAML, which breaks long plain and single-quoted values at
    # the first single space past column 80; ``start`` is where the value being written
    # begins (unknown: no wrapping).
    wrap: bool = False
    start: int | None = None


def detect(root: Node | None, text: str, newline: str) -> Style:
    style = Style(newline=newline)
    quotes: Counter[str] = Counter()
    nulls: Counter[str] = Counter()
    seq_offsets: Counter[int] = Counter()
    map_indents: Counter[int] = Counter()
    punctuation: Counter[str] = Counter()
    wrapping: Counter[str] = Counter()
    seen: set[int] = set()

    def walk(node: Node, key_col: int | None) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style in ("'", '"'):
                quotes[node.style] += 1
                if not _QUOTE_CHARS.isdisjoint(node.value) and not needs_quotes(node.value, True):
                    punctuation["quoted"] += 1
            elif node.style == ">":
                style.fold = True
            elif not node.style and resolve_plain(node.value) is None:
                nulls[node.value] += 1
            elif not node.style and key_col is not None and not _QUOTE_CHARS.isdisjoint(node.value):
                punctuation["plain"] += 1
            if node.style in (None, "", "'") and key_col is not None:
                if node.end_mark.line > node.start_mark.line:
                    wrapping["wrapped"] += 1
                elif _pyyaml_would_break(node.value, node.start_mark.column, node.style == "'"):
                    wrapping["long"] += 1
        elif isinstance(node, SequenceNode):
            if node.flow_style is False and key_col is not None and node.start_mark.line > 0:
                seq_offsets[node.start_mark.column - key_col] += 1
            for item in node.value:
                walk(item, None)
        elif isinstance(node, MappingNode):
            block = node.flow_style is False
            if block and key_col is not None and node.start_mark.column > key_col:
                map_indents[node.start_mark.column - key_col] += 1
            for k, v in node.value:
                walk(v, k.start_mark.column if block else None)

    if root is not None:
        walk(root, None)
    # A file that shows no habit either way gets YAML's own quoting rule, and no line breaks.
    style.plain_punctuation = punctuation["plain"] >= punctuation["quoted"]
    style.wrap = wrapping["wrapped"] > wrapping["long"]
    if quotes:
        style.quote = quotes.most_common(1)[0][0]
    if nulls:
        style.null = nulls.most_common(1)[0][0]
    if seq_offsets:
        style.seq_offset = seq_offsets.most_common(1)[0][0]
    if map_indents:
        style.map_indent = map_indents.most_common(1)[0][0]
    return style


def needs_quotes(s: str, plain_punctuation: bool = False) -> bool:
    if s == "" or s != s.strip() or "\n" in s or "\r" in s or "\t" in s:
        return True
    if s[0] in _FIRST_INDICATORS:
        return True
    if plain_punctuation:
        if ": " in s or s.endswith(":"):
            return True
    elif not _QUOTE_CHARS.isdisjoint(s):
        return True
    if s.startswith(("- ", "? ", "---", "...")) or " #" in s:
        return True
    if not s.isprintable():
        return True
    # Strings that a YAML 1.2 or 1.1 reader would take for another type stay strings.
    return not isinstance(resolve_plain(s), str) or bool(_YAML11_SPECIAL.match(s))


def quote(s: str, q: str) -> str:
    if q == "'" and s.isprintable():
        return "'" + s.replace("'", "''") + "'"
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable():
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def fold_lines(s: str, width: int) -> list[str]:
    """Greedy fold at single spaces so that no line exceeds ``width`` where possible.

    A break replaces one space that is followed by a non-space, which is what a folded
    scalar turns back into a space when read.
    """
    lines: list[str] = []
    start = 0
    last_break = -1
    i = 0
    n = len(s)
    while i < n:
        if s[i] == " " and i + 1 < n and s[i + 1] != " " and i > start:
            if i - start > width and last_break > start:
                lines.append(s[start:last_break])
                start = last_break + 1
            last_break = i
        i += 1
    if n - start > width and last_break > start:
        lines.append(s[start:last_break])
        start = last_break + 1
    lines.append(s[start:])
    return lines


def scalar(value: Any, style: Style, indent: int) -> str:
    """Text for a scalar value; ``indent`` is the column block-scalar lines start at."""
    if value is None:
        return style.null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z") if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value)
    pad = " " * indent
    if (
        "\n" in s
        and s.strip(" ")
        and not s.startswith(" ")
        and all(line.isprintable() for line in s.split("\n"))
    ):
        chomp = "-" if not s.endswith("\n") else ("" if not s.endswith("\n\n") else "+")
        body = s[:-1] if s.endswith("\n") and chomp != "-" else s
        if chomp == "+":
            body = s[:-1]
        lines = body.split("\n")
        return "|" + chomp + "".join(style.newline + (pad + ln if ln else "") for ln in lines)
    if style.keep_quote and isinstance(value, str):
        return _wrapped(s, style.keep_quote, style, indent)  # before folding: the author quoted it
    width = style.fold_width - indent
    if style.fold and len(s) > width and s.isprintable() and s == s.strip() and "  " not in s:
        return ">-" + "".join(style.newline + pad + ln for ln in fold_lines(s, width))
    if needs_quotes(s, style.plain_punctuation):
        return _wrapped(s, style.quote, style, indent)
    return _wrapped(s, None, style, indent)


def _pyyaml_would_break(s: str, start: int, quoted: bool) -> bool:
    if "\n" not in s and start + 1 + len(s) + s.count("'") <= FOLD_WIDTH:
        return False  # never past column 80, so never broken: most values, without the walk
    style = Style(wrap=True, start=start)
    return "\n" in _wrapped(s, "'" if quoted else None, style, 0)


def _wrapped(s: str, q: str | None, style: Style, indent: int) -> str:
    """``s`` plain or quoted, broken into lines the way PyYAML does when the file shows it."""
    if q == '"' or not style.wrap or style.start is None or not s.isprintable():
        return quote(s, q) if q else s
    out = ["'"] if q else []
    col = style.start + len(out)
    for m in re.finditer(r" +|[^ ]+", s):
        tok = m.group()
        # PyYAML breaks only a single space, once the line is already past column 80, and
        # never the first or last character of a quoted value.
        if tok == " " and col > FOLD_WIDTH and not (q and (m.start() == 0 or m.end() == len(s))):
            out.append(style.newline + " " * indent)
            col = indent
            continue
        text = tok.replace("'", "''") if q else tok
        out.append(text)
        col += len(text)
    return "".join(out) + ("'" if q else "")


def key_text(key: str, style: Style) -> str:
    return quote(key, style.quote) if needs_quotes(key) else key


def block(value: Any, style: Style, column: int) -> str:
    """A value written after ``key:``: starts with ' ' (inline) or a newline (block).

    ``column`` is the column of the key the value belongs to.
    """
    if isinstance(value, dict) and value:
        inner = column + style.map_indent
        return "".join(
            style.newline + " " * inner + key_text(str(k), style) + ":" + block(v, style, inner)
            for k, v in value.items()
        )
    if isinstance(value, (list, tuple)) and value:
        dash = column + style.seq_offset
        return "".join(style.newline + " " * dash + "-" + item(v, style, dash) for v in value)
    text = inline(value, style, column + style.map_indent)
    return " " + text if text else ""


def item(value: Any, style: Style, dash: int) -> str:
    """A sequence item after its `-`."""
    inner = dash + 2
    if isinstance(value, dict) and value:
        parts = []
        for i, (k, v) in enumerate(value.items()):
            lead = " " if i == 0 else style.newline + " " * inner
            parts.append(lead + key_text(str(k), style) + ":" + block(v, style, inner))
        return "".join(parts)
    if isinstance(value, (list, tuple)) and value:
        return " " + flow(value, style)
    text = inline(value, style, inner)
    return " " + text if text else ""


def inline(value: Any, style: Style, indent: int) -> str:
    if isinstance(value, (dict, list, tuple)):
        return flow(value, style)
    return scalar(value, style, indent)


def flow(value: Any, style: Style) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_text(str(k), style)}: {flow(v, style)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v, style) for v in value) + "]"
    # An empty null spelling (`key:`) means nothing inside brackets: `[, a]` is not YAML.
    if isinstance(value, str) and not all(line.isprintable() for line in value.split("\n")):
        return quote(value, '"')
    if isinstance(value, str) and "\n" in value:
        return quote(value, '"')  # block scalars (`|`) cannot appear inside brackets
    text = scalar(value, Style(quote=style.quote, null=style.null or "null", keep_quote=style.keep_quote), 0)
    if isinstance(value, str) and ("," in text or text[:1] in "[]{}") and text[:1] not in "'\"":
        return quote(value, style.quote)
    return text
