"""The source site of a URL: its domain and a name for og:site_name."""

from __future__ import annotations

import pytest

from curator_app.core.library.source_site import SourceSite, source_site


@pytest.mark.parametrize(("url", "domain", "name"), [
    ("https://www.theguardian.com/society/2024/jan/01/story", "theguardian.com", "The Guardian"),
    ("https://news.bbc.co.uk/2/hi/health/1.stm", "news.bbc.co.uk", "BBC News"),  # registrable bbc.co.uk
    ("https://www.healthcareitnews.com/news/emea/x", "healthcareitnews.com", "Healthcare IT News"),
    ("https://blog.example-health.co.uk/post", "blog.example-health.co.uk", "Example-health"),
    ("https://cardiodigest.example/item", "cardiodigest.example", "Cardiodigest"),
    ("statnews.com/2024/01/01/x", "statnews.com", "STAT"),  # typed without a scheme
    ("http://192.0.2.7:8080/a", "192.0.2.7", "192.0.2.7"),
    ("", "", ""),
    ("not a url", "", ""),
])
def test_source_site(url: str, domain: str, name: str) -> None:
    assert source_site(url) == SourceSite(domain, name)
