"""`curator set` on a copy of the seed changes exactly the lines of the keys it sets."""

from __future__ import annotations

import difflib
import importlib.util
import shutil
from pathlib import Path

import pytest
from support import paths

from curator_app.commands.set import parse_value
from curator_app.core.document.document import Document
from curator_app.core.schema.infer import schema_for

SEED = paths.SEED
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "item.md"
    shutil.copyfile(SEED, dest)
    return dest


def _changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    old = before.decode().splitlines(keepends=True)
    new = after.decode().splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def test_set_changes_only_the_key_lines(seed_copy: Path, run_cli) -> None:
    before = seed_copy.read_bytes()
    res = run_cli("set", str(seed_copy), "htmlMetaData.msvalidate\\.01=X", "title=A: b")
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    removed, added = _changed_lines(before, seed_copy.read_bytes())
    assert removed == [
        "  msvalidate.01: E23E222F362070D7E155C1DCE851E7E9\n",
        "title: UK Launch  Implementation Plan For Genomic Healthcare System\n",
    ]
    assert added == ["  msvalidate.01: X\n", "title: 'A: b'\n"]


def test_set_every_top_level_key_one_at_a_time(seed_copy: Path, run_cli) -> None:
    before = seed_copy.read_bytes()
    doc = Document.from_bytes(before)
    schema = schema_for(doc)
    text_keys = [k for k in doc.data if (f := schema.field((k,))) is None or f.widget in {"text", "longtext", "url"}]
    for key in text_keys[:12]:
        seed_copy.write_bytes(before)
        span = doc.line_span((key,))
        assert span is not None
        res = run_cli("set", str(seed_copy), f"{key}=Changed value")
        assert res.returncode == 0, res.stderr
        removed, added = _changed_lines(before, seed_copy.read_bytes())
        assert removed == before.decode().splitlines(keepends=True)[span[0] - 1 : span[1]], key
        assert added == [f"{key}: Changed value\n"], key


def test_set_values_are_yaml_scalars(seed_copy: Path, run_cli) -> None:
    res = run_cli(
        "set", str(seed_copy), "id=6000", "featuredImage.valid=false", "tags=[News, Genomics]", "sub=", "via=null"
    )
    assert res.returncode == 0, res.stderr
    doc = Document.load(seed_copy)
    assert doc.get("id") == 6000
    assert doc.get("featuredImage.valid") is False
    assert doc.get("tags") == ["News", "Genomics"]
    assert doc.get("sub") == ""
    assert doc.get("via") is None


def test_set_list_item_by_index(seed_copy: Path, run_cli) -> None:
    before = seed_copy.read_bytes()
    res = run_cli("set", str(seed_copy), "breadcrumbs.2=Genome UK")
    assert res.returncode == 0, res.stderr
    removed, added = _changed_lines(before, seed_copy.read_bytes())
    assert removed == ["  - UK Launch  Implementation Plan For Genomic Healthcare System\n"]
    assert added == ["  - Genome UK\n"]


def test_parse_value() -> None:
    assert parse_value("New: title") == "New: title"
    assert parse_value("- x") == "- x"
    assert parse_value("[a, b]") == ["a", "b"]
    assert parse_value("{k: v}") == {"k": "v"}
    assert parse_value("'quoted'") == "quoted"
    assert parse_value("2021-05-21") is not None
    assert parse_value("true") is True
    assert parse_value("") == ""
    assert parse_value("!!python/object/apply:os.system ['x']") == "!!python/object/apply:os.system ['x']"


def test_set_refused_edit_exits_2_and_keeps_file(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "a.md"
    raw = b"---\nbase: &b {x: 1}\ncopy: *b\n---\n"
    path.write_bytes(raw)
    res = run_cli("set", str(path), "copy.x=2")
    assert res.returncode == 2 and "anchor" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == raw


@pytest.mark.skipif(
    importlib.util.find_spec("curator_app.core.schema.linked") is None, reason="linked-fields module not written yet"
)
def test_set_linked_updates_agreeing_copies(seed_copy: Path, run_cli) -> None:
    before = seed_copy.read_bytes()
    res = run_cli("set", str(seed_copy), "--linked", "htmlMetaData.ogtitle=Genome UK plan")
    assert res.returncode == 0, res.stderr
    removed, added = _changed_lines(before, seed_copy.read_bytes())
    old = "UK launch implementation plan for genomic healthcare system"
    assert removed == [
        f"  ogtitle: {old}\n",
        f"  ogtitle: {old}\n",
        f"  twittertitle: {old}\n",
    ]
    assert added == [
        "  ogtitle: Genome UK plan\n",
        "  ogtitle: Genome UK plan\n",
        "  twittertitle: Genome UK plan\n",
    ]
