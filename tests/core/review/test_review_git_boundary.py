"""Only core/git talks to pygit2: the review (and everything else) goes through it."""

from __future__ import annotations

import ast
from pathlib import Path

from support import paths

PACKAGE = paths.PROJECT / "curator_app"
GIT_ROOM = PACKAGE / "core" / "git"


def _imports_pygit2(source: Path) -> bool:
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(n.split(".")[0] == "pygit2" for n in names):
            return True
    return False


def test_review_room_reads_git_only_through_core_git() -> None:
    review = sorted((PACKAGE / "core" / "review").rglob("*.py"))
    assert review, "the review room moved"
    assert [s.name for s in review if _imports_pygit2(s)] == []


def test_no_module_outside_core_git_imports_pygit2() -> None:
    offenders = [
        str(s.relative_to(paths.PROJECT))
        for s in sorted(PACKAGE.rglob("*.py"))
        if not s.is_relative_to(GIT_ROOM) and _imports_pygit2(s)
    ]
    assert offenders == []
    assert _imports_pygit2(GIT_ROOM / "revisions.py"), "the check itself must see a real import"
