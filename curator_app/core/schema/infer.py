"""Infer a schema from the files of a folder whose items have no schema of their own.

Every key path is counted with the Python types of its values; the widget is guessed from
the values (dates, datetimes, URLs, image paths, lists, bools, ints, nested maps). A key is
``required`` only when every file has it with a non-empty value, so lint on an inferred
schema flags items missing something all their siblings have.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.schema.schema import Field, Group, KeyStats, Schema, load_schema, looks_like

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
URL_RE = re.compile(r"^(https?:)?//\S+$", re.IGNORECASE)
IMAGE_RE = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)(\?.*)?$", re.IGNORECASE)
IMAGE_KEY_RE = re.compile(r"image|img|cover|thumbnail|photo|banner|logo|icon", re.IGNORECASE)
LONG_TEXT = 100
TOP_GROUP = "fields"


def value_kind(key: KeyPath, value: Any) -> str:
    """The widget a single value suggests."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "text"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, list):
        return "strings" if all(not isinstance(v, dict | list) for v in value) else "map"
    text = str(value)
    last = str(key[-1]) if key else ""
    if DATE_RE.match(text):
        return "date"
    if DATETIME_RE.match(text):
        return "datetime"
    if IMAGE_RE.search(text) and (IMAGE_KEY_RE.search(last) or not URL_RE.match(text)):
        return "image"
    if URL_RE.match(text):
        return "url"
    # prose, not a long slug or token: several words past a single line's worth
    if "\n" in text or (len(text) > LONG_TEXT and text.count(" ") >= 8):
        return "longtext"
    return "text"


def _pick_widget(kinds: Counter[str]) -> str:
    real = Counter({k: n for k, n in kinds.items() if k != "null"})
    if not real:
        return "text"
    # date and datetime mixed in one key: the richer one keeps both editable
    if set(real) == {"date", "datetime"}:
        return "datetime"
    if set(real) <= {"text", "longtext"}:
        # a key whose values are often prose gets the big editor for all of them
        return "longtext" if real["longtext"] * 3 >= sum(real.values()) else "text"
    return real.most_common(1)[0][0]


def _collect(value: Any, path: KeyPath, seen: dict[KeyPath, Any]) -> None:
    # Nested mappings become dotted fields; lists stay whole (strings or map widget).
    if isinstance(value, dict) and value and path:
        for k, v in value.items():
            _collect(v, (*path, str(k)), seen)
    elif isinstance(value, dict) and not path:
        for k, v in value.items():
            _collect(v, (str(k),), seen)
    else:
        seen[path] = value


def _label(key: KeyPath) -> str:
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(key[-1])).replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else str(key[-1])


def infer(docs: Iterable[Document], name: str = "inferred") -> Schema:
    stats: dict[KeyPath, KeyStats] = {}
    order: list[KeyPath] = []
    filled: Counter[KeyPath] = Counter()
    total = 0
    for doc in docs:
        total += 1
        seen: dict[KeyPath, Any] = {}
        data = doc.data if isinstance(doc.data, dict) else {}
        _collect(data, (), seen)
        for key, value in seen.items():
            if key not in stats:
                stats[key] = KeyStats()
                order.append(key)
            st = stats[key]
            st.count += 1
            st.kinds[value_kind(key, value)] += 1
            if value not in (None, "", [], {}):
                filled[key] += 1
    for st in stats.values():
        st.total = total

    by_group: dict[str, list[Field]] = {}
    for key in order:
        st = stats[key]
        kinds = ", ".join(f"{k} {n}" for k, n in st.kinds.most_common())
        group = TOP_GROUP if len(key) == 1 else str(key[0])
        by_group.setdefault(group, []).append(
            Field(
                key=key,
                label=_label(key),
                help=f"Seen in {st.count} of {total} files ({kinds}).",
                widget=_pick_widget(st.kinds),
                # One file says nothing about what the others must have.
                required=total > 1 and filled[key] == total,
                choices=None,
                group=group,
                limits={},
                linked=None,
            )
        )
    groups = [
        Group(g, "Fields" if g == TOP_GROUP else _label((g,)), tuple(fs))
        for g, fs in by_group.items()
    ]
    return Schema(name, groups, label="Inferred from the folder", stats=stats)


def infer_schema(docs: Iterable[Document]) -> Schema:
    return infer(docs)


def schema_for(doc: Document) -> Schema:
    """curated-content when the item looks like one, else a schema inferred from the item."""
    schema = load_schema("curated-content")
    return schema if looks_like(schema, doc) else infer([doc])
