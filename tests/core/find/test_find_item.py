"""Find and replace inside one item: fields and body text, never markup; lossless edits."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.find.item import (
    Hit,
    find_in_document,
    find_in_text,
    replace_all,
    replace_hits,
    text_spans,
)
from curator_app.core.find.query import Query

ITEM = b"""---
title: The genome plan
tags:
  - Genome
  - News
htmlMetaData:
  ogtitle: 'Genome: the plan'
count: 3
---
<p class="genome">A genome <a href="https://x.org/genome" title="genome">genome link</a></p><!-- genome -->
{{< figure src="genome.png" >}}
"""


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
    return sorted(line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))


def test_hits_are_in_fields_and_body_text_only() -> None:
    doc = Document.from_bytes(ITEM)
    hits = find_in_document(doc, Query("genome"))
    assert [h.label for h in hits] == ["title", "tags.0", "htmlMetaData.ogtitle", "body", "body"]
    body = doc.body
    for hit in hits:
        if hit.key == BODY_KEY:
            # never inside a tag, an attribute, a comment or a shortcode
            assert body[hit.start : hit.end].lower() == "genome"
            assert any(lo <= hit.start and hit.end <= hi for lo, hi in text_spans(body))
    assert [body[h.start - 2 : h.end] for h in hits if h.key == BODY_KEY] == ["A genome", '">genome']


def test_replace_all_changes_only_the_lines_holding_hits() -> None:
    doc = Document.from_bytes(ITEM)
    keys = replace_all(doc, Query("genome", "exome"))
    assert keys == [("title",), ("tags", 0), ("htmlMetaData", "ogtitle"), BODY_KEY]
    after = doc.to_bytes()
    assert changed_lines(ITEM, after) == sorted([
        "-title: The genome plan",
        "-  - Genome",
        "-  ogtitle: 'Genome: the plan'",
        '-<p class="genome">A genome <a href="https://x.org/genome" title="genome">genome link</a></p><!-- genome -->',
        "+title: The exome plan",
        "+  - exome",
        "+  ogtitle: 'exome: the plan'",
        '+<p class="genome">A exome <a href="https://x.org/genome" title="genome">exome link</a></p><!-- genome -->',
    ])


def test_options_case_word_and_regex_groups() -> None:
    doc = Document.from_bytes(b"---\ntitle: Genome genomes GENOME\n---\n")
    assert len(find_in_document(doc, Query("genome"))) == 3
    assert len(find_in_document(doc, Query("genome", case_sensitive=True))) == 1
    assert [h.text for h in find_in_document(doc, Query("genome", whole_word=True))] == ["Genome", "GENOME"]
    replace_all(doc, Query(r"(\w+) (\w+)s", r"\2 \1", regex=True))
    assert doc.get("title") == "genome Genome GENOME"


def test_replace_one_hit_and_field_scope() -> None:
    doc = Document.from_bytes(ITEM)
    hits = find_in_document(doc, Query("genome", "X"), fields=[("htmlMetaData",)])
    assert [h.label for h in hits] == ["htmlMetaData.ogtitle"]
    body_hits = find_in_document(doc, Query("genome", "X"), fields=[BODY_KEY])
    replace_hits(doc, body_hits[1:])
    assert "A genome <a" in doc.body and "X link" in doc.body
    assert doc.get("title") == "The genome plan"


@pytest.mark.parametrize("pattern", ["(unclosed", "a{2,1}"])
def test_bad_regex_is_a_clear_error(pattern: str) -> None:
    with pytest.raises(CuratorError, match=r"^<pattern>:1:\d+: invalid regular expression"):
        find_in_document(Document.from_bytes(ITEM), Query(pattern, regex=True))


def test_empty_matches_never_replace() -> None:
    doc = Document.from_bytes(b"---\ntitle: abc\n---\n")
    assert replace_all(doc, Query("x*", "-", regex=True)) == []


def test_toml_and_json_front_matter(tmp_path: Path) -> None:
    toml = b'+++\ntitle = "Genome day"\ntags = ["genome", "x"]\n+++\nGenome text\n'
    doc = Document.from_bytes(toml)
    replace_all(doc, Query("genome", "Exome"))
    assert doc.to_bytes() == b'+++\ntitle = "Exome day"\ntags = ["Exome", "x"]\n+++\nExome text\n'
    js = b'{\n  "title": "Genome day",\n  "n": 1\n}\nbody genome\n'
    doc = Document.from_bytes(js)
    replace_all(doc, Query("genome", "Exome"))
    assert doc.to_bytes() == b'{\n  "title": "Exome day",\n  "n": 1\n}\nbody Exome\n'


def test_seed_round_trip_back(seed_path: Path) -> None:
    raw = seed_path.read_bytes()
    doc = Document.from_bytes(raw, seed_path)
    replace_all(doc, Query("Genomic", "GENOMIC-X", case_sensitive=True))
    assert doc.to_bytes() != raw
    replace_all(doc, Query("GENOMIC-X", "Genomic", case_sensitive=True))
    assert doc.to_bytes() == raw


_BODY_PARTS = st.sampled_from(
    ["genome", "Genome", "genomes", "gen", "ome", " ", "\n", "a", "<b>", "</b>", '<a href="genome">', "</a>",
     "<!-- genome -->", "{{< g genome >}}", "{{% x %}}", "<", ">", "-", "_", "é", "<p", "genome>"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_BODY_PARTS, max_size=30).map("".join),
    st.sampled_from(["genome", "GENOME", "gen", "e g", "o", "<b", "a-"]),
    st.booleans(),
    st.booleans(),
)
def test_one_pass_body_search_equals_searching_each_span(body: str, pattern: str, case: bool, word: bool) -> None:
    query = Query(pattern, "X", case_sensitive=case, whole_word=word)
    spans = text_spans(body)
    one_pass = find_in_text(body, query, BODY_KEY, spans)
    assert not query.regex
    each_span = [
        Hit(BODY_KEY, lo + m.start(), lo + m.end(), m.group(0), "X") for lo, hi in spans for m in query.matches(body[lo:hi])
    ]
    assert one_pass == each_span


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["tele", "health", "Tele", "ſ", "s", "K", "k", " ", "-", "_", "é", "\n", "1"]), max_size=25).map("".join),
    st.sampled_from(["telehealth", "s", "k", "-health", "tele-", "é"]),
    st.booleans(),
)
def test_whole_word_matches_are_those_of_the_plain_rule(text: str, pattern: str, case: bool) -> None:
    """Whatever form the compiled pattern takes, a whole word is the text with no word
    character just before or after it."""
    query = Query(pattern, whole_word=True, case_sensitive=case)
    rule = re.compile(rf"(?<!\w)(?:{re.escape(pattern)})(?!\w)", 0 if case else re.IGNORECASE)
    assert [m.span() for m in query.matches(text)] == [m.span() for m in rule.finditer(text)]
