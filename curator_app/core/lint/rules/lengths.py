"""Title and description lengths per platform (numbers from social-cards.md §2, §5, §7).

A limit applies to the key a tag's value came from, and to `title` / `description`
themselves (Front Matter CMS checks those by default). Characters are code points.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, LintContext
from curator_app.core.preview.meta import lookup

SEO_TITLE_MAX = 60  # Front Matter CMS seoTitleLength; ~600 px in search results
X_TITLE_MAX = 70  # X twitter:title
SEO_DESC_MAX = 160  # Front Matter CMS seoDescriptionLength
YOAST_DESC_MAX = 156
YOAST_DESC_MIN = 121
X_DESC_MAX = 200  # X twitter:description
X_ALT_MAX = 420  # X twitter:image:alt

# (tag whose source is checked, code, severity, limit, what the limit is)
MAX_RULES = (
    ("title", "CC201", "warning", SEO_TITLE_MAX, "search titles (Front Matter CMS limit; about 600 px)"),
    ("og:title", "CC201", "warning", SEO_TITLE_MAX, "search and card titles (Front Matter CMS limit)"),
    ("twitter:title", "CC202", "error", X_TITLE_MAX, "X twitter:title"),
    (
        "description",
        "CC203",
        "warning",
        SEO_DESC_MAX,
        "meta descriptions (Front Matter CMS; Yoast wants ≤ 156)",
    ),
    ("twitter:description", "CC205", "error", X_DESC_MAX, "X twitter:description"),
    ("twitter:image:alt", "CC206", "error", X_ALT_MAX, "X twitter:image:alt"),
)


def _sources(ctx: LintContext, tag_name: str, plain_key: str | None) -> dict[tuple[Any, ...], str]:
    """Front-matter keys whose text ends up in the tag, with their text."""
    out: dict[tuple[Any, ...], str] = {}
    tag = ctx.meta.tag(tag_name)
    if tag is not None and tag.key:
        hit = lookup(ctx.data, tag.key)
        if hit is not None and isinstance(hit[0], str):
            out[hit[1]] = hit[0]
    if plain_key:
        hit = lookup(ctx.data, (plain_key,))
        if hit is not None and isinstance(hit[0], str):
            out.setdefault(hit[1], hit[0])
    return out


def check(ctx: LintContext) -> Iterator[Finding]:
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    for tag_name, code, severity, limit, what in MAX_RULES:
        plain = tag_name if tag_name in ("title", "description") else None
        for key, text in _sources(ctx, tag_name, plain).items():
            size = len(" ".join(text.split()))
            if size > limit and (code, key) not in seen:
                seen.add((code, key))
                yield ctx.finding(
                    code, severity, key, f"{format_key(key)} is {size} characters; {what} allow {limit}"
                )
            elif code == "CC203" and YOAST_DESC_MAX < size <= limit and (code, key) not in seen:
                seen.add((code, key))
                yield ctx.finding(
                    code,
                    "info",
                    key,
                    f"{format_key(key)} is {size} characters; Yoast cuts descriptions after {YOAST_DESC_MAX}",
                )
    desc = ctx.meta.tag("description")
    if desc is not None and desc.key:
        size = len(desc.value)
        if 0 < size < YOAST_DESC_MIN:
            yield ctx.finding(
                "CC204",
                "info",
                desc.key,
                f"meta description from {desc.source} is {size} characters;"
                f" under {YOAST_DESC_MIN} search engines may write their own",
            )
