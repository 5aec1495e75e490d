"""Editing never needs git: open, edit, merge a disk change and save with pygit2 blocked,
and the rooms an edit passes through never import it."""

from __future__ import annotations

import ast
import subprocess
import textwrap
from pathlib import Path

import pytest
from support import paths

from curator_app.core.document.document import Document

PROJECT = paths.PROJECT
# The rooms an edit, a disk-change merge, the preview and lint go through.
GIT_FREE_ROOMS = ("algebra", "document", "site", "schema", "lint", "preview", "library", "find")

SCRIPT = textwrap.dedent(
    """
    import importlib.abc
    import sys

    class NoGit(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "pygit2" or name.startswith("pygit2."):
                raise ImportError("pygit2 is blocked in this interpreter")
            return None

    sys.meta_path.insert(0, NoGit())

    from pathlib import Path

    from curator_app.core.algebra.diff import save_diff
    from curator_app.core.algebra.merge3 import merge_documents
    from curator_app.core.document.document import Document
    from curator_app.core.lint.engine import lint_document
    from curator_app.core.preview.meta import resolve_meta

    path = Path(sys.argv[1])
    mine = Document.load(path)
    base = mine.original_bytes
    mine.set(("title",), "Edited here")
    lint_document(mine)
    resolve_meta(mine)
    # Another program changes a different field on disk.
    other = Document.from_bytes(base, path)
    other.set(("description",), "Changed on disk")
    path.write_bytes(other.to_bytes())
    result = merge_documents(base, Document.load(path), mine)
    assert result.clean, result.conflicts
    assert save_diff(result.document)
    result.document.save()
    assert "pygit2" not in sys.modules, "pygit2 was imported"
    print("ok")
    """
)


def test_open_edit_merge_save_with_pygit2_blocked(seed_path: Path, tmp_path: Path, python_exe: str) -> None:
    item = tmp_path / "item.md"
    item.write_bytes(seed_path.read_bytes())
    res = subprocess.run(
        [python_exe, "-c", SCRIPT, str(item)],
        capture_output=True, text=True, timeout=120, cwd=PROJECT,
        env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"},
    )
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr
    saved = Document.load(item)
    assert saved.get(("title",)) == "Edited here"
    assert saved.get(("description",)) == "Changed on disk"
    # The merge changed exactly what the two edits change, byte for byte.
    expected = Document.from_bytes(seed_path.read_bytes(), item)
    expected.set(("title",), "Edited here")
    expected.set(("description",), "Changed on disk")
    assert item.read_bytes() == expected.to_bytes()


@pytest.mark.parametrize("room", GIT_FREE_ROOMS)
def test_edit_rooms_never_import_pygit2(room: str) -> None:
    for source in sorted((PROJECT / "curator_app" / "core" / room).rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "pygit2" for n in names), (
                f"{source.relative_to(PROJECT)} imports pygit2: only core/git may")
