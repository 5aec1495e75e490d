"""Apply one field's value to a Document: set, add in place, or remove (MISSING)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.algebra.values import MISSING
from curator_app.core.errors import CuratorError

if TYPE_CHECKING:
    from curator_app.core.document.document import Document


def value_of(doc: Document, key: KeyPath) -> Any:
    if key == BODY_KEY:
        return doc.body
    return doc.get(key, MISSING) if doc.has(key) else MISSING


def _position_in(data: dict[str, Any], key: KeyPath) -> int | None:
    """Index of key's last part within its parent mapping in `data`."""
    parent: Any = data
    for part in key[:-1]:
        if not isinstance(parent, dict) or part not in parent:
            return None
        parent = parent[part]
    if not isinstance(parent, dict) or key[-1] not in parent:
        return None
    return list(parent).index(key[-1])


def apply_value(doc: Document, key: KeyPath, value: Any, order_from: dict[str, Any] | None = None) -> None:
    """Set, add or remove one field (MISSING removes); the body is BODY_KEY.

    A key that is added goes where it sits in `order_from` (the version it comes from),
    not at the end of its mapping.
    """
    if key == BODY_KEY:
        doc.body = value
        return
    if value is MISSING:
        if doc.has(key):
            doc.delete(key)
        return
    existed = doc.has(key)
    doc.set(key, value)
    if not existed and order_from is not None:
        index = _position_in(order_from, key)
        if index is not None:
            # Placement is cosmetic; the value is restored either way.
            with contextlib.suppress(CuratorError):
                doc.move(key, index)
