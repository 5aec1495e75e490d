"""Linked fields on the seed: which copies exist, whether they agree, minimal-diff updates."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.schema.linked import (
    brand_key,
    expected_values,
    linked_groups,
    moved_url,
    reference_value,
    slugify,
    update_linked,
    url_change_note,
)

SEED_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"
OG_TITLE = "UK launch implementation plan for genomic healthcare system"
SEED_URL = (
    "https://www.healthcareitnews.com/news/emea/uk-launch-implementation-plan-genomic-healthcare-system"
)


@pytest.fixture
def seed(seed_path: Path) -> tuple[bytes, Document]:
    raw = seed_path.read_bytes()
    return raw, Document.from_bytes(raw, path=seed_path)


def groups_by_name(doc: Document) -> dict:
    return {g.name: g for g in linked_groups(doc)}


def test_seed_groups_and_agreement(seed: tuple[bytes, Document]) -> None:
    _, doc = seed
    groups = groups_by_name(doc)
    assert set(groups) == {"title", "description", "source_url", "image", "category", "slug"}

    title = groups["title"]
    assert title.primary == ("title",)
    assert title.copies == (
        ("title",),
        ("htmlMetaData", "ogtitle"),
        ("openGraphMetaData", "ogtitle"),
        ("twitterMetaData", "twittertitle"),
        ("featuredImage", "alt"),
        ("breadcrumbs", 2),
    )
    assert title.values[("title",)] == SEED_TITLE
    assert title.values[("twitterMetaData", "twittertitle")] == OG_TITLE
    assert not title.agree  # case and double space differ
    assert reference_value(title) == SEED_TITLE  # the title stands with its breadcrumb

    desc = groups["description"]
    assert len(desc.copies) == 5 and not desc.agree
    cut = desc.values[("description",)]
    assert len(cut) == 200 and cut.endswith("has today annou")
    # the truncated copy does not agree; the others share the full sentence
    assert desc.disagreeing() == [("description",)]
    assert reference_value(desc).endswith("sickness prevention.")

    urls = groups["source_url"]
    assert urls.primary == ("link", "href") and len(urls.copies) == 9 and urls.agree
    assert set(urls.values.values()) == {SEED_URL}

    assert groups["image"].agree and len(groups["image"].copies) == 3

    cat = groups["category"]
    assert cat.agree
    assert cat.values[("categoryUrl",)] == ["topic/symplur-genomics"]
    assert expected_values(cat)[("categoryLabel",)] == ["Genomics"]

    slug = groups["slug"]
    assert slug.agree and slug.copies == (("slug",), ("aliases",))


def test_slug_rules() -> None:
    assert slugify(SEED_TITLE) == "uk-launch-implementation-plan-for-genomic-healthcare-system"
    assert slugify("symplur: genomics") == "symplur-genomics"
    assert brand_key("healthcareitnews.com") == "healthcareitnews"
    assert brand_key("www.statnews.com") == "statnews"


def test_disagreeing_category_chain_detected(seed: tuple[bytes, Document]) -> None:
    raw, _ = seed
    doc = Document.from_bytes(raw.replace(b"  - topic/symplur-genomics", b"  - topic/genomics"))
    cat = groups_by_name(doc)["category"]
    assert not cat.agree
    assert cat.disagreeing() == [("categoryUrl",)]


def replace_once(raw: bytes, old: bytes, new: bytes, count: int = 1) -> bytes:
    assert raw.count(old) == count, (old, raw.count(old))
    return raw.replace(old, new)


def test_update_title_copies_that_agreed(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    changed = update_linked(doc, ("htmlMetaData", "ogtitle"), "UK publishes its genomics plan")
    assert changed == [
        ("htmlMetaData", "ogtitle"),
        ("openGraphMetaData", "ogtitle"),
        ("twitterMetaData", "twittertitle"),
    ]
    expected = raw.replace(
        b"title: " + OG_TITLE.encode(), b"title: UK publishes its genomics plan"
    )
    assert expected.count(b"UK publishes its genomics plan") == 3
    assert doc.to_bytes() == expected  # `title` and the breadcrumb differed: untouched


def test_update_title_keeps_slug_and_fixes_breadcrumb(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    fixed = SEED_TITLE.replace("  ", " ")
    changed = update_linked(doc, ("title",), fixed)
    # slug already matches the new title; the image's alt text holds the title too
    assert changed == [("title",), ("featuredImage", "alt"), ("breadcrumbs", 2)]
    expected = replace_once(raw, SEED_TITLE.encode(), fixed.encode(), count=3)
    assert doc.to_bytes() == expected


def test_update_title_moves_slug_and_keeps_old_urls_as_aliases(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    old_url = "/news/healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system"
    assert moved_url(doc, ("title",), "Genome UK Plan Published") == old_url
    assert doc.to_bytes() == raw  # the question is a dry run
    changed = update_linked(doc, ("title",), "Genome UK Plan Published")
    assert ("slug",) in changed and ("aliases",) in changed
    out = doc.to_bytes()
    assert b"slug: healthcareitnews-genome-uk-plan-published\n" in out
    # the old redirect, the old page URL and the new title's alias: no URL is lost
    assert Document.from_bytes(out).get(("aliases",)) == [
        "/news/uk-launch-implementation-plan-for-genomic-healthcare-system",
        old_url,
        "/news/genome-uk-plan-published",
    ]
    assert next(g for g in linked_groups(doc) if g.name == "slug").agree
    diff = difflib.unified_diff(raw.decode().splitlines(), out.decode().splitlines(), lineterm="", n=0)
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert [line.split(":")[0] for line in removed] == ["-aliases", "-  - UK Launch  Implementation Plan For Genomic Healthcare System", "-  alt", "-slug", "-title"]
    assert "old URL " + old_url in url_change_note(old_url)


def test_retitle_again_keeps_every_earlier_url(seed: tuple[bytes, Document]) -> None:
    _raw, doc = seed
    update_linked(doc, ("title",), "Genome UK Plan Published")
    update_linked(doc, ("title",), "Genome UK Plan Out")
    aliases = doc.get(("aliases",))
    assert aliases[:3] == [
        "/news/uk-launch-implementation-plan-for-genomic-healthcare-system",
        "/news/healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system",
        "/news/genome-uk-plan-published",
    ]
    assert aliases[3:] == ["/news/healthcareitnews-genome-uk-plan-published", "/news/genome-uk-plan-out"]
    assert doc.get(("slug",)) == "healthcareitnews-genome-uk-plan-out"


def test_update_source_url_rewrites_all_nine_copies(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    new = "https://www.healthcareitnews.com/news/emea/uk-launch-implementation-plan-genomic-healthcare-system-2021"
    changed = update_linked(doc, ("link", "href"), new)
    assert len(changed) == 9
    # the new URL is long too, so each copy keeps its folded `>-` block: one line per copy
    expected = replace_once(raw, SEED_URL.encode() + b"\n", new.encode() + b"\n", count=9)
    assert doc.to_bytes() == expected


def test_update_leaves_truncated_description_alone(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    new = "The plan sets out 27 actions to widen the reach of genomics in the UK."
    changed = update_linked(doc, ("openGraphMetaData", "ogdescription"), new)
    assert ("description",) not in changed and len(changed) == 4
    assert doc.get(("description",)).endswith("annou")
    old_block = (
        b">-\n    The plan focuses on expanding the diversity and reach of genomics in the UK\n"
        b"    as well as improving patient diagnosis, treatment and sickness prevention.\n"
    )
    # the four nested copies become one plain line each; the top-level block is untouched
    expected = replace_once(raw, old_block, new.encode() + b"\n", count=4)
    assert doc.to_bytes() == expected


def test_update_categories_drives_the_chain(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    changed = update_linked(doc, ("categories",), ["Symplur: Precision Medicine"])
    assert changed == [
        ("categories",),
        ("categorySlug",),
        ("categoryUrl",),
        ("categoryLabel",),
        ("openProjectCustomFields", "medigyTopics"),
    ]
    expected = raw
    for old, new in [
        (b"'Symplur: Genomics'", b"'Symplur: Precision Medicine'"),
        (b"'symplur: genomics'", b"'symplur: precision medicine'"),
        (b"topic/symplur-genomics", b"topic/symplur-precision-medicine"),
        (b"  - Genomics\n", b"  - Precision Medicine\n"),
    ]:
        expected = expected.replace(old, new)
    assert doc.to_bytes() == expected


def test_update_with_same_value_changes_nothing(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    assert update_linked(doc, ("title",), SEED_TITLE) == []
    assert doc.to_bytes() == raw


def test_brand_change_updates_slug_only(seed: tuple[bytes, Document]) -> None:
    raw, doc = seed
    changed = update_linked(doc, ("link", "brand"), "hitn.example")
    assert changed == [("link", "brand"), ("slug",), ("aliases",)]
    expected = replace_once(raw, b"  brand: healthcareitnews.com\n", b"  brand: hitn.example\n")
    expected = replace_once(expected, b"slug: healthcareitnews-", b"slug: hitn-")
    # the slug is the page URL: the old one stays as an alias (a redirect)
    assert doc.get(("aliases",)) == [
        "/news/uk-launch-implementation-plan-for-genomic-healthcare-system",
        "/news/healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system",
    ]
    doc.set(("aliases",), "/news/uk-launch-implementation-plan-for-genomic-healthcare-system")
    assert doc.to_bytes() == expected
