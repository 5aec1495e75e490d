"""URLs social crawlers need absolute and https (CC401, CC402), a public base URL (CC403),
and og:url pointing at this page (CC404, info: curated items point it at the source)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, LintContext
from curator_app.core.preview.meta import lookup

# Front-matter copies that feed og:url / og:image / twitter:image in the news theme.
URL_KEYS = (
    ("openGraphMetaData", "ogurl"),
    ("htmlMetaData", "ogurl"),
    ("twitterMetaData", "twitterurl"),
    ("openGraphMetaData", "ogimage"),
    ("htmlMetaData", "ogimage"),
    ("twitterMetaData", "twitterimage"),
)
URL_TAGS = ("og:url", "og:image", "twitter:image")


def url_problem(url: str) -> tuple[str, str, str] | None:
    """(code, severity, message) when a card URL is unusable, else None."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return "CC401", "error", f"{url!r} is not an absolute URL; crawlers need https://host/…"
    if parts.scheme.lower() == "http":
        return "CC402", "warning", f"{url!r} uses http; use https so cards load on https pages"
    if parts.scheme.lower() != "https":
        return "CC401", "error", f"{url!r} is not an http(s) URL"
    return None


def _private_host(host: str) -> bool:
    if host in ("localhost", "") or host.endswith((".local", ".localhost", ".test")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local


def check(ctx: LintContext) -> Iterator[Finding]:
    checked: set[tuple[Any, ...]] = set()
    for url_key in URL_KEYS:
        hit = lookup(ctx.data, url_key)
        if hit is None or not isinstance(hit[0], str) or not hit[0].strip():
            continue
        checked.add(hit[1])
        problem = url_problem(hit[0])
        if problem:
            code, severity, message = problem
            yield ctx.finding(code, severity, hit[1], f"{format_key(hit[1])}: {message}")
    meta = ctx.meta
    site = ctx.site
    for name in URL_TAGS:
        for tag in meta.all(name):
            key = tag.key or ()
            hit = lookup(ctx.data, key) if key else None
            if hit is not None and hit[1] in checked:
                continue
            problem = url_problem(tag.value)
            if problem is None:
                continue
            if problem[0] == "CC401" and not (site and site.base_url):
                # Hugo makes these absolute with baseURL; without a known one, say so once.
                if site is not None and ("CC401", ()) not in ctx.reported:
                    yield ctx.finding(
                        "CC401",
                        "warning",
                        (),
                        f"{site.source('baseURL')} is not set; {name} would be relative",
                    )
                continue
            code, severity, message = problem
            where = format_key(key) if key else (tag.source or "the page permalink")
            yield ctx.finding(code, severity, key, f"{name} from {where}: {message}")
    og_url = meta.tag("og:url")
    if site is not None and site.base_url and og_url is not None and og_url.source is None:
        host = urlsplit(site.base_url).hostname or ""
        if _private_host(host) or site.base_url.startswith("http:"):
            yield ctx.finding(
                "CC403",
                "warning",
                (),
                f"site baseURL {site.base_url!r} is not a public https URL; cards built from it will not load",
            )
    if og_url is not None and og_url.source is not None:
        own = meta.permalink
        if og_url.value.rstrip("/") != own.rstrip("/"):
            key = og_url.key or ()
            yield ctx.finding(
                "CC404",
                "info",
                key,
                f"og:url ({format_key(key)}) points at {og_url.value}, not this page ({own});"
                " shares are counted for that URL",
            )
