"""File ▸ New Item from the real window: the dialog's size and tab order, typing into it,
the file it writes (bytes read back) and the tab it opens with the title field focused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from support.workbench import close_workbench, open_workbench

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import lint_document
from curator_app.gui.library.new_item import NewItemDialog
from curator_app.gui.wiring import Workbench

LONG = ("Every newborn in the pilot will be offered whole genome sequencing, looking for more "
        "than 200 rare conditions that can be treated early in life.")


@pytest.fixture
def seed_site(seed_path: Path, tmp_path: Path) -> Path:
    """A site shaped like the seed's: items in content/news/, and an empty features/ section."""
    news = tmp_path / "site" / "content" / "news"
    news.mkdir(parents=True)
    shutil.copyfile(seed_path, news / "genome-uk.md")
    (tmp_path / "site" / "content" / "features").mkdir()
    (tmp_path / "site" / "hugo.toml").write_text("baseURL = 'https://news.example.org/'\ntitle = 'Health News'\n")
    return tmp_path / "site"


def _fill(qtbot, dialog: NewItemDialog, title: str, url: str, section: str, description: str = "") -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= 1280 and dialog.height() <= 760, dialog.size()  # fits a 1280×800 screen
    assert screen.width() < 1280 or dialog.frameGeometry().width() <= screen.width()
    for field in (dialog.title, dialog.url, dialog.site_name, dialog.category):
        assert field.width() >= 40 * field.fontMetrics().averageCharWidth(), field.width()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.title)
    assert not dialog.ok_button.isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title, title)
    assert dialog.ok_button.isEnabled()
    # Keyboard order: title → section → source URL → source name → … → Create.
    order: list[QWidget] = [dialog.title]
    for _ in range(7):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order == [dialog.title, dialog.section, dialog.url, dialog.site_name, dialog.category,
                     dialog.description, dialog.author, dialog.ok_button]
    dialog.section.setFocus()
    qtbot.keyClicks(dialog.section, section)  # type-ahead picks the section
    assert dialog.section.currentData() == section
    qtbot.keyClicks(dialog.url, url)
    if description:
        qtbot.keyClicks(dialog.description, description)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _new_item(qtbot, bench: Workbench, answers, **inputs: str) -> Path:
    seen: dict[str, str] = {}

    def drive(dialog: NewItemDialog) -> int:
        _fill(qtbot, dialog, **inputs)
        seen["name"], seen["file"] = dialog.site_name.text(), dialog.file_label.text()
        return dialog.result()

    answers.reply(drive, to="newItemDialog")
    bench.menu["new_item"].trigger()
    session = bench.tabs.current_session()
    assert session is not None and session.path.is_file()
    editor = bench.tabs.editor_at(bench.tabs.currentIndex())
    assert editor is not None
    title_field = editor.form.editor(("title",))
    assert title_field is not None
    assert bench.window.focusWidget() is title_field.focus_target()
    # The offscreen platform does not hand activation back when a dialog closes; a desktop does.
    bench.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title_field.focus_target(), timeout=5000)
    assert seen["file"] == session.path.relative_to(bench.library.root).as_posix()  # type: ignore[arg-type]
    return session.path


def test_new_item_on_the_sample_site(qtbot, tmp_content: Path, answers) -> None:
    bench = open_workbench(qtbot, tmp_content)
    try:
        path = _new_item(qtbot, bench, answers, title="Newborn genomes: a pilot",
                         url="https://www.theguardian.com/society/2026/newborn-genomes", section="news")
        assert path == tmp_content / "content" / "news" / "newborn-genomes-a-pilot.md"
        text = path.read_text(encoding="utf-8")
        assert "\ntitle: 'Newborn genomes: a pilot'\n" in text  # quoted: YAML needs it here
        assert "  ogsite_name: The Guardian\n" in text and "  brand: theguardian.com\n" in text
        assert "\nslug: theguardian-newborn-genomes-a-pilot\n" in text
        assert "author: []\n" in text and "<p></p>" not in text and "ogimage: null\n" in text
        assert "\nbasePath: /news/\n" in text and "\naliases: /news/newborn-genomes-a-pilot\n" in text
        findings = lint_document(Document.load(path))
        assert not [f for f in findings if f.code == "CC104"]
        assert ("CC102", "description") in {(f.code, f.key) for f in findings}  # still to write
        qtbot.waitUntil(lambda: any(i.title == "Newborn genomes: a pilot" for i in bench.library.items()),
                        timeout=20000)
    finally:
        close_workbench(bench)


def test_new_item_on_a_site_of_the_seeds_shape(qtbot, seed_site: Path, seed_path: Path, answers) -> None:
    bench = open_workbench(qtbot, seed_site)
    try:
        path = _new_item(qtbot, bench, answers, title="Genomes for every newborn", section="features",
                         url="https://www.healthcareitnews.com/news/emea/newborn-genomes", description=LONG)
        assert path.parent == seed_site / "content" / "features"
        text = path.read_text(encoding="utf-8")
        seed = seed_path.read_text(encoding="utf-8")
        # The seed's own style: folded descriptions at 80 columns, plain where YAML allows.
        assert ("description: >-\n  Every newborn in the pilot will be offered whole genome sequencing, looking\n"
                "  for more than 200 rare conditions that can be treated early in life.\n") in text
        assert "description: >-\n  The plan focuses" in seed
        assert "\ntitle: Genomes for every newborn\n" in text
        # The archetype is written for /news/: the item's own section takes its place.
        assert "\nbasePath: /features/\n" in text and "\naliases: /features/genomes-for-every-newborn\n" in text
        assert "  - /features/\n" in text and "/news/" not in text.replace("healthcareitnews.com/news/", "")
        assert "  ogsite_name: Healthcare IT News\n" in text and "  ogsite_name: Healthcare IT News\n" in seed
        doc = Document.load(path)
        assert doc.get(("id",)) == 5684 and doc.body == ""
    finally:
        close_workbench(bench)


def test_the_dialog_refuses_a_source_url_without_a_site(qtbot, seed_site: Path, answers) -> None:
    bench = open_workbench(qtbot, seed_site)
    try:
        def drive(dialog: NewItemDialog) -> int:
            dialog.show()
            qtbot.keyClicks(dialog.title, "A title")
            qtbot.keyClicks(dialog.url, "see the pdf")
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            assert "no site in it" in dialog.error.text() and dialog.isVisible()
            assert dialog.focusWidget() is dialog.url
            dialog.url.clear()
            qtbot.keyClicks(dialog.site_name, "My Source")
            qtbot.keyClicks(dialog.url, "https://www.statnews.com/2026/x")
            assert dialog.site_name.text() == "My Source"  # the curator's name is not replaced
            dialog.reject()
            return QDialog.DialogCode.Rejected

        answers.reply(drive, to="newItemDialog")
        before = sorted(p.name for p in (seed_site / "content").rglob("*.md"))
        bench.menu["new_item"].trigger()
        assert sorted(p.name for p in (seed_site / "content").rglob("*.md")) == before
    finally:
        close_workbench(bench)
