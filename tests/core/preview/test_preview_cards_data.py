"""Card data by platform rules: truncation, fallbacks, crop boxes, image placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from curator_app.core.document.document import Document
from curator_app.core.preview.cards import crop_box, cut_text
from curator_app.core.preview.locator import ImageLocator
from curator_app.core.preview.page import build_preview


def _item(folder: Path, front: str, body: str = "<p>Body.</p>", name: str = "index.md") -> Document:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front.strip()}\n---\n{body}\n", encoding="utf-8")
    return Document.load(path)


def _cards(doc: Document, root: Path) -> dict:
    return {c.kind: c for c in build_preview(doc, root).cards}


def _jpeg(path: Path, size: tuple[int, int]) -> None:
    Image.new("RGB", size, (30, 120, 200)).save(path, "JPEG")


def test_x_title_cut_at_70_with_marker(tmp_path: Path) -> None:
    long_title = "Word " * 30  # 150 characters
    doc = _item(
        tmp_path / "a",
        f"title: t\ntwitterMetaData:\n  twittertitle: '{long_title.strip()}'\n  twittercard: summary\n",
    )
    preview = build_preview(doc, tmp_path)
    x = next(c for c in preview.cards if c.kind == "x")
    assert x.title is not None and x.title.cut
    assert x.title.limit == 70 and len(x.title.shown) <= 69
    assert long_title.startswith(x.title.shown)
    assert any("cut at 70 characters" in n.message for n in x.notes)
    assert 'class="cut-mark"' in preview.sections["x"] and "✂70" in preview.sections["x"]


def test_search_description_cut_at_160_and_title_at_60(tmp_path: Path) -> None:
    desc = "Sentence with several words in it. " * 10
    doc = _item(tmp_path / "a", f"title: '{'T' * 20} {'x' * 50}'\ndescription: '{desc.strip()}'\n")
    search = _cards(doc, tmp_path)["search"]
    assert search.description is not None and search.description.cut
    assert len(search.description.shown) <= 159
    assert search.title is not None and search.title.cut and search.title.limit == 60


def test_short_text_is_not_cut(tmp_path: Path) -> None:
    doc = _item(tmp_path / "a", "title: Short title\ndescription: Short description.\n")
    cards = _cards(doc, tmp_path)
    for kind in ("x", "facebook", "linkedin", "slack", "search"):
        assert cards[kind].title is not None and not cards[kind].title.cut, kind


def test_twitter_title_falls_back_to_og_title(tmp_path: Path) -> None:
    doc = _item(tmp_path / "a", "title: Page title\nopenGraphMetaData:\n  ogtitle: The OG title\n")
    x = _cards(doc, tmp_path)["x"]
    assert x.title is not None and x.title.full == "The OG title"
    assert "openGraphMetaData.ogtitle" in x.title.source


def test_explicit_twitter_title_wins(tmp_path: Path) -> None:
    doc = _item(
        tmp_path / "a",
        "title: Page\nopenGraphMetaData:\n  ogtitle: OG\ntwitterMetaData:\n  twittertitle: Tweet title\n",
    )
    cards = _cards(doc, tmp_path)
    assert cards["x"].title.full == "Tweet title"  # type: ignore[union-attr]
    assert cards["facebook"].title.full == "OG"  # type: ignore[union-attr]
    assert cards["search"].title.full == "Page"  # type: ignore[union-attr]


def test_large_card_crops_portrait_image_to_2_to_1(tmp_path: Path) -> None:
    folder = tmp_path / "news" / "a"
    folder.mkdir(parents=True)
    _jpeg(folder / "feature.jpg", (640, 960))
    doc = _item(
        folder,
        "title: T\nopenGraphMetaData:\n  ogimage: feature.jpg\n"
        "twitterMetaData:\n  twittercard: summary_large_image\n",
    )
    preview = build_preview(doc, tmp_path)
    x = next(c for c in preview.cards if c.kind == "x")
    assert x.image is not None and x.image.size == (640, 960) and x.image.aspect == 2.0
    x0, y0, w, h = x.image.crop  # type: ignore[misc]
    assert (x0, w) == (0.0, 1.0) and h == pytest.approx(1 / 3) and y0 == pytest.approx(1 / 3)
    assert x.description is None  # summary_large_image shows no description
    assert 'class="crop-box"' in preview.sections["x"]
    fb = next(c for c in preview.cards if c.kind == "facebook")
    assert fb.image is not None and fb.image.aspect == 1.91


def test_crop_box_math() -> None:
    assert crop_box((1200, 600), 2.0) == (0.0, 0.0, 1.0, 1.0)
    x, y, w, h = crop_box((2000, 500), 2.0)  # type: ignore[misc]
    assert (y, h) == (0.0, 1.0) and w == pytest.approx(0.5) and x == pytest.approx(0.25)
    assert crop_box(None, 2.0) is None


def test_facebook_small_image_becomes_square_and_tiny_is_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    _jpeg(folder / "small.jpg", (400, 300))
    _jpeg(folder / "tiny.jpg", (120, 120))
    doc = _item(folder, "title: T\nopenGraphMetaData:\n  ogimage: small.jpg\n")
    fb = _cards(doc, tmp_path)["facebook"]
    assert fb.image is not None and fb.image.layout == "small" and fb.image.aspect == 1.0
    doc = _item(folder, "title: T\nopenGraphMetaData:\n  ogimage: tiny.jpg\n")
    fb = _cards(doc, tmp_path)["facebook"]
    assert fb.image is not None and fb.image.layout == "none"
    assert "below the 200×200 minimum" in (fb.image.problem or "")


def test_missing_and_remote_images_get_placeholders(tmp_path: Path) -> None:
    doc = _item(tmp_path / "a", "title: T\nopenGraphMetaData:\n  ogimage: nothere.jpg\n")
    preview = build_preview(doc, tmp_path)
    fb = next(c for c in preview.cards if c.kind == "facebook")
    assert fb.image is not None and fb.image.layout == "none"
    assert "img-placeholder" in preview.sections["facebook"]
    doc = _item(tmp_path / "b", "title: T\nopenGraphMetaData:\n  ogimage: 'https://example.org/i.jpg'\n")
    section = build_preview(doc, tmp_path).sections["linkedin"]
    assert "Remote images are off" in section and "https://example.org/i.jpg" in section
    assert "expected 1200×627" in section
    allowed = build_preview(doc, tmp_path, allow_remote=True).sections["linkedin"]
    assert "curator-img:remote?u=https%3A%2F%2Fexample.org%2Fi.jpg" in allowed


def test_values_are_html_escaped(tmp_path: Path) -> None:
    doc = _item(tmp_path / "a", "title: '<b onmouseover=x>Bold</b> & co'\n")
    page = build_preview(doc, tmp_path).page()
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=x&gt;Bold&lt;/b&gt; &amp; co" in page


def test_cut_text_prefers_word_boundary() -> None:
    text = "alpha beta gamma delta epsilon"
    assert cut_text(text, 12) == "alpha beta"
    assert cut_text(text, 100) == text


def test_locator_keeps_images_inside_the_content_folder(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "a").mkdir(parents=True)
    _jpeg(root / "a" / "in.jpg", (10, 10))
    _jpeg(tmp_path / "outside.jpg", (10, 10))
    (root / "a" / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    loc = ImageLocator(root, root / "a")
    assert loc.locate("in.jpg").kind == "local"
    assert loc.locate("../../outside.jpg").kind == "refused"
    assert loc.locate("link.jpg").kind == "refused"
    assert loc.locate("file:///etc/passwd").kind == "refused"
    assert loc.locate("../../../../../../etc/passwd").kind == "refused"
    assert loc.locate("https://example.org/x.png").kind == "remote"


def test_seed_cards(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    preview = build_preview(doc, seed_path.parent)
    cards = {c.kind: c for c in preview.cards}
    assert list(cards) == ["site", "article", "x", "facebook", "linkedin", "slack", "search"]
    assert cards["x"].variant == "summary_large_image" and cards["x"].description is None
    assert cards["facebook"].domain == "healthcareitnews.com"
    assert cards["site"].extra["sub"] == "brief" and cards["site"].extra["categories"] == ["Genomics"]
    assert "Genome UK 2021-2022 implementation plan" in preview.sections["article"]
    assert 'property="og:title"' in preview.head_html


def test_search_card_shows_this_pages_url_and_site_not_the_sources(seed_path: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    (site / "hugo.toml").write_text("baseURL = 'https://news.example.org/'\ntitle = 'Health Tech News'\n")
    item = site / "content" / "news" / "genome-uk.md"
    item.write_bytes(seed_path.read_bytes())
    preview = build_preview(Document.load(item), site / "content")
    search = next(c for c in preview.cards if c.kind == "search")
    slug = "healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system"
    assert search.url == f"https://news.example.org/news/{slug}/"
    assert (search.site_name, search.domain) == ("Health Tech News", "news.example.org")
    html = preview.sections["search"]
    assert "https://news.example.org › news › " + slug in html and "Health Tech News" in html
    assert "healthcareitnews" not in html.replace(slug, "") and "Healthcare IT News" not in html
    # The other cards still show the source article, as the platforms do (og:url).
    assert next(c for c in preview.cards if c.kind == "facebook").domain == "healthcareitnews.com"
    # Without a site config there is no host: the path alone, never the source's host.
    bare = next(c for c in build_preview(Document.load(seed_path), seed_path.parent).cards if c.kind == "search")
    assert bare.url == f"/news/{slug}/" and bare.domain == "" and "healthcareitnews" not in bare.site_name
    assert any("no baseURL" in n.message for n in bare.notes)
