"""`curator set` writes what the user typed, or refuses with a located one-line error:
no value silently becomes null, malformed lists are errors, unknown keys need --create,
values must fit the schema field's type, and --linked lists the copies it changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support import paths

from curator_app.cli import main
from curator_app.commands.set import parse_value
from curator_app.core.document.document import Document

SEED = paths.SEED
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    def call(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["curator", *args], code, out, err)

    return call


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed not found at {SEED}")
    dest = tmp_path / "item.md"
    shutil.copyfile(SEED, dest)
    return dest


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("#1 Hospital", "#1 Hospital"),
        ("Top 10 #tips", "Top 10 #tips"),
        ("# just a comment", "# just a comment"),
        ("  ", ""),
        ("null", None),
        ("~", None),
        ("NULL", None),
    ],
)
def test_only_an_explicit_null_is_null(typed: str, written: object) -> None:
    assert parse_value(typed) == written


def test_hash_title_is_written_as_text(tmp_path: Path, run) -> None:
    path = tmp_path / "f.md"
    path.write_bytes(b"---\ntitle: Old\n---\n")
    res = run("set", str(path), "title=#1 Hospital")
    assert res.returncode == 0, res.stderr
    assert path.read_bytes() == b"---\ntitle: '#1 Hospital'\n---\n"
    assert Document.load(path).get("title") == "#1 Hospital"


@pytest.mark.parametrize("typed", ["[a, b", "{k: v", "'unclosed", '"unclosed'])
def test_malformed_value_is_an_error(tmp_path: Path, run, typed: str) -> None:
    path = tmp_path / "f.md"
    raw = b"---\ntags: [x]\ntitle: t\n---\n"
    path.write_bytes(raw)
    res = run("set", str(path), f"tags={typed}")
    assert res.returncode == 2
    assert res.stderr.startswith(f"{path}: tags: '{typed}' is not valid YAML (")
    assert res.stderr.strip().endswith("quote the whole value to write it as text")
    assert len(res.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == raw


def test_unknown_key_needs_create(seed: Path, run) -> None:
    before = seed.read_bytes()
    res = run("set", str(seed), "nosuch.key=1")
    assert res.returncode == 2
    assert res.stderr.strip() == f"{seed}: 'nosuch.key' is not in this item or its schema; add --create to add it"
    assert seed.read_bytes() == before
    res = run("set", str(seed), "--create", "nosuch.key=1")
    assert res.returncode == 0, res.stderr
    assert Document.load(seed).get("nosuch.key") == 1


def test_a_schema_field_missing_from_the_item_can_be_added(seed: Path, run) -> None:
    doc = Document.load(seed)
    doc.delete("featuredPdf")
    doc.save()
    res = run("set", str(seed), "featuredPdf=/files/plan.pdf")
    assert res.returncode == 0, res.stderr
    assert Document.load(seed).get("featuredPdf") == "/files/plan.pdf"


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("date=not-a-date", "'date' takes a date (YYYY-MM-DD); 'not-a-date' is not that"),
        ("lastMod=yesterday", "'lastMod' takes a date and time (YYYY-MM-DDThh:mm:ssZ); 'yesterday' is not that"),
        ("id=abc", "'id' takes a whole number; 'abc' is not that"),
        ("featuredImage.valid=maybe", "'featuredImage.valid' takes true or false; 'maybe' is not that"),
        ("tags=News", "'tags' takes a list ([a, b]); 'News' is not that"),
    ],
)
def test_values_must_fit_the_field_type(seed: Path, run, assignment: str, message: str) -> None:
    before = seed.read_bytes()
    key = assignment.split("=")[0]
    line, column = Document.load(seed).position(key) or (0, 0)
    res = run("set", str(seed), assignment)
    assert res.returncode == 2
    assert res.stderr.strip() == f"{seed}:{line}:{column}: {message}"
    assert seed.read_bytes() == before


def test_typed_numbers_and_dates_keep_a_text_field_text(seed: Path, run) -> None:
    res = run("set", str(seed), "title=2024", "date=2021-06-01", "lastMod=2021-06-01T10:00:00Z")
    assert res.returncode == 0, res.stderr
    text = seed.read_text()
    assert "\ntitle: '2024'\n" in text  # a title, not the number 2024
    assert "\ndate: '2021-06-01'\n" in text  # stays quoted as the file had it
    assert "\nlastMod: '2021-06-01T10:00:00Z'\n" in text


@needs_seed
def test_linked_lists_the_copies_it_changed(seed: Path, run) -> None:
    res = run("set", str(seed), "--linked", "htmlMetaData.ogtitle=Genome UK plan")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        "changed 3 keys",
        "  htmlMetaData.ogtitle",
        "  openGraphMetaData.ogtitle",
        "  twitterMetaData.twittertitle",
    ]


@pytest.mark.parametrize(
    "front",
    [
        "title: \"Old\"\nother: 'single'\n",  # the file prefers single quotes
        'title: "Old"\nother: "double"\n',  # ... double quotes
        "title: \"Old\"\ndesc: >-\n  folded text\n  that is long\n",  # folds long strings
        'title: "A: b"\nother: \'x\'\nmore: \'y\'\n',  # needed quotes, not the file's kind
        "title: \"Old\"\r\nother: plain\r\n",  # CRLF, no quoting habit
    ],
)
@pytest.mark.parametrize("new", ["New title", "Colon: inside", "it's", "Long " * 30 + "end", "#1"])
def test_author_double_quotes_are_kept(tmp_path: Path, run, front: str, new: str) -> None:
    path = tmp_path / "f.md"
    path.write_bytes(f"---\n{front}---\nbody\n".encode())
    res = run("set", str(path), f"title={new}")
    assert res.returncode == 0, res.stderr
    doc = Document.load(path)
    assert doc.get("title") == new
    title_line = next(line for line in path.read_text().splitlines() if line.startswith("title:"))
    assert title_line.startswith('title: "'), title_line
