"""The editor driven like a curator: type, add a tag, bold a word, undo, redo, save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from support.editor_fixtures import type_at_end_of_title

from curator_app.gui.form.fields_basic import TextEditor
from curator_app.gui.form.fields_list import StringListEditor

SEED_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"


def _select_word(pane, word: str) -> None:
    rich = pane.body.rich
    found = rich.document().find(word)
    assert not found.isNull(), word
    rich.setTextCursor(found)
    rich.setFocus()


def test_unedited_seed_saves_byte_identical(open_pane, seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    pane, session = open_pane(seed_copy)
    # Looking at every section (building all editors) and both body tabs writes nothing.
    pane.form.ensure_built()
    pane.body.tabs.setCurrentIndex(1)
    pane.body.tabs.setCurrentIndex(0)
    assert not session.is_dirty()
    session.save()
    assert seed_copy.read_bytes() == before


def test_full_edit_matches_golden(open_pane, seed_copy: Path, qtbot) -> None:
    seed = seed_copy.read_text(encoding="utf-8")
    pane, session = open_pane(seed_copy)
    stack = session.undo_stack
    original_body = session.document.body

    type_at_end_of_title(qtbot, pane, " now")

    qtbot.mouseClick(pane.form.sections["taxonomy"].header, Qt.MouseButton.LeftButton)  # open the section
    tags = pane.form.editor("tags")
    assert isinstance(tags, StringListEditor)
    tags.entry.setFocus()
    qtbot.keyClicks(tags.entry, "Genomics")
    qtbot.keyClick(tags.entry, Qt.Key.Key_Return)

    _select_word(pane, "focuses")
    qtbot.keyClick(pane.body.rich, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "<strong>focuses</strong>" in session.document.body

    steps = stack.count()
    assert steps == 3  # title typing, tag, bold
    stack.undo()
    assert session.document.body == original_body
    assert "strong>focuses" not in pane.body.source.toPlainText()
    stack.redo()
    assert "<strong>focuses</strong>" in session.document.body
    assert session.is_dirty()
    session.save()
    assert not session.is_dirty()

    golden = (
        seed.replace(f"title: {SEED_TITLE}\n", f"title: {SEED_TITLE} now\n")
        .replace("tags:\n  - News\n", "tags:\n  - News\n  - Genomics\n")
        .replace("<p>The plan focuses on", "<p>The plan <strong>focuses</strong> on", 1)
    )
    assert golden != seed
    assert seed_copy.read_text(encoding="utf-8") == golden


def test_bold_changes_only_that_spot(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    body = session.document.body
    _select_word(pane, "ambition")
    pane.body.actions_by_name["bold"].trigger()
    assert session.document.body == body.replace("ambition", "<strong>ambition</strong>", 1)


def test_typing_in_one_field_is_one_undo_step(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    status = pane.form.editor("status")
    assert isinstance(status, TextEditor)
    status.edit.setFocus()
    qtbot.keyClicks(status.edit, "in review")
    assert session.document.get(("status",)) == "in review"
    assert session.undo_stack.count() == 1
    # A different field starts a new step.
    slug = pane.form.editor("slug")
    assert isinstance(slug, TextEditor)
    slug.edit.setFocus()
    slug.edit.end(False)
    qtbot.keyClicks(slug.edit, "-x")
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.document.get(("status",)) == ""
    assert status.edit.text() == ""
    assert not session.is_dirty()


def test_linked_prompt_updates_agreeing_copies(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    doc = session.document
    assert pane.focus_field(("link", "href"))  # opens the collapsed "Source link" section
    href = pane.form.editor("link.href")
    assert isinstance(href, TextEditor)
    assert href.edit.hasFocus()
    old = doc.get(("link", "href"))
    href.edit.end(False)
    qtbot.keyClicks(href.edit, "?v=2")
    row = pane.form.rows[("link", "href")]
    qtbot.waitUntil(lambda: row.prompt is not None and row.prompt.isVisible(), timeout=2000)
    assert row.prompt is not None
    assert ("htmlMetaData", "ogurl") in row.prompt.keys
    # Only the edited key changed so far.
    assert doc.get(("href",)) == old
    qtbot.mouseClick(row.prompt.accept_button, Qt.MouseButton.LeftButton)
    new = old + "?v=2"
    for key in [("link", "original"), ("href",), ("original",), ("htmlMetaData", "ogurl"),
                ("openGraphMetaData", "ogurl"), ("twitterMetaData", "twitterurl"),
                ("openProjectCustomFields", "cleanUrl"), ("openProjectCustomFields", "sourceUrl")]:
        assert doc.get(key) == new, key
    assert not row.prompt.isVisible()
    # The copies update is its own undo step.
    session.undo_stack.undo()
    assert doc.get(("href",)) == old
    assert doc.get(("link", "href")) == new


def test_make_same_fixes_a_diverging_copy(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    row = pane.form.rows[("title",)]
    assert row.divergence is not None and row.divergence.isVisible()
    key = ("twitterMetaData", "twittertitle")
    qtbot.mouseClick(row.divergence.buttons[key], Qt.MouseButton.LeftButton)
    assert session.document.get(key) == SEED_TITLE


def test_problem_list_focuses_the_field(open_pane, seed_copy: Path, qtbot) -> None:
    pane, _session = open_pane(seed_copy)
    pane.run_lint()
    problems = pane.problems
    target = next(
        i for i in range(problems.topLevelItemCount()) if problems.topLevelItem(i).text(0) == "featuredImage.alt"
    )
    item = problems.topLevelItem(target)
    with qtbot.waitSignal(pane.sig_problem_activated):
        problems.itemActivated.emit(item, 0)
    alt = pane.form.editor("featuredImage.alt")
    assert alt is not None
    assert alt.focus_target().hasFocus()
    assert pane.form.rows[("featuredImage", "alt")].finding_icon.isVisibleTo(pane)
