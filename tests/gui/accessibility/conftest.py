"""The whole window on a git repository holding the seed item, for the accessibility tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.git_repos import ITEM, OTHER, make_content_repo
from support.workbench import close_workbench, open_workbench

from curator_app.gui.wiring import Workbench


@pytest.fixture
def seed_bench(qtbot, tmp_path: Path, seed_path: Path) -> Iterator[Workbench]:
    """The window with the seed item open, in a repository with one uncommitted change
    (so Commit has something to show)."""
    # A key no schema knows, so the form has an "Other fields" row (and Remove Field a choice).
    seed = seed_path.read_bytes().replace(b"---\n", b"---\nreviewerNote: check the figures\n", 1)
    repo = make_content_repo(tmp_path, seed)
    (repo.folder / OTHER).write_bytes((repo.folder / OTHER).read_bytes() + b"<p>More.</p>\n")
    bench = open_workbench(qtbot, repo.root)
    try:
        qtbot.waitUntil(lambda: bench.git.repo is not None, timeout=10000)
        bench.open_item(repo.folder / ITEM)
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
        editor = bench.tabs.current_editor()
        assert editor is not None
        editor.form.ensure_built()  # every section's fields, not only the unfolded ones
        yield bench
    finally:
        close_workbench(bench)
