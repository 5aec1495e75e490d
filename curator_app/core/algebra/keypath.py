"""Key paths: tuples of keys (and list indexes) that address a value in front matter.

Keys may contain dots (`htmlMetaData` / `msvalidate.01`), so the dotted form used on the
command line escapes a literal dot as `\\.`.
"""

from __future__ import annotations

import copy
from typing import Any

KeyPath = tuple[str | int, ...]


def parse_dotted(text: str) -> KeyPath:
    """`htmlMetaData.msvalidate\\.01` -> ('htmlMetaData', 'msvalidate.01'); `tags.0` stays a str."""
    parts: list[str | int] = []
    cur: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in ".\\":
            cur.append(text[i + 1])
            i += 2
            continue
        if ch == ".":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    if any(p == "" for p in parts):
        raise ValueError(f"empty key in '{text}'")
    return tuple(parts)


def format_key(key: KeyPath) -> str:
    """The dotted form of a key path, escaping dots inside keys."""
    return ".".join(str(p).replace("\\", "\\\\").replace(".", "\\.") for p in key)


def with_indexes(data: Any, key: KeyPath) -> KeyPath:
    """A dotted key's digit parts as list indexes where the value there is a list
    (`tags.0`), and as keys where it is a mapping (a key may be named `2024`)."""
    out: list[str | int] = []
    for part in key:
        if isinstance(part, str) and isinstance(data, list) and part.lstrip("-").isdigit():
            part = int(part)
        out.append(part)
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and -len(data) <= part < len(data):
            data = data[part]
        else:
            data = None
    return tuple(out)


# --- plain values at key paths (shared by the YAML, TOML and JSON backends) ---


def get_path(data: Any, key: KeyPath) -> Any:
    for part in key:
        data = data[part]
    return data


def assign_in(data: Any, key: KeyPath, value: Any) -> None:
    for part in key[:-1]:
        if isinstance(data, dict):
            if not isinstance(data.get(part), (dict, list)):
                data[part] = {}
            data = data[part]
        else:
            data = data[part]
    data[key[-1]] = copy.deepcopy(value)


def remove_in(data: Any, key: KeyPath) -> None:
    del get_path(data, key[:-1])[key[-1]]


def same_value(a: Any, b: Any) -> bool:
    """Equality of plain values as a YAML/TOML/JSON reader sees them: a tuple equals its
    list, nan equals nan, 1 equals 1.0 but True is not 1."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return bool(type(a) is type(b) and a == b) or (
        isinstance(a, bool) is isinstance(b, bool) and _num_eq(a, b)
    )


def _num_eq(a: Any, b: Any) -> bool:
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and a == b
