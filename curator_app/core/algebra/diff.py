"""Field-level and text diffs between two versions of an item (no git involved).

Field-level diffs recurse into mappings (so `htmlMetaData.ogtitle` is its own field) and
treat lists and scalars as one value each; the body is the field BODY_KEY.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.algebra.values import MISSING, same

if TYPE_CHECKING:
    from curator_app.core.document.document import Document

# The empty key path names the body (front-matter keys always have at least one part).
BODY_KEY: KeyPath = ()


def key_label(key: KeyPath) -> str:
    """Dotted label for people; dots inside a key are escaped as in parse_dotted."""
    if key == BODY_KEY:
        return "body"
    return format_key(key)


def _short(value: Any, limit: int = 80) -> str:
    if value is MISSING:
        return "(absent)"
    if value is None:
        return "null"
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return '"' + text.replace("\n", "⏎") + '"'
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_short(v, 40) for v in value) + "]"
    return repr(value) if not isinstance(value, Mapping) else "{…}"


@dataclass(frozen=True)
class FieldChange:
    key: KeyPath
    kind: str  # "added" | "removed" | "changed"
    old: Any  # MISSING when added
    new: Any  # MISSING when removed

    def describe(self) -> str:
        label = key_label(self.key)
        if self.key == BODY_KEY and self.kind != "changed":
            return f"body {self.kind}"
        if self.kind == "added":
            return f"{label} added: {_short(self.new)}"
        if self.kind == "removed":
            return f"{label} removed (was {_short(self.old)})"
        if self.key == BODY_KEY:
            return "body changed"
        if isinstance(self.old, list) and isinstance(self.new, list):
            gone = [v for v in self.old if not any(same(v, w) for w in self.new)]
            came = [v for v in self.new if not any(same(v, w) for w in self.old)]
            if gone or came:
                bits = []
                if came:
                    bits.append("added " + ", ".join(_short(v) for v in came))
                if gone:
                    bits.append("removed " + ", ".join(_short(v) for v in gone))
                return f"{label}: " + "; ".join(bits)
            return f"{label} reordered"
        return f"{label} changed from {_short(self.old)} to {_short(self.new)}"


def _walk(old: Any, new: Any, key: KeyPath) -> Iterator[FieldChange]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for k in old:
            if k not in new:
                yield FieldChange((*key, k), "removed", old[k], MISSING)
            else:
                yield from _walk(old[k], new[k], (*key, k))
        for k in new:
            if k not in old:
                yield FieldChange((*key, k), "added", MISSING, new[k])
    elif not same(old, new):
        yield FieldChange(key, "changed", old, new)


def data_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[FieldChange]:
    """Field changes between two front-matter mappings (None = no front matter / no file)."""
    return list(_walk(dict(old or {}), dict(new or {}), ()))


def field_changes(old: Document | None, new: Document | None) -> list[FieldChange]:
    """Field changes between two versions of a document, body last (None = the file is absent)."""
    changes = data_changes(old.data if old else None, new.data if new else None)
    old_body = old.body if old is not None else MISSING
    new_body = new.body if new is not None else MISSING
    if old_body is MISSING and new_body:
        changes.append(FieldChange(BODY_KEY, "added", MISSING, new_body))
    elif new_body is MISSING and old_body:
        changes.append(FieldChange(BODY_KEY, "removed", old_body, MISSING))
    elif old_body is not MISSING and new_body is not MISSING and old_body != new_body:
        changes.append(FieldChange(BODY_KEY, "changed", old_body, new_body))
    return changes


def describe_changes(changes: list[FieldChange]) -> list[str]:
    return [c.describe() for c in changes]

def unified_diff(old: bytes | None, new: bytes | None, old_label: str, new_label: str) -> str:
    """A unified text diff; undecodable bytes show as U+FFFD rather than failing."""
    a = (old or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
    b = (new or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(
        a,
        b,
        fromfile=old_label if old is not None else "/dev/null",
        tofile=new_label if new is not None else "/dev/null",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)

def _disk_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None

def save_diff(doc: Document) -> str:
    """What saving `doc` would change in its file on disk."""
    if doc.path is None:
        return unified_diff(None, doc.to_bytes(), "", "(new item)")
    name = Path(doc.path).name
    return unified_diff(_disk_bytes(Path(doc.path)), doc.to_bytes(), f"{name} (on disk)", f"{name} (to save)")

def _parse(data: bytes | None, path: Path | None) -> Document | None:
    from curator_app.core.document.document import Document

    if data is None:
        return None
    return Document.from_bytes(data, path)
