"""Commit the items a curator picked, with a message prefilled from what changed.

Only the chosen items go into the commit: the tree is built from HEAD plus those files,
so anything else staged by other tools stays staged and out of this commit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

import pygit2
from pygit2.enums import FileMode

from curator_app.core.algebra.diff import BODY_KEY, _parse, field_changes, key_label
from curator_app.core.errors import CuratorError
from curator_app.core.git.diff import blob_at, head_commit
from curator_app.core.git.errors import GitError, IdentityMissing, NothingToCommit
from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.status import ItemStatus, status_of

Author = pygit2.Signature | tuple[str, str]


def default_author(cr: ContentRepo) -> pygit2.Signature:
    """user.name / user.email from git config (repo, global, system)."""
    try:
        sig = cr.repo.default_signature
    except (KeyError, pygit2.GitError):
        sig = None
    if sig is None or not sig.name or not sig.email:
        raise IdentityMissing(
            "no author configured: set your name and e-mail in Settings "
            "(or git config user.name / user.email)",
            cr.root,
        )
    return sig


def _signature(cr: ContentRepo, author: Author | None) -> pygit2.Signature:
    if author is None:
        return default_author(cr)
    if isinstance(author, pygit2.Signature):
        return author
    name, email = author
    if not name.strip() or not email.strip():
        raise IdentityMissing("the author needs both a name and an e-mail", cr.root)
    return pygit2.Signature(name.strip(), email.strip())


def _item_name(cr: ContentRepo, rel: str, data: bytes | None) -> str:
    """The item's title when it has one, else its file name."""
    doc = None
    if data is not None:
        try:
            doc = _parse(data, cr.abspath(rel))
        except CuratorError:
            doc = None
    title = doc.data.get("title") if doc is not None else None
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    return Path(rel).name


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _item_summary(cr: ContentRepo, rel: str) -> tuple[str, list[str]]:
    """One line for the item and the field-level details under it."""
    head = head_commit(cr)
    old = blob_at(cr, rel, head)
    new = _read(cr.abspath(rel))
    if old is None:
        return f"Add {_item_name(cr, rel, new)}", []
    if new is None:
        return f"Remove {_item_name(cr, rel, old)}", []
    try:
        changes = field_changes(_parse(old, cr.abspath(rel)), _parse(new, cr.abspath(rel)))
    except CuratorError:
        return f"Update {Path(rel).name}", []
    name = _item_name(cr, rel, new)
    if not changes:
        return f"Update {name}", []
    keys = [key_label(c.key) for c in changes]
    # Nested keys of one parent read better grouped ("htmlMetaData"): keep the top level.
    tops = list(
        dict.fromkeys(k.split(".")[0] if c.key != BODY_KEY else k for k, c in zip(keys, changes, strict=True))
    )
    shown = ", ".join(tops[:4]) + (f" and {len(tops) - 4} more" if len(tops) > 4 else "")
    return f"Update {shown} of {name}", [c.describe() for c in changes]


def suggest_message(cr: ContentRepo, paths: Iterable[str | Path]) -> str:
    """A commit message from what changed: subject line, blank line, one line per change."""
    rels = [cr.rel(p) for p in paths]
    if not rels:
        return ""
    if len(rels) == 1:
        subject, details = _item_summary(cr, rels[0])
        return subject if not details else subject + "\n\n" + "\n".join(f"- {d}" for d in details)
    lines = []
    statuses = []
    for rel in rels:
        subject, details = _item_summary(cr, rel)
        statuses.append(subject.split(" ", 1)[0])
        lines.append(f"- {subject}")
        lines.extend(f"  - {d}" for d in details)
    verb = statuses[0] if len(set(statuses)) == 1 else "Update"
    return f"{verb} {len(rels)} items\n\n" + "\n".join(lines)


def commit_items(
    cr: ContentRepo,
    paths: Iterable[str | Path],
    message: str,
    author: Author | None = None,
) -> str:
    """Commit the chosen items' current files (additions, edits and deletions); returns the id."""
    repo = cr.repo
    rels = list(dict.fromkeys(cr.rel(p) for p in paths))
    changed = [r for r in rels if status_of(cr, r) not in (ItemStatus.UNCHANGED, ItemStatus.IGNORED)]
    if not changed:
        raise NothingToCommit("the chosen items have no changes to commit", cr.root)
    if not message.strip():
        raise GitError("the commit message is empty", cr.root)
    sig = _signature(cr, author)
    head = head_commit(cr)

    tree_index = pygit2.Index()
    if head is not None:
        tree_index.read_tree(head.tree)
    real_index = repo.index
    real_index.read()
    for rel in changed:
        path = cr.abspath(rel)
        if path.is_file():
            # create_blob_fromworkdir applies the repo's filters (autocrlf, .gitattributes).
            blob_id = repo.create_blob_fromworkdir(rel)
            mode = FileMode.BLOB_EXECUTABLE if path.stat().st_mode & 0o111 else FileMode.BLOB
            tree_index.add(pygit2.IndexEntry(rel, blob_id, mode))
            real_index.add(rel)
        else:
            for index in (tree_index, real_index):
                with contextlib.suppress(OSError, pygit2.GitError, KeyError):
                    index.remove(rel)
    tree_id = tree_index.write_tree(repo)
    parents = [head.id] if head is not None else []
    text = message.strip() + "\n"
    ref = "HEAD"
    oid = repo.create_commit(ref, sig, sig, text, tree_id, parents)
    real_index.write()
    return str(oid)
