"""Adding, removing and reordering any top-level front-matter field, whatever the schema says.

The form offers these for keys the schema does not describe (and for files outside any
schema, such as an empty front matter). The value a curator types is read as the chosen
type here, so the GUI only collects text; the document backends then write it in the
file's own syntax (a JSON file has no date type, so a date is written as ISO text there).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from curator_app.core.document.document import Document
from curator_app.core.errors import EditError

# type id -> what the form calls it
FIELD_TYPES: dict[str, str] = {
    "text": "Text",
    "long_text": "Long text",
    "number": "Number",
    "bool": "True/false",
    "date": "Date",
    "list": "List of strings",
}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_value(kind: str, text: str) -> Any:
    """The typed value of ``text`` for a field of type ``kind``; ValueError says what is wrong."""
    if kind in ("text", "long_text"):
        return text if kind == "long_text" else " ".join(text.split())
    stripped = text.strip()
    if kind == "number":
        if not _NUMBER.fullmatch(stripped):
            raise ValueError(f"'{stripped}' is not a number")
        return float(stripped) if any(c in stripped for c in ".eE") else int(stripped)
    if kind == "bool":
        lowered = stripped.lower()
        if lowered not in _TRUE | _FALSE:
            raise ValueError(f"'{stripped}' is not true or false")
        return lowered in _TRUE
    if kind == "date":
        try:
            return _dt.date.fromisoformat(stripped) if len(stripped) == 10 else _dt.datetime.fromisoformat(stripped)
        except ValueError:
            raise ValueError(f"'{stripped}' is not a date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS)") from None
    if kind == "list":
        return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]
    raise ValueError(f"unknown field type '{kind}'")


def check_new_key(doc: Document, key: str) -> str:
    """The key as it will be written; EditError if it is empty, taken or unusable."""
    key = key.strip()
    if not key:
        raise EditError("the field needs a name", doc.path)
    if any(c in key for c in "\r\n\t") or key != key.strip():
        raise EditError(f"'{key}' cannot be a field name (no tabs or line breaks)", doc.path)
    if doc.has((key,)):
        raise EditError(f"the item already has a field '{key}'", doc.path)
    return key


def add_field(doc: Document, key: str, value: Any) -> None:
    """Add the top-level field ``key`` at the end of the front matter."""
    key = check_new_key(doc, key)
    if doc.format == "json" and isinstance(value, _dt.date):
        value = value.isoformat()
    doc.set((key,), value)


def move_field(doc: Document, key: str, step: int, among: list[str] | None = None) -> bool:
    """Move a top-level field past ``step`` of its neighbours (negative: up).

    ``among`` limits the neighbours counted (the form's "Other fields" only count each
    other); the field then takes the place of the neighbour it passes. False at an end.
    """
    keys = list(doc.data)
    if key not in keys:
        raise EditError(f"no field '{key}' to move", doc.path)
    order = [k for k in keys if among is None or k in among or k == key]
    at = order.index(key) + step
    if step == 0 or not 0 <= at < len(order):
        return False
    doc.move((key,), keys.index(order[at]))
    return True
