"""Limits shared by the front-matter readers, so every format refuses the same shapes."""

from __future__ import annotations

import re
from typing import Any

from curator_app.core.errors import UnsafeContentError

# Real front matter nests a few levels; editors, lint rules and the form recurse into it.
MAX_DEPTH = 64
# Real front matter is a few kilobytes; parsing a megabyte of it already takes seconds.
MAX_FRONT_CHARS = 1024 * 1024
# Python refuses to convert longer digit strings to int (CVE-2020-10735 limit).
MAX_INT_DIGITS = 4300


def check_front_size(front: str, path: object, line: int) -> None:
    if len(front) > MAX_FRONT_CHARS:
        raise UnsafeContentError(
            f"front matter is {len(front):,} characters; Curator reads front matter up to {MAX_FRONT_CHARS:,}",
            str(path) if path is not None else None,
            line,
            1,
        )


def deepest(value: Any) -> int:
    """How deep plain data nests (a scalar is 0), walked without recursion."""
    best = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        best = max(best, depth)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return best


def json_depth(text: str) -> int:
    """Deepest `[`/`{` nesting of JSON text, strings skipped: checked before json.loads,
    whose recursion would otherwise end in a RecursionError."""
    depth = best = 0
    for m in _JSON_TOKEN.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')
