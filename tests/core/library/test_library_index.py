"""The SQLite index: cold index, warm reopen from cache, change detection, robustness."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.library import scan
from curator_app.core.library.index import SCHEMA_VERSION, LibraryIndex, database_path


@pytest.fixture
def parse_counter(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every file whose front matter is parsed (the in-process path)."""
    calls: list[str] = []
    real = scan.read_front_values

    def counting(data: bytes, rel: str = ""):
        calls.append(rel)
        return real(data, rel)

    monkeypatch.setattr(scan, "read_front_values", counting)
    return calls


def test_cold_index_lists_every_item(gen_folder: Path, db_path: Path, parse_counter: list[str]) -> None:
    with LibraryIndex(gen_folder, db_path) as index:
        result = index.refresh(workers=1)
        items = index.items()
    assert len(items) == 40 == result.parsed == len(result.added)
    assert len(parse_counter) == 40
    first = items[0]
    doc = Document.load(gen_folder / first.path)
    assert first.title == doc.get(("title",))
    assert first.slug == doc.get(("slug",))
    assert first.brand == doc.get(("link", "brand"))
    assert list(first.tags) == doc.get(("tags",))
    assert list(first.categories) == doc.get(("categories",))
    assert first.date == doc.get(("date",))
    assert first.draft is doc.get(("draft",))
    assert first.lint_count is None  # lint is the second pass


def test_reopen_uses_cache_without_reading_files(gen_folder: Path, db_path: Path,
                                                 parse_counter: list[str]) -> None:
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
        before = index.items()
    parse_counter.clear()
    with LibraryIndex(gen_folder, db_path) as index:
        result = index.refresh(workers=1)
        after = index.items()
    assert parse_counter == []
    assert result.parsed == 0 and result.unchanged == 40 and not result.touched
    assert after == before


def test_default_cache_location_is_the_user_cache_dir(gen_folder: Path) -> None:
    from platformdirs import user_cache_dir

    path = database_path(gen_folder)
    assert path.is_relative_to(Path(user_cache_dir("curator")))
    with LibraryIndex(gen_folder) as index:
        index.refresh(workers=1)
        assert index.db_path == path and path.exists()
        assert index.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Named by the folder's SHA-1 as from the first release on: an upgrade keeps the cache.
    import hashlib

    assert path.stem == hashlib.sha1(str(gen_folder.resolve()).encode("utf-8")).hexdigest()[:20]


def test_change_add_delete_rename_are_detected(gen_folder: Path, db_path: Path,
                                               parse_counter: list[str]) -> None:
    news = gen_folder / "news"
    files = sorted(news.glob("*.md"))
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
        parse_counter.clear()

        changed = files[0]
        doc = Document.load(changed)
        doc.set(("title",), "A Completely New Title")
        doc.save()
        removed = files[1]
        removed.unlink()
        renamed_from = files[2]
        renamed_to = news / "sub" / "moved.md"
        renamed_to.parent.mkdir()
        os.rename(renamed_from, renamed_to)
        added = news / "added.md"
        shutil.copy(files[3], added)
        os.utime(added, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))

        result = index.refresh(workers=1)
        rel = lambda p: p.relative_to(gen_folder).as_posix()  # noqa: E731
        assert result.changed == [rel(changed)]
        assert result.removed == [rel(removed)]
        assert result.renamed == [(rel(renamed_from), rel(renamed_to))]
        assert result.added == [rel(added)]
        # Only the changed and the added file were read; the rename moved its row.
        assert sorted(parse_counter) == sorted([rel(changed), rel(added)])
        assert index.item(rel(changed)).title == "A Completely New Title"  # type: ignore[union-attr]
        assert index.item(rel(removed)) is None
        assert index.item(rel(renamed_from)) is None
        assert index.item(rel(renamed_to)) is not None
        assert index.count() == 40


def test_unreadable_file_is_listed_with_its_error(gen_folder: Path, db_path: Path) -> None:
    bad = gen_folder / "news" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
        item = index.item("news/broken.md")
    assert item is not None and item.error is not None
    with pytest.raises(CuratorError) as doc_err:  # the editor reports the same place
        Document.from_bytes(bad.read_bytes(), "news/broken.md")
    assert item.error == str(doc_err.value) and item.error.startswith("news/broken.md:3:")
    assert item.problems == 1


def test_damaged_database_is_rebuilt(gen_folder: Path, db_path: Path) -> None:
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"this is not a database" * 100)
    with LibraryIndex(gen_folder, db_path) as index:
        result = index.refresh(workers=1)
        assert result.parsed == 40 and index.count() == 40


def test_other_schema_version_is_rebuilt(gen_folder: Path, db_path: Path) -> None:
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
        index.db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with LibraryIndex(gen_folder, db_path) as index:
        assert index.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert index.refresh(workers=1).parsed == 40


