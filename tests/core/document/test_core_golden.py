"""Invariant 2 with golden files: an edit changes only the edited keys' lines.

Cases live in tests/core/document/golden/edits/<case>/ (see the README there). Seed cases build the
expected bytes by patching the shared seed at test time, since the seed is not copied
into the project.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import paths

from curator_app.core.algebra.keypath import KeyPath, parse_dotted
from curator_app.core.document.document import Document

GOLDEN = Path(__file__).resolve().parent / "golden" / "edits"
SEED = paths.SEED
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "edits.yaml").is_file())


def _spec(case: str) -> dict[str, Any]:
    return yaml.safe_load((GOLDEN / case / "edits.yaml").read_text(encoding="utf-8"))


def _input_and_expected(case: str) -> tuple[bytes, bytes]:
    spec = _spec(case)
    if spec.get("input") == "seed":
        if not SEED.is_file():
            pytest.skip(f"seed not found at {SEED}")
        raw = SEED.read_bytes()
        text = raw.decode("utf-8")
        for patch in spec["replace"]:
            assert text.count(patch["old"]) == 1, f"patch text not found exactly once: {patch['old']!r}"
            text = text.replace(patch["old"], patch["new"])
        return raw, text.encode("utf-8")
    return (GOLDEN / case / "input.md").read_bytes(), (GOLDEN / case / "expected.md").read_bytes()


def _apply(doc: Document, edit: dict[str, Any]) -> KeyPath:
    if "set" in edit:
        doc.set(edit["set"], edit["value"])
        return doc._key(edit["set"])
    if "delete" in edit:
        key = doc._key(edit["delete"])
        doc.delete(key)
        return key
    key = doc._key(edit["move"])
    doc.move(key, edit["to"])
    return key


def _allowed_old_lines(raw: bytes, spec: dict[str, Any]) -> tuple[set[int], bool]:
    """0-based lines of the input that belong to edited keys, and whether an edit may
    insert lines elsewhere (a new key or a move)."""
    doc = Document.from_bytes(raw)
    lines: set[int] = set()
    inserts = False
    for edit in spec["edits"]:
        name = edit.get("set") or edit.get("delete") or edit.get("move")
        key = doc._key(name)
        span = doc.line_span(key)
        if span is None:
            inserts = True
            continue
        lines.update(range(span[0] - 1, span[1]))
        if "move" in edit:
            # A move reorders the siblings; the bytes are checked against expected.md.
            parent = doc.line_span(key[:-1]) if len(key) > 1 else (1, len(raw.splitlines()))
            assert parent is not None
            lines.update(range(parent[0] - 1, parent[1]))
            inserts = True
        if "set" in edit and isinstance(edit["value"], (list, dict)):
            inserts = True
    return lines, inserts


@pytest.mark.parametrize("case", CASES)
def test_golden_edit(case: str) -> None:
    spec = _spec(case)
    raw, expected = _input_and_expected(case)
    doc = Document.from_bytes(raw)
    intended = yaml.safe_load(yaml.safe_dump(doc.data)) if doc.format == "yaml" else None
    for edit in spec["edits"]:
        _apply(doc, edit)
    out = doc.to_bytes()
    assert out.decode("utf-8") == expected.decode("utf-8")
    assert out == expected

    # The result reads back as the values the edits asked for.
    again = Document.from_bytes(out)
    assert again.data == doc.data
    if intended is not None:
        assert again.format == "yaml"

    # Every line outside the edited keys' lines is byte-identical.
    if doc.format == "json":
        return  # JSON is re-serialised on edit, by design
    allowed, inserts = _allowed_old_lines(raw, spec)
    old = raw.decode("utf-8").splitlines(keepends=True)
    new = out.decode("utf-8").splitlines(keepends=True)
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            assert inserts or i1 in allowed or i1 - 1 in allowed, f"lines inserted at {i1 + 1}"
            continue
        touched = set(range(i1, i2))
        assert touched <= allowed, f"lines {sorted(t + 1 for t in touched - allowed)} changed"


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")
def test_refolding_every_seed_value_reproduces_the_seed() -> None:
    """Each `>-` value (and every other value) written afresh comes out as the seed has it:
    js-yaml folding at width 80, single quotes, `  - ` items, `null`."""
    raw = SEED.read_bytes()
    doc = Document.from_bytes(raw)
    front = doc._front
    assert front is not None
    folded = 0
    checked = 0

    def walk(data: Any, path: tuple[Any, ...]) -> None:
        nonlocal folded, checked
        if isinstance(data, dict):
            for k, v in data.items():
                walk(v, (*path, k))
            return
        if isinstance(data, str) and len(data) > 60:
            folded += 1
        d = Document.from_bytes(raw)
        assert d._front is not None
        d._front.set(path, data)  # the backend, which rewrites the text even when unchanged
        checked += 1
        assert d.to_bytes() == raw, f"{path} re-written differently"

    walk(doc.data, ())
    assert checked > 80 and folded >= 10


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")
def test_each_edit_of_the_seed_keeps_the_other_lines() -> None:
    """Set every top-level key of the seed to a new string: exactly its lines change."""
    raw = SEED.read_bytes()
    base = Document.from_bytes(raw)
    old = raw.decode("utf-8").splitlines(keepends=True)
    for key in base.data:
        doc = Document.from_bytes(raw)
        span = doc.line_span((key,))
        assert span is not None
        doc.set((key,), "Edited: value")
        new = doc.to_bytes().decode("utf-8").splitlines(keepends=True)
        assert new[: span[0] - 1] == old[: span[0] - 1], key
        assert new[span[0] - 1] == f"{key}: 'Edited: value'\n", key
        assert new[span[0] :] == old[span[1] :], key


def test_keys_parse_like_the_cli() -> None:
    assert parse_dotted("htmlMetaData.msvalidate\\.01") == ("htmlMetaData", "msvalidate.01")
    doc = Document.from_bytes(b"---\ntags: [a, b]\n'2024': {x: 1}\n---\n")
    assert doc.get("tags.1") == "b"
    assert doc.get("2024.x") == 1
