"""Before/after of one queued item: field changes, body word diff, lint findings delta."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.algebra.diff import BODY_KEY, FieldChange, field_changes
from curator_app.core.errors import CuratorError
from curator_app.core.lint.engine import Finding, lint_document
from curator_app.core.review.worddiff import Segment, word_diff

if TYPE_CHECKING:
    from curator_app.core.document.document import Document
    from curator_app.core.review.queue import QueueEntry


@dataclass
class Side:
    doc: Document | None  # None when the item is absent on this side or cannot be parsed
    error: str | None  # the parse error, "path:line:column: message"
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ItemReview:
    entry: QueueEntry
    before: Side
    after: Side
    fields: list[FieldChange]  # front-matter changes (the body is in `body`)
    body: list[Segment] | None  # None when the body did not change
    lint_added: list[Finding]
    lint_removed: list[Finding]

    @property
    def new_errors(self) -> int:
        """Errors the change brought in (an item that no longer parses counts as one)."""
        parse = 1 if self.after.error and not self.before.error else 0
        return parse + sum(1 for f in self.lint_added if f.severity == "error")


def _side(data: bytes | None, path: Path, now: datetime) -> Side:
    from curator_app.core.document.document import Document

    if data is None:
        return Side(None, None)
    try:
        doc = Document.from_bytes(data, path)
    except CuratorError as exc:
        return Side(None, str(exc.located(path)))
    try:
        findings = lint_document(doc, now=now)
    except Exception as exc:  # a lint bug must not hide the rest of the review
        return Side(doc, None, [Finding("CC000", "info", (), None, None, f"lint failed: {exc}")])
    return Side(doc, None, findings)


def _identity(f: Finding) -> tuple[str, tuple[Any, ...], str]:
    # Messages quote values (a length, a date), so the same problem on both sides can read
    # differently: a finding is "the same" when its rule, field and severity are.
    return f.code, tuple(f.field), f.severity


def lint_delta(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Findings only after (added) and only before (removed)."""
    old = {_identity(f) for f in before}
    new = {_identity(f) for f in after}
    return [f for f in after if _identity(f) not in old], [f for f in before if _identity(f) not in new]


def review_item(entry: QueueEntry, now: datetime | None = None) -> ItemReview:
    """Compare the entry's two versions. Parse errors are reported, never raised."""
    now = now or datetime.now(UTC)
    before = _side(entry.old, entry.path, now)
    after = _side(entry.new, entry.path, now)
    changes: list[FieldChange] = []
    if (before.doc is not None or entry.old is None) and (after.doc is not None or entry.new is None):
        changes = field_changes(before.doc, after.doc)
    body = None
    fields = [c for c in changes if c.key != BODY_KEY]
    if any(c.key == BODY_KEY for c in changes):
        old_body = before.doc.body if before.doc is not None else ""
        new_body = after.doc.body if after.doc is not None else ""
        body = word_diff(old_body, new_body)
    added, removed = lint_delta(before.findings, after.findings)
    if entry.old is None and entry.new is not None:
        removed = []
    return ItemReview(entry, before, after, fields, body, added, removed)
