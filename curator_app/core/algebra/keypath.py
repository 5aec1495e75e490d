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
