"""Empty values where a page needs one (CC104).

A required field that is empty is CC102 (rules/required.py). This rule covers the rest of
what readers see: a list holding empty entries (`author: ['']` prints "By ·" on the
article), and an empty string in a copy of a fact the cards need (og:image,
twitter:image, og:title, the source URL copies), which Hugo writes out as an empty meta
tag instead of falling back. A null is not reported: it means "not set", and the meta
fallbacks apply (social-cards.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.lint.findings import Finding, Fix, LintContext, per_schema

# Linked groups whose copies feed the page head and the cards.
_CARD_FACTS = frozenset({"title", "description", "image", "source_url"})
# The last breadcrumb link is the page itself and empty by design.
_BLANK_ENTRY_ALLOWED: frozenset[KeyPath] = frozenset({("breadcrumbLinks",)})
_AUTHOR: KeyPath = ("author",)


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _keys(schema: Any) -> tuple[tuple[KeyPath, ...], tuple[tuple[KeyPath, str], ...]]:
    """(list keys whose entries must not be blank; (key, label) of the optional copies of
    card facts that must not be an empty string), from the schema."""
    keys = [_AUTHOR]
    cards: list[tuple[KeyPath, str]] = []
    if schema is not None:
        fields = list(schema.fields())
        keys += [tuple(f.key) for f in fields if f.widget == "strings"]
        cards = [(tuple(f.key), f.label or format_key(f.key)) for f in fields
                 if f.linked in _CARD_FACTS and not f.required]
    lists = tuple(k for k in dict.fromkeys(keys) if k not in _BLANK_ENTRY_ALLOWED)
    return lists, tuple(cards)


def check(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    lists, cards = per_schema(ctx.schema, _keys)
    for key in lists:
        value = doc.get(key)
        if not isinstance(value, list) or not any(_blank(v) for v in value):
            continue
        if ("CC102", key) in ctx.reported:
            continue  # a required list of nothing but blanks is already "empty"
        kept = [v for v in value if not _blank(v)]
        name = format_key(key)
        shows = ' (the article shows "By ·")' if key == _AUTHOR else ""
        yield ctx.finding(
            "CC104",
            "error" if key == _AUTHOR else "warning",
            key,
            f"{name} has an empty entry{shows}",
            Fix(f"Remove the empty entries from {name}", ((key, kept),)),
        )
    for key, label in cards:
        if not _blank(doc.get(key)):
            continue
        yield ctx.finding(
            "CC104",
            "error",
            key,
            f"{format_key(key)} ({label}) is an empty string: the page gets an empty tag "
            "instead of a fallback; fill it in or set it to null",
            Fix(f"Set {format_key(key)} to null (not set)", ((key, None),)),
        )
