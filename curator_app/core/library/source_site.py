"""The source publication of a URL: its domain (the item's brand) and its name (og:site_name).

A new item knows only the article's URL. Well-known news sites are named from a short
table, since their names cannot be derived ("The Guardian", "STAT"); any other host gets
its registrable domain (found with the Public Suffix List, so `news.bbc.co.uk` gives
`bbc.co.uk`, not `co.uk`) with the first label title-cased. The curator corrects the rare
wrong guess in the form; the name is a starting point, not a fact.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

# Registrable domain -> the publication's own name, as its pages write og:site_name.
KNOWN_SITES: dict[str, str] = {
    "theguardian.com": "The Guardian",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "reuters.com": "Reuters",
    "apnews.com": "AP News",
    "cnbc.com": "CNBC",
    "cnn.com": "CNN",
    "npr.org": "NPR",
    "theverge.com": "The Verge",
    "techcrunch.com": "TechCrunch",
    "wired.com": "WIRED",
    "forbes.com": "Forbes",
    "statnews.com": "STAT",
    "healthcareitnews.com": "Healthcare IT News",
    "mobihealthnews.com": "MobiHealthNews",
    "fiercehealthcare.com": "Fierce Healthcare",
    "fiercebiotech.com": "Fierce Biotech",
    "healthcaredive.com": "Healthcare Dive",
    "modernhealthcare.com": "Modern Healthcare",
    "beckershospitalreview.com": "Becker's Hospital Review",
    "healthaffairs.org": "Health Affairs",
    "kff.org": "KFF",
    "kffhealthnews.org": "KFF Health News",
    "nature.com": "Nature",
    "science.org": "Science",
    "thelancet.com": "The Lancet",
    "bmj.com": "The BMJ",
    "nejm.org": "New England Journal of Medicine",
    "nih.gov": "National Institutes of Health",
    "fda.gov": "U.S. Food and Drug Administration",
    "cdc.gov": "Centers for Disease Control and Prevention",
    "who.int": "World Health Organization",
    "gov.uk": "GOV.UK",
    "nhs.uk": "NHS",
}


_HOST_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+|\[?[0-9a-fA-F:.]+\]?")


@dataclass(frozen=True)
class SourceSite:
    domain: str  # host without `www.` (the curated items' link.brand), "" when unknown
    name: str  # the publication's name, "" when unknown


@cache
def _psl() -> PublicSuffixList:
    # Loaded on the first guess, not at start-up: reading the list takes a moment.
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def _host(url: str) -> str:
    text = url.strip()
    if "://" not in text and not text.startswith("//"):
        text = "//" + text  # a bare host: `theguardian.com/uk`
    try:
        host = (urlsplit(text).hostname or "").rstrip(".")
    except ValueError:
        return ""
    # Words typed into the URL box are no host: a host has a dot and no spaces.
    return host if _HOST_RE.fullmatch(host) else ""


def source_site(url: str) -> SourceSite:
    """Domain and name of the site a URL belongs to (both empty when there is no host)."""
    host = _host(url)
    if not host:
        return SourceSite("", "")
    domain = host.removeprefix("www.")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return SourceSite(domain, domain)  # an address has no name to guess
    except ValueError:
        pass
    registrable = _psl().privatesuffix(host) or domain
    known = KNOWN_SITES.get(registrable)
    if known is not None:
        return SourceSite(domain, known)
    label = registrable.split(".")[0]
    return SourceSite(domain, label[:1].upper() + label[1:])
