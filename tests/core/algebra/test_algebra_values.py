"""One equality rule, one absent marker, one key-path spelling, used everywhere."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from curator_app.core.algebra import diff, merge3
from curator_app.core.algebra.keypath import format_key, parse_dotted
from curator_app.core.algebra.values import MISSING, same
from curator_app.core.document.document import Document
from curator_app.core.lint import engine
from curator_app.core.preview.meta import lookup


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (1, 1.0, False),
        (True, 1, False),
        ("2021", 2021, False),
        (dt.date(2024, 1, 2), dt.datetime(2024, 1, 2), False),
        (float("nan"), float("nan"), True),
        ((1, "a"), [1, "a"], True),
        ({"a": [1, {"b": None}]}, {"a": [1, {"b": None}]}, True),
        ({"a": 1}, {"a": 1.0}, False),
        (None, MISSING, False),
    ],
)
def test_same_tells_apart_what_the_file_tells_apart(a: object, b: object, equal: bool) -> None:
    assert same(a, b) is equal and same(b, a) is equal


def test_one_missing_marker_survives_copies() -> None:
    assert diff.MISSING is MISSING and merge3.MISSING is MISSING and engine.DELETE is MISSING
    assert copy.deepcopy({"k": MISSING})["k"] is MISSING and not MISSING


def test_int_to_float_is_an_edit_and_a_field_change() -> None:
    doc = Document.from_bytes(b"---\nweight: 1\n---\n")
    before = doc.to_bytes()
    doc.set(("weight",), 1.0)
    assert doc.to_bytes() != before
    assert [c.key for c in diff.field_changes(Document.from_bytes(before), doc)] == [("weight",)]


@pytest.mark.parametrize("key", [("htmlMetaData", "msvalidate.01"), ("a\\b", "c"), ("tags", "0")])
def test_key_paths_round_trip_through_their_dotted_form(key: tuple[str, ...]) -> None:
    assert parse_dotted(format_key(key)) == key


def test_lookup_reads_escaped_dots() -> None:
    data = {"htmlMetaData": {"msvalidate.01": "x"}}
    assert lookup(data, "htmlmetadata.msvalidate\\.01") == ("x", ("htmlMetaData", "msvalidate.01"))
