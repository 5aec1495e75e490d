"""The alert seam: every question and message goes through curator_app.gui.alerts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from support.alerts import ScriptedAnswers

from curator_app.gui import alerts

GUI = Path(alerts.__file__).parent
# Building a message box, running a dialog's own loop or a file chooser outside the seam.
DIRECT = re.compile(r"\bQMessageBox\b|\bQFileDialog\b|\bQInputDialog\b|\.exec\(\)")


def test_no_dialog_is_shown_outside_the_seam() -> None:
    offenders = []
    for path in sorted(GUI.rglob("*.py")):
        if path.name == "alerts.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if DIRECT.search(code) and "loop.exec()" not in code and "app.exec()" not in code:
                offenders.append(f"{path.relative_to(GUI)}:{number}: {line.strip()}")
    assert offenders == []


def test_ask_returns_the_scripted_label_and_records_the_question(qtbot, answers: ScriptedAnswers) -> None:
    answers.reply("Discard", to="revert")
    assert alerts.ask(None, "revert", "Revert", "Throw away?", ["Discard", alerts.CANCEL]) == "Discard"
    answers.reply(alerts.CANCEL)
    assert alerts.ask(None, "revert", "Revert", "Throw away?", ["Discard", alerts.CANCEL]) is None
    assert answers.names() == ["revert", "revert"]
    assert answers.asked[0].choices == ("Discard", "Cancel")


def test_an_answer_that_is_not_a_choice_is_refused(qtbot, answers: ScriptedAnswers) -> None:
    answers.reply("Maybe")
    with pytest.raises(ValueError, match="not one of"):
        alerts.ask(None, "revert", "Revert", "Throw away?", ["Discard", alerts.CANCEL])


def test_run_hands_the_dialog_to_the_answer_and_returns_its_result(qtbot, answers: ScriptedAnswers) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    dialog.setObjectName("someDialog")
    answers.reply(lambda d: d.accept(), to="someDialog")
    assert alerts.run(dialog) == QDialog.DialogCode.Accepted
    answers.reply(int(QDialog.DialogCode.Rejected))
    assert alerts.run(dialog) == QDialog.DialogCode.Rejected


def test_messages_need_no_answer(qtbot, answers: ScriptedAnswers) -> None:
    alerts.tell(None, "save-failed", "Could not save", "disk full", level=alerts.Level.WARNING)
    assert [(t.name, t.text, t.level) for t in answers.told()] == [("save-failed", "disk full", alerts.Level.WARNING)]


def test_choosers_answer_paths(qtbot, answers: ScriptedAnswers, tmp_path: Path) -> None:
    answers.reply(tmp_path, to="choose-folder")
    assert alerts.choose_folder(None, "Open Content Folder") == tmp_path
    answers.reply(None, to="choose-save-file")
    assert alerts.choose_save_file(None, "Save as", tmp_path / "x.md") is None


def test_typed_text_is_stripped_and_empty_means_cancelled(qtbot, answers: ScriptedAnswers) -> None:
    answers.reply("  Awaiting review  ", to="save-filter")
    assert alerts.ask_text(None, "save-filter", "Save filter", "Name:") == "Awaiting review"
    answers.reply("   ", to="save-filter")
    assert alerts.ask_text(None, "save-filter", "Save filter", "Name:") is None
    answers.reply(None, to="save-filter")
    assert alerts.ask_text(None, "save-filter", "Save filter", "Name:") is None
    assert [r.kind for r in answers.asked] == [alerts.Kind.TEXT] * 3
