"""New item from the archetype, and `curator index --format json`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from curator_app.cli import main
from curator_app.core.document.document import Document
from curator_app.core.library.archetype import NewItem, archetype_path, create_item, new_item_bytes, next_id
from curator_app.core.lint.engine import lint_document
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
    name, data = new_item_bytes(item, now=NOW)
    doc = Document.from_bytes(data)
    assert name == "uk-plan-genomics-for-all.md" == doc.get(("mdName",))
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
    again = create_item(tmp_path, NewItem(title="Hello"))  # never over the first one
    assert (path.name, again.name) == ("hello.md", "hello-2.md")
    assert Document.load(path).get(("id",)) == 13


LONG = ("The plan focuses on expanding the diversity and reach of genomics in the UK as well as "
        "improving patient diagnosis, treatment and sickness prevention.")


def test_new_item_is_written_in_the_archetypes_style(archetype: Path, seed_path: Path) -> None:
    url = "https://www.healthcareitnews.com/news/emea/uk-launch-implementation-plan-genomic-healthcare-system"
    item = NewItem(title="UK launch plan", url=url, description=LONG, item_id=1)
    text = new_item_bytes(item, now=NOW)[1].decode()
    seed = seed_path.read_text(encoding="utf-8")
    # Long strings folded at 80 like the seed (whose description copies are the same shape),
    # plain where YAML needs no quotes, quoted with the archetype's quote where it does.
    assert "description: >-\n  The plan focuses on expanding the diversity and reach of genomics in the UK as\n" in text
    assert "  twitterdescription: >-\n    The plan focuses on expanding" in text
    assert f"href: >-\n  {url}\n" in text and f"href: >-\n  {url}\n" in seed
    assert "\ntitle: UK launch plan\n" in text and "'UK launch plan'" not in text
    assert "link:\n  brand: healthcareitnews.com\n" in text
    assert "  ogsite_name: Healthcare IT News\n" in text  # named from the URL
    # Nothing left as an empty string or an empty list entry, no empty paragraph body.
    assert "author: []\n" in text and "- ''\n  - '{{" not in text
    assert "ogimage: null\n" in text and "twitterimage: null\n" in text and "  href: null\n" in text
    assert text.endswith("\n---\n")
    assert "<p></p>" not in text and "''\n" not in text.replace("  - ''\n", "").replace("status: ''\n", "")


def test_an_archetype_with_double_quotes_gets_double_quotes(tmp_path: Path) -> None:
    arch = tmp_path / "arch.md"
    arch.write_text(
        '---\ntitle: "{{ title }}"\nsummary: "{{ description }}"\nauthors:\n- "{{ author }}"\n'
        'site: "{{ site_name }}"\nlink: "{{ url }}"\n---\n<p>{{ body }}</p>\n', encoding="utf-8")
    item = NewItem(title="Hello: World", url="https://news.bbc.co.uk/a", description="Plain words",
                   author="Ann Lee", body="First line")
    text = new_item_bytes(item, arch, now=NOW)[1].decode()
    # Quoted only where YAML needs it (this file shows no habit of quoting URLs), and then
    # with the archetype's double quote.
    assert text == ('---\ntitle: "Hello: World"\nsummary: Plain words\nauthors:\n- Ann Lee\n'
                    'site: BBC News\nlink: https://news.bbc.co.uk/a\n---\n<p>First line</p>\n')
    empty = new_item_bytes(NewItem(title="T"), arch, now=NOW)[1].decode()
    assert empty == '---\ntitle: T\nsummary: null\nauthors: []\nsite: null\nlink: null\n---\n\n'


def test_new_item_lint_names_what_is_still_empty(archetype: Path) -> None:
    doc = Document.from_bytes(new_item_bytes(NewItem(title="Only a title"), now=NOW)[1])
    found = {(f.code, f.key) for f in lint_document(doc, now=NOW)}
    assert ("CC102", "description") in found and ("CC102", "link.href") in found
    assert not any(code == "CC104" for code, _ in found)  # nothing written as ''


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


def test_index_command_text_says_what_json_says(gen_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text listing reads only its own columns; each line must still match the item."""
    news = gen_folder / "news"
    (news / "broken.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    draft = sorted(news.glob("*.md"))[0]
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: false", "draft: true"), encoding="utf-8")
    assert main(["index", str(gen_folder)]) == 0
    text = capsys.readouterr()
    assert "news/broken.md:3:1: invalid YAML" in text.err
    assert main(["index", str(gen_folder), "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    want = []
    for i in items:
        count = max(1, i["lint_count"] or 0) if i["error"] else i["lint_count"]
        want.append(f"{i['path']}\t{i['date'][:10]}\t{count}\t{i['title']}{' [draft]' if i['draft'] else ''}")
    assert text.out.splitlines() == want
    assert f"news/{draft.name}" in next(line for line in want if line.endswith("[draft]"))
    assert "news/broken.md\t\t1\t" in text.out



def _damage(db: Path, where: str) -> None:
    """Overwrite the pages of the items table, or everything past the schema and meta."""
    import sqlite3

    with sqlite3.connect(db) as con:
        page = con.execute("PRAGMA page_size").fetchone()[0]
        pages = [n for (n,) in con.execute("SELECT pageno FROM dbstat WHERE name='items' AND pagetype='leaf'")]
    con.close()
    data = bytearray(db.read_bytes())
    if where == "items":
        assert len(pages) >= 2
        for n in pages:
            data[(n - 1) * page : n * page] = b"\xa5" * page
    else:
        data[2 * page : len(data) - page] = b"\xa5" * (len(data) - 3 * page)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["items", "file"])
def test_index_command_rebuilds_a_cache_damaged_inside(gen_folder: Path, where: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The command trusts the cache without reading it through first; damage inside the
    file (the header intact, so it opens) shows once it is read, and the cache is rebuilt:
    at the open (the file) or while the rows are read (the items table)."""
    from curator_app.core.library.index import database_path
    from curator_app.core.site.tree import items_root

    for n in range(60):  # enough rows for the table to span pages of its own
        (gen_folder / "news" / f"extra-{n}.md").write_text(f"---\ntitle: Extra {n} {'x' * 300}\n---\n",
                                                            encoding="utf-8")
    assert main(["index", str(gen_folder)]) == 0
    before = capsys.readouterr().out
    db = database_path(items_root(gen_folder).resolve())
    assert db.is_file() and not Path(str(db) + "-wal").exists()
    _damage(db, where)
    assert main(["index", str(gen_folder)]) == 0
    after = capsys.readouterr()
    assert after.out == before and "cannot index" not in after.err
    assert main(["index", str(gen_folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["refresh"]["parsed"] == 0  # the rebuilt cache is used
