"""The report's cards as HTML: the preview's sections, scoped, marked, images embedded once,
and "before" images read from the old revision."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from PIL import Image
from support.git_repos import ITEM, SEED_TITLE, save_edit
from support.review_html import Element, parse

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.repo import ContentRepo
from curator_app.core.review.cardhtml import mark_changes
from curator_app.core.review.queue import build_queue
from curator_app.core.review.writer import write_report_files

NEW_TITLE = "Genomics plan for the UK: what changes"
KINDS = ["site", "article", "x", "facebook", "linkedin", "slack", "search"]


def _report(cr: ContentRepo, since: str, out: Path) -> tuple[str, Element, dict]:
    written = write_report_files(cr, build_queue(cr, since=since), out)
    assert written.html is not None
    text = written.html.read_text(encoding="utf-8")
    return text, parse(text), written.facts


def _pair(root: Element, kind: str) -> Element:
    [pair] = [p for p in root.find_all("figure", "card-pair") if p.attrs["data-kind"] == kind]
    return pair


def _side(pair: Element, side: str) -> Element:
    [found] = pair.find_all("div", side)
    return found


def test_cards_are_the_preview_sections_scoped_with_changes_marked(content_repo: ContentRepo, tmp_path: Path) -> None:
    save_edit(content_repo.folder / ITEM, title=NEW_TITLE)
    text, root, facts = _report(content_repo, "HEAD", tmp_path / "out")
    [item] = root.find_all("article", "item")
    assert [p.attrs["data-kind"] for p in item.find_all("figure", "card-pair")] == KINDS
    site = _pair(item, "site")
    for side in ("before", "after"):
        [scope] = _side(site, side).find_all("div", "rc")
        [section] = scope.find_all("section", "card-section")
        assert section.attrs["data-kind"] == "site" and "id" not in section.attrs
    after_marks = [m.all_text() for m in _side(site, "after").find_all("mark", "chg-add")]
    before_marks = [m.all_text() for m in _side(site, "before").find_all("mark", "chg-del")]
    assert NEW_TITLE in after_marks
    assert " ".join(before_marks).split() == SEED_TITLE.split()
    # The preview's stylesheet applies inside the cards only; the report's stops at them.
    assert "@scope (.rc) {" in text and "@scope (:root) to (.rc) {" in text
    assert "curator-img:" not in text
    [card] = [c for c in facts["items"][0]["cards"] if c["kind"] == "site"]
    assert card["changed"] and NEW_TITLE in card["regions_after"]


def test_a_card_the_change_does_not_touch_is_labelled_unchanged(content_repo: ContentRepo, tmp_path: Path) -> None:
    doc = Document.load(content_repo.folder / ITEM)
    doc.body = doc.body.replace("genomic", "genomics", 1)
    doc.save()
    _text, root, facts = _report(content_repo, "HEAD", tmp_path / "out")
    site, article = _pair(root, "site"), _pair(root, "article")
    assert site.attrs["data-changed"] == "no" and site.find_all("span", "same-label")
    assert _side(site, "before").find_all("div", "rc") and _side(site, "after").find_all("div", "rc")
    assert not site.find_all("mark")
    assert article.attrs["data-changed"] == "yes"
    assert any("genomics" in m.all_text() for m in _side(article, "after").find_all("mark"))
    changed = {c["kind"] for c in facts["items"][0]["cards"] if c["changed"]}
    assert changed == {"article"}


def _png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 630), color).save(out, "PNG")
    return out.getvalue()


def _image_color(text: str, root: Element, side: Element) -> tuple[int, ...]:
    imgs = [i for i in side.find_all("img") if "ri" in i.classes()]
    assert imgs, "the card shows an embedded image"
    [name] = [c for c in imgs[0].classes() if c.startswith("ri-")]
    uri = re.search(rf'\.{name} {{ background-image: url\("data:image/webp;base64,([^"]+)"\); }}', text)
    assert uri is not None, f"{name} is defined in the page's stylesheet"
    with Image.open(io.BytesIO(base64.b64decode(uri.group(1)))) as img:
        return tuple(img.convert("RGB").getpixel((img.width // 2, img.height // 2)))


def test_before_cards_show_the_featured_image_of_the_old_revision(content_repo: ContentRepo, tmp_path: Path) -> None:
    cr = content_repo
    item = cr.folder / "news" / "pic.md"
    picture = cr.folder / "news" / "pic.png"
    item.write_bytes(b"---\ntitle: A picture\nfeaturedImage:\n  href: pic.png\n---\nBody.\n")
    picture.write_bytes(_png((220, 30, 30)))
    commit_items(cr, [item, picture], "Add a picture item")
    first = str(cr.repo.head.target)
    picture.write_bytes(_png((30, 40, 220)))  # same file name, a new picture
    save_edit(item, title="A new picture")
    commit_items(cr, [item, picture], "Replace the picture")

    text, root, _facts = _report(cr, first, tmp_path / "out")
    site = _pair(root, "site")
    red, blue = _image_color(text, root, _side(site, "before")), _image_color(text, root, _side(site, "after"))
    assert red[0] > 180 and red[2] < 80, red
    assert blue[2] > 180 and blue[0] < 80, blue
    # The picture changed, so the image is outlined as a change on both sides.
    assert "(image)" in _facts["items"][0]["cards"][0]["regions_after"]
    # Each picture is in the page once however many cards show it.
    assert text.count("data:image/webp;base64,") == 2


def test_marks_fold_short_kept_words_and_keep_entities_whole() -> None:
    old, new, removed, added = mark_changes(
        "<h3>UK launch plan for genomic care &amp; more</h3>", "<h3>Genomics plan for the UK &amp; more</h3>")
    assert added == ["Genomics plan for the UK"]
    assert removed == ["UK launch plan for genomic care"]
    assert new == '<h3><mark class="chg chg-add">Genomics plan for the UK</mark> &amp; more</h3>'
    assert old.endswith(" &amp; more</h3>")


def test_an_item_queued_for_its_status_has_its_cards_once(content_repo: ContentRepo, tmp_path: Path) -> None:
    cr = content_repo
    save_edit(cr.folder / "news" / "other.md", status="review")
    commit_items(cr, [cr.folder / "news" / "other.md"], "Ask for a review")
    _text, root, facts = _report(cr, "HEAD", tmp_path / "out")
    [item] = root.find_all("article", "item")
    assert facts["items"][0]["change"] is None
    for pair in item.find_all("figure", "card-pair"):
        assert _side(pair, "before").find_all("p", "same") and not _side(pair, "before").find_all("div", "rc")
        assert _side(pair, "after").find_all("section", "card-section")
