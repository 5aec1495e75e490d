"""Junk in the recovery folder never breaks a start, and the window still closes."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog
from support.workbench import close_workbench, open_workbench

from curator_app.gui import crash


def test_start_with_junk_records_offers_nothing_and_quits(qtbot, seed_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    bench = open_workbench(qtbot, folder)
    root = bench.recovery.root
    root.mkdir(parents=True, exist_ok=True)
    for name, raw in {"a.json": b"[]", "b.json": b"null", "c.json": b"42", "d.json": b"\xff\x00",
                      "e.json": b'{"format": 1, "saved_at": 1e308}'}.items():
        (root / name).write_bytes(raw)
    reports_before = set(crash.log_dir().glob("crash-*.txt"))

    assert bench.offer_recovery() == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert sorted(p.name for p in root.glob("*.json")) == []
    assert len(list((root / "junk").iterdir())) == 5
    assert set(crash.log_dir().glob("crash-*.txt")) == reports_before

    window = bench.window
    close_workbench(bench)
    qtbot.waitUntil(lambda: not window.isVisible())
