"""Possible misspellings in the title and description (CC304), with suggestions.

Info only: names of people, places and products are often missing from dictionaries, so a
misspelling never fails `curator validate`; the reviewer sees it with what it might be.
"""

from __future__ import annotations

from collections.abc import Iterator

from curator_app.core.lint.findings import Finding, LintContext
from curator_app.core.spell.checker import checker_for, language_of

FIELDS = (("title",), ("description",))


def check(ctx: LintContext) -> Iterator[Finding]:
    site_language = ctx.site.language_code if ctx.site is not None else None
    checker = checker_for(language_of(ctx.data, site_language))
    if not checker.available:
        return
    for key in FIELDS:
        value = ctx.data.get(key[0])
        if not isinstance(value, str):
            continue
        found = checker.misspellings(value)
        if found and ("CC303", key) in ctx.reported and found[-1].end == len(value.rstrip()):
            found.pop()  # the last word was cut off by an export (CC303), not misspelt
        words = list(dict.fromkeys(m.word for m in found))
        if not words:
            continue
        parts = []
        for word in words:
            options = checker.suggest(word, limit=3)
            parts.append(f"'{word}' (did you mean {' or '.join(repr(s) for s in options)}?)" if options else f"'{word}'")
        noun = "word" if len(words) == 1 else "words"
        yield ctx.finding("CC304", "info", key, f"possibly misspelt {noun} ({checker.language}): " + ", ".join(parts))
