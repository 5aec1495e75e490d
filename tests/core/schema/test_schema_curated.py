"""The curated-content schema as data: coverage of the seed, unknown keys, suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.schema.infer import schema_for
from curator_app.core.schema.linked import linked_groups
from curator_app.core.schema.schema import (
    WIDGETS,
    folder_values,
    load_schema,
    schema_from_data,
    suggestions,
)


def leaf_paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every scalar position of the data (list items by index)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaf_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaf_paths(v, (*path, i))]
    return [path]


def test_groups_are_the_product_groups() -> None:
    schema = load_schema()
    assert [g.label for g in schema.groups] == [
        "Basics", "Taxonomy", "Source link", "Featured image",
        "SEO / HTML meta", "Open Graph", "Twitter", "Other",
    ]
    for group in schema.groups:
        for f in group.fields:
            assert f.group == group.name
            assert f.widget in WIDGETS
            assert f.label and f.help


def test_schema_covers_every_seed_key(seed_path: Path) -> None:
    schema = load_schema()
    doc = Document.load(seed_path)
    assert schema.unknown_keys(doc) == []
    for path in leaf_paths(doc.data):
        # each value is a field itself or an item of a list field
        assert schema.field(path) or schema.field(path[:-1]), path


def test_fields_with_dots_in_keys_and_list_indexes() -> None:
    schema = load_schema()
    bing = schema.field(("htmlMetaData", "msvalidate.01"))
    assert bing is not None and bing.group == "seo"
    assert schema.field(("htmlMetaData", "msvalidate", "01")) is None
    height = schema.field(("featuredImage", "size", 0))
    assert height is not None and height.widget == "int"


def test_enums_limits_and_linked_names() -> None:
    schema = load_schema()
    card = schema.field(("twitterMetaData", "twittercard"))
    assert card is not None and card.widget == "enum"
    assert card.choices == ("summary", "summary_large_image", "app", "player")
    ogtype = schema.field(("openGraphMetaData", "ogtype"))
    assert ogtype is not None and ogtype.choices and "article" in ogtype.choices
    sub = schema.field(("sub",))
    assert sub is not None and sub.choices and "brief" in sub.choices
    title = schema.field(("title",))
    assert title is not None and title.required
    assert title.limits == {"seo": 60, "twitter": 70}
    desc = schema.field(("description",))
    assert desc is not None and desc.limits == {"seo": 160, "twitter": 200}
    tw = schema.field(("twitterMetaData", "twitterdescription"))
    assert tw is not None and tw.limits["twitter"] == 200


def test_linked_names_match_linked_groups(seed_path: Path) -> None:
    schema = load_schema()
    doc = Document.load(seed_path)
    for group in linked_groups(doc):
        for key in group.copies:
            f = schema.field(key) or schema.field(key[:-1])
            if f is schema.field(("breadcrumbs",)):
                continue  # the breadcrumb trail is a list field; its last item copies the title
            assert f is not None and f.linked == group.name, key


def test_unknown_keys_of_another_shape_are_reported_not_dropped(corpus_dir: Path) -> None:
    path = (
        corpus_dir / "netspective-media__news.healthcareguys.com" / "content" / "post"
        / "statnews-a-machine-learning-device-meant-for-chronically-ill-moves-into-homes.md"
    )
    if not path.exists():
        pytest.skip(f"corpus file missing: {path}")
    before = path.read_bytes()
    doc = Document.load(path)
    unknown = load_schema().unknown_keys(doc)
    assert ("dropmark.editURL",) in unknown
    assert ("linkBrand",) in unknown
    # a nested map the schema does not know is reported once, by its own path
    assert ("source",) not in unknown  # `source` is a known (text) key here
    assert doc.to_bytes() == before


def test_unknown_nested_map_reported_once(seed_path: Path) -> None:
    raw = seed_path.read_bytes().replace(b"mastHead: NEWS\n", b"mastHead: NEWS\nextra:\n  a: 1\n  b: 2\n")
    doc = Document.from_bytes(raw)
    assert load_schema().unknown_keys(doc) == [("extra",)]
    assert doc.get(("extra", "b")) == 2


def test_schema_for_picks_curated_or_infers(seed_path: Path, corpus_dir: Path) -> None:
    assert schema_for(Document.load(seed_path)).name == "curated-content"
    hugo_docs = sorted((corpus_dir / "gohugoio__hugo").rglob("*.md"))
    if not hugo_docs:
        pytest.skip("hugo corpus missing")
    inferred = schema_for(Document.load(hugo_docs[0]))
    assert inferred.name == "inferred"


def test_bad_schema_data_is_an_error_not_a_traceback() -> None:
    with pytest.raises(CuratorError, match="unknown widget"):
        schema_from_data({"groups": [{"name": "g", "fields": [{"key": "a", "widget": "slider"}]}]})
    with pytest.raises(CuratorError, match="groups"):
        schema_from_data({"name": "x"})


def test_folder_values_and_suggestions(content_dir: Path) -> None:
    docs = [Document.load(p) for p in sorted((content_dir / "content" / "news").glob("*.md"))]
    assert len(docs) >= 6
    tags = folder_values(docs, ("tags",))
    assert tags["News"] == len(docs)
    assert tags["AI"] == 2
    cats = folder_values(docs, ("categories",))
    assert cats["Symplur: Artificial Intelligence"] == 2
    assert len(cats) >= 5
    schema = load_schema()
    sub = schema.field(("sub",))
    assert sub is not None
    offered = suggestions(docs, sub)
    assert offered[: len(sub.choices or ())] == list(sub.choices or ())
    card = schema.field(("twitterMetaData", "twittercard"))
    assert card is not None
    # the problem item's invalid card type is offered after the fixed choices, not hidden
    assert suggestions(docs, card)[-1] == "large_summary"


def test_the_schema_is_read_once_however_it_is_named() -> None:
    """The app loads it early (gui/app.py _load_reader) so that the first item's open does
    not: the default name and the explicit one must be the same cache entry."""
    assert load_schema() is load_schema("curated-content") is load_schema(name="curated-content")
