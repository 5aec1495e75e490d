"""Each rule family on small documents built for it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import DELETE, Finding, Fix, lint_document
from curator_app.core.lint.rules.text import is_cut

NOW = datetime(2024, 6, 1, tzinfo=UTC)


def doc_of(text: str, path: Path | None = None) -> Document:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return Document.load(path)
    return Document.from_bytes(text.encode("utf-8"))


def lint(doc: Document, **kw) -> list[Finding]:
    return lint_document(doc, now=NOW, **kw)


def codes(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.code, []).append(f)
    return out


def fm(*lines: str, body: str = "Body.\n") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


# --- text -------------------------------------------------------------------------------


def test_stray_whitespace_and_fix():
    doc = doc_of(fm("title: 'Hello world '", "date: 2020-01-01"))
    f = codes(lint(doc))["CC302"][0]
    assert (f.field, f.severity, f.line, f.column) == (("title",), "warning", 2, 1)
    f.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.to_bytes().splitlines()[1] == b"title: Hello world"


def test_is_cut_needs_a_continuation_that_is_not_a_plural():
    body = "The quick brown fox jumps over the lazy dog and announced the plan today."
    assert is_cut("The quick brown fox jumps over the lazy dog and annou", [body])
    assert not is_cut("The quick brown fox jumps over the lazy dog and announced", [body])
    assert not is_cut("Learn how to use the new rustc profiling flag", ["the rustc profiling flags are"])
    assert not is_cut("Short text annou", [body])  # too short to judge


def test_cut_copy_without_body_is_found_from_a_longer_copy():
    doc = doc_of(
        fm(
            "title: T",
            "date: 2020-01-01",
            "description: One two three four five six seven eight nine ten elev",
            "htmlMetaData:",
            "  description: One two three four five six seven eight nine ten eleven twelve.",
            body="",
        )
    )
    f = codes(lint(doc))["CC303"][0]
    assert f.field == ("description",)
    f.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.get(("description",)) == "One two three four five six seven eight nine ten eleven twelve."


# --- lengths ----------------------------------------------------------------------------


def test_twitter_title_over_70_is_an_error_on_its_source_key():
    long = "A" * 30 + " " + "B" * 45
    doc = doc_of(fm("title: Short", "date: 2020-01-01", "twitterMetaData:", f"  twittertitle: {long}"))
    f = codes(lint(doc))["CC202"][0]
    assert f.field == ("twitterMetaData", "twittertitle")
    assert (f.severity, f.line, f.column) == ("error", 5, 3)
    assert "76 characters" in f.message


def test_title_over_60_and_description_over_160():
    doc = doc_of(fm("title: " + "word " * 13 + "end", "date: 2020-01-01", "description: " + "x" * 170))
    c = codes(lint(doc))
    assert c["CC201"][0].field == ("title",)
    assert c["CC203"][0].severity == "warning"


# --- urls -------------------------------------------------------------------------------


def test_relative_and_http_card_urls():
    doc = doc_of(
        fm(
            "title: T",
            "date: 2020-01-01",
            "openGraphMetaData:",
            "  ogurl: /news/x/",
            "  ogimage: http://example.com/a.jpg",
        )
    )
    c = codes(lint(doc))
    assert c["CC401"][0].field == ("openGraphMetaData", "ogurl")
    assert c["CC401"][0].severity == "error"
    assert c["CC402"][0].field == ("openGraphMetaData", "ogimage")


def test_missing_base_url_reported_once_for_a_site(tmp_path):
    (tmp_path / "hugo.toml").write_text('title = "Site"\n')
    doc = doc_of(
        fm("title: T", "date: 2020-01-01", "images: [a.png]"), tmp_path / "content" / "news" / "x.md"
    )
    c = codes(lint(doc))
    assert len(c["CC401"]) == 1 and c["CC401"][0].field == ()


def test_local_base_url_warns(tmp_path):
    (tmp_path / "hugo.toml").write_text('baseURL = "http://localhost:1313/"\n')
    doc = doc_of(fm("title: T", "date: 2020-01-01"), tmp_path / "content" / "news" / "x.md")
    assert "CC403" in codes(lint(doc))


# --- images -----------------------------------------------------------------------------


def _png(path: Path, size: tuple[int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "white").save(path)


def _image_item(folder: Path, href: str, extra: str = "") -> Document:
    return doc_of(
        fm(
            "title: T",
            "date: 2020-01-01",
            "featuredImage:",
            f"  href: {href}",
            *([extra] if extra else []),
            "twitterMetaData:",
            "  twittercard: summary_large_image",
        ),
        folder / "item.md",
    )


def test_missing_image_file(tmp_path):
    f = codes(lint(_image_item(tmp_path, "nope.jpg")))["CC501"][0]
    assert f.field == ("featuredImage", "href") and f.line == 5 and f.severity == "error"


def test_image_outside_content_folder(tmp_path):
    _png(tmp_path / "secret.png", (1200, 630))
    doc = _image_item(tmp_path / "content", "../secret.png")
    assert codes(lint(doc, content_root=tmp_path / "content"))["CC502"][0].field == ("featuredImage", "href")


def test_small_image_and_wrong_aspect_for_large_card(tmp_path):
    _png(tmp_path / "tiny.png", (150, 150))
    c = codes(lint(_image_item(tmp_path, "tiny.png")))
    assert c["CC504"][0].severity == "error"
    _png(tmp_path / "square.png", (800, 800))
    c = codes(lint(_image_item(tmp_path, "square.png")))
    assert "CC505" in c and "CC504" not in c
    _png(tmp_path / "good.png", (1200, 630))
    c = codes(lint(_image_item(tmp_path, "good.png")))
    assert not {"CC501", "CC502", "CC503", "CC504", "CC505"} & set(c)


def test_svg_is_the_wrong_format(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert codes(lint(_image_item(tmp_path, "logo.svg")))["CC503"][0].severity == "error"


def test_declared_size_disagrees_and_fix_sets_it(tmp_path):
    _png(tmp_path / "pic.png", (1200, 630))
    doc = _image_item(tmp_path, "pic.png", "  size:\n    - 640\n    - 960")
    f = next(f for f in codes(lint(doc))["CC507"] if f.field == ("featuredImage", "size"))
    f.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.get(("featuredImage", "size")) == [1200, 630]
    assert b"  size:\n    - 1200\n    - 630\n" in doc.to_bytes()


def test_unreadable_image(tmp_path):
    (tmp_path / "broken.jpg").write_bytes(b"not an image")
    assert "CC509" in codes(lint(_image_item(tmp_path, "broken.jpg")))


# --- dates ------------------------------------------------------------------------------


def test_dates():
    c = codes(lint(doc_of(fm("title: T", "date: 2030-01-01", "lastmod: 2020-01-01"))))
    assert c["CC602"][0].field == ("date",)
    assert c["CC603"][0].field == ("lastmod",)
    c = codes(lint(doc_of(fm("title: T", "date: 'next tuesday'"))))
    assert c["CC601"][0].field == ("date",) and c["CC601"][0].line == 3


def test_hugo_date_keys_are_case_insensitive():
    c = codes(lint(doc_of(fm("title: T", "date: 2021-05-21", "lastMod: '2021-05-20T09:52:08Z'"))))
    assert c["CC603"][0].field == ("lastMod",)


# --- taxonomy, enums, linked ------------------------------------------------------------

CURATED = (
    "title: My Title",
    "date: 2020-01-01",
    "link:",
    "  brand: example.com",
    "slug: example-my-title",
    "categories:",
    "  - 'Symplur: Genomics'",
    "categorySlug:",
    "  - 'symplur: genomics'",
    "categoryUrl:",
    "  - topic/symplur-genomics",
    "categoryLabel:",
    "  - Genomics",
    "twitterMetaData:",
    "  twittercard: summary",
    "  twittertitle: My Title",
)


def test_curated_baseline_is_clean_for_these_rules():
    c = codes(lint(doc_of(fm(*CURATED))))
    assert not {"CC701", "CC702", "CC801", "CC901"} & set(c)


def test_slug_not_matching_title():
    lines = [line.replace("example-my-title", "something-else") for line in CURATED]
    doc = doc_of(fm(*lines))
    f = codes(lint(doc))["CC701"][0]
    assert f.field == ("slug",) and "example-my-title" in f.message
    f.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.get(("slug",)) == "example-my-title"
    assert doc.get(("aliases",)) == ["something-else"]  # the old URL redirects (relative: its section)


def test_slug_fix_keeps_the_old_url_as_an_alias_and_says_so(seed_path: Path):
    text = seed_path.read_text(encoding="utf-8")
    slug = "healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system"
    doc = doc_of(text.replace(f"slug: {slug}", "slug: healthcareitnews-old-slug"))
    f = next(f for f in codes(lint(doc))["CC701"] if f.field == ("slug",))
    assert f.fix is not None
    assert "/news/healthcareitnews-old-slug is kept as an alias" in f.fix.description
    f.fix.apply(doc)
    assert doc.to_bytes().decode() == text.replace(
        "aliases: /news/uk-launch-implementation-plan-for-genomic-healthcare-system\n",
        "aliases:\n  - /news/uk-launch-implementation-plan-for-genomic-healthcare-system\n"
        "  - /news/healthcareitnews-old-slug\n")
    assert "CC701" not in codes(lint(doc))
    # A lone alias that does not match is added to, not replaced: its URL still redirects.
    doc = doc_of(text.replace("aliases: /news/uk-launch-implementation", "aliases: /news/uk-plan-implementation"))
    f = codes(lint(doc))["CC701"][0]
    assert f.field == ("aliases",) and f.fix is not None
    f.fix.apply(doc)
    assert doc.get(("aliases",)) == ["/news/uk-plan-implementation-plan-for-genomic-healthcare-system",
                                     "/news/uk-launch-implementation-plan-for-genomic-healthcare-system"]


def test_category_chain_item_wrong_and_fixed_in_place():
    lines = [line.replace("topic/symplur-genomics", "topic/genomics") for line in CURATED]
    doc = doc_of(fm(*lines))
    f = codes(lint(doc))["CC702"][0]
    assert f.field == ("categoryUrl", 0) and f.line == 12
    before = doc.to_bytes()
    f.fix.apply(doc)  # type: ignore[union-attr]
    changed = [
        i
        for i, (a, b) in enumerate(zip(before.splitlines(), doc.to_bytes().splitlines(), strict=True))
        if a != b
    ]
    assert changed == [11]


def test_invalid_enum_with_case_fix():
    lines = [line.replace("twittercard: summary", "twittercard: Summary") for line in CURATED]
    doc = doc_of(fm(*lines))
    f = codes(lint(doc))["CC801"][0]
    assert f.field == ("twitterMetaData", "twittercard") and f.severity == "error"
    f.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.get(("twitterMetaData", "twittercard")) == "summary"
    lines = [line.replace("twittercard: summary", "twittercard: huge") for line in CURATED]
    assert codes(lint(doc_of(fm(*lines))))["CC801"][0].fix is None


def test_linked_copy_disagrees_and_fix_copies_the_primary():
    lines = [line.replace("twittertitle: My Title", "twittertitle: Other words") for line in CURATED]
    doc = doc_of(fm(*lines))
    f = codes(lint(doc))["CC901"][0]
    assert f.field == ("twitterMetaData", "twittertitle") and f.severity == "warning"
    f.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.get(("twitterMetaData", "twittertitle")) == "My Title"


def test_required_field_missing_on_a_curated_item():
    lines = [line for line in CURATED if not line.startswith("title:")]
    c = codes(lint(doc_of(fm(*lines, "archetype: curated-content"))))
    assert any(f.field == ("title",) for f in c["CC101"])


def test_empty_entries_and_empty_card_values_are_flagged(seed_path: Path):
    text = seed_path.read_text(encoding="utf-8")
    text = text.replace("author:\n  - Radhika Narayanan", "author:\n  - ''")
    text = text.replace("  ogimage: 'https://www.healthcareitnews.com/sites/hitn/files/Matt%20Hancock_0.jpg'\n  ogsite_name: Healthcare IT News\n  ogtype: article\n  ogupdated_time: '2021-05-21T01:04:14-04:00'\n  ogimageheight",
                        "  ogimage: ''\n  ogsite_name: Healthcare IT News\n  ogtype: article\n  ogupdated_time: '2021-05-21T01:04:14-04:00'\n  ogimageheight")
    text = text.replace("  twitterimage: 'https://www.healthcareitnews.com/sites/hitn/files/Matt%20Hancock_0.jpg'", "  twitterimage: ''")
    href = "href: >-\n  https://www.healthcareitnews.com/news/emea/uk-launch-implementation-plan-genomic-healthcare-system\noriginal:"
    assert href in text
    text = text.replace(href, "href: ''\noriginal:")
    text = text.replace("categories:\n  - 'Symplur: Genomics'", "categories:\n  - ''")
    doc = doc_of(text)
    c = codes(lint(doc))
    by_key = {f.key: f for f in c["CC104"]}
    assert set(by_key) == {"author", "openGraphMetaData.ogimage", "twitterMetaData.twitterimage", "href"}
    author = by_key["author"]
    assert author.severity == "error" and "By ·" in author.message and author.line == 4
    assert "openGraphMetaData.ogimage (og:image) is an empty string" in by_key["openGraphMetaData.ogimage"].message
    # A required list of nothing but blanks is "empty" (CC102), reported once.
    assert [f.key for f in c["CC102"]] == ["categories"]
    author.fix.apply(doc)  # type: ignore[union-attr]
    by_key["href"].fix.apply(doc)  # type: ignore[union-attr]
    # Only the fixed lines change.
    assert doc.to_bytes().decode() == text.replace("author:\n  - ''", "author: []").replace(
        "href: ''\noriginal:", "href: null\noriginal:")
    assert doc.get(("href",)) is None and "CC104" not in {
        f.code for f in lint(doc) if f.key in ("author", "href")}
    # The seed itself (its breadcrumbLinks end with an empty link, by design) has none.
    assert "CC104" not in codes(lint(doc_of(seed_path.read_text(encoding="utf-8"))))


def test_fix_delete_sentinel_removes_the_key():
    doc = doc_of(fm("title: T", "date: 2020-01-01", "via: x"))
    Fix("drop via", ((("via",), DELETE),)).apply(doc)
    assert not doc.has(("via",)) and b"via" not in doc.to_bytes()


@pytest.mark.parametrize("value", ["en-GB", "english"])
def test_locale_pattern(value):
    f = codes(lint(doc_of(fm("title: T", "date: 2020-01-01", f"locale: {value}"))))["CC802"][0]
    assert (f.fix is not None) == (value == "en-GB")
