"""The bundled sample content folder: the seed's shape, style, images and Hugo readability."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from curator_app.core.document.document import Document
from curator_app.core.schema.linked import linked_groups
from curator_app.core.schema.schema import load_schema

WIDTH = 80


def news_items(content_dir: Path) -> list[Path]:
    return sorted((content_dir / "content" / "news").glob("*.md"))


def key_tree(value: Any) -> Any:
    """Keys in order, recursively (list items of mappings by index)."""
    if isinstance(value, dict):
        return [(k, key_tree(v)) for k, v in value.items()]
    return None


def front_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return text[4:].split("\n---\n", 1)[0].split("\n")


@pytest.fixture(scope="module")
def items(content_dir: Path) -> list[Path]:
    paths = news_items(content_dir)
    assert len(paths) >= 6
    return paths


def test_items_have_the_seed_keys_in_order(items: list[Path], seed_path: Path) -> None:
    seed = key_tree(Document.load(seed_path).data)
    schema = load_schema()
    for path in items:
        doc = Document.load(path)
        assert key_tree(doc.data) == seed, path.name
        assert schema.unknown_keys(doc) == []
        assert doc.get(("mdName",)) == path.name
        assert doc.to_bytes() == path.read_bytes()


def test_items_use_the_seed_yaml_style(items: list[Path]) -> None:
    for path in items:
        lines = front_lines(path)
        for i, line in enumerate(lines):
            assert '"' not in line.split(":", 1)[0], (path.name, line)
            assert not line.endswith(" "), (path.name, line)
            if line.lstrip().startswith("- "):
                prev = lines[i - 1]
                indent = len(line) - len(line.lstrip())
                # block sequences are indented two spaces under their key
                assert indent >= 2 and (prev.rstrip().endswith(":") or prev.lstrip().startswith("- "))
            if line.endswith(": >-"):
                indent = len(line) - len(line.lstrip()) + 2
                j = i + 1
                while j < len(lines) and lines[j].startswith(" " * indent) and lines[j][indent] != " ":
                    folded = lines[j]
                    # folded at width 80; only an unbreakable word (a long URL) may run over
                    assert len(folded) <= WIDTH or " " not in folded.strip(), (path.name, folded)
                    j += 1
                assert j > i + 1
            # a quoted scalar uses single quotes, never double
            value = line.split(": ", 1)[1] if ": " in line else ""
            assert not value.startswith('"')
        assert "null" in lines[lines.index("institution: null")]
        # the HTML body is one line, like the seed's
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert "\n" not in body and body.startswith("<p>")


def test_sample_folds_like_the_seed(seed_path: Path) -> None:
    """The width rule used above holds for the seed itself (so it is the seed's rule)."""
    lines = front_lines(seed_path)
    for i, line in enumerate(lines):
        if line.endswith(": >-"):
            nxt = lines[i + 1]
            assert len(nxt) <= WIDTH or " " not in nxt.strip()


def test_items_differ_in_category_source_and_date(items: list[Path]) -> None:
    docs = [Document.load(p) for p in items]
    assert len({d.get(("categories", 0)) for d in docs}) >= 5
    assert len({d.get(("link", "brand")) for d in docs}) == len(docs)
    assert len({d.get(("date",)) for d in docs}) == len(docs)
    assert len({d.get(("sub",)) for d in docs}) >= 3


def test_clean_items_agree_and_the_problem_item_does_not(items: list[Path]) -> None:
    problems = []
    for path in items:
        doc = Document.load(path)
        bad = [g.name for g in linked_groups(doc) if not g.agree]
        title = doc.get(("title",))
        if "  " in title:
            problems.append((doc, bad))
        else:
            assert bad == [], path.name
            assert len(title) <= 60
            assert len(doc.get(("description",))) <= 160
            assert doc.get(("htmlMetaData", "ogurl")).startswith("https://")
    assert len(problems) == 1
    doc, bad = problems[0]
    assert set(bad) == {"title", "description"}
    desc = doc.get(("description",))
    assert len(desc) == 200 and re.search(r"\w$", desc)
    body_text = re.sub(r"<[^>]+>", "", doc.body)
    assert body_text[200].isalpha()  # the cut falls inside a word
    assert doc.get(("htmlMetaData", "ogurl")).startswith("http://")
    card = load_schema().field(("twitterMetaData", "twittercard"))
    assert card is not None and doc.get(("twitterMetaData", "twittercard")) not in (card.choices or ())
    assert doc.path is not None
    image = Path(doc.path).parent / doc.get(("featuredImage", "href"))
    assert not image.exists()


def test_local_featured_image_is_a_real_jpeg(items: list[Path]) -> None:
    local = []
    for path in items:
        doc = Document.load(path)
        href = doc.get(("featuredImage", "href"))
        if "://" not in href and (path.parent / href).exists():
            local.append((doc, path.parent / href))
    assert len(local) == 1
    doc, image = local[0]
    with Image.open(image) as img:
        assert img.format == "JPEG" == doc.get(("featuredImage", "format"))
        assert img.size == (1200, 630)
        assert doc.get(("featuredImage", "size")) == list(img.size)  # [width, height]


def test_site_config_and_fallback_card(content_dir: Path) -> None:
    import tomllib

    config = tomllib.loads((content_dir / "hugo.toml").read_text(encoding="utf-8"))
    assert config["baseURL"] == "https://news.example.org/"
    params = config["params"]
    assert params["description"] and params["social"]["twitter"]
    card = content_dir / "static" / params["images"][0]
    with Image.open(card) as img:
        assert img.size == (1200, 630)


def test_archetype_has_the_seed_shape(project_root: Path, seed_path: Path) -> None:
    arche = Document.load(project_root / "resources" / "archetypes" / "curated-content.md")
    assert key_tree(arche.data) == key_tree(Document.load(seed_path).data)
    assert arche.get(("title",)) == "{{ title }}"
    assert arche.get(("archetype",)) == "curated-content"


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_hugo_lists_every_item(tmp_content: Path, items: list[Path]) -> None:
    # on a copy: hugo writes a lock file and caches into the folder it reads
    run = subprocess.run(
        ["hugo", "list", "all"], cwd=tmp_content, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    listed = {line.split(",", 1)[0] for line in run.stdout.splitlines()[1:]}
    assert listed == {f"content/news/{p.name}" for p in items}
