"""The fast front-matter read must give the same values as the document core."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.library.scan import _cut_blocks, find_items, project, read_front_values


def _same_as_document(path: Path) -> bool | None:
    data = path.read_bytes()
    try:
        doc = Document.from_bytes(data, path)
    except CuratorError:
        return None
    if doc.format not in ("yaml", "toml", "json") or not isinstance(doc.data, dict):
        return None
    fast, _body, _fmt = read_front_values(data, path.name)
    want = project(doc.data)
    assert fast == want, path
    return True


def test_seed_fast_values_equal_document_values(seed_path: Path) -> None:
    assert _same_as_document(seed_path)


def test_corpus_fast_values_equal_document_values(corpus_dir: Path) -> None:
    checked = 0
    for path in sorted(corpus_dir.rglob("*")):
        if path.suffix.lower() in (".md", ".markdown", ".mdx") and path.is_file():
            checked += bool(_same_as_document(path))
    assert checked > 300


def test_cut_keeps_only_wanted_blocks() -> None:
    front = "title: A\nhtmlMetaData:\n  description: x\ntags:\n- a\n- b\n# note\nslug: s\n"
    assert _cut_blocks(front) == "title: A\ntags:\n- a\n- b\n# note\nslug: s\n"
    nested = "link:\n  href: >-\n    https://x\n  # c\n  brand: b.com\n  original: y\nid: 1\n"
    assert _cut_blocks(nested) == "link:\n  brand: b.com\nid: 1\n"
    odd = "link:\n  - a\n  - b\n"
    assert _cut_blocks(odd) == odd


def test_nested_values_are_projected(seed_path: Path) -> None:
    values, _, _ = read_front_values(seed_path.read_bytes(), "seed.md")
    assert values["link"] == {"brand": "healthcareitnews.com"}
    assert values["featuredImage"] == {"href": "ab813032-3472-562e-a75c-1389de2e681b-featuredImage.jpeg"}


@pytest.mark.parametrize(
    "front",
    [
        'title: "one\ntwo"\n',  # a quoted scalar continued at column 0
        "{title: A}\n",  # flow mapping
        "  title: indented root\n",
        "# c\n\n- a\n",
        "base: &b x\ntitle: *b\n",  # alias into a cut block
        "- a\n- b\n",  # not a mapping
    ],
)
def test_cut_refuses_what_it_cannot_cut_safely(front: str) -> None:
    assert _cut_blocks(front) is None


def test_duplicate_wanted_key_is_reported() -> None:
    data = b"---\ntitle: A\nx: 1\ntitle: B\n---\n"
    with pytest.raises(CuratorError) as err:
        read_front_values(data, "d.md")
    with pytest.raises(CuratorError) as doc_err:
        Document.from_bytes(data, "d.md")
    assert str(err.value) == str(doc_err.value)  # same place, same words as the editor
    assert "d.md:4:1:" in str(err.value) and "duplicate" in str(err.value)


def test_alias_into_cut_block_still_reads_right() -> None:
    data = b"---\nbase: &b Shared Title\ntitle: *b\n---\nbody\n"
    values, body, fmt = read_front_values(data, "x.md")
    assert values == {"title": "Shared Title"} and body == "body\n" and fmt == "yaml"


def test_error_in_a_cut_away_block_is_reported_by_the_lint_pass(tmp_path: Path) -> None:
    """The fast pass reads only the listed blocks; the lint pass loads the whole Document."""
    from curator_app.core.library.index import LibraryIndex

    (tmp_path / "x.md").write_bytes(b"---\ntitle: ok\nother: [broken\n---\n")
    with LibraryIndex(tmp_path, tmp_path / "db.sqlite3") as index:
        index.refresh(workers=1)
        assert index.item("x.md").title == "ok"  # type: ignore[union-attr]
        index.compute_lint()
        item = index.item("x.md")
    assert item is not None and item.error is not None
    assert item.error.startswith("x.md:") and "invalid YAML" in item.error
    assert item.problems == 1


def test_toml_and_json_front_matter(tmp_path: Path) -> None:
    values, _, fmt = read_front_values(b'+++\ntitle = "T"\ntags = ["a"]\n+++\nbody', "t.md")
    assert (values, fmt) == ({"title": "T", "tags": ["a"]}, "toml")
    values, _, fmt = read_front_values(b'{"title": "J", "draft": true}\nbody', "j.md")
    assert (values, fmt) == ({"title": "J", "draft": True}, "json")


def test_find_items_skips_hidden_and_output_folders(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("title = 'x'\n", encoding="utf-8")  # public/ is a site's output
    for rel in ("a.md", "sub/b.markdown", ".git/c.md", "public/d.md", "e.txt", "sub/.hidden.md"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert sorted(s.rel for s in find_items(tmp_path)) == ["a.md", "sub/b.markdown"]


def test_crlf_front_matter_is_cut_too() -> None:
    front = "title: A\r\nhtmlMetaData:\r\n  x: 1\r\ntags:\r\n  - a\r\n"
    assert _cut_blocks(front) == "title: A\r\ntags:\r\n  - a\r\n"
    values, _, _ = read_front_values(b"---\r\n" + front.encode() + b"---\r\nbody", "c.md")
    assert values == {"title": "A", "tags": ["a"]}
