"""Messages read as sentences: each names its field once and says which is the copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import lint_document
from curator_app.core.preview.page import build_preview


def test_linked_copy_messages_say_which_key_is_the_copy(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    doc.set(("openGraphMetaData", "ogtitle"), "Something else entirely")
    messages = [f.message for f in lint_document(doc) if f.code == "CC901"]
    assert any(
        m.startswith("openGraphMetaData.ogtitle (linked copy of title) disagrees with title:") for m in messages
    ), messages
    assert not any(m.startswith("title copy") for m in messages)


def test_primary_against_its_copies_names_the_copy(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    agreed = doc.get(("htmlMetaData", "ogtitle"))
    for key in (("breadcrumbs", 2), ("featuredImage", "alt")):
        doc.set(key, agreed)
    doc.set(("title",), "Alone")  # every copy agrees on something else
    messages = [f.message for f in lint_document(doc) if f.code == "CC901"]
    assert any(m.startswith("title disagrees with its linked copy htmlMetaData.ogtitle") for m in messages), messages


def test_missing_image_and_preview_notes_name_the_field_once(seed_path: Path, tmp_path: Path) -> None:
    item = Path(shutil.copy(seed_path, tmp_path / "item.md"))
    doc = Document.load(item)
    findings = lint_document(doc)
    missing = next(f for f in findings if f.code == "CC501")
    assert "featuredImage.href" not in missing.message and missing.field == ("featuredImage", "href")
    preview = build_preview(doc, tmp_path)
    notes = preview.cards_html
    assert "CC501 featuredImage.href: image file not found" in notes
    assert "description: description" not in notes and "featuredImage.href: featuredImage.href" not in notes


def test_site_language_code_en_us_is_flagged_for_og_locale(tmp_path: Path) -> None:
    from curator_app.core.site.config import clear_cache, load_site

    (tmp_path / "hugo.toml").write_text("baseURL = 'https://x.example/'\nlanguageCode = 'en-us'\n", encoding="utf-8")
    item = tmp_path / "content" / "a.md"
    item.parent.mkdir()
    item.write_text("---\ntitle: A\n---\nBody\n", encoding="utf-8")
    clear_cache()
    site = load_site(tmp_path / "hugo.toml")
    found = [f for f in lint_document(Document.load(item), site=site) if f.code == "CC802"]
    assert len(found) == 1 and "'en_us'" in found[0].message and "'en-US'" in found[0].message
    (tmp_path / "hugo.toml").write_text("baseURL = 'https://x.example/'\nlanguageCode = 'en-US'\n", encoding="utf-8")
    clear_cache()
    site = load_site(tmp_path / "hugo.toml")
    assert not [f for f in lint_document(Document.load(item), site=site) if f.code == "CC802"]
