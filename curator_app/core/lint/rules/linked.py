"""Linked copies of one fact that disagree (CC901), via curator_app.core.schema.linked.

Linked fields are a curated-content convention, so the rule runs only for such items
(ctx.curated). The category chain and slug groups are reported by taxonomy.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, Fix, LintContext
from curator_app.core.schema.linked import LinkedGroup, linked_groups, reference_value

DERIVED_GROUPS = frozenset({"category", "slug"})


def groups(doc: Any) -> list[LinkedGroup]:
    return linked_groups(doc)


def _norm(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def _loose(value: Any) -> Any:
    return _norm(value).casefold() if isinstance(value, str) else value


def check(ctx: LintContext) -> Iterator[Finding]:
    if not ctx.curated:
        return
    for group in ctx.linked:
        if group.agree or group.name in DERIVED_GROUPS or len(group.copies) < 2:
            continue
        cut = {k for k in group.copies if ("CC303", tuple(k)) in ctx.reported}
        # One copy against the primary is no majority: the primary (what the form edits) wins.
        target = group.values[group.primary] if len(group.copies) == 2 else reference_value(group)
        target_key = next((k for k in group.copies if group.values[k] == target), group.primary)
        if target_key in cut:
            # The reference itself is cut mid-word: converge on the copies that are whole.
            whole = [k for k in group.copies if k not in cut]
            if not whole:
                continue
            target_key = whole[0]
            target = group.values[target_key]
        if not isinstance(target, str | int | float) or isinstance(target, bool):
            continue
        clean = _norm(target)
        for key in group.copies:
            value = group.values[key]
            if key == target_key or key in cut or _norm(value) == clean:
                continue
            loose = _loose(value) == _loose(clean)
            severity = "info" if loose else "warning"
            how = "differs only in letter case or spacing from" if loose else "disagrees with"
            fix = Fix(f"Set {format_key(key)} to the value of {format_key(target_key)}", ((tuple(key), clean),))
            yield ctx.finding("CC901", severity, tuple(key), _message(group, key, target_key, how, value), fix)


def _message(group: LinkedGroup, key: Any, target_key: Any, how: str, value: Any) -> str:
    """'title disagrees with its linked copy og:…' / 'og:… (linked copy of title) disagrees with title'."""
    def name(k: Any) -> str:
        return format_key(k) if k == group.primary else f"linked copy {format_key(k)}"

    subject = format_key(key) if key == group.primary else f"{format_key(key)} (linked copy of {format_key(group.primary)})"
    other = f"its {name(target_key)}" if key == group.primary else format_key(target_key)
    if key != group.primary and target_key != group.primary:
        other = name(target_key)
    return f"{subject} {how} {other}: {_short(value)!r}"


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
