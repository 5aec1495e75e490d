"""The review queue: items changed between two points of history, plus items whose
workflow status asks for a review.

The "before" point is, by default, the commit the reviewer last reviewed on this branch;
or any revision (`--since origin/main`, a tag, a commit; `HEAD` gives uncommitted edits
only). "After" is always the working tree, so saved-but-uncommitted edits are included.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.revisions import (
    RevisionFiles,
    blob_id,
    configured_email,
    has_commit,
    head_commit,
    paths_between,
    resolve_commit,
)
from curator_app.core.git.status import current_branch, folder_status, upstream_reference
from curator_app.core.review.decisions import Decision, DecisionLog, load_decisions, state
from curator_app.core.review.workflow import Workflow, workflow_of
from curator_app.core.site.tree import MARKDOWN_SUFFIXES as ITEM_SUFFIXES


@dataclass(frozen=True)
class Base:
    """The "before" side of the review."""

    commit: str | None  # None: nothing before (every item counts as added)
    label: str  # for people: "since your last review (1a2b3c4)"
    how: str  # "last-review" | "ref" | "upstream" | "head"


class _Unread:
    """Bytes not read yet (see QueueEntry.new)."""


UNREAD = _Unread()


@dataclass
class QueueEntry:
    rel: str  # repository-relative path
    path: Path  # absolute path in the working tree
    title: str
    change: str | None  # "added" | "modified" | "deleted"; None: queued for its status only
    status: str  # the workflow key's value now ("" when unset)
    asks_review: bool  # the status is one the schema lists as asking for review
    _old: bytes | _Unread | None  # at the base commit
    _new: bytes | _Unread | None  # in the working tree
    decision: Decision | None = None  # the newest decision on this item
    notes: list[Decision] = field(default_factory=list)  # every decision, newest first

    # An item queued for its status alone is the same on both sides, and read only when
    # someone looks at it: a large library has thousands waiting for review.
    @property
    def new(self) -> bytes | None:
        if isinstance(self._new, _Unread):
            self._new = _read(self.path)
        return self._new

    @property
    def old(self) -> bytes | None:
        return self.new if isinstance(self._old, _Unread) else self._old

    @property
    def state(self) -> str:
        # Without a decision the bytes do not matter: no need to read them.
        return state(self.decision, blob_id(self.new) if self.decision is not None else None)

    @property
    def reasons(self) -> list[str]:
        out = [self.change] if self.change else []
        if self.asks_review:
            out.append(f"status: {self.status}")
        return out


@dataclass
class Queue:
    base: Base
    entries: list[QueueEntry]
    workflow: Workflow | None
    problems: list[str]  # review files that could not be read
    log: DecisionLog


_commit = resolve_commit


def resolve_base(cr: ContentRepo, since: str | None, log: DecisionLog, email: str | None) -> Base:
    """Where the review starts: `since`, else the reviewer's last review, else upstream."""
    if since:
        commit = _commit(cr, since)
        how = "head" if since == "HEAD" else "ref"
        named = since if not str(commit.id).startswith(since) else commit.short_id
        label = "uncommitted edits" if how == "head" else f"since {named}" + (
            f" ({commit.short_id})" if named != commit.short_id else "")
        return Base(str(commit.id), label, how)
    head = head_commit(cr)
    if head is None:
        return Base(None, "everything (no commits yet)", "head")
    last = log.last_review(email, current_branch(cr)) if email else None
    if last is not None and last.commit and has_commit(cr, last.commit):
        commit = _commit(cr, last.commit)
        return Base(str(commit.id), f"since your last review ({commit.short_id}, {last.time[:10]})", "last-review")
    up = upstream_reference(cr)
    if up is not None:
        target = up.resolve().target
        base = cr.repo.merge_base(head.id, target)
        if base is not None and base != head.id:
            commit = _commit(cr, str(base))
            return Base(str(base), f"since {up.shorthand} ({commit.short_id})", "upstream")
    return Base(str(head.id), "uncommitted edits (no earlier review on this branch)", "head")


def _in_folder(cr: ContentRepo) -> Callable[[str], bool]:
    prefix = cr.rel(cr.folder)
    prefix = "" if prefix == "." else prefix + "/"
    return lambda rel: rel.startswith(prefix) and rel.endswith(ITEM_SUFFIXES)


def changed_paths(cr: ContentRepo, base: Base) -> list[str]:
    """Items whose working-tree bytes differ from the base commit's, repository-relative."""
    wanted = _in_folder(cr)
    head = head_commit(cr)
    old = _commit(cr, base.commit) if base.commit is not None else None
    candidates = paths_between(cr, old, head)
    candidates.update(folder_status(cr, ITEM_SUFFIXES))
    return sorted(rel for rel in candidates if wanted(rel))


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _title_and_status(data: bytes | None, path: Path, workflow: Workflow | None) -> tuple[str, str]:
    from curator_app.core.algebra.diff import _parse
    from curator_app.core.errors import CuratorError

    try:
        doc = _parse(data, path)
    except CuratorError:
        return path.name, ""
    if doc is None:
        return path.name, ""
    title = doc.get(("title",))
    value = doc.get(workflow.key) if workflow else None
    name = " ".join(title.split()) if isinstance(title, str) and title.strip() else path.name
    return name, str(value) if value is not None else ""


