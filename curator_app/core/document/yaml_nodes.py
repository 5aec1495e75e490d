"""Parse YAML front matter into nodes with exact text positions, and into plain values.

PyYAML's libyaml composer is used for the node graph because it gives character offsets
for every node and is ~50x faster than ruamel.yaml's pure-Python composer on the seed
(0.4 ms vs 22 ms), which matters for a 10,000-item library. Nothing is constructed by
PyYAML: values are built here, so no tag can ever run code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curator_app.core.document.limits import MAX_DEPTH, MAX_INT_DIGITS
from curator_app.core.errors import ParseError, UnsafeContentError

MAX_EXPANDED_NODES = 200_000
_STD = "tag:yaml.org,2002:"
# Plain scalars without a tag get this tag instead of PyYAML's YAML 1.1 guess, so that
# `1e3` or `0o17` (strings to YAML 1.1, numbers to 1.2) are resolved here by the 1.2 rules
# while an explicit `!!str 1e3` stays a string.
PLAIN = "tag:curator,2024:plain"
_ALLOWED_TAGS = {
    PLAIN,
    *(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")),
}

try:  # libyaml is part of PyYAML's wheels; the fallback only keeps odd builds working
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


def refused_tag(tag: str) -> bool:
    """Whether a tag makes the file unreadable. Application tags (`!include`, `!Ref`…) mean
    something only to their own program: their values are read as plain data, and nothing
    ever constructs them. Types in YAML's own namespace beyond the core schema
    (`!!python/object`, `!!binary`, `!!set`…) are refused rather than misread."""
    return tag not in _ALLOWED_TAGS and tag.startswith(_STD)


class _Loader(_Base):
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return PLAIN
        return str(super().resolve(kind, value, implicit))

# YAML 1.2 core schema, the reading Hugo's Go YAML libraries follow for plain scalars.
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_RE = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(
    r"^(\d{4}-\d\d?-\d\d?)(?:[Tt]|[ \t]+)(\d\d?:\d\d:\d\d(?:\.\d+)?)[ \t]*(Z|[-+]\d\d?(?::?\d\d)?)?$"
)


def compose(text: str, path: object, line_offset: int) -> Node | None:
    """Compose ``text`` into a node graph; errors carry file line/column."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        line = mark.line + line_offset if mark else None
        col = mark.column + 1 if mark else None
        raise ParseError(f"invalid YAML: {msg}", str(path) if path else None, line, col) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid YAML: {exc}", str(path) if path else None) from None
    _check_yaml12(root, text, path, line_offset)
    return root


_GLUED_COMMENT_RE = re.compile(r"[\"'\]}]#")
_FLOW_INDICATOR_RE = re.compile(r"[\[{,]\s*[-?:]\s*[,\]}]")


def _check_yaml12(root: Node | None, text: str, path: object, off: int) -> None:
    """Refuse what libyaml accepts but YAML 1.2 (and Hugo's reader) forbids:
    a `#` glued to the end of a quoted scalar or a flow collection (a comment needs a
    space before it), and a lone `-`, `?` or `:` as a plain scalar inside a flow
    collection (`[-]`: an indicator, not a value)."""
    if root is None or not (_GLUED_COMMENT_RE.search(text) or _FLOW_INDICATOR_RE.search(text)):
        return  # neither can occur: skip the walk (the library reads thousands of files)
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, in_flow = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        end = node.end_mark.index
        glued = text.startswith("#", end)
        if isinstance(node, ScalarNode):
            if glued and node.style in ("'", '"'):
                raise _err(ParseError, "invalid YAML: a comment needs a space before '#'", node, path, off, end)
            if in_flow and not node.style and node.value in ("-", "?", ":"):
                raise _err(ParseError, f"invalid YAML: '{node.value}' cannot be a plain value in a flow collection",
                           node, path, off)
            continue
        flow = bool(getattr(node, "flow_style", False))
        if glued and flow:
            raise _err(ParseError, "invalid YAML: a comment needs a space before '#'", node, path, off, end)
        stack.extend((child, in_flow or flow) for child in _children(node))


