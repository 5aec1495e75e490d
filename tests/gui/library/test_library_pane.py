"""LibraryPane with pytest-qt: background indexing, filtering as you type, facets, watcher."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from support.alerts import ScriptedAnswers

from curator_app.core.document.document import Document
from curator_app.core.library.search import Query, SavedFilters
from curator_app.gui.library import LibraryPane
from curator_app.gui.library.model import COL_DATE, COL_TITLE, LibraryModel

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def pane(qtbot, tmp_path: Path) -> Iterator[LibraryPane]:
    widget = LibraryPane(saved_filters=SavedFilters(tmp_path / "filters.json"), poll_ms=0)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def _open(qtbot, pane: LibraryPane, folder: Path) -> None:
    with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
        pane.open_folder(folder)


def _titles(pane: LibraryPane) -> list[str]:
    m = pane.model
    return [m.data(m.index(r, COL_TITLE)) for r in range(m.rowCount())]


def test_open_lists_items_with_progress(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    progress: list[tuple[int, int]] = []
    pane.sig_progress.connect(lambda d, t: progress.append((d, t)))
    _open(qtbot, pane, gen_folder)
    assert pane.model.rowCount() == 40
    assert progress[0] == (0, 40) and progress[-1] == (40, 40)
    dates = [pane.model.data(pane.model.index(r, COL_DATE)) for r in range(40)]
    assert dates == sorted(dates, reverse=True)  # newest first by default
    pane.view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert _titles(pane) == sorted(_titles(pane), key=str.lower)


def test_typing_filters_rows(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    _open(qtbot, pane, gen_folder)
    target = pane.model.all_items()[5]
    word = target.title.split()[0].lower()
    qtbot.keyClicks(pane.filter_bar.search, word)
    expected = {i.title for i in pane.model.all_items()
                if word in (i.title + i.description + i.brand + i.path).lower()
                or any(word in t.lower() for t in (*i.tags, *i.categories))}
    assert set(_titles(pane)) >= expected and target.title in _titles(pane)
    pane.filter_bar.search.clear()
    assert pane.model.rowCount() == 40


def test_body_text_is_found_after_the_search_delay(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    special = gen_folder / "news" / "special.md"
    special.write_text("---\ntitle: Plain Title\n---\n<p>a capybara story</p>\n", encoding="utf-8")
    _open(qtbot, pane, gen_folder)
    qtbot.keyClicks(pane.filter_bar.search, "capyb")
    qtbot.waitUntil(lambda: _titles(pane) == ["Plain Title"], timeout=5000)


def test_facet_combo_filters(qtbot, pane: LibraryPane, gen_folder: Path, answers: ScriptedAnswers) -> None:
    _open(qtbot, pane, gen_folder)
    combo = pane.filter_bar.tag
    assert combo.count() > 1
    combo.setCurrentIndex(1)
    tag = combo.currentData()
    assert pane.model.rowCount() == sum(1 for i in pane.model.all_items() if tag in i.tags)
    answers.reply("by tag", to="save-filter")
    qtbot.mouseClick(pane.filter_bar.save_button, Qt.MouseButton.LeftButton)
    assert pane.filter_bar.saved_combo.findData("by tag") >= 0
    combo.setCurrentIndex(0)
    assert pane.model.rowCount() == 40
    assert pane.filter_bar.apply_saved("by tag")
    assert pane.model.query.tags == (tag,)


def test_watcher_picks_up_added_and_deleted_files(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    _open(qtbot, pane, gen_folder)
    news = gen_folder / "news"
    assert str(news) in pane.watcher.watched_folders()
    first = sorted(news.glob("*.md"))[0]
    shutil.copy(first, news / "zz-new.md")
    doc = Document.load(news / "zz-new.md")
    doc.set(("title",), "Freshly Pulled Item")
    doc.save()
    qtbot.waitUntil(lambda: "Freshly Pulled Item" in _titles(pane), timeout=10000)
    (news / "zz-new.md").unlink()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 40, timeout=10000)


def test_a_refresh_keeps_the_selected_item_selected(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    """Files added, edited and deleted on disk while an item is selected: the rows change
    in place and the selection stays on the item the user chose."""
    _open(qtbot, pane, gen_folder)
    pane.show()
    qtbot.waitExposed(pane)
    row = 20
    pane.view.scrollTo(pane.model.index(row, COL_TITLE))
    rect = pane.view.visualRect(pane.model.index(row, COL_TITLE))
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     rect.center())
    chosen = pane.selected_paths()
    assert len(chosen) == 1
    news = gen_folder / "news"
    files = sorted(news.glob("*.md"))
    newest = Document.load(files[0])
    newest.set(("title",), "Newest Of All")
    newest.set(("date",), "2099-01-01")
    newest.save()  # moves to the top
    (files[1] if files[1] != chosen[0] else files[2]).unlink()
    shutil.copy(files[3], news / "zz-added.md")
    resets: list[int] = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
        pane.refresh()
    assert pane.model.rowCount() == 40 and _titles(pane)[0] == "Newest Of All"
    assert pane.selected_paths() == chosen and not resets


def test_activation_emits_the_item_path(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    _open(qtbot, pane, gen_folder)
    with qtbot.waitSignal(pane.sig_item_activated) as blocker:
        pane.view.activated.emit(pane.model.index(0, COL_TITLE))
    path = blocker.args[0]
    assert isinstance(path, Path) and path.is_file() and path.parent.parent == gen_folder.resolve()


def test_lint_counts_arrive_in_the_background(qtbot, pane: LibraryPane, seed_folder: Path) -> None:
    _open(qtbot, pane, seed_folder)
    qtbot.waitUntil(lambda: pane.model.all_items()[0].lint_count is not None, timeout=30000)
    pane.set_query(Query(has_problems=True))
    assert pane.model.rowCount() == 1


def test_a_listener_of_the_load_holds_the_lint_pass_until_it_lets_go(qtbot, pane: LibraryPane,
                                                                   seed_folder: Path) -> None:
    """The window opens a freshly indexed folder's first item as it loads and holds the lint
    pass until that item's preview has painted (actions/folders.py): on two cores, both at
    once froze the window for up to 0.2 s."""
    pane.sig_loaded.connect(lambda _n: pane.hold_lint(at_most_ms=60_000))
    _open(qtbot, pane, seed_folder)
    qtbot.wait(1500)
    assert pane.model.all_items()[0].lint_count is None
    pane.release_lint()
    qtbot.waitUntil(lambda: pane.model.all_items()[0].lint_count is not None, timeout=30000)


def test_model_filter_is_fast_over_10000_rows(generator) -> None:
    """The keystroke budget (30 ms) on synthetic rows; the benchmark measures real ones."""
    import time

    from curator_app.core.library.index import Item

    items = [Item(n, f"news/{n}.md", f"Title {n} genome trial", f"2020-01-{n % 28 + 1:02d}",
                  f"slug-{n}", n % 10 == 0, "example.org", "", "description " * 20, "",
                  ("News", f"T{n % 50}"), ("Medigy: X",), str(n), "yaml", None, n % 3)
             for n in range(10000)]
    model = LibraryModel()
    model.set_items(Path("/tmp"), items)
    worst = 0.0
    for text in ("g", "ge", "gen", "geno", "genom", "genome", "genome t", "genome tr"):
        t = time.perf_counter()
        model.set_query(Query(text=text))
        worst = max(worst, time.perf_counter() - t)
    assert model.rowCount() == 10000
    assert worst < 0.1  # generous for a loaded CI machine; the target is 30 ms


def test_bulk_edit_dialog_previews_applies_and_undoes(qtbot, pane: LibraryPane, seed_folder: Path) -> None:
    _open(qtbot, pane, seed_folder)
    path = seed_folder / "genome-uk.md"
    before = path.read_bytes()
    pane.view.selectRow(0)
    assert pane.selected_paths() == [path.resolve()]
    dialog = pane.bulk_edit_dialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Bulk edit 1 item"
    assert not dialog.apply_button.isEnabled()
    dialog.field.setCurrentIndex(dialog.field.findData("categories"))
    dialog.value.setText("Medigy: Precision Medicine")  # typing would pop the completer up
    dialog.make_preview()
    assert "+  - topic/medigy-precision-medicine" in dialog.preview.toPlainText()
    assert path.read_bytes() == before  # a preview writes nothing
    dialog.apply_plan()
    assert pane.last_bulk is not None
    assert Document.load(path).get(("categoryLabel",)) == ["Genomics", "Precision Medicine"]
    assert pane.undo_last_bulk()
    assert path.read_bytes() == before


def test_new_item_dialog_creates_and_opens_the_item(qtbot, pane: LibraryPane, seed_folder: Path) -> None:
    _open(qtbot, pane, seed_folder)
    dialog = pane.new_item_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Brand New Item")
    qtbot.keyClicks(dialog.url, "https://www.statnews.com/2026/01/02/brand-new-item/")
    assert dialog.site_name.text() == "STAT"  # guessed from the URL
    with qtbot.waitSignal(pane.sig_item_activated) as blocker:
        dialog.create_from_inputs()
    created = blocker.args[0]
    doc = Document.load(created)
    assert doc.get(("title",)) == "Brand New Item" and doc.get(("id",)) == 5684  # seed id + 1
    assert doc.get(("slug",)) == "statnews-brand-new-item" and doc.get(("link", "brand")) == "statnews.com"
    assert created == seed_folder.resolve() / "brand-new-item.md"  # no sections: the top level
    qtbot.waitUntil(lambda: "Brand New Item" in _titles(pane), timeout=10000)


def test_narrow_pane_keeps_titles_readable(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    from curator_app.gui.library.model import COL_BRAND, COL_STATUS

    _open(qtbot, pane, gen_folder)
    pane.resize(280, 600)
    pane.show()
    qtbot.waitExposed(pane)
    hh = pane.view.horizontalHeader()
    qtbot.waitUntil(lambda: hh.sectionSize(COL_TITLE) >= pane.title_width_wanted())
    assert pane.view.isColumnHidden(COL_STATUS) and pane.view.isColumnHidden(COL_BRAND)
    item = pane.model.visible_items()[0]
    tip = pane.model.data(pane.model.index(0, COL_TITLE), Qt.ItemDataRole.ToolTipRole)
    assert item.title in tip and item.brand in tip
    bar = pane.filter_bar
    for edit in (bar.date_from, bar.date_to):  # placeholders whole
        assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    pane.resize(900, 600)
    qtbot.waitUntil(lambda: not pane.view.isColumnHidden(COL_STATUS))
    assert not pane.view.isColumnHidden(COL_BRAND)


def test_thumbnails_never_read_files_outside_the_folder(qtbot, pane: LibraryPane, tmp_path: Path) -> None:
    from PIL import Image

    from curator_app.gui.library.model import COL_THUMB

    outside = tmp_path / "outside"
    outside.mkdir()
    Image.new("RGB", (64, 64), "red").save(outside / "SECRET.png")
    folder = tmp_path / "site"
    folder.mkdir()
    Image.new("RGB", (64, 64), "blue").save(folder / "ok.png")
    (folder / "link.png").symlink_to(outside / "SECRET.png")
    hrefs = {"ok": "ok.png", "up": "../outside/SECRET.png", "abs": str(outside / "SECRET.png"), "link": "link.png"}
    for name, href in hrefs.items():
        (folder / f"{name}.md").write_text(f"---\ntitle: {name}\nfeaturedImage:\n  href: {href}\n---\n")
    _open(qtbot, pane, folder)
    wanted: list[str] = []
    pane.model.sig_thumbnail_wanted.connect(lambda _key, path: wanted.append(path))
    m = pane.model
    for r in range(m.rowCount()):
        m.data(m.index(r, COL_THUMB), Qt.ItemDataRole.DecorationRole)
    assert wanted == [str(folder / "ok.png")]


def test_rows_appear_while_a_large_folder_is_indexed(qtbot, pane: LibraryPane, generator, tmp_path: Path) -> None:
    folder = generator.generate(tmp_path / "big", 450, seed=3)
    resets: list[int] = []
    pane.model.modelReset.connect(lambda: resets.append(pane.model.rowCount()))
    grown: list[int] = []
    pane.model.rowsInserted.connect(lambda *_: grown.append(pane.model.rowCount()))
    progress: list[tuple[int, int]] = []
    pane.sig_progress.connect(lambda d, t: progress.append((d, t)))
    _open(qtbot, pane, folder)
    assert pane.model.rowCount() == 450
    # Listed batch by batch, not at the end: the first batch is one reset, later rows are
    # inserted at their places (a reset per batch froze the window with 10,000 rows).
    assert len(resets) == 1 and 0 < resets[0] < 450, resets
    assert grown and grown[-1] == 450
    assert any(0 < d < t for d, t in progress)
    dates = [pane.model.data(pane.model.index(r, COL_DATE)) for r in range(450)]
    assert dates == sorted(dates, reverse=True)


def _reopened(qtbot, pane: LibraryPane, folder: Path, tmp_path: Path) -> LibraryPane:
    """A second pane on a folder the first one indexed: it has a cache to list from."""
    _open(qtbot, pane, folder)
    again = LibraryPane(saved_filters=SavedFilters(tmp_path / "filters2.json"), poll_ms=0)
    qtbot.addWidget(again)
    return again


def test_reopen_lists_the_cached_rows_before_the_refresh_ends(qtbot, pane: LibraryPane, gen_folder: Path,
                                                              tmp_path: Path) -> None:
    again = _reopened(qtbot, pane, gen_folder, tmp_path)
    resets: list[int] = []
    again.model.modelReset.connect(lambda: resets.append(again.model.rowCount()))
    try:
        with qtbot.waitSignal(again.sig_listed, timeout=1000):
            again.open_folder(gen_folder)  # listed at once, before the event loop runs
        assert resets == [40] and again.model.rowCount() == 40
        listed = _titles(again)
        assert listed == _titles(pane)  # the cache's rows, in the list's order
        again.view.selectRow(7)
        chosen = again.selected_paths()
        with qtbot.waitSignal(again.sig_loaded, timeout=20000):
            pass
        # The worker's full rows took the listed ones' place: no reset, selection kept.
        assert resets == [40] and _titles(again) == listed and again.selected_paths() == chosen
        assert again.values_used("tags")
    finally:
        again.shutdown()


def test_filtering_a_list_still_read_from_the_cache(qtbot, pane: LibraryPane, gen_folder: Path,
                                                    tmp_path: Path) -> None:
    again = _reopened(qtbot, pane, gen_folder, tmp_path)
    try:
        again.open_folder(gen_folder)
        target = pane.model.all_items()[5]
        word = target.title.split()[0].lower()
        again.set_query(Query(text=word))  # before the worker's rows arrive: every row is read
        assert target.title in _titles(again) and again.model.rowCount() < 40
        assert again.model.count == 40
        with qtbot.waitSignal(again.sig_loaded, timeout=20000):
            pass
        assert target.title in _titles(again) and again.model.count == 40
    finally:
        again.shutdown()


def test_held_indexing_hands_over_no_rows_until_released(qtbot, pane: LibraryPane, gen_folder: Path) -> None:
    """At start-up the window holds the worker thread while it builds the preview and
    reopens tabs (gui/app.py): no file is read until it lets go, and closing never waits."""
    progress: list[tuple[int, int]] = []
    pane.sig_progress.connect(lambda d, t: progress.append((d, t)))
    pane.hold_indexing(at_most_ms=60_000)
    pane.open_folder(gen_folder)
    qtbot.wait(700)
    assert pane.model.rowCount() == 0 and progress == []
    with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
        pane.release_indexing()
    assert pane.model.rowCount() == 40


def test_a_hold_ends_by_itself_and_never_keeps_the_window_from_closing(qtbot, gen_folder: Path,
                                                                       tmp_path: Path) -> None:
    held = LibraryPane(saved_filters=SavedFilters(tmp_path / "f.json"), poll_ms=0)
    qtbot.addWidget(held)
    held.hold_indexing(at_most_ms=300)
    with qtbot.waitSignal(held.sig_loaded, timeout=20000):
        held.open_folder(gen_folder)  # listed once the hold has run out
    assert held.model.rowCount() == 40
    held.hold_indexing(at_most_ms=60_000)
    held.refresh()
    held.shutdown()  # returns: stopping the worker lets it go


def test_closing_while_a_new_folder_waits_to_be_read_returns(qtbot, gen_folder: Path, tmp_path: Path) -> None:
    """The app quit during start-up: the held folder is never read, and nothing waits for
    a lint pass the closed window can no longer let go."""
    held = LibraryPane(saved_filters=SavedFilters(tmp_path / "f.json"), poll_ms=0)
    qtbot.addWidget(held)
    held.hold_indexing(at_most_ms=60_000)
    held.open_folder(gen_folder)
    qtbot.wait(200)  # the worker thread is waiting for the window
    held.shutdown()  # returns
    assert held.model.rowCount() == 0
