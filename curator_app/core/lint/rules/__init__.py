"""Lint rule families, one module each; every module exposes check(ctx) -> Iterable[Finding]."""

from __future__ import annotations

from curator_app.core.lint.rules import (
    dates,
    empty,
    enums,
    images,
    lengths,
    linked,
    required,
    spelling,
    taxonomy,
    text,
    urls,
)

# Order matters only where a later rule skips what an earlier one reported (see ctx.reported).
RULES = (
    required.check,
    empty.check,
    text.check,
    lengths.check,
    urls.check,
    images.check,
    dates.check,
    taxonomy.check,
    enums.check,
    linked.check,
    spelling.check,
)
# Rules that only ever report "info": skipped by callers that count problems (errors and
# warnings), such as the library's lint counts. The spell checker's suggestions are the
# costliest step of a lint.
INFO_ONLY = frozenset({spelling.check})
