"""The recovery folder is private, and junk in it never stops a start."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from curator_app.core.recovery import RecoveryStore, sha256_hex


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _save_one(root: Path, item: Path) -> RecoveryStore:
    store = RecoveryStore(root)
    store.save(item, item.read_bytes() + b"\nedited\n", sha256_hex(item.read_bytes()))
    return store


def test_drafts_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, which made drafts 0644 in a 0755 folder
    try:
        item = tmp_path / "item.md"
        item.write_bytes(b"---\ntitle: x\n---\n")
        item.chmod(0o644)
        root = tmp_path / "state" / "recovery"
        store = _save_one(root, item)
    finally:
        os.umask(old)
    assert _mode(root) == 0o700
    assert _mode(root / "owners") == 0o700
    files = [p for p in root.iterdir() if p.is_file()]
    assert {p.suffix for p in files} == {".json", ".data"}
    for p in files:
        assert _mode(p) == 0o600, p.name
    store.close()


def test_draft_never_wider_than_its_file_and_old_folders_are_narrowed(tmp_path: Path) -> None:
    item = tmp_path / "secret.md"
    item.write_bytes(b"---\ntitle: x\n---\n")
    item.chmod(0o400)
    root = tmp_path / "recovery"
    root.mkdir(mode=0o755)
    root.chmod(0o755)  # made by an older Curator
    store = _save_one(root, item)
    assert _mode(root) == 0o700
    [data] = root.glob("*.data")
    assert _mode(data) == 0o400
    [record] = store.records()
    assert record.data.endswith(b"edited\n")
    store.close()


JUNK = {
    "list.json": b"[]",
    "null.json": b"null",
    "number.json": b"42",
    "string.json": b'"x"',
    "binary.json": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
    "empty.json": b"",
    "huge_time.json": (
        b'{"format": 1, "path": "/x.md", "base_sha256": "a", "data_sha256": "b",'
        b' "data_file": "x.data", "saved_at": 1e300, "pid": 1, "owner": "o"}'
    ),
    "nan_time.json": (
        b'{"format": 1, "path": "/x.md", "base_sha256": "a", "data_sha256": "b",'
        b' "data_file": "x.data", "saved_at": NaN, "pid": 1, "owner": "o"}'
    ),
    "escaping_data_file.json": (
        b'{"format": 1, "path": "/x.md", "base_sha256": "a", "data_sha256": "b",'
        b' "data_file": "../../etc/passwd", "saved_at": 1, "pid": 1, "owner": "o"}'
    ),
    "wrong_types.json": (
        b'{"format": 1, "path": 5, "base_sha256": [], "data_sha256": null,'
        b' "data_file": {}, "saved_at": "soon", "pid": "me", "owner": 3}'
    ),
}


def test_junk_records_are_moved_aside_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    item = tmp_path / "item.md"
    item.write_bytes(b"---\ntitle: x\n---\n")
    root = tmp_path / "recovery"
    dead = _save_one(root, item)
    dead._lock_file.close()  # type: ignore[union-attr]  # as if killed: the lock is gone
    dead._lock_file = None
    for name, raw in JUNK.items():
        (root / name).write_bytes(raw)
    os.mkfifo(root / "fifo.json")
    future = root / "future.json"
    future.write_bytes(b'{"format": 99, "anything": true}')

    caplog.set_level(logging.WARNING, logger="curator_app.core.recovery")
    store = RecoveryStore(root)
    pending = store.pending()
    assert [r.path for r in pending] == [item.resolve()]  # the real record is still offered
    junk = root / "junk"
    moved = sorted(p.name.rsplit(".", 1)[0] for p in junk.iterdir())
    assert moved == sorted([*JUNK, "fifo.json"])
    for name in [*JUNK, "fifo.json"]:
        assert not (root / name).exists()
        assert any(name in r.getMessage() and "not a recovery record" in r.getMessage() for r in caplog.records)
    assert future.exists()  # another version's record is left alone
    assert store.pending() == pending  # a second start sees the same, quietly
    store.close()


def test_a_record_naming_a_special_file_never_blocks_the_start(tmp_path: Path) -> None:
    root = tmp_path / "recovery"
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    dead = RecoveryStore(root)
    for path in (fifo, zero):
        dead.save(path, b"---\ntitle: x\n---\n", "0" * 64)
    dead._lock_file.close()  # type: ignore[union-attr]  # as if killed
    dead._lock_file = None
    store = RecoveryStore(root)
    pending = store.pending()  # would block on the FIFO, or read /dev/zero forever
    assert sorted(r.path.name for r in pending) == ["pipe.md", "zero.md"]
    assert all(r.disk_state() == "changed on disk since" for r in pending)
    store.close()