_IN_LIMIT = 900  # more changed items than this: read the whole index instead of naming them


def index_facts(
    cr: ContentRepo, workflow: Workflow | None, changed: list[str]
) -> tuple[list[tuple[str, str, str]], dict[str, tuple[str, str]]]:
    """From the library index, without parsing any item: (path, title, status) of the items
    whose workflow value asks for review, and {path: (title, status)} of the `changed`
    ones it knows (paths repository-relative)."""
    if workflow is None or not workflow.review or workflow.column is None:
        return [], {}
    from curator_app.core.library.index import LibraryIndex

    folder_rel = cr.rel(cr.folder)
    prefix = "" if folder_rel == "." else folder_rel + "/"
    mine = [rel[len(prefix):] for rel in changed if rel.startswith(prefix)]
    asks = f"{workflow.column} IN ({','.join('?' * len(workflow.review))})"
    with LibraryIndex(cr.folder) as index:
        index.refresh()
        if len(mine) > _IN_LIMIT:
            rows = index.items()
        else:
            rows = index.items(f"{asks} OR path IN ({','.join('?' * len(mine))})", (*workflow.review, *mine))
    wanted = set(mine)
    asking = [(prefix + r.path, " ".join(r.title.split()), r.status) for r in rows if r.status in workflow.review]
    known = {prefix + r.path: (" ".join(r.title.split()), r.status) for r in rows if r.path in wanted}
    return asking, known


def build_queue(
    cr: ContentRepo,
    since: str | None = None,
    email: str | None = None,
    include_status: bool = True,
) -> Queue:
    """The queue of items to review. `email` picks whose "last review" is the default base."""
    log = load_decisions(cr)
    if email is None:
        email = _default_email(cr)
    base = resolve_base(cr, since, log, email)
    workflow = workflow_of()
    before = RevisionFiles(cr, _commit(cr, base.commit) if base.commit else None)
    latest = log.latest()
    notes: dict[str, list[Decision]] = {}
    for d in reversed(log.decisions):
        notes.setdefault(d.path, []).append(d)
    entries: dict[str, QueueEntry] = {}
    root = cr.root

    def entry(
        rel: str, change: str | None, old: bytes | _Unread | None, new: bytes | _Unread | None, title: str, status: str
    ) -> QueueEntry:
        path = root / rel
        asks = bool(workflow and status in workflow.review)
        return QueueEntry(rel, path, title or path.name, change, status, asks, old, new, latest.get(rel),
                          notes.get(rel, []))

    changed = changed_paths(cr, base)
    asking, known = index_facts(cr, workflow, changed) if include_status else ([], {})
    for rel in changed:
        old = before.read(rel)
        new = _read(root / rel)
        if old == new:
            continue  # changed and changed back
        change = "added" if old is None else "deleted" if new is None else "modified"
        facts = known.get(rel) if new is not None else None
        title, status = facts or _title_and_status(new if new is not None else old, root / rel, workflow)
        entries[rel] = entry(rel, change, old, new, title, status)
    if include_status:
        for rel, title, status in asking:
            if rel not in entries:
                entries[rel] = entry(rel, None, UNREAD, UNREAD, title, status)
    return Queue(base, sort_entries(list(entries.values())), workflow, log.problems, log)


def _default_email(cr: ContentRepo) -> str | None:
    return configured_email(cr) or os.environ.get("GIT_AUTHOR_EMAIL")


SORT_KEYS: dict[str, Callable[[QueueEntry], tuple[Any, ...]]] = {
    "path": lambda e: (e.rel,),
    "title": lambda e: (e.title.casefold(), e.rel),
    "change": lambda e: (e.change or "~", e.rel),
    "state": lambda e: (e.state, e.rel),
}


def sort_entries(entries: list[QueueEntry], by: str = "path", descending: bool = False) -> list[QueueEntry]:
    if by not in SORT_KEYS:
        raise ValueError(f"unknown sort key {by!r} (one of {', '.join(SORT_KEYS)})")
    return sorted(entries, key=SORT_KEYS[by], reverse=descending)


def filter_entries(
    entries: Iterable[QueueEntry], text: str = "", states: Iterable[str] | None = None
) -> list[QueueEntry]:
    """Entries whose title or path holds every word of `text`, in one of `states` if given."""
    words = text.casefold().split()
    wanted = set(states) if states is not None else None
    out = []
    for e in entries:
        hay = f"{e.title} {e.rel} {e.status}".casefold()
        if all(w in hay for w in words) and (wanted is None or e.state in wanted):
            out.append(e)
    return out
