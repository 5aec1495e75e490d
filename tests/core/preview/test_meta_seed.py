"""Head meta of the seed: the explicit copies win, each tag names its source and chain."""

from __future__ import annotations

import json

import pytest

from curator_app.cli import main
from curator_app.core.document.document import Document
from curator_app.core.preview.meta import resolve_meta

SOURCE_URL = (
    "https://www.healthcareitnews.com/news/emea/uk-launch-implementation-plan-genomic-healthcare-system"
)
IMAGE = "https://www.healthcareitnews.com/sites/hitn/files/Matt%20Hancock_0.jpg"
SHORT_DESC = (
    "The plan focuses on expanding the diversity and reach of genomics in the UK as well as"
    " improving patient diagnosis, treatment and sickness prevention."
)


@pytest.fixture(scope="module")
def meta(seed_path):
    return resolve_meta(Document.load(seed_path))


@pytest.mark.parametrize(
    ("name", "value", "source"),
    [
        ("title", "UK Launch  Implementation Plan For Genomic Healthcare System", "title"),
        ("description", SHORT_DESC, "htmlMetaData.description"),
        (
            "og:title",
            "UK launch implementation plan for genomic healthcare system",
            "openGraphMetaData.ogtitle",
        ),
        ("og:description", SHORT_DESC, "openGraphMetaData.ogdescription"),
        ("og:type", "article", "openGraphMetaData.ogtype"),
        ("og:url", SOURCE_URL, "openGraphMetaData.ogurl"),
        ("og:site_name", "Healthcare IT News", "openGraphMetaData.ogsite_name"),
        ("og:image", IMAGE, "openGraphMetaData.ogimage"),
        ("og:image:alt", "UK Launch  Implementation Plan For Genomic Healthcare System", "featuredImage.alt"),
        ("article:published_time", "2021-05-21T01:04:14-04:00", "htmlMetaData.articlepublished_time"),
        ("article:modified_time", "2021-05-21T01:04:14-04:00", "htmlMetaData.articlemodified_time"),
        ("article:tag", "News", "tags.0"),
        ("twitter:card", "summary_large_image", "twitterMetaData.twittercard"),
        (
            "twitter:title",
            "UK launch implementation plan for genomic healthcare system",
            "twitterMetaData.twittertitle",
        ),
        ("twitter:description", SHORT_DESC, "twitterMetaData.twitterdescription"),
        ("twitter:image", IMAGE, "twitterMetaData.twitterimage"),
    ],
)
def test_seed_tag(meta, name, value, source):
    tag = meta.tag(name)
    assert tag is not None, name
    assert (tag.value, tag.source) == (value, source)
    assert tag.chain[0] == source or source in tag.chain or source.startswith("tags")


def test_seed_derived_tags(meta):
    slug = "healthcareitnews-uk-launch-implementation-plan-for-genomic-healthcare-system"
    canonical = meta.tag("canonical")
    assert canonical.value == f"/news/{slug}/" and canonical.source is None
    assert canonical.chain == ("(permalink)",)
    # og:url points at the source article, not at the item's own permalink: the chain says so
    assert meta.tag("og:url").chain[-1] == "(permalink)"
    assert meta.get("article:section") == "news"
    # no site config above the seed: nothing claims a locale or a twitter:site
    assert meta.tag("og:locale") is None and meta.tag("twitter:site") is None


def test_chains_follow_the_documented_order(meta):
    assert meta.tag("og:title").chain == (
        "openGraphMetaData.ogtitle",
        "htmlMetaData.ogtitle",
        "title",
        "site:title",
    )
    assert meta.tag("twitter:title").chain[:2] == (
        "twitterMetaData.twittertitle",
        "openGraphMetaData.ogtitle",
    )
    assert meta.tag("og:description").chain[2:] == ("description", "(summary)", "site:params.description")


def test_html_output(meta):
    html = meta.to_html()
    assert "<title>UK Launch  Implementation Plan For Genomic Healthcare System</title>" in html
    assert f'<meta property="og:url" content="{SOURCE_URL}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="canonical" href="/news/' in html


def test_cli_json(seed_path, capsys):
    assert main(["meta", str(seed_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    tags = {t["name"]: t for t in data["tags"]}
    assert tags["og:title"]["source"] == "openGraphMetaData.ogtitle"
    assert tags["og:title"]["chain"][0] == "openGraphMetaData.ogtitle"
    assert set(tags["title"]) == {"kind", "name", "value", "source", "chain"}


def test_cli_text_and_html(seed_path, capsys):
    assert main(["meta", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "openGraphMetaData.ogurl" in out and "(derived)" in out
    assert main(["meta", str(seed_path), "--format", "html"]) == 0
    assert '<meta property="og:image"' in capsys.readouterr().out


def test_cli_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [x\n---\n")
    assert main(["meta", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:") and "Traceback" not in err
