"""A new item in a section other than the archetype's own: the site paths that name the
archetype's section (`basePath: /news/`, the alias, the breadcrumb link) name the chosen
one, written in the archetype's style; nothing else changes."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest

from curator_app.core.library.archetype import NewItem, archetype_path, new_item_bytes

NOW = dt.datetime(2024, 3, 5, 14, 30, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _archetype() -> None:
    if not archetype_path().is_file():
        pytest.skip(f"archetype not found at {archetype_path()}")


def _lines(section: str | None) -> list[str]:
    item = NewItem(title="Genomes for every newborn", url="https://example.org/news/a", section=section)
    return new_item_bytes(item, now=NOW)[1].decode().splitlines()


def _changed(a: list[str], b: list[str]) -> list[str]:
    return [d for d in difflib.unified_diff(a, b, lineterm="", n=0) if d[:1] in "+-" and d[1:3] not in ("++", "--")]


def test_the_archetypes_own_section_is_left_as_written() -> None:
    assert _lines("news") == _lines(None)


def test_another_section_changes_only_its_paths() -> None:
    assert sorted(_changed(_lines("news"), _lines("features"))) == [
        "+  - /features/",
        "+aliases: /features/genomes-for-every-newborn",
        "+basePath: /features/",
        "-  - /news/",
        "-aliases: /news/genomes-for-every-newborn",
        "-basePath: /news/",
    ]


def test_the_top_level_drops_the_section_from_paths() -> None:
    lines = _lines("")
    assert "basePath: /" in lines and "aliases: /genomes-for-every-newborn" in lines
    # A URL that happens to contain /news/ is the source's, not a site path: left alone.
    assert "  href: 'https://example.org/news/a'" in lines


def test_an_archetype_without_a_base_path_is_left_alone(tmp_path) -> None:
    arch = tmp_path / "plain.md"
    arch.write_text("---\ntitle: '{{ title }}'\nlink: /news/x\n---\n", encoding="utf-8")
    _, data = new_item_bytes(NewItem(title="T", section="features"), arch, now=NOW)
    assert data.decode() == "---\ntitle: T\nlink: /news/x\n---\n"
