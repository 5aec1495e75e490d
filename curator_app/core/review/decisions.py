"""Reviewers' decisions, stored as small JSON files committed in the repository.

Each batch of decisions (one item, or a whole change set) is its own file under
`.curator/reviews/`, named by time, reviewer and a random suffix, and committed on its own.
Two reviewers deciding on two clones therefore add two different files, which any pull
(ours, or plain `git pull`) merges without conflict, and a fresh clone has them all.
Git notes would need extra refspecs on every fetch and push, which other git tools do not
send by default, so decisions made there would silently stay behind.

A decision names the item by repository path and by the git blob id of the bytes that were
reviewed, so "changed since approved" is simply "the file's blob id is no longer that one".
Recording a decision never touches an item's bytes; setting the workflow key is a
separate, explicit choice (`set_workflow_value`).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from curator_app.core.errors import CuratorError
from curator_app.core.git.commit import Author, _signature, commit_items
from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.revisions import blob_id
from curator_app.core.git.status import current_branch

REVIEW_DIR = ".curator/reviews"
FORMAT = "curator-review/1"
APPROVED = "approved"
CHANGES_REQUESTED = "changes-requested"
VERDICTS = (APPROVED, CHANGES_REQUESTED)
STATE_WORDS = {
    "unreviewed": "Not reviewed",
    "approved": "Approved",
    "changes-requested": "Changes requested",
    "changed-since-approved": "Changed since approved",
    "changed-since-review": "Changed since changes were requested",
}


@dataclass(frozen=True)
class Decision:
    path: str  # repository-relative
    blob: str | None  # git blob id of the reviewed bytes; None when the item was deleted
    verdict: str  # APPROVED | CHANGES_REQUESTED
    note: str
    reviewer: str
    email: str
    time: str  # ISO 8601, UTC
    branch: str | None
    commit: str | None  # HEAD when the decision was made
    source: str  # the review file, repository-relative

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "verdict": self.verdict,
            "note": self.note,
            "reviewer": self.reviewer,
            "email": self.email,
            "time": self.time,
            "branch": self.branch,
            "commit": self.commit,
            "blob": self.blob,
        }


@dataclass
class DecisionLog:
    decisions: list[Decision]  # oldest first
    problems: list[str]  # one line per review file that could not be read

    def latest(self) -> dict[str, Decision]:
        """The newest decision per item path."""
        return {d.path: d for d in self.decisions}

    def for_item(self, rel: str) -> list[Decision]:
        """Every decision on one item, newest first (what curators see on the item)."""
        return [d for d in reversed(self.decisions) if d.path == rel]

    def last_review(self, email: str, branch: str | None) -> Decision | None:
        """The reviewer's newest decision made on this branch."""
        mine = [d for d in self.decisions if d.email == email and d.branch == branch and d.commit]
        return mine[-1] if mine else None


def state(decision: Decision | None, current_blob: str | None) -> str:
    """What a reviewer's last word on an item means now."""
    if decision is None:
        return "unreviewed"
    if decision.blob != current_blob:
        return "changed-since-approved" if decision.verdict == APPROVED else "changed-since-review"
    return decision.verdict


def _read_file(path: Path, source: str) -> list[Decision]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CuratorError(exc.msg, path, exc.lineno, exc.colno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CuratorError(f"cannot read review file: {exc}", path) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("decisions"), list):
        raise CuratorError(f"not a review file of format {FORMAT}", path, 1, 1)
    who = raw.get("reviewer") or {}
    out = []
    for entry in raw["decisions"]:
        if not isinstance(entry, dict) or entry.get("verdict") not in VERDICTS or not entry.get("path"):
            raise CuratorError("a decision needs a path and a verdict", path, 1, 1)
        out.append(
            Decision(
                path=str(entry["path"]),
                blob=entry.get("blob"),
                verdict=str(entry["verdict"]),
                note=str(entry.get("note") or ""),
                reviewer=str(who.get("name") or ""),
                email=str(who.get("email") or ""),
                time=str(raw.get("time") or ""),
                branch=raw.get("branch"),
                commit=raw.get("commit"),
                source=source,
            )
        )
    return out


def load_decisions(cr: ContentRepo) -> DecisionLog:
    """Every decision in the working tree's review folder, oldest first."""
    folder = cr.root / REVIEW_DIR
    decisions: list[Decision] = []
    problems: list[str] = []
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in files:
        try:
            decisions.extend(_read_file(path, f"{REVIEW_DIR}/{path.name}"))
        except CuratorError as exc:
            problems.append(str(exc))
    # File names start with the time, but clocks differ: order by the recorded time.
    decisions.sort(key=lambda d: (d.time, d.source))
    return DecisionLog(decisions, problems)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:30] or "reviewer"


def record_decisions(
    cr: ContentRepo,
    verdicts: Sequence[tuple[str, str, str]],
    author: Author | None = None,
    now: datetime | None = None,
) -> tuple[list[Decision], str]:
    """Record (repo-relative path, verdict, note) triples as one review file and commit it.

    Returns the decisions and the commit id. Only the review file goes into the commit, so
    the reviewer's own uncommitted edits stay where they are.
    """
    if not verdicts:
        raise CuratorError("no decisions to record", cr.root)
    for rel, verdict, note in verdicts:
        if verdict not in VERDICTS:
            raise CuratorError(f"unknown verdict {verdict!r}", rel)
        if verdict == CHANGES_REQUESTED and not note.strip():
            raise CuratorError("requesting changes needs a note saying what to change", rel)
    sig = _signature(cr, author)
    when = (now or datetime.now(UTC)).astimezone(UTC)
    stamp = when.strftime("%Y%m%dT%H%M%S.%fZ")
    head = None if cr.repo.head_is_unborn else str(cr.repo.head.target)
    branch = current_branch(cr)
    entries = []
    for rel, verdict, note in verdicts:
        data = _read_bytes(cr.abspath(rel))
        entries.append({"path": rel, "blob": blob_id(data), "verdict": verdict, "note": note.strip()})
    doc = {
        "format": FORMAT,
        "reviewer": {"name": sig.name, "email": sig.email},
        "time": when.isoformat(timespec="microseconds"),
        "branch": branch,
        "commit": head,
        "decisions": entries,
    }
    name = f"{stamp}-{_slug(sig.email.split('@')[0])}-{secrets.token_hex(3)}.json"
    target = cr.root / REVIEW_DIR / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    approved = sum(1 for _, v, _ in verdicts if v == APPROVED)
    asked = len(verdicts) - approved
    parts = [f"approve {approved}"] if approved else []
    if asked:
        parts.append(f"request changes on {asked}")
    subject = "Review: " + " and ".join(parts) + (" item" if len(verdicts) == 1 else " items")
    body = "\n".join(f"- {v}: {rel}" + (f" ({n.strip()})" if n.strip() else "") for rel, v, n in verdicts)
    commit = commit_items(cr, [target], subject + "\n\n" + body, author=sig)
    source = f"{REVIEW_DIR}/{name}"
    made = _read_file(target, source)
    return made, commit


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def set_workflow_value(paths: Iterable[Path], key: tuple[str | int, ...], value: str) -> list[Path]:
    """Set the workflow key on items (a minimal-diff save); returns the files that changed."""
    from curator_app.core.document.document import Document

    changed = []
    for path in paths:
        doc = Document.load(path)
        if doc.get(key) == value:
            continue
        doc.set(key, value)
        doc.save()
        changed.append(path)
    return changed
