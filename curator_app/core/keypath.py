"""Key paths: tuples of keys (and list indexes) that address a value in front matter.

Keys may contain dots (`htmlMetaData` / `msvalidate.01`), so the dotted form used on the
command line escapes a literal dot as `\\.`.
"""

from __future__ import annotations

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
