"""Required fields (CC101 missing, CC102 empty) and keys the schema does not know (CC103)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.lint.findings import Finding, LintContext, per_schema

# Used only while no schema is available (schema.py not importable or schema_for failed).
FALLBACK_REQUIRED: tuple[tuple[str, ...], ...] = (("title",), ("date",))


def _empty(value: Any) -> bool:
    """None, a blank string, an empty list or map, or a list of nothing but blank strings."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return not any(v.strip() for v in value)
    return value is None or (
        isinstance(value, str | list | dict) and not (value.strip() if isinstance(value, str) else value)
    )


def _required(schema: Any) -> list[tuple[KeyPath, str]]:
    if schema is not None:
        return [(tuple(f.key), f.label or format_key(f.key)) for f in schema.fields() if f.required]
    return [(k, format_key(k)) for k in FALLBACK_REQUIRED]


def check(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    schema = ctx.schema
    if ctx.self_inferred:
        return
    for key, label in per_schema(schema, _required):
        if not doc.has(key):
            yield ctx.finding("CC101", "error", key, f"required field {format_key(key)} ({label}) is missing")
        elif _empty(doc.get(key)):
            yield ctx.finding("CC102", "error", key, f"required field {format_key(key)} ({label}) is empty")
    if schema is not None and hasattr(schema, "unknown_keys") and not ctx.problems_only:
        for key in schema.unknown_keys(doc):
            yield ctx.finding(
                "CC103", "info", tuple(key), f"{format_key(key)} is not in the {schema.name} schema (kept as is)"
            )
