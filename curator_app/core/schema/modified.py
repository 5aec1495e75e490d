"""Last-modified stamps: on save, the keys that record when an item last changed get the
current time, written the way each already was (date or date-time, offset or `Z`,
fractional seconds or none), so the save diff shows only the new time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document

MODIFIED_KEYS: tuple[KeyPath, ...] = (
    ("lastMod",),
    ("lastmod",),
    ("htmlMetaData", "articlemodified_time"),
    ("htmlMetaData", "ogupdated_time"),
    ("openGraphMetaData", "ogupdated_time"),
)
_STAMP = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:(?P<sep>[T ])(?P<time>\d{2}:\d{2}(?::\d{2})?)(?P<frac>\.\d+)?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$"
)


def _zone(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def format_like(old: Any, now: datetime) -> Any:
    """`now` in the form of `old`; None when `old` is not a date the file understands."""
    if isinstance(old, datetime):
        if old.tzinfo is None:
            return now.astimezone().replace(tzinfo=None, microsecond=now.microsecond if old.microsecond else 0)
        return now.astimezone(old.tzinfo).replace(microsecond=now.microsecond if old.microsecond else 0)
    if isinstance(old, date):
        return now.astimezone().date()
    if not isinstance(old, str):
        return None
    m = _STAMP.match(old.strip())
    if m is None:
        return None
    if m["time"] is None:
        return now.astimezone().date().isoformat()
    zone = m["zone"]
    local = now.astimezone(_zone(zone)) if zone else now.astimezone()
    text = local.strftime("%Y-%m-%d") + m["sep"] + local.strftime("%H:%M" if len(m["time"]) == 5 else "%H:%M:%S")
    if m["frac"]:
        text += f".{local.microsecond:06d}"[: len(m["frac"])]
    if zone == "Z":
        text += "Z"
    elif zone:
        offset = local.strftime("%z")
        text += offset if ":" not in zone else f"{offset[:3]}:{offset[3:]}"
    return text


def stamp_modified(doc: Document, now: datetime | None = None) -> list[KeyPath]:
    """Set every last-modified key the item has to `now`; returns the keys set."""
    now = now or datetime.now(UTC)
    changed: list[KeyPath] = []
    for key in MODIFIED_KEYS:
        if not doc.has(key):
            continue
        new = format_like(doc.get(key), now)
        if new is not None and new != doc.get(key):
            doc.set(key, new)
            changed.append(key)
    return changed