# Every plain scalar that is not a string starts with one of these (null, bools, numbers,
# .inf/.nan, dates): most front-matter values are words, answered by this one test.
_TYPED_START = frozenset("~nNtTfF+-.0123456789")
_STR = _STD + "str"


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
    if value and value[0] not in _TYPED_START:
        return value
    if _NULL_RE.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT_RE.match(value):
        v = value.lstrip("+")
        if "0o" in v:
            return int(v.replace("0o", ""), 8)
        if "0x" in v:
            return int(v, 16)
        return int(v)
    if _FLOAT_RE.match(value):
        low = value.lower()
        if low.endswith("inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        if low.endswith("nan"):
            return float("nan")
        return float(value)
    if _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    m = _DATETIME_RE.match(value)
    if m:
        return _parse_datetime(m) or value
    return value


def _parse_datetime(m: re.Match[str]) -> dt.datetime | None:
    date, time, tz = m.groups()
    try:
        y, mo, d = (int(p) for p in date.split("-"))
        hms, _, frac = time.partition(".")
        h, mi, s = (int(p) for p in hms.split(":"))
        micro = int((frac + "000000")[:6]) if frac else 0
        tzinfo = None
        if tz == "Z":
            tzinfo = dt.UTC
        elif tz:
            sign = -1 if tz[0] == "-" else 1
            hh, _, mm = tz[1:].partition(":")
            if not mm and len(hh) > 2:
                hh, mm = hh[:2], hh[2:]
            tzinfo = dt.timezone(sign * dt.timedelta(hours=int(hh), minutes=int(mm or 0)))
        return dt.datetime(y, mo, d, h, mi, s, micro, tzinfo=tzinfo)
    except ValueError:
        return None


@dataclass
class _Budget:
    left: int


def to_value(node: Node | None, path: object, line_offset: int, text: str | None = None) -> Any:
    """Plain Python values for a node graph, refusing tags, cycles and alias bombs.

    Given the source text without a `*`, the graph has no alias, so no node is shared and
    the expansion pre-pass (about a fifth of a full parse) is skipped; depth is still
    checked, by the conversion itself."""
    if text is None or "*" in text:
        _check_expansion(node, path, line_offset)
    return _convert(node, path, line_offset, _Budget(MAX_EXPANDED_NODES), set())


def _check_expansion(root: Node | None, path: object, off: int) -> None:
    """Count the values aliases would expand to, without expanding them.

    Each distinct node is sized once (memoised), so a billion-laughs file is refused in
    microseconds instead of after building a huge value. Cycles are caught here too.
    """
    if root is None:
        return
    size: dict[int, int] = {}
    on_path: set[int] = set()
    aliased = False
    # Iterative post-order walk: deep nesting must not hit Python's recursion limit.
    stack: list[tuple[Node, bool, int]] = [(root, False, 1)]
    while stack:
        node, done, depth = stack.pop()
        nid = id(node)
        if done:
            children = _children(node)
            total = 1 + sum(size[id(c)] for c in children)
            on_path.discard(nid)
            size[nid] = total
            if total > MAX_EXPANDED_NODES:
                what = (
                    "aliases expand to too many values (alias bomb?)"
                    if aliased
                    else "front matter holds too many values"
                )
                raise _err(
                    UnsafeContentError, f"{what}; Curator reads up to {MAX_EXPANDED_NODES:,}", node, path, off
                )
            continue
        if nid in size:
            aliased = True
            continue
        if nid in on_path:
            raise _err(UnsafeContentError, "recursive alias", node, path, off)
        if depth > MAX_DEPTH:
            raise _err(UnsafeContentError, f"values nested more than {MAX_DEPTH} deep", node, path, off)
        on_path.add(nid)
        stack.append((node, True, depth))
        for child in _children(node):
            if id(child) in on_path:
                raise _err(UnsafeContentError, "recursive alias", child, path, off)
            if id(child) in size:
                aliased = True
            else:
                stack.append((child, False, depth + 1))


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _err(
    cls: type[ParseError], msg: str, node: Node, path: object, off: int, at: int | None = None
) -> ParseError:
    """The error located at the node's start, or at its end when `at` is given."""
    m = node.start_mark if at is None else node.end_mark
    return cls(msg, str(path) if path else None, m.line + off, m.column + 1)


def _convert(node: Node | None, path: object, off: int, budget: _Budget, stack: set[int]) -> Any:
    if node is None:
        return None
    budget.left -= 1
    if budget.left < 0:
        # With aliases the pre-pass has already refused a bomb: this is plain size.
        raise _err(
            UnsafeContentError,
            f"front matter holds too many values; Curator reads up to {MAX_EXPANDED_NODES:,}",
            node,
            path,
            off,
        )
    if node.tag not in _ALLOWED_TAGS and refused_tag(node.tag):  # the set: a quick common case
        raise _err(UnsafeContentError, f"YAML tag '{node.tag}' is not allowed", node, path, off)
    if len(stack) >= MAX_DEPTH:  # `stack` holds the collections above this node
        raise _err(UnsafeContentError, f"values nested more than {MAX_DEPTH} deep", node, path, off)
    if isinstance(node, ScalarNode):
        if node.style or node.tag == _STD + "str":
            return node.value
        try:
            return resolve_plain(node.value)
        except ValueError:  # Python's cap on int() of long digit strings
            raise _err(
                UnsafeContentError,
                f"integer of {len(node.value):,} digits; Curator reads integers up to {MAX_INT_DIGITS:,} digits",
                node,
                path,
                off,
            ) from None
    if id(node) in stack:
        raise _err(UnsafeContentError, "recursive alias", node, path, off)
    stack.add(id(node))
    try:
        if isinstance(node, SequenceNode):
            return [_convert(n, path, off, budget, stack) for n in node.value]
        if isinstance(node, MappingNode):
            return _convert_mapping(node, path, off, budget, stack)
    finally:
        stack.discard(id(node))
    raise _err(ParseError, "unknown YAML node", node, path, off)  # pragma: no cover


def _convert_mapping(
    node: MappingNode, path: object, off: int, budget: _Budget, stack: set[int]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    for k, v in node.value:
        if not isinstance(k, ScalarNode):
            raise _err(ParseError, "mapping keys must be plain values", k, path, off)
        if k.tag == _STD + "merge" or (k.value == "<<" and k.tag == PLAIN):
            value = _convert(v, path, off, budget, stack)
            for part in value if isinstance(value, list) else [value]:
                if isinstance(part, dict):
                    for mk, mv in part.items():
                        merged.setdefault(mk, mv)
            continue
        if refused_tag(k.tag):
            raise _err(UnsafeContentError, f"YAML tag '{k.tag}' is not allowed", k, path, off)
        key = k.value
        if key in out:
            raise _err(ParseError, f"duplicate key '{key}'", k, path, off)
        if (v.__class__ is ScalarNode and v.tag in _ALLOWED_TAGS and budget.left > 0
                and len(stack) < MAX_DEPTH and (v.style or v.tag == _STR or (v.value and v.value[0] not in _TYPED_START))):
            # A string value, most of front matter: what _convert gives, without the call.
            budget.left -= 1
            out[key] = v.value
            continue
        out[key] = _convert(v, path, off, budget, stack)
    for mk, mv in merged.items():
        out.setdefault(mk, mv)
    return out


def entries(node: MappingNode) -> Iterator[tuple[ScalarNode, Node]]:
    for k, v in node.value:
        if isinstance(k, ScalarNode):
            yield k, v


def find(root: Node | None, key: tuple[str | int, ...]) -> tuple[Node | None, Node | None, ScalarNode | None]:
    """(parent, value node, key node) for a key path; value None when the last key is missing."""
    parent: Node | None = None
    node = root
    knode: ScalarNode | None = None
    for part in key:
        parent = node
        knode = None
        if isinstance(node, MappingNode) and not isinstance(part, int):
            for k, v in entries(node):
                if k.value == part:
                    knode, node = k, v
                    break
            else:
                return parent, None, None
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not -len(node.value) <= part < len(node.value):
                return parent, None, None
            node = node.value[part]
        else:
            return parent, None, None
    return parent, node, knode
