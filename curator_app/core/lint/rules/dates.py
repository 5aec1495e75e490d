"""Dates: parseable (CC601), not in the future (CC602), lastmod not before date (CC603)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, LintContext
from curator_app.core.preview.meta import lookup, parse_date

# Hugo's own date keys (case-insensitive) and the theme's copies of the source's dates.
HUGO_DATES = ("date", "publishDate", "lastmod", "expiryDate")
COPY_DATES = (
    ("htmlMetaData", "articlepublished_time"),
    ("htmlMetaData", "articlemodified_time"),
    ("htmlMetaData", "ogupdated_time"),
    ("openGraphMetaData", "ogupdated_time"),
)


def _present(ctx: LintContext, key: tuple[str, ...]) -> tuple[Any, tuple[Any, ...]] | None:
    hit = lookup(ctx.data, key)
    if hit is None or hit[0] is None or (isinstance(hit[0], str) and not hit[0].strip()):
        return None
    return hit


def check(ctx: LintContext) -> Iterator[Finding]:
    parsed: dict[str, tuple[datetime, tuple[Any, ...]]] = {}
    for name in HUGO_DATES:
        hit = _present(ctx, (name,))
        if hit is None:
            continue
        when = parse_date(hit[0])
        if when is None:
            yield ctx.finding(
                "CC601", "error", hit[1], f"{format_key(hit[1])} is not a date Hugo can read: {hit[0]!r}"
            )
            continue
        parsed[name] = (when, hit[1])
        if name in ("date", "publishDate") and when > ctx.now:
            yield ctx.finding(
                "CC602",
                "warning",
                hit[1],
                f"{format_key(hit[1])} {when.date()} is in the future; Hugo will not publish"
                " the page until then (without --buildFuture)",
            )
        elif name == "lastmod" and when > ctx.now:
            yield ctx.finding("CC602", "warning", hit[1], f"{format_key(hit[1])} {when.date()} is in the future")
    for key in COPY_DATES:
        hit = _present(ctx, key)
        if hit is not None and parse_date(hit[0]) is None:
            yield ctx.finding(
                "CC601", "warning", hit[1], f"{format_key(hit[1])} is not an ISO 8601 date: {hit[0]!r}"
            )
    if "lastmod" in parsed:
        start = parsed.get("publishDate") or parsed.get("date")
        if start is not None and parsed["lastmod"][0] < start[0]:
            key = parsed["lastmod"][1]
            yield ctx.finding(
                "CC603",
                "warning",
                key,
                f"{format_key(key)} ({parsed['lastmod'][0].isoformat()}) is before"
                f" {format_key(start[1])} ({start[0].isoformat()})",
            )
