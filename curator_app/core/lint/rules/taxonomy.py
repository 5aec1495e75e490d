"""Slug and category chain (CC701, CC702), from the derived groups of core.linked.

The curated-content convention (see core.linked): slug = <brand>-<slugified title>,
aliases = basePath + slugified title; categories[i] → categorySlug[i] (lower case) →
categoryUrl[i] (topic/<slug>) → categoryLabel[i] (after the last ": ") and
openProjectCustomFields.medigyTopics[i] (a plain copy).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.lint.findings import Finding, Fix, LintContext
from curator_app.core.schema.linked import (
    ALIASES,
    SLUG,
    LinkedGroup,
    aliases_after_move,
    page_url,
    url_change_note,
)


def check(ctx: LintContext) -> Iterator[Finding]:
    if not ctx.curated:
        return
    for group in ctx.linked:
        if group.agree or group.expected is None:
            continue
        if group.name == "slug":
            yield from _slug(ctx, group)
        elif group.name == "category":
            yield from _categories(ctx, group)


def _slug(ctx: LintContext, group: LinkedGroup) -> Iterator[Finding]:
    if not ctx.doc.has(("link", "brand")):
        return  # without the brand the slug convention is unknown; Hugo allows any slug
    for key in group.copies:
        want = (group.expected or {}).get(key)
        have = group.values.get(key)
        if want is None or have == want:
            continue
        what = "slug" if key == SLUG else format_key(key)
        yield ctx.finding(
            "CC701",
            "info",
            key,
            f"{what} {have!r} does not match the title (expected {want!r})",
            _slug_fix(ctx, key, have, want),
        )


def _slug_fix(ctx: LintContext, key: KeyPath, have: Any, want: Any) -> Fix:
    """Set the slug (or alias) the title derives, keeping the old URL as a redirect."""
    doc = ctx.doc
    aliases = doc.get(ALIASES)
    if key == SLUG:
        kept = aliases_after_move(doc, aliases, have)
        edits: tuple[tuple[KeyPath, Any], ...] = ((SLUG, want),)
        if isinstance(have, str) and have and kept != aliases:
            edits += ((ALIASES, kept),)
            note = url_change_note(page_url(doc, have))
            return Fix(f"Set slug to {want}. {note}", edits)
        return Fix(f"Set slug to {want} (changes the page URL)", edits)
    if isinstance(have, str) and have and isinstance(want, str):
        # A lone alias that is not the title's is still a redirect someone may link to.
        kept = aliases_after_move(doc, have, None, want)
        return Fix(f"Add {want} to {format_key(key)}; {have} stays as a redirect", ((key, kept),))
    return Fix(f"Set {format_key(key)} to {want}", ((key, want),))


def _categories(ctx: LintContext, group: LinkedGroup) -> Iterator[Finding]:
    cats = group.values.get(("categories",)) or []
    for key in group.copies:
        if key == ("categories",):
            continue
        want = (group.expected or {}).get(key)
        have = group.values.get(key)
        if want is None or have == want:
            continue
        if not isinstance(have, list) or len(have) != len(want):
            count = len(have) if isinstance(have, list) else 1
            yield ctx.finding(
                "CC702",
                "warning",
                key,
                f"{format_key(key)} has {count} entries for {len(cats)} categories",
                Fix(f"Rebuild {format_key(key)} from categories", ((key, want),)),
            )
            continue
        for i, (h, w) in enumerate(zip(have, want, strict=True)):
            if h != w:
                item = (*key, i)
                yield ctx.finding(
                    "CC702",
                    "warning",
                    item,
                    f"{format_key(key)}[{i}] is {h!r}; categories[{i}] {cats[i]!r} gives {w!r}",
                    Fix(f"Set {format_key(key)}[{i}] to {w}", ((item, w),)),
                )
