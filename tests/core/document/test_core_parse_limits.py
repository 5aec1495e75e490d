"""Parsers' own limits and leniencies: a located error, never a traceback; strict TOML and
YAML 1.2; valid files that libyaml or tomlkit alone would mishandle still open."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.document.limits import MAX_DEPTH
from curator_app.core.errors import ParseError, UnsafeContentError

# name -> (file bytes, line, column, words in the message)
LOCATED: dict[str, tuple[bytes, int, int, str]] = {
    "toml_duplicate_key": (b'+++\ntitle = "a"\nn = 1\ntitle = "b"\n+++\n', 4, 12, "invalid TOML"),
    "toml_table_twice": (b"+++\n[t]\nx = 1\n[t]\ny = 2\n+++\n", 4, 3, "invalid TOML"),
    "toml_dotted_then_table": (b"+++\na.b = 1\n[a]\nc = 2\n+++\n", 3, 3, "invalid TOML"),
    "toml_inline_extended": (b"+++\na = {b = 1}\n[a.c]\nd = 2\n+++\n", 3, 5, "invalid TOML"),
    "toml_array_of_tables_vs_array": (b"+++\narr = [1]\n[[arr]]\nx = 1\n+++\n", 3, 6, "invalid TOML"),
    "toml_arabic_digit": ("+++\nn = 1\u0660\n+++\n".encode(), 2, 6, "invalid TOML"),
    "toml_past_64_bits": (b"+++\ntitle = 'x'\nn = 99999999999999999999\n+++\n", 3, 1, "64 bits"),
    "toml_below_64_bits": (b"+++\nn = -9223372036854775809\n+++\n", 2, 1, "64 bits"),
    "toml_unclosed_string_column": (b'+++\ntitle = "x\n+++\n', 2, 11, "invalid TOML"),
    "toml_nested_5000": (b"+++\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n+++\n", 2, 1, "nested"),
    "yaml_int_5000_digits": (b"---\ntitle: x\nn: " + b"7" * 5000 + b"\n---\n", 3, 4, "5,000 digits"),
    "json_nested_5000": (b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}\n", 1, 1, "nested"),
    "json_nested_5000_fenced": (b"---json\n{\"a\": " + b"{\"b\": " * 5000 + b"1" + b"}" * 5001 + b"\n---\n", 2, 1,
                                "nested"),
    # What libyaml accepts and YAML 1.2 forbids.
    "yaml_comment_glued_to_quoted": (b'---\ntitle: "x"# note\n---\n', 2, 11, "space before '#'"),
    "yaml_comment_glued_to_flow": (b"---\ntags: [a, b]# note\n---\n", 2, 13, "space before '#'"),
    "yaml_dash_in_flow": (b"---\ntags: [a, -]\n---\n", 2, 11, "flow collection"),
}


@pytest.mark.parametrize("name", sorted(LOCATED))
def test_located_error(name: str, tmp_path: Path) -> None:
    raw, line, col, words = LOCATED[name]
    path = tmp_path / f"{name}.md"
    path.write_bytes(raw)
    with pytest.raises(ParseError) as info:
        Document.load(path)
    err = info.value
    assert words in err.message, str(err)
    assert (err.line, err.column) == (line, col), str(err)
    assert str(err).startswith(f"{path}:{line}:{col}: ")
    assert "\n" not in str(err)


def test_validate_folder_reports_every_bad_file_and_lints_the_rest(tmp_path: Path, run_cli) -> None:
    for name, (raw, *_rest) in LOCATED.items():
        (tmp_path / f"{name}.md").write_bytes(raw)
    (tmp_path / "good.md").write_bytes(b"---\ntitle: Fine\ndate: someday\n---\nbody\n")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2
    errors = result.stderr.splitlines()
    assert len(errors) == len(LOCATED), result.stderr
    for name in LOCATED:
        assert any(line.startswith(str(tmp_path / f"{name}.md") + ":") for line in errors), name
    assert f"{tmp_path / 'good.md'}:3:1: error CC601" in result.stdout  # the good file was linted


def test_depth_limit_is_the_same_for_every_format() -> None:
    ok_json = b'{"a": ' + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"}\n"
    assert Document.from_bytes(ok_json).data["a"] is not None
    deep = MAX_DEPTH + 1
    for raw in (
        b'{"a": ' + b"[" * deep + b"]" * deep + b"}\n",
        b"+++\na = " + b"[" * deep + b"]" * deep + b"\n+++\n",
        b"---\na: " + b"[" * deep + b"]" * deep + b"\n---\n",
    ):
        with pytest.raises(UnsafeContentError, match=f"nested more than {MAX_DEPTH} deep"):
            Document.from_bytes(raw, "f.md")


def test_big_plain_mapping_says_what_is_wrong() -> None:
    raw = ("---\n" + "".join(f"k{i}: {i}\n" for i in range(200_000)) + "---\n").encode()
    started = time.monotonic()
    with pytest.raises(UnsafeContentError) as info:
        Document.from_bytes(raw, "big.md")
    assert time.monotonic() - started < 10
    assert "Curator reads front matter up to" in info.value.message
    assert "alias" not in info.value.message


def test_many_values_without_aliases_are_not_called_an_alias_bomb() -> None:
    raw = ("---\nk: [" + ",".join("1" * 1 for _ in range(210_000)) + "]\n---\n").encode()
    with pytest.raises(UnsafeContentError) as info:
        Document.from_bytes(raw, "many.md")
    assert "front matter holds too many values" in info.value.message
    assert "alias" not in info.value.message


def test_application_tags_are_read_as_plain_data_and_stay_editable() -> None:
    raw = b"---\ntitle: !local Hello\ncount: !n 12\nmeta: !thing\n  k: v\n---\nbody\n"
    doc = Document.from_bytes(raw, "t.md")
    assert doc.data == {"title": "Hello", "count": 12, "meta": {"k": "v"}}
    assert doc.read_only_reason is None
    assert doc.to_bytes() == raw
    doc.set("meta.k", "w")
    assert doc.to_bytes() == raw.replace(b"k: v", b"k: w")


def test_yaml_namespace_tags_stay_refused() -> None:
    for raw in (b"---\na: !!python/name:os.system x\n---\n", b"---\na: !!binary aGk=\n---\n"):
        with pytest.raises(UnsafeContentError, match="not allowed"):
            Document.from_bytes(raw, "t.md")


@pytest.mark.parametrize(
    "raw",
    [
        "---\n\ufefftitle: x\n---\nbody\n",
        "\ufeff---\ntitle: x\n---\nbody\n",
        "\ufeff---\r\n\ufefftitle: x\r\n---\r\nbody\r\n",
        '+++\n\ufefftitle = "x"\n+++\nbody\n',
    ],
)
def test_bom_inside_the_fence_opens_editable(raw: str) -> None:
    doc = Document.from_bytes(raw.encode(), "b.md")
    assert doc.data == {"title": "x"}
    assert doc.to_bytes() == raw.encode()
    doc.set("title", "z")
    assert doc.to_bytes() == raw.replace("x", "z").encode()


def test_library_reports_toml_and_json_errors_at_their_file_line(tmp_path: Path) -> None:
    from curator_app.core.library.scan import read_front_values

    with pytest.raises(ParseError) as info:
        read_front_values(b'+++\ntitle = "a"\ntitle = "b"\n+++\n', "t.md")
    assert (info.value.line, info.value.column) == (3, 12), str(info.value)
    with pytest.raises(ParseError) as info:
        read_front_values(b'---json\n{\n  "a": 1,\n}\n---\n', "j.md")
    assert (info.value.line, info.value.column) == (4, 1), str(info.value)
    with pytest.raises(UnsafeContentError):
        read_front_values(b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}\n", "deep.md")


def test_string_values_of_a_mapping_read_as_the_core_schema_says() -> None:
    """Mapping values that are strings skip the conversion call: the reading must not change."""
    raw = (b"---\nempty:\nquoted: ''\nnull: ~\nword: x\nnum: 1\nstr: !!str 5\nq: \"1\"\n"
           b"yes: true\nplain: hello world\nfolded: >-\n  a\n  b\napp: !x 2\n---\n")
    assert Document.from_bytes(raw, "t.md").data == {
        "empty": None, "quoted": "", "null": None, "word": "x", "num": 1, "str": "5", "q": "1",
        "yes": True, "plain": "hello world", "folded": "a b", "app": 2,
    }


def test_limits_hold_for_mappings_of_strings() -> None:
    many = ("---\n" + "".join(f"k{i}: v\n" for i in range(200_001)) + "---\n").encode()
    with pytest.raises(UnsafeContentError, match="Curator reads"):
        Document.from_bytes(many, "big.md")
    def nested(levels: int) -> bytes:
        keys = "".join("  " * i + f"k{i}:\n" for i in range(levels))
        return ("---\n" + keys + "  " * levels + "x: v\n---\n").encode()

    # The front matter itself is one level: the deepest string allowed.
    assert Document.from_bytes(nested(MAX_DEPTH - 2), "ok.md").data["k0"]
    deep = nested(MAX_DEPTH - 1).decode()
    with pytest.raises(UnsafeContentError, match=f"nested more than {MAX_DEPTH} deep"):
        Document.from_bytes(deep.encode(), "deep.md")
