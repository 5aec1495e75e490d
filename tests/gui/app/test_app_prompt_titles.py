"""Questions name an item by its title (file names are often UUIDs), the path in the detail
line; the save diff is coloured for the palette in use and set in a monospace font."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QListWidget
from support.workbench import close_workbench, open_workbench

from curator_app.core.recovery import RecoveryStore
from curator_app.gui.git.diff_view import DiffHighlighter
from curator_app.gui.recovery import RecoveryDialog
from curator_app.gui.save_diff import SaveDiffDialog
from curator_app.gui.wiring import Workbench

UUID_NAME = "3f2b9c4e-8d1a-4e57-9b6f-0c2d7e1a5b94.md"
TITLE = "UK Launch Implementation Plan For Genomic Healthcare System"


@pytest.fixture
def workbench(qtbot, seed_path: Path, tmp_path: Path) -> Workbench:
    folder = tmp_path / "site" / "content" / "news"
    folder.mkdir(parents=True)
    shutil.copyfile(seed_path, folder / UUID_NAME)
    bench = open_workbench(qtbot, tmp_path / "site")
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    yield bench
    close_workbench(bench)


def _edit(bench: Workbench) -> None:
    session = bench.tabs.current_session()
    assert session is not None
    session.edit("subtitle", lambda d: d.set(("subtitle",), "Edited"))


def test_close_and_revert_questions_name_the_title(workbench: Workbench, answers) -> None:
    _edit(workbench)
    answers.reply("Cancel", to="unsaved-changes")
    workbench.close_current()
    answers.reply("Cancel", to="revert")
    workbench.revert_current()
    for request in answers.asked:
        assert f"“{TITLE}”" in request.text and UUID_NAME not in request.text
        assert request.detail.endswith(UUID_NAME)


def test_disk_change_question_names_the_title(workbench: Workbench, answers) -> None:
    _edit(workbench)
    session = workbench.tabs.current_session()
    assert session is not None
    session.path.write_bytes(session.path.read_bytes().replace(b"Genomic", b"Genome"))
    answers.reply("Keep Mine", to="external-change")
    session.check_disk()
    request = answers.asked[-1]
    assert f"“{TITLE}”" in request.text and UUID_NAME not in request.text
    assert str(session.path) in request.detail


def test_save_diff_is_titled_coloured_and_monospace(workbench: Workbench, answers) -> None:
    _edit(workbench)
    workbench.menu["confirm_diff"].setChecked(True)
    seen: dict[str, object] = {}

    def read(dialog: SaveDiffDialog) -> int:
        seen["title"] = dialog.windowTitle()
        seen["fixed"] = dialog.text.font().family() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        seen["colours"] = _line_colours(dialog)
        return QDialog.DialogCode.Rejected

    answers.reply(read, to="saveDiffDialog")
    workbench.menu["save"].trigger()
    assert seen["title"] == f"Save “{TITLE}”?"
    assert seen["fixed"]
    colours = seen["colours"]
    assert isinstance(colours, dict)
    added, removed, header = QColor(colours["add"]), QColor(colours["del"]), QColor(colours["file"])
    assert added.green() > added.red() and removed.red() > removed.green()
    assert header.saturation() < 40  # dim grey, not a colour competing with the changes


def _line_colours(dialog: SaveDiffDialog) -> dict[str, str]:
    colours: dict[str, str] = {}
    block = dialog.text.document().begin()
    while block.isValid():
        kind = DiffHighlighter.kind(block.text())
        formats = block.layout().formats()
        if kind is not None and formats:
            colours.setdefault(kind, formats[0].format.foreground().color().name())
        block = block.next()
    return colours


def test_save_diff_colours_follow_a_dark_palette(qtbot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def colours_with(base: str, text: str) -> dict[str, str]:
        palette = QPalette(app.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        previous = app.palette()
        app.setPalette(palette)
        try:
            dialog = SaveDiffDialog(tmp_path / UUID_NAME, b"a\nold\n", b"a\nnew\n", title="T")
            qtbot.addWidget(dialog)
            return _line_colours(dialog)
        finally:
            app.setPalette(previous)

    light, dark = colours_with("#ffffff", "#000000"), colours_with("#1e1e1e", "#eeeeee")
    for kind in ("add", "del", "file"):
        # Each kind stays readable on its base: darker than midtone on white, lighter on black.
        assert QColor(light[kind]).lightness() < 128 < QColor(dark[kind]).lightness(), kind


def test_recovery_list_names_the_title(qtbot, seed_path: Path, tmp_path: Path) -> None:
    item = tmp_path / UUID_NAME
    shutil.copyfile(seed_path, item)
    store = RecoveryStore(tmp_path / "recovery")
    store.save(item, item.read_bytes().replace(b"Genomic", b"Genomics"), "0" * 64)
    dialog = RecoveryDialog(store, store.records())
    qtbot.addWidget(dialog)
    row = dialog.findChild(QListWidget).item(0)
    assert row.text().startswith("UK Launch Implementation Plan For Genomics Healthcare System")
    assert UUID_NAME not in row.text() and row.toolTip() == str(item)
    store.close()
