"""Only files inside the site are read: `../`, absolute paths and escaping symlinks to an
image outside are never measured, shown or probed, and lint says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import lint_document
from curator_app.core.preview.meta import resolve_local, resolve_meta
from curator_app.core.site.config import find_site

SIZE = (1234, 646)  # distinctive: if it shows up anywhere, the outside file was read


@pytest.fixture
def site(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    Image.new("RGB", SIZE, "red").save(outside / "SECRET.png")
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "static").mkdir()
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "S"\n')
    (root / "content" / "posts" / "link.png").symlink_to(outside / "SECRET.png")
    (root / "static" / "link.png").symlink_to(outside / "SECRET.png")
    Image.new("RGB", (1200, 630), "blue").save(root / "content" / "posts" / "ok.png")
    return root


def _item(site: Path, href: str) -> Path:
    item = site / "content" / "posts" / "item.md"
    item.write_text(
        "---\ntitle: A title long enough to pass\ndate: 2024-01-02\n"
        f"featuredImage:\n  href: {href}\n---\nbody\n"
    )
    return item


def _escapes(site: Path) -> list[str]:
    secret = site.parent / "outside" / "SECRET.png"
    return ["../../../outside/SECRET.png", str(secret), "link.png", "/link.png"]


def test_resolve_local_stays_inside_the_site(site: Path) -> None:
    for href in _escapes(site):
        item = _item(site, href)
        assert resolve_local(href, item, find_site(item)) is None, href
    item = _item(site, "ok.png")
    assert resolve_local("ok.png", item, find_site(item)) == item.parent / "ok.png"


def test_meta_never_measures_an_outside_image(site: Path) -> None:
    for href in _escapes(site):
        item = _item(site, href)
        head = resolve_meta(Document.load(item), find_site(item))
        assert head.image_file is None, href
        values = {t.value for t in head.tags}
        assert str(SIZE[0]) not in values and str(SIZE[1]) not in values, href


def test_lint_reports_outside_images_without_reading_them(site: Path) -> None:
    for href in _escapes(site):
        item = _item(site, href)
        findings = lint_document(Document.load(item), site=find_site(item), content_root=site / "content")
        image = [f for f in findings if f.key == "featuredImage.href"]
        assert image, href
        text = " ".join(f.message for f in image)
        assert f"{SIZE[0]}×{SIZE[1]}" not in text and "SECRET" not in text.replace(href, ""), text
        if href != str(site.parent / "outside" / "SECRET.png"):
            assert any(f.code == "CC502" for f in image), (href, text)


def test_cli_meta_and_validate_do_not_read_outside(site: Path, run_cli) -> None:
    item = _item(site, "../../../outside/SECRET.png")
    meta = run_cli("meta", str(item), "--format", "json")
    assert meta.returncode == 0, meta.stderr
    assert str(SIZE[0]) not in json.dumps(json.loads(meta.stdout)["tags"])
    item = _item(site, "link.png")
    result = run_cli("validate", str(item))
    assert "CC502" in result.stdout and f"{SIZE[0]}" not in result.stdout
