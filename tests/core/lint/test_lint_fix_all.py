"""Fix all: every automatic fix (or one code's) applied in one pass, re-linting between."""

from __future__ import annotations

import difflib
from pathlib import Path

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import lint_document
from curator_app.core.lint.fixes import fix_all, fixable_codes
from curator_app.core.lint.rules.enums import nearest_choice


def test_fix_all_on_the_seed_leaves_no_fixable_finding(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    before = fixable_codes(lint_document(doc))
    assert before  # the seed has double spaces and more
    applied = fix_all(doc)
    assert len(applied) >= sum(before.values()) - 1
    assert fixable_codes(lint_document(doc)) == {}
    # only lines of fixed keys changed: every changed line is a key line or its continuation
    old = seed_path.read_text(encoding="utf-8").splitlines()
    new = doc.to_bytes().decode().splitlines()
    diff = difflib.unified_diff(old, new, lineterm="", n=0)
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert "-title: UK Launch  Implementation Plan For Genomic Healthcare System" in removed
    assert len(removed) < 20


def test_fix_all_of_one_code_only(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    applied = fix_all(doc, "CC301")
    assert applied and all("double space" in a.lower() or "space" in a.lower() for a in applied)
    codes = {f.code for f in lint_document(doc)}
    assert "CC301" not in codes and "CC303" in codes  # other findings stay for the user


def test_twitter_card_large_summary_is_fixed_to_summary_large_image() -> None:
    doc = Document.from_bytes(b"---\ntitle: T\ntwitterMetaData:\n  twittercard: large_summary\n---\n")
    cc801 = [f for f in lint_document(doc) if f.code == "CC801"]
    assert cc801 and cc801[0].fix is not None
    fix_all(doc, "CC801")
    assert doc.get(("twitterMetaData", "twittercard")) == "summary_large_image"
    assert nearest_choice("Summary", ("summary", "app")) == ["summary"]
    assert nearest_choice("large", ("summary_large_image", "large_thing")) == []
