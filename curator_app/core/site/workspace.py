"""The first-run workspace: a git-tracked copy of the bundled sample content.

A packaged app cannot edit its own install folder, so on first run (no folder given and
none remembered) Curator copies the sample into the user's documents folder and makes it
a git repository, so every git feature works from the first minute.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import platformdirs

from curator_app.core.errors import CuratorError
from curator_app.core.git.errors import GitUnavailable
from curator_app.core.git.repo import init_with_snapshot
from curator_app.core.site import tree


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """Hidden files (a .git of the source) and, at a site root, what `hugo` builds."""
    skip = {n for n in names if n.startswith(".")}
    if tree.is_site_root(folder):
        skip |= tree.BUILD_OUTPUT.intersection(names)
    return skip


def default_workspace_dir() -> Path:
    return Path(platformdirs.user_documents_dir()) / "Curator"


def create_workspace(source: Path, target: Path | None = None) -> Path:
    """Copy ``source`` to ``target`` (default: Documents/Curator) and commit it; reuse it if present."""
    target = target or default_workspace_dir()
    if target.exists() and any(target.iterdir()):
        return target
    try:
        shutil.copytree(source, target, symlinks=True, ignore=_not_copied, dirs_exist_ok=True)
    except OSError as exc:
        raise CuratorError(f"could not create the workspace: {exc.strerror or exc}", target) from None
    # A broken install still gets the files, without git features.
    with contextlib.suppress(GitUnavailable):
        init_with_snapshot(target, "Sample content from Curator")
    return target
