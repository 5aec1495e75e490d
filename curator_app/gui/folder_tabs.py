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
    """Note the items open in `folder` (tabs outside it are not the folder's)."""
    root = folder.resolve()
    items = [
        s.path.resolve().relative_to(root).as_posix()
        for s in tabs.sessions()
        if s.path.resolve().is_relative_to(root)
    ]
    current = tabs.current_session()
    here = current is not None and current.path.resolve().is_relative_to(root)
    settings.remember_open_items(
        root, items, current.path.resolve().relative_to(root).as_posix() if current and here else None
    )


def restore(settings: Settings, folder: Path, tabs: DocumentTabs) -> list[str]:
    """Open the items `folder` had open and make its current one current; the ones gone."""
    root = folder.resolve()
    items, current = settings.open_items(root)
    gone: list[str] = []
    for rel in items:
        path = root / rel
        if path.is_file() and path.resolve().is_relative_to(root):
            tabs.open_path(path)
        else:
            gone.append(rel)
    if current is not None:
        index = tabs.index_of((root / current).resolve())
        if index >= 0:
            tabs.setCurrentIndex(index)
    return gone
