"""New item from the archetype, and `curator index --format json`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from curator_app.cli import main
from curator_app.core.document.document import Document
from curator_app.core.library.archetype import NewItem, archetype_path, create_item, new_item_bytes, next_id
from curator_app.core.schema.linked import linked_groups

NOW = dt.datetime(2024, 3, 5, 14, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


@pytest.fixture
def archetype() -> Path:
    path = archetype_path()
    if not path.is_file():
        pytest.skip(f"archetype not found at {path}")
    return path


def test_new_item_is_prefilled_and_linked(archetype: Path) -> None:
    item = NewItem(title="UK Plan: Genomics For All", brand="healthcareitnews.com",
                   url="https://www.healthcareitnews.com/news/uk-plan", description="It's the plan.",
                   category="Symplur: Genomics", item_id=5684)
    name, data = new_item_bytes(item, now=NOW, uid="1b2c3d4e-0000-4000-8000-000000000000")
    doc = Document.from_bytes(data)
    assert name == "1b2c3d4e-0000-4000-8000-000000000000.md" == doc.get(("mdName",))
    assert doc.get(("id",)) == 5684 and doc.get(("featuredImage", "workPackage")) == 5684
    assert doc.get(("date",)) == "2024-03-05"
    assert doc.get(("slug",)) == "healthcareitnews-uk-plan-genomics-for-all"
    assert doc.get(("aliases",)) == "/news/uk-plan-genomics-for-all"
    assert doc.get(("description",)) == "It's the plan."
    assert doc.get(("twitterMetaData", "twittertitle")) == item.title
    assert doc.get(("categoryUrl",)) == ["topic/symplur-genomics"]
    groups = {g.name: g for g in linked_groups(doc)}
    assert all(g.agree for g in groups.values()), [g.name for g in groups.values() if not g.agree]
    assert "{{" not in data.decode()


def test_new_item_without_category_has_an_empty_chain(archetype: Path) -> None:
    _, data = new_item_bytes(NewItem(title="Plain"), now=NOW)
    doc = Document.from_bytes(data)
    assert doc.get(("categories",)) == [] and doc.get(("categorySlug",)) == []
    assert doc.get(("id",)) is None


def test_create_item_writes_next_to_others(archetype: Path, tmp_path: Path) -> None:
    path = create_item(tmp_path, NewItem(title="Hello", item_id=next_id(["12", "x", "7"])))
    assert path.parent == tmp_path and Document.load(path).get(("id",)) == 13
    assert next_id([]) == 1


def test_index_command_json(gen_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (gen_folder / "news" / "broken.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    assert main(["index", str(gen_folder), "--format", "json", "--no-lint"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["count"] == 41 and out["refresh"]["added"] == 41
    item = next(i for i in out["items"] if i["path"] != "news/broken.md")
    assert set(item) >= {"path", "title", "date", "slug", "tags", "categories", "draft", "lint_count"}
    doc = Document.load(gen_folder / item["path"])
    assert item["title"] == doc.get(("title",)) and item["tags"] == doc.get(("tags",))
    assert item["lint_count"] is None  # --no-lint: not computed yet
    assert "news/broken.md:3:1: invalid YAML" in captured.err  # where Document reports it
    # second run: served from the cache, lint counts filled in
    assert main(["index", str(gen_folder), "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["refresh"]["parsed"] == 0
    assert all(isinstance(i["lint_count"], int) for i in again["items"])


def test_index_command_text_and_bad_path(gen_folder: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(gen_folder), "--no-lint"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 40 and lines[0].count("\t") == 3
    assert main(["index", str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err
