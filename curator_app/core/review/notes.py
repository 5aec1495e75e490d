"""What curators see of the review on the item they edit: reviewers' notes, and whether the
item has changed since a reviewer approved (or asked for changes to) it.

"Changed" compares bytes by git blob id with the version the reviewer decided on, so the
editor can ask again after every edit without touching git's index.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curator_app.core.errors import CuratorError
from curator_app.core.git.repo import is_repository, open_repository
from curator_app.core.git.revisions import blob_id
from curator_app.core.review.decisions import APPROVED, STATE_WORDS, Decision, load_decisions, state

MAX_NOTES = 5  # the banner is a reminder, Review mode has the whole history
_VERDICT_WORDS = {APPROVED: "approved", "changes-requested": "asked for changes"}


@dataclass(frozen=True)
class ItemNotes:
    rel: str  # the item's repository-relative path
    decisions: tuple[Decision, ...]  # newest first; never empty

    def state(self, data: bytes | None) -> str:
        """The newest decision's meaning for these bytes (the item as it is now)."""
        return state(self.decisions[0], blob_id(data))

    def headline(self, data: bytes | None) -> str:
        last = self.decisions[0]
        words = STATE_WORDS.get(self.state(data), self.state(data))
        did = _VERDICT_WORDS.get(last.verdict, last.verdict)
        if self.state(data).startswith("changed-since"):
            return f"{words}: {last.reviewer or last.email} {did} on {last.time[:10]}, before the latest edits."
        return f"{words} by {last.reviewer or last.email} on {last.time[:10]}."

    def notes(self) -> list[str]:
        """Reviewers' notes, newest first: "who (verdict, date): note"."""
        return [
            f"{d.reviewer or d.email} ({_VERDICT_WORDS.get(d.verdict, d.verdict)}, {d.time[:10]}): {d.note}"
            for d in self.decisions
            if d.note
        ][:MAX_NOTES]


def item_notes(path: Path) -> ItemNotes | None:
    """The review facts of the item at `path`; None when it is not under git or never reviewed."""
    try:
        if not is_repository(path.parent):
            return None
        cr = open_repository(path.parent)
        rel = cr.rel(path)
    except CuratorError:
        return None
    decisions = load_decisions(cr).for_item(rel)
    return ItemNotes(rel, tuple(decisions)) if decisions else None
