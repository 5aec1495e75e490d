"""Property tests of TOML front matter (hypothesis), as deep as the YAML ones.

Random documents are rendered in many TOML styles: basic and literal strings, inline
arrays and inline tables, dotted keys, `[tables]`, `[[arrays of tables]]`, full-line and
trailing comments, blank lines, LF or CRLF. For each: parsing gives the generated values
and an unedited document gives back its bytes; a random sequence of edits — including
ones that change a value's type (a table or array of tables to a scalar, a scalar to a
table) — either gives exactly the intended values, read back by the standard library's
strict `tomllib` from the bytes that would be written, or is refused leaving the document
as it was. Untouched entries keep their lines and their comments.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator_app.core.document.document import Document
from curator_app.core.document.split import split
from curator_app.core.errors import EditError

settings.register_profile(
    "toml",
    max_examples=10,
    derandomize=True,  # the same documents every run: a bounded, repeatable time in the suite
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_ALPHABET = st.sampled_from(list("abcxyzABC019 .,:#'\"-_/=[]{}+\\é你🎉\t"))
strings = st.one_of(
    st.text(_ALPHABET, max_size=12),
    st.sampled_from(["", "+++", "a\nb", "[[arr]]", "x = 1", "# not a comment"]),
)
scalars = st.one_of(
    strings,
    st.integers(min_value=-(2**40), max_value=2**40),
    st.booleans(),
    st.sampled_from([1.5, -0.25, 1e10]),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
bare_keys = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)
keys = st.one_of(bare_keys, st.sampled_from(["with space", "og:title", "a.b", "2024"]))
arrays = st.lists(scalars, max_size=4)
inline_tables = st.dictionaries(keys, st.one_of(scalars, arrays), max_size=3)
leaf_values = st.one_of(scalars, scalars, arrays, inline_tables)


def _key(k: str) -> str:
    return k if k and all((c.isalnum() and c.isascii()) or c in "-_" for c in k) else json.dumps(k)


def _string(draw: Any, s: str) -> str:
    if "'" not in s and "\n" not in s and "\t" not in s and draw(st.booleans()):
        return f"'{s}'"  # a literal string
    return json.dumps(s, ensure_ascii=False)  # (JSON's \\u escapes of emoji are surrogates, not TOML)


def _value(draw: Any, v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, dt.date)):
        return v.isoformat() if isinstance(v, dt.date) else repr(v)
    if isinstance(v, str):
        return _string(draw, v)
    if isinstance(v, list):
        sep = draw(st.sampled_from([", ", ",", " , "]))
        trailing = "," if v and draw(st.booleans()) else ""
        return "[" + sep.join(_value(draw, x) for x in v) + trailing + "]"
    return "{" + ", ".join(f"{_key(k)} = {_value(draw, x)}" for k, x in v.items()) + "}"


@st.composite
def documents(draw: Any) -> tuple[dict[str, Any], bytes]:
    """A TOML front matter of top-level entries, then dotted keys, tables and arrays of tables."""
    names = draw(st.lists(bare_keys, min_size=1, max_size=9, unique=True))
    data: dict[str, Any] = {}
    lines: list[str] = []
    sections: list[str] = []
    for name in names:
        kind = draw(st.sampled_from(["value", "value", "value", "dotted", "table", "aot"]))
        comment = f"# about {name}"
        if draw(st.booleans()):
            lines.append(comment)
        if kind == "value":
            v = draw(leaf_values)
            trail = f"  # {name} note" if draw(st.booleans()) else ""
            lines.append(f"{name} = {_value(draw, v)}{trail}")
            data[name] = v
        elif kind == "dotted":
            sub = draw(st.dictionaries(bare_keys, scalars, min_size=1, max_size=3))
            lines.extend(f"{name}.{k} = {_value(draw, x)}" for k, x in sub.items())
            data[name] = sub
        elif kind == "table":
            sub = draw(st.dictionaries(bare_keys, st.one_of(scalars, arrays), max_size=3))
            sections.append("\n".join([f"[{name}]", *(f"{k} = {_value(draw, x)}" for k, x in sub.items())]))
            data[name] = sub
        else:
            items = draw(st.lists(st.dictionaries(bare_keys, scalars, max_size=2), min_size=1, max_size=3))
            for item in items:
                sections.append("\n".join([f"[[{name}]]", *(f"{k} = {_value(draw, x)}" for k, x in item.items())]))
            data[name] = items
        if draw(st.integers(0, 4)) == 0:
            lines.append("")
    text = "\n".join(lines + [s + ("\n" if draw(st.booleans()) else "") for s in sections]) + "\n"
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    raw = ("+++\n" + text + "+++\nThe body.\n").replace("\n", newline)
    return data, raw.encode("utf-8")


new_values = st.one_of(
    leaf_values,
    st.dictionaries(bare_keys, scalars, min_size=1, max_size=2),  # becomes a table
    st.lists(st.dictionaries(bare_keys, scalars, min_size=1, max_size=2), min_size=1, max_size=2),  # tables
)
edits = st.lists(
    st.tuples(st.sampled_from(["set", "set", "delete", "add", "nested"]), st.integers(0, 100), new_values),
    min_size=1,
    max_size=5,
)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


@settings(settings.get_profile("toml"))
@given(documents())
def test_toml_parse_then_emit_is_identity(case: tuple[dict[str, Any], bytes]) -> None:
    data, raw = case
    doc = Document.from_bytes(raw)
    assert doc.format == "toml"
    assert _plain(doc.data) == _plain(data)
    assert doc.to_bytes() == raw


@settings(settings.get_profile("toml"))
@given(documents(), edits)
def test_toml_random_edits_are_exact_or_refused(case: tuple[dict[str, Any], bytes], ops: list[Any]) -> None:
    data, raw = case
    doc = Document.from_bytes(raw)
    model = _plain(data)
    text = raw.decode("utf-8")
    touched: set[str] = set()
    for op, n, value in ops:
        top = list(model)
        if op == "add" or not top:
            key: tuple[Any, ...] = (f"new_{n}",)
        elif op == "nested":
            k = top[n % len(top)]
            target = model[k]
            if isinstance(target, dict):
                key = (k, f"sub{n}")
            elif isinstance(target, list) and target and all(isinstance(x, dict) for x in target):
                key = (k, n % len(target), f"sub{n}")  # a key inside one [[table]]
            else:
                key = (k,)
        else:
            key = (top[n % len(top)],)
        before = doc.to_bytes()
        try:
            if op == "delete" and key[0] in model:
                doc.delete(key)
                del model[key[0]]
            else:
                doc.set(key, value)
                node = model
                for part in key[:-1]:
                    node = node[part]
                node[key[-1]] = _plain(value)
        except EditError:
            assert doc.to_bytes() == before, "a refused edit changed the document"
            continue
        touched.add(key[0])
        assert _plain(doc.data) == model
        # The bytes that would be written, read by the strict standard-library parser.
        written = doc.to_bytes().decode("utf-8")
        again = split(written)
        assert again.format == "toml" and again.body == doc.body
        assert _plain(tomllib.loads(again.front)) == model
    out = doc.to_bytes().decode("utf-8")
    newline = "\r\n" if raw.startswith(b"+++\r\n") else "\n"
    for line in text.split(newline):
        name = line.split(" = ")[0].split(".")[0].removeprefix("# about ")
        if line and not line.startswith(("[", "+++")) and name in data and name not in touched:
            assert line + newline in out, f"untouched line {line!r} changed or went"
    if newline == "\r\n":
        assert out.count("\n") == out.count("\r\n"), "a bare LF in a CRLF file"
