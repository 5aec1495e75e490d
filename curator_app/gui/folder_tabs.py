"""The tabs a folder had open, kept per folder across restarts and folder switches.

Paths are stored relative to the folder, so a folder that is moved or synced to another
machine still finds its items. Items that are gone by the next start are skipped and
named in the status bar, never asked about.
"""

from __future__ import annotations

from pathlib import Path

from curator_app.gui.documents import DocumentTabs
from curator_app.gui.settings import Settings


def remember(settings: Settings, folder: Path, tabs: DocumentTabs) -> None:
    """Note the items open in `folder` (tabs outside it are not the folder's), and those
    still waiting to reopen."""
    root = folder.resolve()
    ahead, behind = tabs.waiting_paths()
    items = [
        path.resolve().relative_to(root).as_posix()
        for path in [*ahead, *(s.path for s in tabs.sessions()), *behind]
        if path.resolve().is_relative_to(root)
    ]
    current = tabs.current_session()
    here = current is not None and current.path.resolve().is_relative_to(root)
    settings.remember_open_items(
        root, items, current.path.resolve().relative_to(root).as_posix() if current and here else None
    )


def restore(settings: Settings, folder: Path, tabs: DocumentTabs) -> list[str]:
    """Open the item `folder` had current (else its first) now and the others it had open
    in the background, in their order (DocumentTabs.open_later); returns the ones gone."""
    root = folder.resolve()
    items, current = settings.open_items(root)
    gone: list[str] = []
    paths: list[Path] = []
    for rel in items:
        path = root / rel
        if path.is_file() and path.resolve().is_relative_to(root):
            paths.append(path.resolve())
        else:
            gone.append(rel)
    if not paths:
        return gone
    shown = (root / current).resolve() if current is not None else paths[0]
    at = paths.index(shown) if shown in paths else 0
    tabs.open_path(paths[at])
    tabs.open_later(paths[:at], paths[at + 1:])
    return gone
