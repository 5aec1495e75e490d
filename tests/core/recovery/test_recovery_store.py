"""Recovery records survive a SIGKILLed editor and come back as unsaved edits."""

from __future__ import annotations

import os
import random
import re
import time

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import ParseError, WriteConflictError
from curator_app.core.recovery import CHANGED, DELETED, UNCHANGED, RecoveryStore, sha256_hex

TITLE = "Recovered: UK genomics plan after a crash"


def test_killed_editor_edit_is_recovered_and_saved(item, recovery_root, spawn, edited_bytes):
    original = item.read_bytes()
    expected = edited_bytes(item, TITLE)
    assert expected != original

    spawn(item, TITLE).kill()

    store = RecoveryStore(recovery_root)
    [record] = store.pending()
    assert record.path == item.resolve()
    assert record.bytes == expected
    assert record.base_hash == sha256_hex(original)
    assert record.disk_state() == UNCHANGED
    assert item.read_bytes() == original  # autosave never touches the file itself

    doc = store.restore(record)
    assert doc.modified  # an unsaved edit against the file on disk
    assert doc.to_bytes() == expected
    assert doc.get("title") == TITLE
    doc.save()
    assert item.read_bytes() == expected

    # Restoring made this process the owner; saving the document lets it go.
    assert RecoveryStore(recovery_root).pending() == []
    store.discard(item)
    assert store.records() == []
    store.close()


def test_live_editor_records_are_not_offered(item, recovery_root, spawn):
    child = spawn(item, TITLE)
    store = RecoveryStore(recovery_root)
    assert len(store.records()) == 1
    assert store.pending() == []  # another running Curator owns it
    child.kill()
    assert [r.path for r in store.pending()] == [item.resolve()]


def test_own_records_are_not_offered_but_a_dead_owner_with_our_pid_is(item, recovery_root):
    data = item.read_bytes().replace(b"title: UK", b"title: Edited UK")
    first = RecoveryStore(recovery_root)
    first.save(item, data, sha256_hex(item.read_bytes()))
    assert first.pending() == []
    # A store that exited (as a crashed process with this pid would have) leaves the
    # record to whoever starts next, even though the pid in it is ours.
    first.close()
    second = RecoveryStore(recovery_root)
    [record] = second.pending()
    assert record.pid == os.getpid()
    assert record.bytes == data


def test_discard_removes_the_record_and_its_files(item, recovery_root, spawn):
    spawn(item, TITLE).kill()
    store = RecoveryStore(recovery_root)
    [record] = store.pending()
    store.discard_record(record)
    assert store.pending() == []
    assert RecoveryStore(recovery_root).records() == []
    assert [p.name for p in recovery_root.iterdir() if p.is_file()] == []
    assert list((recovery_root / "owners").iterdir()) == []


def test_file_changed_on_disk_since_edit_is_reported_with_its_diff(item, recovery_root, spawn, edited_bytes):
    expected = edited_bytes(item, TITLE)
    spawn(item, TITLE).kill()
    # Someone else edits another field after the crash.
    other = Document.load(item)
    other.set("description", "Changed by someone else.")
    other.save()

    [record] = RecoveryStore(recovery_root).pending()
    assert record.disk_state() == CHANGED
    diff = record.diff()
    assert f"+title: '{TITLE}'" in diff or f"+title: {TITLE}" in diff
    assert "-title: UK Launch  Implementation Plan For Genomic Healthcare System" in diff
    assert "-description: Changed by someone else." in diff  # restoring would undo it: shown
    assert diff.startswith("--- ")

    doc = RecoveryStore(recovery_root).restore(record)
    assert doc.to_bytes() == expected
    doc.save()  # reviewed against the current file: no conflict
    assert item.read_bytes() == expected


def test_deleted_file_is_reported_and_saving_needs_confirmation(item, recovery_root, spawn, edited_bytes):
    expected = edited_bytes(item, TITLE)
    spawn(item, TITLE).kill()
    item.unlink()
    store = RecoveryStore(recovery_root)
    [record] = store.pending()
    assert record.disk_state() == DELETED
    assert record.diff().count("\n+") > 100
    doc = store.restore(record)
    assert doc.to_bytes() == expected
    with pytest.raises(WriteConflictError):
        doc.save()
    doc.save(force=True)
    assert item.read_bytes() == expected


def test_record_equal_to_the_file_is_not_offered(item, recovery_root, spawn, edited_bytes):
    # Killed after the save but before its record was dropped: nothing to recover.
    spawn(item, TITLE).kill()
    item.write_bytes(edited_bytes(item, TITLE))
    store = RecoveryStore(recovery_root)
    assert store.pending() == []
    assert store.records() == []


def test_unparseable_recovered_bytes_are_refused_but_exportable(item, recovery_root, tmp_path):
    broken = item.read_bytes().replace(b"title: UK", b"title: [UK", 1)
    writer = RecoveryStore(recovery_root)
    writer.save(item, broken, sha256_hex(item.read_bytes()))
    writer.close()
    store = RecoveryStore(recovery_root)
    [record] = store.pending()
    with pytest.raises(ParseError, match="recovered edit cannot be opened"):
        store.restore(record)
    copy = tmp_path / "copy.md"
    store.export(record, copy)
    assert copy.read_bytes() == broken
    assert len(store.pending()) == 1  # still there until the user discards it


KILLS = 12


@pytest.mark.slow
def test_records_survive_kills_at_random_points(item, recovery_root, spawn):
    """A child records edits in a tight loop and is SIGKILLed at a random moment; every
    time the recovery folder holds one complete, parseable record of one of its edits."""
    original = item.read_bytes()
    rng = random.Random(20240521)
    survived = 0
    mid_write = 0  # kills that landed inside a write (a temp file or an uncommitted data file left)
    for kill in range(KILLS):
        before = set(recovery_root.glob(".*.curator-tmp"))
        child = spawn(item, f"Kill {kill} edit", "loop")
        time.sleep(rng.uniform(0.0, 0.15))
        child.kill()
        torn = set(recovery_root.glob(".*.curator-tmp")) - before
        if torn or len(list(recovery_root.glob("*.data"))) > 1:
            mid_write += 1
        store = RecoveryStore(recovery_root)
        [record] = store.pending()
        doc = Document.from_bytes(record.bytes, item)
        assert re.fullmatch(rf"Kill {kill} edit( \d+)?", doc.get("title"))
        assert record.disk_state() == UNCHANGED
        assert item.read_bytes() == original
        store.discard_record(record)
        survived += 1
    assert survived == KILLS
    assert not list(recovery_root.glob("*.data"))  # discarding also removed uncommitted data
    # Random timing; the chance that no kill lands inside a write is about 1 in 4000.
    assert mid_write >= 1
    print(f"recovery: {KILLS} kills survived ({mid_write} inside a write), {KILLS} records intact")
