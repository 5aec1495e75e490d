"""Applying many automatic fixes at once ("Fix all", or all of one code).

Fixes interact (fixing a title's double space changes what its copies are compared with),
so the document is linted again after each fix rather than applying a stale list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from curator_app.core.lint.engine import Finding, lint_document

if TYPE_CHECKING:
    from curator_app.core.document.document import Document

MAX_FIXES = 200  # a bound on the loop; far more than any item has


def fix_all(
    doc: Document,
    code: str | None = None,
    lint: Callable[[Document], list[Finding]] = lint_document,
) -> list[str]:
    """Apply every automatic fix (or those of `code`); returns their descriptions in order.

    A fix that would be offered again after being applied is not repeated, so two rules
    that disagree cannot loop.
    """
    applied: list[str] = []
    seen: set[tuple[str, tuple[Any, ...], str]] = set()
    for _ in range(MAX_FIXES):
        candidates = [
            f for f in lint(doc)
            if f.fix is not None and (code is None or f.code == code)
            and (f.code, tuple(f.field), f.fix.description) not in seen
        ]
        if not candidates:
            break
        finding = candidates[0]
        assert finding.fix is not None
        seen.add((finding.code, tuple(finding.field), finding.fix.description))
        finding.fix.apply(doc)
        applied.append(finding.fix.description)
    return applied


def fixable_codes(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each code have an automatic fix (for a "Fix all CCxxx" menu)."""
    counts: dict[str, int] = {}
    for f in findings:
        if f.fix is not None:
            counts[f.code] = counts.get(f.code, 0) + 1
    return counts
