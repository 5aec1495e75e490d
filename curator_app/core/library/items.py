"""Managing item files: duplicate, rename, move to another section, delete.

Each operation keeps the item's companions with it (a page bundle's folder; files named
`<stem>-*` beside a single-file item, such as its featured image), stages the change in
git when the folder is a repository (like `git mv` / `git rm`), and returns what is needed
to undo it. Nothing is overwritten: a target that exists is an error.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from curator_app.core.document.atomic_write import write_bytes_atomic
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.schema.linked import slugify, update_linked

BUNDLE_NAMES = ("index.md", "_index.md")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Moved:
    """Files moved by a rename or move, old -> new (the item first)."""

    pairs: tuple[tuple[Path, Path], ...]

    @property
    def item(self) -> Path:
        return self.pairs[0][1]


@dataclass(frozen=True)
class Deleted:
    path: Path
    trashed: bool  # False: removed for good (no trash on this system)


def _companions(path: Path) -> list[Path]:
    """The item and what travels with it (a bundle is its folder)."""
    if path.name in BUNDLE_NAMES:
        return [path.parent]
    siblings = sorted(p for p in path.parent.glob(f"{glob_escape(path.stem)}-*") if p != path and p.is_file())
    return [path, *siblings]


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _repo(path: Path) -> Any:
    """The git repository holding `path`, or None (git is optional for every operation)."""
    try:
        from curator_app.core.git.repo import is_repository, open_repository
    except ImportError:
        return None
    folder = path if path.is_dir() else path.parent
    try:
        return open_repository(folder) if is_repository(folder) else None
    except CuratorError:
        return None


def _files_under(p: Path) -> list[Path]:
    return [f for f in sorted(p.rglob("*")) if f.is_file()] if p.is_dir() else [p]


def _stage(moves: Sequence[tuple[Path, Path]] = (), removed: Sequence[Path] = ()) -> None:
    """Record renames and removals in the index, as `git mv` and `git rm` would."""
    any_path = moves[0][1] if moves else removed[0] if removed else None
    cr = _repo(any_path) if any_path is not None else None
    if cr is None:
        return
    index = cr.repo.index
    index.read()
    tracked = {e.path for e in index}
    for old, new in moves:
        for new_file in _files_under(new):
            old_file = old / new_file.relative_to(new) if new.is_dir() else old
            rel_old = cr.rel(old_file)
            if rel_old in tracked:
                index.remove(rel_old)
                index.add(cr.rel(new_file))
    for gone in removed:
        rel = cr.rel(gone)
        for entry in [e.path for e in index if e.path == rel or e.path.startswith(rel + "/")]:
            index.remove(entry)
    index.write()


def _move_all(pairs: list[tuple[Path, Path]]) -> Moved:
    for _old, new in pairs:
        if new.exists():
            raise CuratorError("a file of that name already exists; nothing was moved", new)
    done: list[tuple[Path, Path]] = []
    try:
        for old, new in pairs:
            new.parent.mkdir(parents=True, exist_ok=True)
            os.rename(old, new)
            done.append((old, new))
    except OSError as exc:
        for old, new in reversed(done):
            os.rename(new, old)
        raise CuratorError(f"cannot move: {exc.strerror or exc}", exc.filename) from exc
    _stage(moves=done)
    return Moved(tuple(done))


def rename_item(path: Path, new_stem: str) -> Moved:
    """Rename the item (a bundle: its folder); companions `<stem>-*` follow the new stem."""
    new_stem = new_stem.strip()
    if not new_stem or "/" in new_stem or new_stem.startswith("."):
        raise CuratorError(f"'{new_stem}' is not a usable file name", path)
    if path.name in BUNDLE_NAMES:
        return _move_all([(path.parent, path.parent.with_name(new_stem))])
    pairs = [(path, path.with_name(new_stem + path.suffix))]
    for extra in _companions(path)[1:]:
        pairs.append((extra, extra.with_name(new_stem + extra.name[len(path.stem) :])))
    return _move_all(pairs)


def move_item(path: Path, section: Path) -> Moved:
    """Move the item and its companions into another section folder, names unchanged."""
    if section.resolve() == (path.parent.parent if path.name in BUNDLE_NAMES else path.parent).resolve():
        raise CuratorError("the item is already in that section", path)
    return _move_all([(p, section / p.name) for p in _companions(path)])


def undo_move(moved: Moved) -> Moved:
    return _move_all([(new, old) for old, new in moved.pairs])


def slug_file_stem(doc: Document) -> str:
    """A file name from the title: the title's slug (what Rename offers)."""
    title = doc.get(("title",))
    stem = slugify(title) if isinstance(title, str) else ""
    if not stem:
        raise CuratorError("the item has no title to name the file after", doc.path)
    return stem


