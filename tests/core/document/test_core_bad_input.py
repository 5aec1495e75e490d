"""Bad input: a located error (file, line, column), no traceback, the file untouched."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.document.split import MAX_FILE_BYTES
from curator_app.core.errors import CuratorError, ParseError, UnsafeContentError


def _bomb() -> bytes:
    lines = ["---", "a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join([*lines, "---", "body", ""])).encode()


# name -> (bytes, error class, line, column, words the message must contain)
BAD: dict[str, tuple[bytes, type[CuratorError], int, int | None, str]] = {
    "malformed_yaml": (b"---\ntitle: x\nbad: [unclosed\nz: 1\n---\nbody\n", ParseError, 4, None, "invalid YAML"),
    "bad_indent": (b"---\ntitle: x\n  nested: y\n---\n", ParseError, 3, 9, "invalid YAML"),
    "unclosed_front_matter": (b"---\ntitle: x\nbody text\n", ParseError, 1, 1, "never closed"),
    "four_dash_closer": (b"---\ntitle: x\n----\nbody\n", ParseError, 1, 1, "never closed"),
    "python_tag": (
        b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n",
        UnsafeContentError,
        2,
        8,
        "python/object/apply",
    ),
    "python_tag_top": (b"---\n!!python/object:os.system {}\n---\n", UnsafeContentError, 2, 1, "not allowed"),
    "yaml_namespace_tag": (b"---\na: !!binary aGk=\n---\n", UnsafeContentError, 2, 4, "not allowed"),
    "alias_bomb": (_bomb(), UnsafeContentError, 0, None, "alias bomb"),
    "recursive_alias": (b"---\nx: &x\n  - *x\n---\n", UnsafeContentError, 2, 4, "recursive alias"),
    "undefined_alias": (b"---\nx: *nope\n---\n", ParseError, 2, 4, "undefined alias"),
    "non_utf8": (b"---\ntitle: caf\xe9\n---\n", ParseError, 2, 11, "byte offset 14"),
    "latin1_body": (b"---\ntitle: x\n---\nna\xefve\n", ParseError, 4, 3, "0xef"),
    "binary_nul": (b"---\ntitle: x\n---\n\x89PNG\x00\x00", ParseError, 4, 5, "NUL byte at byte offset 21"),
    "top_level_list": (b"---\n- a\n- b\n---\n", ParseError, 2, 1, "must be a mapping"),
    "top_level_scalar": (b"---\njust a sentence\n---\n", ParseError, 2, 1, "must be a mapping"),
    "duplicate_keys": (b"---\ntitle: a\ndate: 2021\ntitle: b\n---\n", ParseError, 4, 1, "duplicate key 'title'"),
    "nested_duplicate": (b"---\nm:\n  k: 1\n  k: 2\n---\n", ParseError, 4, 3, "duplicate key 'k'"),
    "complex_key": (b"---\n? [a, b]\n: c\n---\n", ParseError, 2, 3, "mapping keys"),
    "too_deep": (b"---\na: " + b"[" * 200 + b"]" * 200 + b"\n---\n", UnsafeContentError, 2, None, "nested"),
    "bad_toml": (b'+++\ntitle = "x\n+++\n', ParseError, 2, None, "invalid TOML"),
    "toml_duplicate": (b'+++\ntitle = "x"\ntitle = "y"\n+++\n', ParseError, 3, None, "invalid TOML"),
    "bad_json": (b'{\n  "title": "x",\n}\nbody\n', ParseError, 3, 1, "invalid JSON"),
    "json_duplicate": (b'{"a": 1, "a": 2}\n', ParseError, 1, 1, "duplicate key"),
    "json_top_list": (b"---json\n[1, 2]\n---\n", ParseError, 2, 1, "JSON object"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_a_located_error(name: str, tmp_path: Path) -> None:
    raw, cls, line, col, words = BAD[name]
    path = tmp_path / f"{name}.md"
    path.write_bytes(raw)
    with pytest.raises(cls) as info:
        Document.load(path)
    err = info.value
    assert words in err.message
    assert err.path == str(path)
    if line:
        assert err.line == line, str(err)
    else:
        assert err.line is not None
    if col is not None:
        assert err.column == col, str(err)
    assert str(err).startswith(f"{path}:{err.line}:")
    assert path.read_bytes() == raw


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_set_on_bad_input_exits_2_untouched(name: str, tmp_path: Path, run_cli) -> None:
    raw = BAD[name][0]
    path = tmp_path / f"{name}.md"
    path.write_bytes(raw)
    res = run_cli("set", str(path), "title=changed")
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:"), res.stderr
    assert path.read_bytes() == raw
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left behind


def test_cli_roundtrip_lists_bad_files_read_only(tmp_path: Path, run_cli) -> None:
    for name, (raw, *_rest) in BAD.items():
        (tmp_path / f"{name}.md").write_bytes(raw)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    res = run_cli("roundtrip", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert f"{len(BAD)} read-only" in res.stdout
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        raw = f"---\nx: {tag} ['touch {marker}']\n---\n".encode()
        with pytest.raises(UnsafeContentError):
            Document.from_bytes(raw, "evil.md")
    raw = f"---\n!!python/object/apply:subprocess.call [[touch, {marker}]]\n---\n".encode()
    with pytest.raises(UnsafeContentError):
        Document.from_bytes(raw, "evil.md")
    assert not marker.exists()


def test_alias_bomb_fails_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafeContentError):
        Document.from_bytes(_bomb(), "bomb.md")
    assert time.perf_counter() - start < 1.0


def test_many_legitimate_aliases_are_fine() -> None:
    raw = b"---\nx: &x {a: 1, b: [1, 2, 3]}\n" + b"".join(b"k%d: *x\n" % i for i in range(500)) + b"---\n"
    doc = Document.from_bytes(raw)
    assert doc.get(("k499", "b")) == [1, 2, 3]


def test_huge_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    raw = b"---\ntitle: x\n---\n" + b"a" * MAX_FILE_BYTES
    path.write_bytes(raw)
    with pytest.raises(UnsafeContentError) as info:
        Document.load(path)
    assert "bytes" in info.value.message and info.value.path == str(path)


def test_very_long_line_works(tmp_path: Path) -> None:
    long = "x" * 1_000_000
    raw = f"---\ntitle: {long}\ntags: [a]\n---\n{long}\n".encode()
    path = tmp_path / "long.md"
    path.write_bytes(raw)
    start = time.perf_counter()
    doc = Document.load(path)
    assert doc.get("title") == long and doc.to_bytes() == raw
    doc.set("tags", ["a", "b"])
    doc.save()
    # A guard against work quadratic in the line length (hours at a million characters),
    # not a speed figure: generous enough for a machine busy with other work.
    assert time.perf_counter() - start < 60
    out = path.read_bytes()
    assert out == raw.replace(b"tags: [a]", b"tags: [a, b]")


def test_empty_file_and_front_matter_only(tmp_path: Path) -> None:
    empty = Document.from_bytes(b"")
    assert empty.format == "none" and empty.data == {} and empty.to_bytes() == b""
    only = Document.from_bytes(b"---\ntitle: x\n---\n")
    assert only.body == "" and only.data == {"title": "x"}
    only.set("title", "z")
    assert only.to_bytes() == b"---\ntitle: z\n---\n"
    bare = Document.from_bytes(b"---\ntitle: x\n---")
    bare.set("draft", True)
    assert bare.to_bytes() == b"---\ntitle: x\ndraft: true\n---"


def test_cli_set_on_empty_file_exits_2(tmp_path: Path, run_cli_process) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    res = run_cli_process("set", str(path), "title=x")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == b""


def test_cli_errors_for_missing_file_and_bad_assignment(tmp_path: Path, run_cli) -> None:
    res = run_cli("set", str(tmp_path / "nope.md"), "title=x")
    assert res.returncode == 2 and "not found" in res.stderr and "Traceback" not in res.stderr
    good = tmp_path / "ok.md"
    good.write_bytes(b"---\ntitle: x\n---\n")
    for bad in ("novalue", "=x", "a..b=1"):
        res = run_cli("set", str(good), bad)
        assert res.returncode == 2 and "Traceback" not in res.stderr, bad
    assert good.read_bytes() == b"---\ntitle: x\n---\n"


def test_unhashable_digest_of_unchanged_bad_file(tmp_path: Path) -> None:
    """A refused edit never rewrites: the hash before and after is the same."""
    path = tmp_path / "a.md"
    raw = b"---\nbase: &b {x: 1}\ncopy: *b\n---\n"
    path.write_bytes(raw)
    doc = Document.load(path)
    with pytest.raises(CuratorError):
        doc.set(("copy", "x"), 2)
    doc.save()
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(raw).digest()
