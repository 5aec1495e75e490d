"""The seed item: the three known problems, each on the line of its key, via the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from curator_app.cli import main
from curator_app.core.document.document import Document
from curator_app.core.lint.engine import lint_document


def key_line(text: str, pattern: str) -> int:
    """1-based line of the first line matching `pattern` (found in the file, not hard-coded)."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(pattern, line):
            return number
    raise AssertionError(f"no line matches {pattern!r}")


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def test_validate_text_reports_the_three_seed_problems_on_their_lines(seed_path, seed_text, capsys):
    code = main(["validate", str(seed_path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    desc = key_line(seed_text, r"description:")
    title = key_line(seed_text, r"title:")
    href = key_line(seed_text, r"\s+href: ab813032")
    expected = {
        "CC303": (desc, "annou"),
        "CC301": (title, "title contains a double space"),
        "CC501": (href, "not found"),
    }
    for code_, (line, words) in expected.items():
        hits = [o for o in out if f" {code_} " in o and o.startswith(f"{seed_path}:{line}:")]
        assert hits, f"{code_} not reported on line {line}: {out}"
        assert words in hits[0]
        assert re.match(r"^.+:\d+:\d+: (error|warning|info) CC\d{3} .+", hits[0])


def test_validate_json_fields(seed_path, seed_text, capsys):
    code = main(["validate", "--format", "json", str(seed_path)])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert all(
        set(d) == {"path", "field", "line", "column", "severity", "code", "message", "fix"} for d in data
    )
    cut = next(d for d in data if d["code"] == "CC303")
    assert cut["field"] == "description"
    assert cut["line"] == key_line(seed_text, r"description:")
    assert cut["column"] == 1
    assert cut["severity"] == "error"
    assert cut["fix"] and "htmlMetaData.description" in cut["fix"]
    missing = next(d for d in data if d["code"] == "CC501")
    assert missing["field"] == "featuredImage.href"
    assert missing["fix"] is None
    title = next(d for d in data if d["code"] == "CC301" and d["field"] == "title")
    assert title["line"] == key_line(seed_text, r"title:")


def test_seed_findings_cover_the_other_copies_of_the_double_space(seed_path):
    findings = lint_document(Document.load(seed_path))
    fields = {f.field for f in findings if f.code == "CC301"}
    assert fields == {("title",), ("breadcrumbs", 2), ("featuredImage", "alt")}
    # the cut description is reported once, as cut, not again as a disagreeing copy
    assert [f.code for f in findings if f.field == ("description",) and f.code in ("CC303", "CC901")] == [
        "CC303"
    ]


def test_findings_are_sorted_and_located(seed_path):
    findings = lint_document(Document.load(seed_path))
    lines = [f.line or 0 for f in findings]
    assert lines == sorted(lines)
    assert all(f.line is not None for f in findings if f.field)


def test_unlocated_lint_finds_the_same_problems_without_positions(seed_path):
    doc = Document.load(seed_path)
    located = lint_document(doc)
    counted = lint_document(doc, locate=False)
    assert sorted((f.code, f.field, f.severity) for f in counted) == sorted(
        (f.code, f.field, f.severity) for f in located)
    assert all(f.line is None and f.column is None for f in counted)
    assert any(f.line is not None for f in located)


def test_problems_only_lint_counts_the_same_errors_and_warnings(seed_path):
    doc = Document.load(seed_path)
    problems = [f for f in lint_document(doc) if f.severity != "info"]
    assert problems
    assert [(f.code, f.field) for f in lint_document(doc, problems_only=True) if f.severity != "info"] == [
        (f.code, f.field) for f in problems]