def test_interrupted_refresh_leaves_a_consistent_cache(gen_folder: Path, db_path: Path) -> None:
    """A refresh killed after some batches keeps what it committed; the next one finishes."""
    from curator_app.core.library import index as index_mod

    class Killed(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done >= 10:
            raise Killed

    old_chunk = index_mod.CHUNK
    index_mod.CHUNK = 10
    try:
        with LibraryIndex(gen_folder, db_path) as index, pytest.raises(Killed):
            index.refresh(progress=progress, workers=1)
    finally:
        index_mod.CHUNK = old_chunk
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n_items = db.execute("SELECT count(*) FROM items").fetchone()[0]
    n_fts = db.execute("SELECT count(*) FROM fts").fetchone()[0]
    db.close()
    assert n_items == n_fts == 10
    with LibraryIndex(gen_folder, db_path) as index:
        assert index.refresh(workers=1).parsed == 30
        assert index.count() == 40


def test_parallel_cold_index_matches_serial(gen_folder: Path, tmp_path: Path, generator) -> None:
    from curator_app.core.library import index as index_mod

    with LibraryIndex(gen_folder, tmp_path / "serial.sqlite3") as index:
        index.refresh(workers=1)
        serial = [(i.path, i.title, i.tags, i.date) for i in index.items()]
    old = index_mod.PARALLEL_MIN_FILES
    index_mod.PARALLEL_MIN_FILES = 1
    try:
        with LibraryIndex(gen_folder, tmp_path / "parallel.sqlite3") as index:
            index.refresh(workers=2)
            parallel = [(i.path, i.title, i.tags, i.date) for i in index.items()]
    finally:
        index_mod.PARALLEL_MIN_FILES = old
    assert parallel == serial


def test_lint_pass_fills_counts_for_the_current_file_version(seed_folder: Path, db_path: Path) -> None:
    from curator_app.core.library.lintpass import COUNTED_SEVERITIES
    from curator_app.core.lint.engine import lint_document

    with LibraryIndex(seed_folder, db_path) as index:
        index.refresh(workers=1)
        assert index.lint_pending() == ["genome-uk.md"]
        assert index.compute_lint() == 1
        item = index.item("genome-uk.md")
    doc = Document.load(seed_folder / "genome-uk.md")
    expected = sum(1 for f in lint_document(doc, content_root=seed_folder) if f.severity in COUNTED_SEVERITIES)
    assert item is not None and item.lint_count == expected
    assert expected > 0  # the seed has a double space in its title and a cut description


def test_values_used_for_completion(gen_folder: Path, db_path: Path) -> None:
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
        tags = dict(index.values_used("tags"))
        items = index.items()
    for tag, count in tags.items():
        assert count == sum(1 for i in items if tag in i.tags)


def _add_broken_items(folder: Path) -> None:
    # One the list can read but the full parse cannot (a duplicate key in a block the
    # list skips), one neither can.
    (folder / "broken-block.md").write_text(
        "---\ntitle: Half good\nhtmlMetaData:\n  description: a\n  description: b\n---\nbody\n")
    (folder / "broken-all.md").write_text("---\ntitle: [unclosed\n---\n")


@pytest.mark.parametrize("workers", [1, 2])
def test_single_index_and_lint_pass_matches_the_two_passes(
        gen_folder: Path, tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from curator_app.core.library import index as index_mod

    _add_broken_items(gen_folder)
    monkeypatch.setattr(index_mod, "PARALLEL_MIN_FILES", 1)
    with LibraryIndex(gen_folder, tmp_path / "two.sqlite3") as index:
        index.refresh(workers=1)
        index.compute_lint()
        two_passes = index.items()
    with LibraryIndex(gen_folder, tmp_path / "one.sqlite3") as index:
        result = index.refresh(workers=workers, lint=True)
        assert index.lint_pending() == []  # nothing left for a second pass
        one_pass = index.items()
    assert result.parsed == len(one_pass) == 42
    strip = [(i.path, i.title, i.tags, i.date, i.error, i.lint_count, i.problems) for i in two_passes]
    assert strip == [(i.path, i.title, i.tags, i.date, i.error, i.lint_count, i.problems)
                     for i in one_pass]
    by_path = {i.path: i for i in one_pass}
    assert "duplicate key 'description'" in (by_path["broken-block.md"].error or "")
    assert by_path["broken-block.md"].problems == 1
    assert by_path["broken-all.md"].error and by_path["broken-all.md"].problems == 1
    assert all(i.lint_count is not None for i in one_pass if i.error is None)


def test_pending_lint_and_the_cli_listing_read_what_they_need(gen_folder: Path, db_path: Path) -> None:
    # A warm `curator index` asks for rows waiting for a lint count (almost always none)
    # and lists every row by path: the first is answered from a partial index alone, the
    # second reads the table in storage order and sorts (faster than the path index).
    with LibraryIndex(gen_folder, db_path) as index:
        index.refresh(workers=1)
        plan = index.db.execute(
            "EXPLAIN QUERY PLAN SELECT path FROM items WHERE lint_count IS NULL AND error IS NULL "
            "ORDER BY path").fetchall()
        assert any("items_unlinted" in str(row[-1]) for row in plan), plan
        pending = index.lint_pending()
        assert pending == sorted(i.path for i in index.items() if i.error is None)
        index.compute_lint()
        assert index.lint_pending() == []
        _add_broken_items(gen_folder)
        (gen_folder / "draft.md").write_text("---\ntitle: Still a draft\ndraft: true\n---\nbody\n")
        index.refresh(workers=1)
        listing = index.listing()
        expected = []
        for i in sorted(index.items(), key=lambda i: i.path):
            lint = "?" if i.problems is None else str(i.problems)
            expected.append((f"{i.path}\t{i.date[:10]}\t{lint}\t{i.title}{' [draft]' if i.draft else ''}\n",
                             i.error))
        assert listing == expected
        assert any(e for _, e in listing) and any("[draft]" in t for t, _ in listing)
        assert any("\t?\t" in t for t, _ in listing)  # the draft is not linted yet
