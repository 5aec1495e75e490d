"""Hugo's fallback chain with a site config: permalink, summary, params, bundle images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from curator_app.core.document.document import Document
from curator_app.core.errors import ParseError
from curator_app.core.preview.meta import HeadMeta, MetaTag, format_hugo_date, resolve_meta
from curator_app.core.site.config import clear_cache, find_site

HUGO_TOML = """\
baseURL = "https://news.example.org/"
title = "Example News"
languageCode = "en-GB"
[params]
description = "Site description"
images = ["img/default.png"]
[params.social]
twitter = "examplenews"
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    clear_cache()
    (tmp_path / "hugo.toml").write_text(HUGO_TOML)
    return tmp_path


def tag(meta: HeadMeta, name: str) -> MetaTag:
    found = meta.tag(name)
    assert found is not None, f"no {name} tag"
    return found


def write(path: Path, text: str) -> Document:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return Document.load(path)


def test_plain_hugo_page_falls_back_like_the_embedded_templates(site):
    body = (
        "<p>"
        + " ".join(f"w{i}" for i in range(50))
        + "</p><p>"
        + " ".join(f"x{i}" for i in range(50))
        + "</p><p>tail</p>"
    )
    doc = write(
        site / "content" / "news" / "hello.md",
        f"---\ntitle: Hello\ndate: 2021-05-21\nlastmod: 2021-06-01T10:00:00+02:00\ntags: [a, b]\n---\n{body}\n",
    )
    meta = resolve_meta(doc)
    assert meta.get("canonical") == "https://news.example.org/news/hello/"
    assert tag(meta, "og:url").value == meta.permalink and tag(meta, "og:url").source is None
    assert tag(meta, "og:title").source == "title"
    assert tag(meta, "og:site_name").source == "hugo.toml:title"
    assert meta.get("og:site_name") == "Example News"
    assert meta.get("og:locale") == "en_GB"
    # summary: whole paragraphs until 70 words
    summary = tag(meta, "og:description").value
    assert summary.split()[0] == "w0" and summary.split()[-1] == "x49" and "tail" not in summary
    assert tag(meta, "og:description").source is None
    assert meta.get("og:image") == "https://news.example.org/img/default.png"
    assert tag(meta, "og:image").source == "hugo.toml:params.images"
    assert meta.get("twitter:card") == "summary_large_image"
    assert meta.get("twitter:site") == "@examplenews"
    assert meta.get("article:published_time") == "2021-05-21T00:00:00+00:00"
    assert meta.get("article:modified_time") == "2021-06-01T10:00:00+02:00"
    assert [t.value for t in meta.all("article:tag")] == ["a", "b"]
    assert meta.get("og:type") == "article"


def test_site_description_when_nothing_else(site):
    doc = write(site / "content" / "about.md", "---\ntitle: About\n---\n")
    meta = resolve_meta(doc)
    assert meta.get("og:description") == "Site description"
    assert tag(meta, "og:description").source == "hugo.toml:params.description"
    assert meta.get("canonical") == "https://news.example.org/about/"


def test_bundle_image_is_absolute_and_measured(site):
    folder = site / "content" / "news" / "story"
    folder.mkdir(parents=True)
    Image.new("RGB", (1200, 630)).save(folder / "feature.jpg")
    doc = write(folder / "index.md", "---\ntitle: Story\nslug: my-story\n---\nText\n")
    meta = resolve_meta(doc)
    assert meta.get("og:image") == "https://news.example.org/news/my-story/feature.jpg"
    assert meta.get("og:image:width") == "1200" and meta.get("og:image:height") == "630"
    assert meta.image_file == folder / "feature.jpg"


def test_list_page_is_a_website(site):
    doc = write(site / "content" / "news" / "_index.md", "---\ntitle: News\n---\n")
    meta = resolve_meta(doc)
    assert meta.get("og:type") == "website"
    assert meta.get("canonical") == "https://news.example.org/news/"
    assert meta.tag("article:section") is None


def test_case_insensitive_keys_like_hugo(site):
    doc = write(site / "content" / "x.md", "---\nTitle: Upper\nlastMod: 2021-05-21T09:52:08.364373Z\n---\n")
    meta = resolve_meta(doc)
    assert tag(meta, "og:title").source == "Title"
    assert meta.get("article:modified_time") == "2021-05-21T09:52:08+00:00"


def test_yaml_config_and_nearest_wins(tmp_path):
    clear_cache()
    (tmp_path / "hugo.toml").write_text('title = "Outer"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "config.yaml").write_text("title: Inner\nbaseURL: https://inner.example/\n")
    site = find_site(inner / "content" / "a.md")
    assert site is not None and site.title == "Inner" and site.base_url == "https://inner.example/"
    assert site.content_dir == inner / "content"


def test_broken_config_is_a_located_parse_error(tmp_path):
    clear_cache()
    (tmp_path / "hugo.toml").write_text('title = "x"\nbaseURL = \n')
    with pytest.raises(ParseError) as exc:
        find_site(tmp_path / "a.md")
    assert exc.value.line == 2 and str(exc.value).startswith(str(tmp_path / "hugo.toml") + ":2:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-05-21", "2021-05-21T00:00:00+00:00"),
        ("2021-05-21T01:04:14-04:00", "2021-05-21T01:04:14-04:00"),
        ("2021-05-21T09:52:08.364373Z", "2021-05-21T09:52:08+00:00"),
        ("2021-05-21 10:11:12", "2021-05-21T10:11:12+00:00"),
    ],
)
def test_hugo_date_format(value, expected):
    assert format_hugo_date(value) == expected
