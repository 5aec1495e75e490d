"""Last-modified stamps keep each key's own date style; only those lines change."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime
from pathlib import Path

from curator_app.core.document.document import Document
from curator_app.core.schema.modified import format_like, stamp_modified

NOW = datetime(2026, 11, 30, 14, 5, 9, 123456, tzinfo=UTC)


def test_seed_stamps_in_each_keys_style(seed_path: Path) -> None:
    raw = seed_path.read_bytes()
    doc = Document.from_bytes(raw, seed_path)
    keys = stamp_modified(doc, NOW)
    assert ("lastMod",) in keys and ("htmlMetaData", "articlemodified_time") in keys
    diff = [
        line
        for line in difflib.unified_diff(raw.decode().splitlines(), doc.to_bytes().decode().splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert "+lastMod: '2026-11-30T14:05:09.123456Z'" in diff
    assert "+  articlemodified_time: '2026-11-30T10:05:09-04:00'" in diff
    assert len(diff) == 2 * len(keys)


def test_format_like_each_shape() -> None:
    assert format_like("2021-05-21", NOW) == NOW.astimezone().date().isoformat()
    assert format_like("2021-05-21T01:04:14+0530", NOW) == "2026-11-30T19:35:09+0530"
    assert format_like("2021-05-21 01:04", NOW).endswith(NOW.astimezone().strftime(" %H:%M"))
    assert format_like(datetime(2021, 1, 1, tzinfo=UTC), NOW) == NOW.replace(microsecond=0)
    assert format_like("last tuesday", NOW) is None
