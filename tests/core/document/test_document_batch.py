"""Document.set_many: several value edits with one check, byte for byte the same as the
same edits made one by one with Document.set (or the same error, with nothing changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import paths

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document import yaml_front
from curator_app.core.document.batch import Splice, apply_splices, splice_between
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError, EditError
from curator_app.core.find.item import string_fields

CORPUS = paths.SHARED / "corpus"
SKIP_NAMES = {"SOURCES.md", "STATS.md"}
CORPUS_FILES = (
    sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in SKIP_NAMES) if CORPUS.is_dir() else []
)


def _one_by_one(raw: bytes, path: Path | None, edits: list[tuple[KeyPath, Any]]) -> bytes | str:
    doc = Document.from_bytes(raw, path)
    try:
        for key, value in edits:
            doc.set(key, value)
    except CuratorError as exc:
        return f"{type(exc).__name__}: {exc}"
    return doc.to_bytes()


def _together(raw: bytes, path: Path | None, edits: list[tuple[KeyPath, Any]]) -> bytes | str:
    doc = Document.from_bytes(raw, path)
    try:
        doc.set_many(edits)
    except CuratorError as exc:
        assert doc.to_bytes() == raw, "a failed batch must leave the document as it was"
        return f"{type(exc).__name__}: {exc}"
    return doc.to_bytes()


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts YAML front-matter parses (the real parser still runs)."""
    count = [0]
    real = yaml_front.YamlFront._parse

    def counting(self: yaml_front.YamlFront, text: str) -> None:
        count[0] += 1
        real(self, text)

    monkeypatch.setattr(yaml_front.YamlFront, "_parse", counting)
    return count


def _word_edits(doc: Document, limit: int) -> list[tuple[KeyPath, Any]]:
    """What a folder replace does: a word changed in several string values."""
    edits: list[tuple[KeyPath, Any]] = []
    for key, value in string_fields(doc.data):
        if len(edits) == limit:
            break
        words = value.split(" ")
        edits.append((key, " ".join(["Replaced", *words[1:]]) if len(words) > 1 else value + " x"))
    return edits


def test_seed_batch_is_the_same_bytes_with_one_check(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = paths.seed().read_bytes()
    doc = Document.from_bytes(raw, paths.SEED)
    edits = _word_edits(doc, 12)
    assert len(edits) == 12
    expected = _one_by_one(raw, paths.SEED, edits)
    assert isinstance(expected, bytes) and expected != raw
    parses = _parses(monkeypatch)
    doc.set_many(edits)
    assert parses[0] == 1, "the whole batch is checked by one re-parse"
    assert doc.to_bytes() == expected
    assert all(doc.get(k) == v for k, v in edits)


@pytest.mark.skipif(not CORPUS_FILES, reason=f"corpus not found at {CORPUS}")
def test_every_corpus_file_batch_equals_one_by_one() -> None:
    batched = 0
    for path in CORPUS_FILES:
        raw = path.read_bytes()
        try:
            doc = Document.from_bytes(raw, path)
        except CuratorError:
            continue
        if doc.read_only_reason or doc.format not in ("yaml", "toml", "json"):
            continue
        edits = [*_word_edits(doc, 4), (("curator-added",), "new value")]
        assert _together(raw, path, edits) == _one_by_one(raw, path, edits), path
        batched += 1
    assert batched > 300


values = st.one_of(
    st.text(st.sampled_from(list("ab :#'\"-,é\n")), max_size=20),
    st.sampled_from(["yes", "null", "1.5", "2021-05-21", "telemedicine", " lead", "x" * 120]),
    st.integers(-5, 5),
    st.lists(st.sampled_from(["a", "b: c", "it's"]), max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_seed_random_batches_equal_one_by_one(data: st.DataObject) -> None:
    raw = paths.seed().read_bytes()
    keys = [k for k, _v in string_fields(Document.from_bytes(raw).data)]
    chosen = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=6, unique=True))
    edits = [(k, data.draw(values)) for k in chosen]
    assert _together(raw, None, edits) == _one_by_one(raw, None, edits)


def test_a_failing_edit_leaves_the_document_unchanged() -> None:
    raw = b"---\ntitle: One\nbase: &b\n  x: 1\nuse: *b\ntags:\n  - a\n---\nbody\n"
    doc = Document.from_bytes(raw)
    with pytest.raises(EditError) as caught:
        doc.set_many([(("title",), "Two"), (("tags", 0), "b"), (("base", "x"), 2)])
    assert doc.to_bytes() == raw and doc.get("title") == "One"
    single = Document.from_bytes(raw)
    with pytest.raises(EditError) as alone:
        single.set(("base", "x"), 2)
    assert str(caught.value) == str(alone.value)


def test_edits_of_one_value_and_its_inside_are_made_in_order() -> None:
    raw = b"---\nm:\n  a: 1\n---\n"
    edits: list[tuple[KeyPath, Any]] = [(("m",), {"a": 2}), (("m", "b"), 3)]
    assert _together(raw, None, edits) == _one_by_one(raw, None, edits)
    assert b"b: 3" in Document.from_bytes(_together(raw, None, edits)).to_bytes()  # type: ignore[arg-type]


def test_splices() -> None:
    old = "title: a b\ntags: [x]\n"
    new = "title: a c\ntags: [x]\n"
    s = splice_between(old, new)
    assert (s.start, s.end, s.text) == (9, 10, "c")
    assert apply_splices(old, [s, Splice(18, 19, "y")]) == "title: a c\ntags: [y]\n"
    assert apply_splices(old, [Splice(3, 5, "x"), Splice(5, 6, "y")]) is None  # they meet
    assert splice_between("aaa", "aaaa") == Splice(3, 3, "a")
