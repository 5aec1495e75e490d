"""Bulk tag/category edits: minimal byte diffs, consistent category chain, atomic apply, undo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator_app.core.document import yaml_front
from curator_app.core.document.document import Document
from curator_app.core.errors import WriteConflictError
from curator_app.core.library.bulk import BulkOp, apply, plan, undo
from curator_app.core.schema.linked import linked_groups


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines(keepends=True)


def _inserted(before: bytes, after: bytes) -> list[str]:
    """The lines `after` has that `before` lacks, asserting nothing else moved."""
    old, new = _lines(before), _lines(after)
    out: list[str] = []
    i = 0
    for line in new:
        if i < len(old) and old[i] == line:
            i += 1
        else:
            out.append(line)
    assert i == len(old), "lines were removed or changed, not only added"
    return out


def _chain_ok(path: Path) -> bool:
    doc = Document.load(path)
    return next(g for g in linked_groups(doc) if g.name == "category").agree


def test_add_tag_is_one_inserted_line(seed_folder: Path) -> None:
    path = seed_folder / "genome-uk.md"
    before = path.read_bytes()
    bulk = plan([path], BulkOp("add", "tags", "Genomics"))
    assert len(bulk.changes) == 1 and bulk.changes[0].keys == (("tags",),)
    assert "+  - Genomics" in bulk.diff()
    record = apply(bulk)
    after = path.read_bytes()
    assert _inserted(before, after) == ["  - Genomics\n"]
    # the new line sits right after the existing tag
    assert "tags:\n  - News\n  - Genomics\n" in after.decode()
    undo(record)
    assert path.read_bytes() == before


def test_remove_and_rename_tag_touch_only_that_line(seed_folder: Path) -> None:
    path = seed_folder / "genome-uk.md"
    before = path.read_bytes()
    apply(plan([path], BulkOp("add", "tags", "Genomics")))
    with_two = path.read_bytes()
    apply(plan([path], BulkOp("rename", "tags", "News", "Headlines")))
    renamed = path.read_bytes()
    diff = [(a, b) for a, b in zip(_lines(with_two), _lines(renamed), strict=True) if a != b]
    assert diff == [("  - News\n", "  - Headlines\n")]
    apply(plan([path], BulkOp("remove", "tags", "Genomics")))
    apply(plan([path], BulkOp("rename", "tags", "Headlines", "News")))
    assert path.read_bytes() == before


def test_add_category_extends_the_whole_chain(seed_folder: Path) -> None:
    path = seed_folder / "genome-uk.md"
    before = path.read_bytes()
    record = apply(plan([path], BulkOp("add", "categories", "Medigy: Precision Medicine")))
    after = path.read_bytes()
    assert _inserted(before, after) == [
        "  - 'Medigy: Precision Medicine'\n",
        "  - 'medigy: precision medicine'\n",
        "  - topic/medigy-precision-medicine\n",
        "  - Precision Medicine\n",
        "    - 'Medigy: Precision Medicine'\n",  # openProjectCustomFields.medigyTopics
    ]
    assert _chain_ok(path)
    undo(record)
    assert path.read_bytes() == before


def test_rename_and_remove_category_keep_the_chain(seed_folder: Path) -> None:
    path = seed_folder / "genome-uk.md"
    before = path.read_bytes()
    apply(plan([path], BulkOp("rename", "categories", "Symplur: Genomics", "Symplur: Genetics")))
    doc = Document.load(path)
    assert doc.get(("categories",)) == ["Symplur: Genetics"]
    assert doc.get(("categorySlug",)) == ["symplur: genetics"]
    assert doc.get(("categoryUrl",)) == ["topic/symplur-genetics"]
    assert doc.get(("categoryLabel",)) == ["Genetics"]
    changed = [(a, b) for a, b in zip(_lines(before), _lines(path.read_bytes()), strict=True) if a != b]
    assert len(changed) == 5  # one line per chain key, nothing else
    apply(plan([path], BulkOp("remove", "categories", "Symplur: Genetics")))
    doc = Document.load(path)
    assert doc.get(("categories",)) == [] and doc.get(("categoryLabel",)) == []
    assert _chain_ok(path)


def test_selection_plan_skips_items_without_the_value(gen_folder: Path) -> None:
    files = sorted((gen_folder / "news").glob("*.md"))[:6]
    tag = Document.load(files[0]).get(("tags",))[0]
    having = [f for f in files if tag in Document.load(f).get(("tags",))]
    bulk = plan(files, BulkOp("remove", "tags", tag))
    assert sorted(c.path for c in bulk.changes) == sorted(having)
    assert sorted(bulk.unchanged) == sorted(set(files) - set(having))
    originals = {f: f.read_bytes() for f in files}
    record = apply(bulk)
    for f in having:
        assert tag not in Document.load(f).get(("tags",))
    undo(record)
    assert {f: f.read_bytes() for f in files} == originals


def test_apply_refuses_when_a_file_changed_since_the_plan(seed_folder: Path) -> None:
    path = seed_folder / "genome-uk.md"
    other = seed_folder / "copy.md"
    shutil.copy(path, other)
    bulk = plan([other, path], BulkOp("add", "tags", "X"))
    path.write_bytes(path.read_bytes() + b"\n")  # someone else edits it
    edited, untouched = path.read_bytes(), other.read_bytes()
    with pytest.raises(WriteConflictError):
        apply(bulk)
    assert path.read_bytes() == edited and other.read_bytes() == untouched  # nothing written


def test_undo_refuses_files_edited_after_the_bulk_edit(seed_folder: Path) -> None:
    path = seed_folder / "genome-uk.md"
    record = apply(plan([path], BulkOp("add", "tags", "X")))
    path.write_bytes(path.read_bytes().replace(b"- X", b"- Y"))
    with pytest.raises(WriteConflictError):
        undo(record)


def test_unreadable_files_are_reported_not_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\ntags: [x\n---\n")
    bulk = plan([bad], BulkOp("add", "tags", "y"))
    assert bulk.changes == [] and len(bulk.errors) == 1 and "bad.md:" in bulk.errors[0]


def test_bad_ops_are_refused() -> None:
    with pytest.raises(ValueError):
        BulkOp("rename", "tags", "a")
    with pytest.raises(ValueError):
        BulkOp("add", "authors", "a")


def test_category_chain_is_one_batched_edit(seed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The five keys of a category rename are set together: the same bytes as setting them
    one by one, checked by a single re-parse."""
    path = seed_folder / "genome-uk.md"
    parses = [0]
    real = yaml_front.YamlFront._parse

    def counting(self: yaml_front.YamlFront, text: str) -> None:
        parses[0] += 1
        real(self, text)

    monkeypatch.setattr(yaml_front.YamlFront, "_parse", counting)
    bulk = plan([path], BulkOp("rename", "categories", "Symplur: Genomics", "Symplur: Genetics"))
    assert parses[0] == 2  # reading the file, then one check of all five values
    (change,) = bulk.changes
    assert len(change.keys) == 5
    one_by_one = Document.from_bytes(change.before, path)
    result = Document.from_bytes(change.after, path)
    for key in change.keys:
        one_by_one.set(key, result.get(key))
    assert one_by_one.to_bytes() == change.after
