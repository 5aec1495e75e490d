"""Fixed-choice values (CC801), og:locale pattern (CC802), twitter:site handle (CC803)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, Fix, LintContext, per_schema
from curator_app.core.preview.meta import lookup

CARD_TYPES = ("summary", "summary_large_image", "app", "player")
OG_TYPES = (
    "website",
    "article",
    "book",
    "profile",
    "video.movie",
    "video.episode",
    "video.tv_show",
    "video.other",
    "music.song",
    "music.album",
    "music.playlist",
    "music.radio_station",
)
# Used when the schema gives no choices for these keys (or no schema is available).
FALLBACK_CHOICES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("twitterMetaData", "twittercard"): CARD_TYPES,
    ("htmlMetaData", "ogtype"): OG_TYPES,
    ("openGraphMetaData", "ogtype"): OG_TYPES,
}
LOCALE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")
LOCALE_KEYS = (("openGraphMetaData", "oglocale"), ("htmlMetaData", "oglocale"), ("locale",))


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t for t in re.split(r"[\s_.-]+", text.strip().lower()) if t)


def nearest_choice(value: str, choices: tuple[str, ...]) -> list[str]:
    """The allowed value meant: same letters in another case, else the one choice that has
    all the value's words (X's `large_summary` -> `summary_large_image`)."""
    same = [c for c in choices if c.lower() == value.strip().lower()]
    if same:
        return same
    words = _tokens(value)
    holding = [c for c in choices if words and words <= _tokens(c)]
    return holding if len(holding) == 1 else []


def _choices(schema: Any) -> dict[tuple[Any, ...], tuple[str, ...]]:
    out: dict[tuple[Any, ...], tuple[str, ...]] = dict(FALLBACK_CHOICES)
    if schema is not None:
        for f in schema.fields():
            if f.choices:
                out[tuple(f.key)] = tuple(f.choices)
    return out


def check(ctx: LintContext) -> Iterator[Finding]:
    for key, choices in per_schema(ctx.schema, _choices).items():
        hit = lookup(ctx.data, key)
        if hit is None or hit[0] is None or hit[0] == "":
            continue
        values = hit[0] if isinstance(hit[0], list) else [hit[0]]
        for i, value in enumerate(values):
            if str(value) in choices:
                continue
            where = hit[1] + (i,) if isinstance(hit[0], list) else hit[1]
            near = nearest_choice(str(value), choices)
            fix = Fix(f"Set {format_key(where)} to {near[0]}", ((where, near[0]),)) if near else None
            yield ctx.finding(
                "CC801", "error", where, f"{format_key(where)} is {value!r}; allowed: {', '.join(choices)}", fix
            )
    in_item = False
    for key in LOCALE_KEYS:
        hit = lookup(ctx.data, key)
        if hit is None or not isinstance(hit[0], str) or not hit[0].strip():
            continue
        in_item = True
        value = hit[0].strip()
        if not LOCALE.match(value):
            fixed = value.replace("-", "_")
            parts = fixed.split("_")
            fix = None
            if len(parts) == 2 and LOCALE.match(f"{parts[0].lower()}_{parts[1].upper()}"):
                fixed = f"{parts[0].lower()}_{parts[1].upper()}"
                fix = Fix(f"Set {format_key(hit[1])} to {fixed}", ((hit[1], fixed),))
            yield ctx.finding(
                "CC802",
                "warning",
                hit[1],
                f"{format_key(hit[1])} {value!r} is not a language_TERRITORY locale like en_US",
                fix,
            )
    if not in_item:
        yield from _site_locale(ctx)
    hit = lookup(ctx.data, ("twitterMetaData", "twittersite"))
    if hit is not None and isinstance(hit[0], str) and hit[0].strip() and not hit[0].strip().startswith("@"):
        fixed = "@" + hit[0].strip()
        yield ctx.finding(
            "CC803",
            "warning",
            hit[1],
            f"{format_key(hit[1])} should be an @handle",
            Fix(f"Set {format_key(hit[1])} to {fixed}", ((hit[1], fixed),)),
        )


def _site_locale(ctx: LintContext) -> Iterator[Finding]:
    """og:locale taken from the site's languageCode ('en-us' renders as en_us): Open Graph
    wants language_TERRITORY with the territory in capitals."""
    tag = ctx.meta.tag("og:locale")
    if tag is None or not tag.value or LOCALE.match(tag.value):
        return
    parts = tag.value.split("_")
    better = f"{parts[0].lower()}_{parts[1].upper()}" if len(parts) == 2 else "en_US"
    yield ctx.finding(
        "CC802",
        "warning",
        (),
        f"og:locale {tag.value!r} (from {tag.source or 'the site'}) is not a language_TERRITORY "
        f"locale like en_US; set languageCode to {better.replace('_', '-')!r} or openGraphMetaData.oglocale",
    )
