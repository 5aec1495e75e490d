"""Every fix edits through the document core: only the fixed key's lines change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import Finding, lint_document


def _fixable(path: Path) -> list[Finding]:
    return [f for f in lint_document(Document.load(path)) if f.fix is not None]


def assert_only_key_lines_changed(before: bytes, after: bytes, span: tuple[int, int]) -> None:
    """Lines before the key's first line and after its last line are byte-identical."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    first, last = span
    assert new[: first - 1] == old[: first - 1], "lines before the fixed key changed"
    tail = len(old) - last
    assert tail >= 0
    assert new[len(new) - tail :] == old[last:], "lines after the fixed key changed"
    assert old[first - 1 : last] != new[first - 1 : len(new) - tail], "the fix changed nothing"


@pytest.fixture
def seed_copy(seed_path: Path, tmp_path: Path) -> Path:
    dest = tmp_path / seed_path.name
    shutil.copyfile(seed_path, dest)
    return dest


def test_seed_has_fixes_for_the_text_problems(seed_path):
    codes = {f.code for f in _fixable(seed_path)}
    assert {"CC301", "CC303"} <= codes


def test_each_seed_fix_is_a_minimal_diff(seed_copy):
    before = seed_copy.read_bytes()
    findings = _fixable(seed_copy)
    assert findings
    for finding in findings:
        seed_copy.write_bytes(before)
        doc = Document.load(seed_copy)
        spans = [doc.line_span(key) for key, _ in finding.fix.edits]  # type: ignore[union-attr]
        assert len(spans) == 1 and spans[0] is not None
        finding.fix.apply(doc)  # type: ignore[union-attr]
        doc.save()
        assert_only_key_lines_changed(before, seed_copy.read_bytes(), spans[0])
        # the problem is gone after the fix
        again = lint_document(Document.load(seed_copy))
        assert not [f for f in again if f.code == finding.code and f.field == finding.field]


def test_cut_description_fix_uses_the_complete_copy(seed_copy):
    doc = Document.load(seed_copy)
    cut = next(f for f in lint_document(doc) if f.code == "CC303")
    cut.fix.apply(doc)  # type: ignore[union-attr]
    assert doc.get(("description",)) == doc.get(("htmlMetaData", "description"))
    assert doc.get(("description",)).endswith("sickness prevention.")
    # folded style kept: the file still uses `description: >-`
    assert b"description: >-\n" in doc.to_bytes()


def test_double_space_fix_bytes(seed_copy):
    doc = Document.load(seed_copy)
    fix = next(f for f in lint_document(doc) if f.code == "CC301" and f.field == ("title",)).fix
    fix.apply(doc)  # type: ignore[union-attr]
    out = doc.to_bytes()
    assert b"\ntitle: UK Launch Implementation Plan For Genomic Healthcare System\n" in out
    assert out.count(b"  Implementation") == seed_copy.read_bytes().count(b"  Implementation") - 1


def test_applying_every_fix_in_turn_clears_them(seed_copy):
    for _ in range(20):
        doc = Document.load(seed_copy)
        fixable = [f for f in lint_document(doc) if f.fix is not None]
        if not fixable:
            break
        fixable[0].fix.apply(doc)  # type: ignore[union-attr]
        doc.save()
    remaining = {f.code for f in lint_document(Document.load(seed_copy))}
    assert not remaining & {"CC301", "CC302", "CC303", "CC901"}
    # what no fix can cure is still reported
    assert "CC501" in remaining