def _today_like(old: Any, now: datetime) -> Any:
    """Now, written the way the old value was (a date, a datetime, or a string of either)."""
    if isinstance(old, datetime):
        return now if old.tzinfo else now.replace(tzinfo=None)
    if isinstance(old, date):
        return now.date()
    if isinstance(old, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", old.strip()):
        return now.date().isoformat()
    if isinstance(old, str):
        return now.isoformat().replace("+00:00", "Z")
    return now.date().isoformat()


def duplicate_item(path: Path, now: datetime | None = None) -> Path:
    """Write a copy beside the item: new file name and id, title "… (copy)" (its linked copies
    and slug follow), dated now, without the original's aliases (they redirect to it)."""
    now = now or datetime.now(UTC)
    doc = Document.load(path)
    if doc.read_only_reason:
        raise CuratorError(doc.read_only_reason, path)
    title = doc.get(("title",))
    if isinstance(title, str):
        update_linked(doc, ("title",), f"{title} (copy)")
    for key in ("date", "lastMod", "lastmod", "publishDate"):
        if doc.has((key,)):
            doc.set((key,), _today_like(doc.get((key,)), now))
    if doc.has(("aliases",)):
        doc.delete(("aliases",))
    if isinstance(doc.get(("id",)), int):
        doc.set(("id",), _next_id(path.parent, doc.get(("id",))))
    if _UUID.match(path.stem):
        target = path.with_name(f"{uuid.uuid4()}{path.suffix}")
    else:
        base = slug_file_stem(doc) if isinstance(doc.get(("title",)), str) else f"{path.stem}-copy"
        target = path.with_name(base + path.suffix)
        n = 2
        while target.exists():
            target = path.with_name(f"{base}-{n}{path.suffix}")
            n += 1
    if target.exists():
        raise CuratorError("a file of that name already exists", target)
    write_bytes_atomic(target, doc.to_bytes())
    return target


def _next_id(folder: Path, current: int) -> int:
    """One more than the largest numeric `id:` among the folder's items (a quick line scan)."""
    highest = current
    for f in folder.glob("*.md"):
        try:
            with f.open("rb") as fh:
                head = fh.read(16384)
        except OSError:
            continue
        m = re.search(rb"(?m)^id:\s*(\d+)\s*$", head)
        if m:
            highest = max(highest, int(m.group(1)))
    return highest + 1


def delete_item(path: Path, use_trash: bool = True) -> Deleted:
    """Move the item and its companions to the system trash (or remove them when there is
    none and `use_trash` is False); staged as removed in git."""
    targets = _companions(path)
    trashed = False
    if use_trash:
        try:
            from send2trash import send2trash
        except ImportError as exc:
            raise CuratorError("no trash available on this system", path) from exc
        try:
            for t in targets:
                send2trash(t)
        except OSError as exc:
            raise CuratorError(f"cannot move to the trash: {exc}", path) from exc
        trashed = True
    else:
        import shutil

        for t in targets:
            if t.is_dir():
                shutil.rmtree(t)
            else:
                t.unlink()
    _stage(removed=targets)
    return Deleted(path, trashed)
