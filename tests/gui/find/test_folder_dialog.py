"""Replace in Folder through the dialog's widgets: search with progress, diff, apply, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from curator_app.core.library.bulk import undo
from curator_app.gui.find.folder_dialog import ReplaceInFolderDialog


def _items(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = tmp_path / f"item{i:02}.md"
        path.write_text(f"---\ntitle: Trial {i} of the genome plan\ntags:\n  - News\n---\n<p>genome text</p>\n")
        paths.append(path)
    return paths


def test_search_review_apply_and_undo(qtbot, tmp_path: Path) -> None:
    paths = _items(tmp_path, 12)
    scoped = paths[:10]  # the library's current filter
    dialog = ReplaceInFolderDialog(lambda: scoped, "10 items shown in the library")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.find_edit, "genome")
    qtbot.keyClicks(dialog.replace_edit, "exome")
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60000)
    assert dialog.results.topLevelItemCount() == 10
    first = dialog.results.topLevelItem(0)
    assert first is not None and [first.child(i).text(0) for i in range(first.childCount())] == ["title", "body"]
    assert dialog.status.text() == "20 matches in 10 items of 10 searched"
    assert dialog.progress.value() == 10
    assert "-title: Trial 0 of the genome plan\n+title: Trial 0 of the exome plan" in dialog.diff.toPlainText()
    assert "exome" not in paths[0].read_text()  # nothing written before Replace All
    records = []
    dialog.sig_applied.connect(records.append)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(records), timeout=60000)
    assert all("exome" in p.read_text() for p in scoped)
    assert all("genome" in p.read_text() for p in paths[10:])  # outside the filter: untouched
    undo(records[0])
    assert all("exome" not in p.read_text() for p in paths)


def test_a_file_changed_after_the_search_stops_the_whole_replace(qtbot, tmp_path: Path) -> None:
    paths = _items(tmp_path, 3)
    dialog = ReplaceInFolderDialog(lambda: paths, "3 items")
    qtbot.addWidget(dialog)
    dialog.find_edit.setText("genome")
    dialog.replace_edit.setText("exome")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60000)
    paths[2].write_text(paths[2].read_text() + "<p>edited elsewhere</p>\n")
    dialog.apply()
    qtbot.waitUntil(lambda: not dialog.busy() and "changed on disk" in dialog.status.text(), timeout=60000)
    assert all("exome" not in p.read_text() for p in paths)


def test_bad_pattern_is_reported_in_the_dialog(qtbot, tmp_path: Path) -> None:
    dialog = ReplaceInFolderDialog(lambda: _items(tmp_path, 1), "1 item")
    qtbot.addWidget(dialog)
    dialog.regex.setChecked(True)
    dialog.find_edit.setText("(oops")
    dialog.search()
    assert "invalid regular expression" in dialog.status.text() and dialog.plan is None
