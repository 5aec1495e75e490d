"""Schema inference for folders of another shape."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.schema.infer import infer_schema, value_kind


@pytest.fixture(scope="module")
def hugo_docs(corpus_dir: Path) -> list[Document]:
    paths = sorted((corpus_dir / "gohugoio__hugo").rglob("*.md"))
    if not paths:
        pytest.skip("gohugoio__hugo corpus missing")
    return [Document.load(p) for p in paths]


def test_inferred_from_hugo_docs(hugo_docs: list[Document]) -> None:
    schema = infer_schema(hugo_docs)
    total = len(hugo_docs)
    title = schema.field(("title",))
    assert title is not None and title.widget == "text"
    stats = schema.stats[("title",)]
    assert stats.total == total
    assert stats.count == sum(1 for d in hugo_docs if d.has(("title",)))
    assert f"of {total} files" in title.help
    assert schema.field(("categories",)).widget == "strings"  # type: ignore[union-attr]
    assert schema.field(("weight",)).widget == "int"  # type: ignore[union-attr]
    # nested maps become dotted fields in a group named after the top-level key
    nested = schema.field(("params", "functions_and_methods", "signatures"))
    assert nested is not None and nested.group == "params"
    # no file lacks nothing: keys missing from some files are not required
    assert not title.required or stats.count == total
    assert schema.unknown_keys(hugo_docs[0]) == []


def test_inferred_widgets_and_required() -> None:
    docs = [
        Document.from_bytes(
            b"---\ntitle: A\ndate: 2024-01-02\ndraft: false\nlink: https://x.example/a\n"
            b"cover: img/a.jpg\nweight: 3\ntags: [a, b]\nparams:\n  x: 1\n---\nbody\n"
        ),
        Document.from_bytes(
            b"---\ntitle: B\ndate: 2024-02-03T10:00:00Z\ndraft: true\nlink: https://x.example/b\n"
            b"cover: img/b.png\n---\nbody\n"
        ),
    ]
    schema = infer_schema(docs)
    widgets = {f.key: f.widget for f in schema.fields()}
    assert widgets[("title",)] == "text"
    assert widgets[("date",)] == "datetime"  # dates and datetimes mixed
    assert widgets[("draft",)] == "bool"
    assert widgets[("link",)] == "url"
    assert widgets[("cover",)] == "image"
    assert widgets[("weight",)] == "int"
    assert widgets[("tags",)] == "strings"
    assert widgets[("params", "x")] == "int"
    required = {f.key for f in schema.fields() if f.required}
    assert required == {("title",), ("date",), ("draft",), ("link",), ("cover",)}
    assert schema.stats[("weight",)].frequency == 0.5


def test_value_kinds() -> None:
    assert value_kind(("d",), date(2024, 1, 1)) == "date"
    assert value_kind(("d",), datetime(2024, 1, 1, 5)) == "datetime"
    assert value_kind(("d",), "2021-05-21") == "date"
    assert value_kind(("d",), "2021-05-21T09:52:08.364373Z") == "datetime"
    assert value_kind(("m",), {"a": 1}) == "map"
    assert value_kind(("m",), [{"a": 1}]) == "map"
    assert value_kind(("s",), "word " * 30) == "longtext"
    assert value_kind(("s",), "x" * 150) == "text"
    assert value_kind(("ogimage",), "https://x.example/a.jpg") == "image"
    assert value_kind(("href",), "https://x.example/a.jpg?x=1") == "url"
