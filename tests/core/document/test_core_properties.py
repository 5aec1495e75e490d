"""Property tests of the document core (hypothesis).

Random documents are rendered here in many YAML styles (block/flow, plain/quoted/folded/
literal, LF/CRLF, comments, indents). For each: parsing gives the generated values and
emitting gives the input bytes; a random sequence of set/delete/add edits gives exactly
the intended values, and every top-level entry no edit touched keeps its bytes.

`HYPOTHESIS_PROFILE=heavy` runs many more examples (marked slow).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.errors import EditError

settings.register_profile(
    "core",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "heavy",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "core")
settings.load_profile(PROFILE if PROFILE in ("core", "heavy") else "core")

# --- values -----------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("abcxyzABC019 .,:#'\"-_/?!&*@%[]{}|>~=\\éß你好🎉\t"))
_WORDS = st.sampled_from(
    ["the", "plan", "UK", "NHS", "yes", "no", "null", "true", "1.5", "0x1F", "2021-05-21", "A:", "b#",
     "it's", '"q"', "- x", "? y", "~", "on", "1e3", "0o7", "@at", "`tick`"]
)

strings = st.one_of(
    st.text(_ALPHABET, max_size=12),
    st.sampled_from(["👍🏽", "  two  spaces", " lead", "trail ", "", "a\u00a0b"]),
    st.lists(_WORDS, min_size=1, max_size=6).map(" ".join),
    st.lists(_WORDS, min_size=12, max_size=30).map(" ".join),  # long: folds
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),  # numbers as strings
    st.lists(st.sampled_from(["line one", "two", "  indented", "x: y"]), min_size=2, max_size=4).map("\n".join),
)
scalars = st.one_of(
    strings,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
)
keys = st.one_of(
    st.from_regex(r"[a-z][a-zA-Z0-9_]{0,10}", fullmatch=True),
    st.sampled_from(["msvalidate.01", "og:title", "a.b.c", "with space", "x-y", "2024", "Title"]),
)


def _values(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return scalars
    inner = _values(depth - 1)
    return st.one_of(
        scalars,
        scalars,
        st.lists(inner, max_size=4),
        st.dictionaries(keys, inner, max_size=4),
    )


documents = st.dictionaries(keys, _values(2), min_size=1, max_size=8)

# --- rendering --------------------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 _./'-]*[A-Za-z0-9.]|[A-Za-z]")
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "nan", "inf"}


@dataclass
class Render:
    """Random style choices, drawn once per document."""

    draw: Any
    nl: str = "\n"
    lines: list[str] = field(default_factory=list)

    def choice(self, options: list[Any]) -> Any:
        return self.draw(st.sampled_from(options))

    def key(self, k: str) -> str:
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.:-]*", k) and k[-1] != ":" and k.lower() not in _YAML_WORDS:
            return k
        return "'" + k.replace("'", "''") + "'"

    def flow_scalar(self, v: Any) -> str:
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)  # YAML has no surrogate-pair escapes
        return json.dumps(v)

    def flow(self, v: Any) -> str:
        if isinstance(v, dict):
            return "{" + ", ".join(f"{self.key(str(k))}: {self.flow(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(self.flow(x) for x in v) + "]"
        return self.flow_scalar(v)

    def scalar(self, v: Any, indent: int) -> str:
        """Text after `key:` or `- ` (starts with a space or a newline)."""
        if v is None:
            return self.choice([" null", " ~", "", " Null"])
        if isinstance(v, bool | int):
            return " " + json.dumps(v)
        s: str = v
        pad = " " * indent
        options = ["single", "double"]
        if _PLAIN_SAFE.fullmatch(s) and s.lower() not in _YAML_WORDS and "  " not in s:
            options.append("plain")
        if "\n" not in s and s and s == s.strip() and "  " not in s and s.isprintable() and len(s) > 20:
            options.append("folded")
        if "\n" in s and s.strip() and not s[0].isspace() and all(x.isprintable() for x in s.split("\n")):
            options.append("literal")
        style = self.choice(options)
        if style == "plain":
            return " " + s
        if style == "single" and s.isprintable():
            return " '" + s.replace("'", "''") + "'"
        if style == "folded":
            width = self.choice([20, 40, 80])
            words = s.split(" ")
            out, cur = [], words[0]
            for w in words[1:]:
                if len(cur) + 1 + len(w) > width:
                    out.append(cur)
                    cur = w
                else:
                    cur += " " + w
            out.append(cur)
            return " >-" + "".join(self.nl + pad + line for line in out)
        if style == "literal":
            return " |-" + "".join(self.nl + (pad + line if line else "") for line in s.split("\n"))
        return " " + json.dumps(s, ensure_ascii=False)

    def comment(self) -> str:
        return self.choice(["", "", "", "  # note", " # é #x"])

    def block(self, v: Any, col: int) -> str:
        """Text after `key:` for value v whose key is at column col."""
        if isinstance(v, dict) and v:
            if self.choice([True, False, False]):
                return " " + self.flow(v) + self.comment()
            ind = col + self.choice([2, 4])
            parts = []
            for k, x in v.items():
                parts.append(self.nl + " " * ind + self.key(str(k)) + ":" + self.block(x, ind))
            return "".join(parts)
        if isinstance(v, list) and v:
            if self.choice([True, False, False]):
                return " " + self.flow(v) + self.comment()
            dash = col + self.choice([0, 2]) if col >= 0 else 0
            parts = []
            for x in v:
                parts.append(self.nl + " " * dash + "-" + self.item(x, dash))
            return "".join(parts)
        if isinstance(v, dict | list):
            return " " + ("{}" if isinstance(v, dict) else "[]")
        text = self.scalar(v, col + 2)
        if text and not text.lstrip().startswith((">", "|")):
            text += self.comment()
        return text

    def item(self, v: Any, dash: int) -> str:
        if isinstance(v, dict) and v:
            inner = dash + 2
            parts = []
            for i, (k, x) in enumerate(v.items()):
                lead = " " if i == 0 else self.nl + " " * inner
                parts.append(lead + self.key(str(k)) + ":" + self.block(x, inner))
            return "".join(parts)
        if isinstance(v, list) and v:
            return " " + self.flow(v)
        return self.block(v, dash + 2) if not isinstance(v, dict | list) else " " + self.flow(v)


def render(draw: Any, data: dict[str, Any]) -> bytes:
    r = Render(draw, nl=draw(st.sampled_from(["\n", "\r\n"])))
    out = ["---"]
    for k, v in data.items():
        if r.choice([False, False, True]):
            out.append("# " + r.choice(["comment", "section: x", "é"]))
        out.append(r.key(str(k)) + ":" + r.block(v, 0))
    out.append("---")
    body = r.choice(["", "Body\twith tab", "<p>ok</p>"])
    text = r.nl.join(out) + r.nl + body
    return text.encode("utf-8")


@st.composite
def rendered(draw: Any) -> tuple[dict[str, Any], bytes]:
    data = draw(documents)
    return data, render(draw, data)


# --- properties -------------------------------------------------------------------------


@given(rendered())
def test_parse_then_emit_is_identity(case: tuple[dict[str, Any], bytes]) -> None:
    data, raw = case
    doc = Document.from_bytes(raw)
    assert doc.data == data
    assert doc.to_bytes() == raw
    assert doc._split.join().encode("utf-8") == raw


edits = st.lists(
    st.tuples(st.sampled_from(["set", "set", "delete", "add", "nested"]), st.integers(0, 100), _values(1)),
    min_size=1,
    max_size=6,
)


def _entry_text(doc: Document, key: str) -> str:
    span = doc.line_span((key,))
    assert span is not None
    lines = doc.to_bytes().decode("utf-8").splitlines(keepends=True)
    return "".join(lines[span[0] - 1 : span[1]])


@given(rendered(), edits)
def test_random_edits_are_minimal_and_exact(case: tuple[dict[str, Any], bytes], ops: list[Any]) -> None:
    data, raw = case
    doc = Document.from_bytes(raw)
    before = {k: _entry_text(doc, k) for k in data}
    model = json.loads(json.dumps(data))
    touched: set[str] = set()
    for op, n, value in ops:
        top = list(model)
        key: KeyPath
        if op == "add" or not top:
            key = (f"new_key_{n}",)
        elif op == "nested":
            k = top[n % len(top)]
            key = (k, f"sub{n}") if isinstance(model[k], dict) else (k,)
        else:
            key = (top[n % len(top)],)
        snapshot = doc.to_bytes()
        try:
            if op == "delete" and key[0] in model:
                doc.delete(key)
                del model[key[0]]
            else:
                doc.set(key, value)
                if len(key) == 2:
                    model[key[0]][key[1]] = value
                else:
                    model[key[0]] = value
        except EditError:
            assert doc.to_bytes() == snapshot, "a refused edit changed the document"
            raise
        touched.add(str(key[0]))
        assert doc.data == model
    out = doc.to_bytes()
    again = Document.from_bytes(out)
    assert again.data == model
    for k in data:
        if k not in touched:
            assert _entry_text(again, k) == before[k], f"untouched key {k!r} changed"
    nl = "\r\n" if raw.startswith(b"---\r\n") else "\n"
    assert out.decode("utf-8").count(nl) == out.decode("utf-8").count("\n") or nl == "\n"


@pytest.mark.slow
@settings(max_examples=2000)
@given(rendered(), edits)
def test_random_edits_heavy(case: tuple[dict[str, Any], bytes], ops: list[Any]) -> None:
    test_random_edits_are_minimal_and_exact.hypothesis.inner_test(case, ops)  # type: ignore[attr-defined]


def test_regression_keep_chomped_block_edit() -> None:
    raw = b"---\nk: |+\n  keep\n\nz: end\n---\n"
    doc = Document.from_bytes(raw)
    doc.set("k", "new\n\n")
    assert doc.to_bytes() == b"---\nk: |+\n  new\n\nz: end\n---\n"
    doc.set("k", "plain")
    assert doc.to_bytes() == b"---\nk: plain\nz: end\n---\n"


def test_regression_flow_null_with_empty_null_style() -> None:
    raw = b"---\nreturnType:\nsignatures: [A.B C]\n---\n"
    doc = Document.from_bytes(raw)
    doc.set(("signatures", 0), None)
    assert doc.get("signatures") == [None]
    assert doc.to_bytes() == b"---\nreturnType:\nsignatures: [null]\n---\n"
    doc.set("returnType", None)  # unchanged value: no edit at all
    doc.set("added", None)
    assert doc.to_bytes().endswith(b"signatures: [null]\nadded:\n---\n")


def test_regression_move_only_key_and_yaml12_numbers() -> None:
    doc = Document.from_bytes(b"---\nonly: 1\nm:\n  one: x\n---\n")
    doc.move(("m", "one"), 0)
    doc.move(("only",), 5)
    assert doc.to_bytes() == b"---\nm:\n  one: x\nonly: 1\n---\n"
    assert Document.from_bytes(b"---\na: 1e3\nb: !!str 1e3\n---\n").data == {"a": 1000.0, "b": "1e3"}


def test_regression_toml_null_and_list_path() -> None:
    doc = Document.from_bytes(b'+++\ntitle = "a"\ntags = ["x", "y"]\n+++\n')
    with pytest.raises(EditError):
        doc.set("title", None)
    doc.delete(("tags", 0))
    assert doc.get("tags") == ["y"]
    with pytest.raises(EditError):
        doc.set(("tags", 5, "x"), 1)
    assert doc.to_bytes() == b'+++\ntitle = "a"\ntags = ["y"]\n+++\n'



def test_regression_block_entry_ends_before_next_keys_comment() -> None:
    raw = b"---\nm:\n  x: 1\ne: []\n# about og\nog: 2\nl:\n  - a\n# about z\nz: 1\n---\n"
    doc = Document.from_bytes(raw)
    assert doc.line_span("m") == (2, 3)
    assert doc.line_span("l") == (7, 8)
    doc.delete("e")
    doc.delete("l")
    assert doc.to_bytes() == b"---\nm:\n  x: 1\n# about og\nog: 2\n# about z\nz: 1\n---\n"


def test_regression_empty_null_spelling_has_no_trailing_blank() -> None:
    doc = Document.from_bytes(b"---\nc:\na: ''\nb:   \n---\n")
    doc.set("a", None)
    assert doc.front_text == "c:\na:\nb:   \n"
    doc.set("a", "line one\nline two")
    doc.set("b", "v")
    assert doc.front_text == "c:\na: |-\n  line one\n  line two\nb: v\n"


def test_null_written_as_nothing_then_set_keeps_the_comment_apart() -> None:
    # Found by the property test: `key:  # note` (the file's empty null) set to a value
    # must not glue the value to the comment (`''# note` is not YAML).
    raw = b"---\nd: ''  # note\nog:title:\n---\n"
    doc = Document.from_bytes(raw)
    doc.set(("d",), None)
    assert doc.to_bytes() == b"---\nd:  # note\nog:title:\n---\n"
    doc.set(("d",), "")
    assert doc.to_bytes() == raw
