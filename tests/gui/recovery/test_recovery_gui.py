"""The autosave timer and the restore dialog, driven with pytest-qt."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from curator_app.core.document.document import Document
from curator_app.core.recovery import RecoveryStore, sha256_hex
from curator_app.gui.recovery import Autosaver, RecoveryDialog


def _second_item(item: Path) -> Path:
    other = item.with_name("second-item.md")
    other.write_bytes(item.read_bytes())
    return other


def test_dialog_restores_one_item_and_discards_another(qtbot, item, recovery_root, spawn, edited_bytes):
    other = _second_item(item)
    other_before = other.read_bytes()
    wanted = edited_bytes(item, "Keep this title")
    spawn(item, "Keep this title").kill()
    spawn(other, "Throw this title away").kill()

    store = RecoveryStore(recovery_root)
    dialog = RecoveryDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    rows = {dialog.list.item(i).toolTip(): i for i in range(2)}
    assert set(rows) == {str(item.resolve()), str(other.resolve())}
    assert "unchanged since edit began" in dialog.list.item(0).text()

    dialog.list.setCurrentRow(rows[str(item.resolve())])
    assert "+title: Keep this title" in dialog.diff_view.toPlainText()
    assert str(item.resolve()) == dialog.path_label.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 1
    assert "Throw this title away" in dialog.diff_view.toPlainText()
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [doc] = dialog.restored
    assert doc.path == item.resolve()
    assert doc.to_bytes() == wanted
    # The discarded edit is gone for good; the restored one is now this process's.
    assert RecoveryStore(recovery_root).pending() == []
    assert [r.path for r in store.records()] == [item.resolve()]
    doc.save()
    store.discard(item)
    assert store.records() == []
    assert other.read_bytes() == other_before


def test_dialog_decide_later_keeps_items(qtbot, item, recovery_root, spawn):
    spawn(item, "Later").kill()
    dialog = RecoveryDialog(RecoveryStore(recovery_root))
    qtbot.addWidget(dialog)
    dialog.reject()
    assert dialog.restored == []
    assert len(RecoveryStore(recovery_root).pending()) == 1


def test_dialog_is_not_shown_when_nothing_to_recover(qtbot, recovery_root):
    assert RecoveryDialog.offer(RecoveryStore(recovery_root)) == []


class _Open:
    """A document as the editor holds it: the bytes it was read from and its edits."""

    def __init__(self, path: Path) -> None:
        self.doc = Document.load(path)
        self.base = sha256_hex(path.read_bytes())
        self.calls = 0

    def __call__(self) -> tuple[Path, bytes, str, bool]:
        self.calls += 1
        assert self.doc.path is not None
        return self.doc.path, self.doc.to_bytes(), self.base, self.doc.modified


def test_autosaver_records_dirty_documents_and_drops_them_after_save(qtbot, item, recovery_root):
    store = RecoveryStore(recovery_root)
    saver = Autosaver(store, interval_ms=100)
    opened = _Open(item)
    saver.track(opened)

    qtbot.waitUntil(lambda: opened.calls >= 2, timeout=3000)
    assert store.records() == []  # clean documents leave nothing behind

    opened.doc.set("title", "Typed before a crash")
    with qtbot.waitSignal(saver.sig_written, timeout=3000):
        pass
    [record] = store.records()
    assert record.bytes == opened.doc.to_bytes()
    assert record.base_hash == opened.base

    opened.doc.set("title", "Typed some more")
    qtbot.waitUntil(lambda: store.records()[0].bytes == opened.doc.to_bytes(), timeout=3000)

    opened.doc.save()  # the document is clean again: the next tick drops the record
    qtbot.waitUntil(lambda: store.records() == [], timeout=3000)

    opened.doc.set("title", "Edited again, then closed without saving")
    qtbot.waitUntil(lambda: len(store.records()) == 1, timeout=3000)
    saver.untrack(opened)
    saver.flush()
    assert store.records() == []
    saver.shutdown()
    store.close()


def test_autosaver_notify_saved_drops_the_record_at_once(qtbot, item, recovery_root):
    store = RecoveryStore(recovery_root)
    saver = Autosaver(store, interval_ms=60_000)
    opened = _Open(item)
    saver.track(opened)
    opened.doc.set("title", "Saved right away")
    saver.save_now()
    saver.flush()
    assert len(store.records()) == 1
    opened.doc.save()
    saver.notify_saved(item)
    saver.flush()
    assert store.records() == []
    saver.shutdown()


def test_autosaver_reports_a_write_error_and_keeps_trying(qtbot, item, recovery_root):
    # A file where the store needs a folder: every write fails, as on a full or broken disk.
    recovery_root.mkdir()
    blocker_file = recovery_root / "owners"
    blocker_file.write_bytes(b"")
    store = RecoveryStore(recovery_root)
    saver = Autosaver(store, interval_ms=100)
    opened = _Open(item)
    opened.doc.set("title", "Nowhere to write")
    saver.track(opened)
    with qtbot.waitSignal(saver.sig_error, timeout=3000) as blocker:
        pass
    assert "could not keep a recovery copy of curated-content-genome-uk.md" in blocker.args[0]
    assert store.records() == []
    blocker_file.unlink()  # the disk recovers: the next tick writes the record
    qtbot.waitUntil(lambda: len(store.records()) == 1, timeout=3000)
    saver.shutdown()


# A GUI process editing through the Autosaver, killed with SIGKILL once its record is written.
_APP_CHILD = r"""
import hashlib, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from curator_app.core.document.document import Document
from curator_app.core.recovery import RecoveryStore
from curator_app.gui.recovery import Autosaver

app = QApplication([])
path, root = Path(sys.argv[1]), Path(sys.argv[2])
base = hashlib.sha256(path.read_bytes()).hexdigest()
doc = Document.load(path)
saver = Autosaver(RecoveryStore(root), interval_ms=100)
saver.track(lambda: (path, doc.to_bytes(), base, doc.modified))
saver.sig_written.connect(lambda _p: print("written", flush=True))
doc.set("title", "Typed in the editor, then it crashed")
app.exec()
"""


def test_killed_app_with_autosaver_is_recovered(item, recovery_root, edited_bytes):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", _APP_CHILD, str(item), str(recovery_root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "written"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    [record] = RecoveryStore(recovery_root).pending()
    assert record.bytes == edited_bytes(item, "Typed in the editor, then it crashed")
    assert record.base_hash == hashlib.sha256(item.read_bytes()).hexdigest()


def test_autosaver_follows_a_renamed_document(qtbot, item, recovery_root):
    store = RecoveryStore(recovery_root)
    saver = Autosaver(store, interval_ms=60_000)
    opened = _Open(item)
    saver.track(opened)
    opened.doc.set("title", "Renamed while open")
    saver.save_now()
    saver.flush()
    renamed = item.with_name("renamed.md")
    item.rename(renamed)
    opened.doc.path = renamed
    saver.save_now()
    saver.flush()
    assert [r.path for r in store.records()] == [renamed.resolve()]
    saver.untrack(opened)
    saver.flush()
    assert store.records() == []
    saver.shutdown()
