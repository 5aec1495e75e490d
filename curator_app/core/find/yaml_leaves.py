"""The string values of a plain block-YAML front matter, read line by line for search.

A folder-wide search parses every file that holds the pattern, and nearly every file holds
a common word: building the lossless document (the YAML node graph with positions, every
value typed) only to learn which fields hold it was most of the search. Most front matter
is the simple shape the seed item has: `key: value` lines, `- item` lists, nested blocks
by indentation, one-line quoted values and `>-` / `|` blocks. For that shape the values
are read here directly, each with its key path and key line.

Anything this reader cannot vouch for exactly as the YAML reader would read it (flow
collections, anchors, tags, escapes, multi-line plain or quoted values, tabs, comments
after values, blank lines inside a block, duplicate keys, odd indentation…) returns None,
and the caller parses the file in full: the same hits, or the same error. A test holds the
two paths to the same hits over the seed, the corpus and generated items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.yaml_nodes import resolve_plain

CParser: Any
try:  # libyaml comes with PyYAML's wheels; without it every file takes the full reader
    from yaml import _yaml

    CParser = _yaml.CParser
except ImportError:  # pragma: no cover
    CParser = None

# One line: indent, a list dash, a plain key in ASCII letters, digits and `_ . - /` (a
# `:` or a quote in a key: the full reader), then the rest.
_LINE = re.compile(r"( *)(?:(-)(?: +|$))?(?:([A-Za-z0-9_][A-Za-z0-9_./-]*):(?: +|$))?(.*)")
_SINGLE = re.compile(r"'((?:[^']|'')*)'$")
_DOUBLE = re.compile(r'"([^"\\]*)"$')
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BLOCK_HEADERS = {">-": (" ", ""), ">": (" ", "\n"), "|-": ("\n", ""), "|": ("\n", "\n")}
# What libyaml refuses or reads as a line break (NEL, U+2028/9): the full reader decides.
_ODD_CHAR = re.compile(r"[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")
_MAX_LINES = 50_000  # far below the YAML reader's value budget
_MAX_NESTING = 32  # far below its depth limit
_MAX_PLAIN = 4000  # below the longest integer it reads (MAX_INT_DIGITS)


class _Frame:
    """A mapping or a list being read: its indent, key path, and keys or items so far."""

    __slots__ = ("count", "indent", "indentless", "is_list", "keys", "path")

    def __init__(self, indent: int, path: KeyPath, is_list: bool, indentless: bool = False) -> None:
        self.indent = indent
        self.path = path
        self.is_list = is_list
        self.indentless = indentless  # a list at its key's own indent (`key:` then `- a`)
        self.keys: set[str] = set()
        self.count = 0


# (key path, value, 0-based line in the front matter of its key or, a list item, its dash)
Leaf = tuple[KeyPath, str, int]


def string_leaves(front: str, keep: Callable[[str], object] | None = None) -> list[Leaf] | None:
    """Every string value in file order (only those ``keep`` says yes to), or None when
    the full reader must decide."""
    if CParser is None or (front and not front.endswith("\n")) or not _plain_chars(front):
        return None
    try:
        # libyaml's own syntax check, in C without building anything (a tenth of a parse):
        # what passes it and the line rules below reads as the full reader reads it.
        CParser(front).raw_parse()
    except yaml.YAMLError:
        return None
    lines = front.split("\n")
    lines.pop()
    if len(lines) > _MAX_LINES:
        return None
    # One flat loop: this runs on every line of nearly every file in a folder search.
    out: list[Leaf] = []
    stack: list[_Frame] = []
    pending: tuple[KeyPath, int] | None = None  # `key:` awaiting a nested block
    i, n = 0, len(lines)
    match = _LINE.match
    while i < n:
        line = lines[i]
        spaces, dash, key, rest = match(line).groups()  # type: ignore[union-attr]  # matches any line
        indent = len(spaces)
        if not dash and not key and (not rest or rest[0] == "#"):
            i += 1  # blank or comment
            continue
        if line[-1] == " ":
            return None
        if pending is not None:
            path, key_indent = pending
            pending = None
            if indent > key_indent or (dash and indent == key_indent and not stack[-1].is_list):
                if len(stack) >= _MAX_NESTING:
                    return None
                stack.append(_Frame(indent, path, bool(dash), indent == key_indent))
        elif not stack:
            if indent or dash:
                return None
            stack.append(_Frame(0, (), False))
        while stack and (indent < stack[-1].indent or (stack[-1].indentless and indent == stack[-1].indent and not dash)):
            stack.pop()
        # A line deeper than expected (a plain value going on, odd indentation) ends here.
        if not stack or stack[-1].indent != indent:
            return None
        frame = stack[-1]
        if frame.is_list:
            if not dash:
                return None
            path = (*frame.path, frame.count)
            frame.count += 1
            if key is not None:  # `- key: value`: a mapping whose keys line up with this one
                if len(stack) >= _MAX_NESTING:
                    return None
                frame = _Frame(len(line) - len(line.lstrip("- ")), path, False)
                stack.append(frame)
        elif dash or key is None:
            return None
        if key is not None:
            if key in frame.keys:
                return None
            frame.keys.add(key)
            path = (*frame.path, key)
            if not rest:
                pending = (path, frame.indent)
                i += 1
                continue
        elif not rest:
            return None
        if rest in _BLOCK_HEADERS:
            i = _block(lines, i, frame.indent, path, out, keep, *_BLOCK_HEADERS[rest])
            if i < 0:
                return None
            continue
        first = rest[0]
        if first == "'":
            m = _SINGLE.match(rest)
            if m is None:
                return None
            value = m.group(1).replace("''", "'")
            if keep is None or keep(value):
                out.append((path, value, i))
        elif first == '"':
            m = _DOUBLE.match(rest)
            if m is None:
                return None
            if keep is None or keep(m.group(1)):
                out.append((path, m.group(1), i))
        elif first in _NOT_PLAIN_START or ": " in rest or " #" in rest or rest[-1] == ":":
            return None
        elif len(rest) > _MAX_PLAIN:
            return None  # perhaps an integer too long: the full reader words the error
        elif (keep is None or keep(rest)) and isinstance(resolve_plain(rest), str):
            out.append((path, rest, i))
        i += 1
    return out


def _plain_chars(front: str) -> bool:
    """No character libyaml refuses or reads as a line break; ASCII text (nearly every
    front matter) is checked by two passes in C instead of the character class."""
    if front.isascii():
        return front.replace("\n", "").isprintable()
    return _ODD_CHAR.search(front) is None


def _block(
    lines: list[str], i: int, indent: int, path: KeyPath, out: list[Leaf], keep: Callable[[str], object] | None,
    join: str, end: str,
) -> int:
    """A `>-`, `>`, `|-` or `|` block after line ``i``: lines at one indent deeper than
    ``indent``. Returns the next line to read, or -1 when the full reader must decide."""
    parts: list[str] = []
    block_indent = -1
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if not line:
            break  # only empty lines may follow a block: checked below
        content = line.lstrip(" ")
        own = len(line) - len(content)
        if own <= indent:
            break
        if block_indent < 0:
            block_indent = own
        if own != block_indent or not content or content[-1] == " ":
            return -1  # more-indented, all-space or space-ended lines: YAML's finer rules
        parts.append(content)
        j += 1
    k = j
    while k < len(lines) and not lines[k]:
        k += 1
    if not parts or (k > j and k < len(lines) and len(lines[k]) - len(lines[k].lstrip(" ")) > indent):
        return -1  # an empty block, or a blank line inside one
    value = join.join(parts) + end
    if keep is None or keep(value):
        out.append((path, value, i))
    return j
