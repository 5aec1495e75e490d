"""Invariant 1: an unedited document gives back its input bytes, for every shape of file.

Each case also checks what was read (a parser that returns the bytes but misreads the
values would pass a bytes-only test), and that re-setting every value to itself leaves
the bytes unchanged through the edit machinery, not only through the unedited shortcut.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import EditError

CASES: dict[str, tuple[bytes, dict[str, Any]]] = {
    "comments": (
        b"---\n# leading comment\ntitle: Hello # trailing\n  # indented comment\ntags:\n  - a # one\n"
        b"  # between items\n  - b\n---\nbody\n",
        {"title": "Hello", "tags": ["a", "b"]},
    ),
    "anchors_aliases": (
        b"---\nbase: &b {x: 1, y: 2}\ncopy: *b\nname: &n Jo\nwho: *n\n---\n",
        {"base": {"x": 1, "y": 2}, "copy": {"x": 1, "y": 2}, "who": "Jo"},
    ),
    "merge_keys": (
        b"---\ndefaults: &d\n  a: 1\n  b: 2\nitem:\n  <<: *d\n  b: 3\n---\n",
        {"item": {"a": 1, "b": 3}},
    ),
    "flow_collections": (
        b"---\ntags: [a, 'b c', \"d\"]\nmeta: {k: v, n: 1}\nempty: []\nnone: {}\n---\n",
        {"tags": ["a", "b c", "d"], "meta": {"k": "v", "n": 1}, "empty": [], "none": {}},
    ),
    "block_scalars": (
        b"---\nf: >-\n  folded\n  text\ng: >\n  kept\n  newline\nl: |\n  line1\n  line2\nm: |-\n  x\n  y\n"
        b"k: |+\n  keep\n\nz: end\n---\n",
        {"f": "folded text", "g": "kept newline\n", "l": "line1\nline2\n", "m": "x\ny", "k": "keep\n\n"},
    ),
    "nulls": (
        b"---\na: null\nb: ~\nc:\nd: Null\ne: ''\n---\n",
        {"a": None, "b": None, "c": None, "d": None, "e": ""},
    ),
    "quoting": (
        b"---\ns: 'it''s'\nd: \"tab\\there \\u00e9\"\np: a:b c#d\nn: '123'\nb: 'true'\nv: yes\n---\n",
        {"s": "it's", "d": "tab\there \u00e9", "p": "a:b c#d", "n": "123", "b": "true", "v": "yes"},
    ),
    "multiline_plain": (
        b"---\ntitle: a long plain\n  scalar over\n  three lines\nnext: 1\n---\n",
        {"title": "a long plain scalar over three lines", "next": 1},
    ),
    "types": (
        b"---\ni: 42\nneg: -7\nf: 3.5\nexp: 1e3\noct: 0o17\nhex: 0x1F\nt: true\nd: 2021-05-21\n"
        b"ts: 2021-05-21T01:04:14-04:00\ninf: .inf\n---\n",
        {
            "i": 42,
            "neg": -7,
            "f": 3.5,
            "exp": 1000.0,
            "oct": 15,
            "hex": 31,
            "t": True,
            "d": dt.date(2021, 5, 21),
            "ts": dt.datetime(2021, 5, 21, 1, 4, 14, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
            "inf": float("inf"),
        },
    ),
    "crlf": (
        b"---\r\ntitle: CRLF\r\ntags:\r\n  - a\r\n---\r\nbody\r\nline 2\r\n",
        {"title": "CRLF", "tags": ["a"]},
    ),
    "mixed_line_ends": (
        b"---\r\ntitle: mixed\nother: x\r\n---\nbody\r\nmore\n",
        {"title": "mixed", "other": "x"},
    ),
    "bom": ("\ufeff---\ntitle: BOM\n---\nbody\n".encode(), {"title": "BOM"}),
    "no_final_newline": (b"---\ntitle: x\n---\nbody without newline", {"title": "x"}),
    "no_body": (b"---\ntitle: x\n---\n", {"title": "x"}),
    "closer_at_eof": (b"---\ntitle: x\n---", {"title": "x"}),
    "empty_front": (b"---\n---\nbody\n", {}),
    "comment_only_front": (b"---\n# nothing yet\n---\nbody\n", {}),
    "tabs_in_body": (b"---\ntitle: x\n---\n\tindented\twith tabs\n\t\n", {"title": "x"}),
    "non_ascii": (
        "---\ntitle: 你好, 世界 🎉\nname: 'Zoë'\nemoji: \"👍🏽\"\n---\nÅ body ✓\n".encode(),
        {"title": "你好, 世界 🎉", "name": "Zoë", "emoji": "👍🏽"},
    ),
    "dotted_keys": (
        b"---\nhtmlMetaData:\n  msvalidate.01: ABC\n  og:title: x\n'a.b': 1\n---\n",
        {"htmlMetaData": {"msvalidate.01": "ABC", "og:title": "x"}, "a.b": 1},
    ),
    "nested_lists_of_maps": (
        b"---\nmenu:\n  main:\n    - name: Home\n      weight: 1\n    -   name: Odd\n        weight: 2\n---\n",
        {"menu": {"main": [{"name": "Home", "weight": 1}, {"name": "Odd", "weight": 2}]}},
    ),
    "zero_indent_sequence": (b"---\ntags:\n- a\n- b\n---\n", {"tags": ["a", "b"]}),
    "jekyll_dots_closer": (b"---\ntitle: x\n...\nbody\n", {"title": "x"}),
    "leading_blank_line": (b"\n---\ntitle: x\n---\n", {"title": "x"}),
    "toml": (
        b'+++\n# comment\ntitle = "T" # trailing\ndate = 2021-05-21\ntags = ["a", "b"]\n\n[extra]\nk = 1\n+++\nbody\n',
        {"title": "T", "date": dt.date(2021, 5, 21), "tags": ["a", "b"], "extra": {"k": 1}},
    ),
    "toml_crlf": (b'+++\r\ntitle = "T"\r\n+++\r\nbody\r\n', {"title": "T"}),
    "json_braces": (
        b'{\n    "title": "J",\n    "tags": ["a"],\n    "n": null\n}\nbody\n',
        {"title": "J", "tags": ["a"], "n": None},
    ),
    "json_fenced": (b'---json\n{\n  "title": "J",\n  "x": {"y": 1}\n}\n---\nbody\n', {"title": "J", "x": {"y": 1}}),
    "no_front_matter": (b"# Just markdown\n\nText.\n", {}),
    "empty_file": (b"", {}),
    "only_front_matter_no_newline": (b"---\na: 1\n---", {"a": 1}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unedited_bytes_come_back(name: str) -> None:
    raw, expected = CASES[name]
    doc = Document.from_bytes(raw)
    assert doc.to_bytes() == raw
    assert doc._split.join().encode("utf-8") == raw
    for key, value in expected.items():
        assert doc.get((key,)) == value, key
    if not expected:
        assert doc.data == {}


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict) and data:
        return [leaf for k, v in data.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(data, list) and data:
        return [leaf for i, v in enumerate(data) for leaf in _leaves(v, (*path, i))]
    return [(path, data)]


# Values whose text cannot be reproduced from the value alone (the edit rewrites them in
# the file's style, which is allowed: they are the edited key's own lines).
REWRITTEN = {
    ("quoting", ("v",)),  # `yes` plain: a YAML 1.1 bool, written back quoted for safety
    ("quoting", ("d",)),  # escapes are re-spelled (`\\u00e9` -> `é`)
    ("anchors_aliases", ("who",)),  # an alias use is replaced by the value
    ("merge_keys", ("item", "a")),  # a merged value becomes an explicit key
    ("block_scalars", ("f",)),  # a short string is not folded (js-yaml folds only long lines)
    ("multiline_plain", ("title",)),  # multi-line plain scalars are joined
    ("types", ("exp",)),  # 1e3 is written as 1000.0
    ("types", ("oct",)),
    ("types", ("hex",)),
    ("nulls", ("b",)),  # ~ and Null become the file's most common null spelling
    ("nulls", ("c",)),
    ("nulls", ("d",)),
    ("block_scalars", ("g",)),  # `>` (clip) is written as a `|` block
}


# Edits refused on purpose: the value is shared through an anchor, so changing it here
# would change its aliases too.
REFUSED = {
    ("anchors_aliases", ("base", "x")),
    ("anchors_aliases", ("base", "y")),
    ("anchors_aliases", ("copy", "x")),
    ("anchors_aliases", ("copy", "y")),
    ("anchors_aliases", ("name",)),
    ("merge_keys", ("defaults", "a")),
    ("merge_keys", ("defaults", "b")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_setting_each_value_to_itself_changes_nothing(name: str) -> None:
    raw, _ = CASES[name]
    doc = Document.from_bytes(raw)
    if doc.format not in ("yaml", "toml") or not doc.data:
        return
    for path, value in _leaves(doc.data):
        if not path:
            continue
        d = Document.from_bytes(raw)
        d.set(path, value)  # the public API skips same-value edits entirely
        assert d.to_bytes() == raw, path
        # The backend itself re-writes the value's text: it must come out the same.
        front = d._front
        assert front is not None
        try:
            front.set(path, value)
        except EditError as exc:
            if (name, path) in REFUSED:
                continue
            pytest.fail(f"{path}: {exc}")
        assert (name, path) not in REFUSED, "now editable: remove from REFUSED"
        assert d.data == doc.data, path
        if (name, path) in REWRITTEN:
            assert d.to_bytes() != raw, f"{path} is now kept: remove it from REWRITTEN"
        else:
            assert d.to_bytes() == raw, path


def test_line_ends_and_bom_reported() -> None:
    assert Document.from_bytes(CASES["crlf"][0]).newline == "\r\n"
    assert Document.from_bytes(CASES["no_body"][0]).newline == "\n"
    assert Document.from_bytes(CASES["bom"][0])._split.bom


@pytest.mark.parametrize("name", ["json_braces", "json_fenced", "toml", "no_front_matter", "empty_file"])
def test_formats_detected(name: str) -> None:
    fmt = {"json_braces": "json", "json_fenced": "json", "toml": "toml"}.get(name, "none")
    assert Document.from_bytes(CASES[name][0]).format == fmt


def test_js_front_matter_is_read_only() -> None:
    raw = b"---js\n{ title: 'x' }\n---\nbody\n"
    doc = Document.from_bytes(raw)
    assert doc.format == "unsupported" and doc.read_only_reason
    assert doc.to_bytes() == raw
    with pytest.raises(EditError):
        doc.set(("title",), "y")
    with pytest.raises(EditError):
        doc.body = "new"
    assert doc.to_bytes() == raw


def test_body_edit_keeps_front_bytes() -> None:
    raw = CASES["comments"][0]
    doc = Document.from_bytes(raw)
    doc.body = "new body\n"
    out = doc.to_bytes()
    assert out == raw[: raw.index(b"---\nbody")] + b"---\nnew body\n"
