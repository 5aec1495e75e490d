"""Linked copies in the form: a retitle that moves the page URL says the old URL stays as
an alias; a title that alone differs from its copies shows what the copies say."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from curator_app.core.document.document import Document
from curator_app.gui.form.fields_basic import TextEditor

OLD_URL = "/news/healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system"


def test_retitle_prompt_says_the_old_url_is_kept(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    assert pane.focus_field(("title",))
    title = pane.form.editor("title")
    assert isinstance(title, TextEditor)
    title.edit.selectAll()
    qtbot.keyClicks(title.edit, "Genome UK plan published")
    row = pane.form.rows[("title",)]
    qtbot.waitUntil(lambda: row.prompt is not None and row.prompt.isVisible(), timeout=3000)
    assert row.prompt is not None
    assert f"old URL {OLD_URL} is kept as an alias" in row.prompt.label.text()
    qtbot.mouseClick(row.prompt.accept_button, Qt.MouseButton.LeftButton)
    session.save()
    saved = Document.load(seed_copy)
    assert saved.get(("slug",)) == "healthcareitnews-genome-uk-plan-published"
    assert OLD_URL in saved.get(("aliases",))
    assert "/news/uk-launch-implementation-plan-for-genomic-healthcare-system" in saved.get(("aliases",))


def test_title_alone_against_its_copies_shows_what_they_say(open_pane, tmp_path: Path) -> None:
    item = tmp_path / "item.md"
    item.write_text(
        "---\ntitle: Lone title\nopenGraphMetaData:\n  ogtitle: Shared title\n"
        "twitterMetaData:\n  twittertitle: Shared title\n---\nBody\n",
        encoding="utf-8",
    )
    pane, session = open_pane(item)
    row = pane.form.rows[("title",)]
    assert row.divergence is not None and row.divergence.isVisible()
    texts = [label.text() for label in row.divergence.findChildren(type(pane.problems_label))]
    assert any("its copies say" in t and "Shared title" in t for t in texts), texts
    assert not any("Lone title" in t for t in texts)
    button = row.divergence.buttons[("title",)]
    assert button.text() == "Use theirs"
    button.click()
    assert session.document.get(("title",)) == "Shared title"
