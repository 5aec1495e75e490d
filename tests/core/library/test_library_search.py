"""Full-text search, facets and saved filters over a real index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_app.core.library.index import Item, LibraryIndex
from curator_app.core.library.search import (
    CachedListing,
    Query,
    SavedFilters,
    facets,
    fts_expression,
    search,
    text_ids,
)


@pytest.fixture
def index(gen_folder: Path, db_path: Path):
    (gen_folder / "news" / "special.md").write_text(
        "---\ntitle: Zebrafish Genome Atlas\ndate: 2030-01-02\ntags: [Rare]\n"
        "categories: ['Medigy: Zoology']\nlink:\n  brand: example.org\n---\n"
        "<p>The body mentions quokka habitats &amp; more.</p>\n",
        encoding="utf-8",
    )
    with LibraryIndex(gen_folder, db_path) as ix:
        ix.refresh(workers=1)
        yield ix


def _paths(items: list[Item]) -> set[str]:
    return {i.path for i in items}


def test_text_matches_title_description_and_body(index: LibraryIndex) -> None:
    assert _paths(search(index, Query(text="zebrafish"))) == {"news/special.md"}
    assert _paths(search(index, Query(text="quokka"))) == {"news/special.md"}  # body only
    assert _paths(search(index, Query(text="quok"))) == {"news/special.md"}  # prefix while typing
    assert _paths(search(index, Query(text="zebrafish quokka"))) == {"news/special.md"}
    assert search(index, Query(text="zebrafish nonexistentword")) == []
    every = index.items()
    word = every[0].description.split()[0]
    expected = {i.path for i in every if word.lower() in (i.title + " " + i.description).lower()}
    assert expected <= _paths(search(index, Query(text=word)))


def test_fts_expression_quotes_user_text() -> None:
    assert fts_expression('geno "AND" OR x*') == '"geno"* AND "AND"* AND "OR"* AND "x"*'
    assert fts_expression("  ") is None


def test_field_filters(index: LibraryIndex) -> None:
    every = index.items()
    tag = every[0].tags[0]
    assert _paths(search(index, Query(tags=(tag,)))) == {i.path for i in every if tag in i.tags}
    cat = every[0].categories[0]
    assert _paths(search(index, Query(categories=(cat,)))) == {i.path for i in every if cat in i.categories}
    brand = every[0].brand
    assert _paths(search(index, Query(brands=(brand,)))) == {i.path for i in every if i.brand == brand}
    got = _paths(search(index, Query(date_from="2018-01-01", date_to="2019-12-31")))
    assert got == {i.path for i in every if "2018-01-01" <= i.date[:10] <= "2019-12-31"}
    assert _paths(search(index, Query(date_from="2030-01-02", date_to="2030-01-02"))) == {"news/special.md"}
    drafts = _paths(search(index, Query(draft=True)))
    assert drafts == {i.path for i in every if i.draft}


def test_has_problems_uses_lint_counts(index: LibraryIndex) -> None:
    assert search(index, Query(has_problems=True)) == []  # nothing linted yet
    index.compute_lint()
    every = index.items()
    problems = {i.path for i in every if i.problems}
    assert problems  # generated items carry real lint findings (long titles, cut text...)
    assert _paths(search(index, Query(has_problems=True))) == problems
    assert _paths(search(index, Query(has_problems=False))) == {i.path for i in every} - problems


def test_facets_count_the_selected_items(index: LibraryIndex) -> None:
    every = index.items()
    f = facets(index)
    for tag, count in f.tags:
        assert count == sum(1 for i in every if tag in i.tags)
    assert dict(f.brands)["example.org"] == 1
    assert f.date_max == "2030-01-02" and f.unknown_lint == len(every)
    narrowed = facets(index, Query(text="zebrafish"))
    assert narrowed.tags == [("Rare", 1)] and narrowed.categories == [("Medigy: Zoology", 1)]
    # a facet ignores its own selection, so the other values stay offered
    own = facets(index, Query(tags=("Rare",)))
    assert len(own.tags) == len(f.tags)


def test_text_ids_for_the_gui(index: LibraryIndex) -> None:
    ids = text_ids(index, "quokka")
    assert ids == {i.id for i in index.items() if i.path == "news/special.md"}
    assert text_ids(index, "") is None


def test_saved_filters_round_trip(tmp_path: Path) -> None:
    saved = SavedFilters(tmp_path / "filters.json")
    q = Query(text="genome", tags=("News",), date_from="2020-01-01", has_problems=True)
    saved.save("genome news", q)
    saved.save("drafts", Query(draft=True))
    again = SavedFilters(tmp_path / "filters.json")
    assert again.names() == ["drafts", "genome news"]
    assert again.get("genome news") == q
    again.delete("drafts")
    assert SavedFilters(tmp_path / "filters.json").names() == ["genome news"]
    assert again.get("missing") is None


def test_replaced_body_text_is_no_longer_found(index: LibraryIndex, gen_folder: Path) -> None:
    special = gen_folder / "news" / "special.md"
    special.write_text(special.read_text(encoding="utf-8").replace("quokka", "wombat") + "\n",
                       encoding="utf-8")
    assert index.refresh(workers=1).changed == ["news/special.md"]
    assert search(index, Query(text="quokka")) == []
    assert text_ids(index, "quokka") == set()
    assert _paths(search(index, Query(text="wombat"))) == {"news/special.md"}


def test_fts_is_rebuilt_when_stale_rows_pile_up(index: LibraryIndex) -> None:
    index.db.execute("UPDATE meta SET value='100000' WHERE key='stale_fts'")
    index.db.execute("INSERT OR REPLACE INTO meta VALUES('stale_fts', '100000')")
    result = index.refresh(workers=1)
    assert result.parsed == 41  # everything re-read into a fresh full-text table
    assert index.db.execute("SELECT value FROM meta WHERE key='stale_fts'").fetchone()[0] == "0"
    assert _paths(search(index, Query(text="quokka"))) == {"news/special.md"}


def test_cached_listing_reads_one_moment_of_the_cache(index: LibraryIndex, gen_folder: Path, db_path: Path) -> None:
    """The window lists a folder opened again from these ids, then reads each row as it is
    shown, while the worker goes on writing: every id keeps its row until closed."""
    every = index.items()
    listing = CachedListing(index.root, db_path)
    try:
        expected = sorted(sorted(every, key=lambda i: i.path), key=lambda i: i.date, reverse=True)
        assert listing.ids == [i.id for i in expected]  # newest first, by path within a date
        (gen_folder / "news" / "special.md").unlink()
        assert index.refresh(workers=1).removed == ["news/special.md"]
        assert [i.path for i in listing.fetch(listing.ids[:3])] == sorted(i.path for i in expected[:3])
        assert len(listing.read_all()) == len(every)  # still the moment it was opened
    finally:
        listing.close()
    assert CachedListing.open(gen_folder / "never-indexed") is None


def test_cached_listing_refuses_a_cache_of_another_schema(index: LibraryIndex, db_path: Path) -> None:
    index.db.execute("PRAGMA user_version=1")
    with pytest.raises(sqlite3.DatabaseError):
        CachedListing(index.root, db_path)
