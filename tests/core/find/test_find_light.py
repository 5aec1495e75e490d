"""The light search path (yaml_leaves.py) against the full one: for every file it reads,
the same hits, fields, lines and context as the lossless document gives, hence the same
diff; every file it is unsure of (or that has an error) is left to the full path."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from support import paths

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.find.folder import _change_for, _search_parsed, light_rows, plan_replace, prepare
from curator_app.core.find.item import replace_all
from curator_app.core.find.query import Query
from curator_app.core.find.yaml_leaves import string_leaves

QUERIES = [
    Query("telehealth", "telemedicine", whole_word=True),
    Query("genom", "GENOM"),
    Query("Health", "Care", case_sensitive=True),
    Query("news", "stories", whole_word=True),
    Query("'", "\u2019"),
    Query("e", "E"),
    Query(r"\bthe\b", "THE", regex=True),
    Query(r"(\w+)-(\w+)", r"\2-\1", regex=True),
    Query(r"\d{4}-\d\d", "YYYY-MM", regex=True),
]
SCOPES: list[list[KeyPath] | None] = [None, [("tags",)], [BODY_KEY], [("htmlMetaData",), ("title",)]]

TRICKY = {
    "quotes.md": "---\ntitle: 'it''s a genome'\nalt: \"a genome\"\nnote: plain genome text\n---\ngenome\n",
    "blocks.md": "---\na: >-\n  one genome\n  two\nb: >\n  genome\n\n\nc: |\n  x genome\n  y\nd: |-\n  genome\n---\n",
    "lists.md": "---\ntags:\n- genome\n- other\nitems:\n  - name: genome\n    note: the genome\n  - plain genome\n---\n",
    "comments.md": "---\n# a genome comment\ntitle: genome # a comment\n---\n",
    "multiline.md": "---\ntitle: a genome\n  continued\n---\n",
    "anchor.md": "---\na: &x genome\nb: *x\n---\n",
    "flow.md": "---\ntags: [genome, other]\n---\n",
    "tab.md": "---\ntitle:\tgenome\n---\n",
    "crlf.md": "---\r\ntitle: genome\r\n---\r\ngenome\r\n",
    "duplicate.md": "---\ntitle: genome\ntitle: genome again\n---\n",
    "escape.md": '---\ntitle: "ge\\u006eome genome"\n---\n',
    "typed.md": "---\nid: 2024\ndate: 2024-05-01\nflag: true\nnothing: null\ntitle: genome 2024-05-01\n---\n",
    "blank_in_block.md": "---\na: >-\n  genome\n\n  more\n---\n",
    "deeper_block.md": "---\na: >-\n  genome\n    deeper\n---\n",
    "nested_empty.md": "---\na:\nb:\n  c:\n  d: genome\n---\n",
    "indented_root.md": "---\n  title: genome\n---\n",
    "bad_indent.md": "---\na:\n  b: genome\n c: x\n---\n",
    "colon_value.md": "---\na: genome: x\n---\n",
    "empty.md": "---\n---\ngenome body\n",
    "keys.md": "---\n1: genome\ntrue: genome\nmsvalidate.01: genome\n---\n",
    "nel.md": "---\ntitle: genome\x85genome\n---\n",
    "line_separator.md": "---\ntitle: genome\u2028genome\n---\n",
    "control.md": "---\ntitle: genome\x7f\n---\n",
    "non_ascii.md": "---\ntitle: caf\u00e9 genome \u00a0\u2014 \U0001f600\n---\n",
}


def _shared_files() -> list[Path]:
    corpus = sorted(p for p in (paths.SHARED / "corpus").rglob("*") if p.is_file())
    return [paths.seed(), *corpus]


def _expected(raw: bytes, path: Path, query: Query, scope: list[KeyPath] | None) -> list[tuple] | None:
    """The full path's rows ([] when nothing is found); None for an error or read-only file."""
    found = _search_parsed(raw, path, query, scope)
    if found is None:
        return []
    _kind, payload = found
    return None if isinstance(payload, str) else payload[2]


def _compare(files: list[Path]) -> tuple[int, int]:
    """Checks every file, query and scope; returns (files read light, files)."""
    light_files = 0
    for path in files:
        raw = path.read_bytes()
        read_light = False
        for query in QUERIES:
            for scope in SCOPES:
                rows = light_rows(raw, path, query, scope)
                if rows is None:
                    continue
                read_light = True
                expected = _expected(raw, path, query, scope)
                assert expected is not None, f"{path}: the light path read a file the full path refuses"
                assert rows == expected, f"{path}: {query} {scope}"
        light_files += read_light
    return light_files, len(files)


def test_light_hits_are_the_full_hits_on_the_seed_and_the_corpus() -> None:
    light, total = _compare(_shared_files())
    assert light >= 1 and total > 400
    assert light_rows(paths.SEED.read_bytes(), paths.SEED, QUERIES[1], None) is not None


def test_light_hits_are_the_full_hits_on_generated_items(tmp_path: Path, generator: ModuleType) -> None:
    files = sorted(generator.generate(tmp_path / "site", 60, seed=18).rglob("*.md"))
    light, total = _compare(files)
    assert light == total  # the shape the benchmark measures never needs the full parse


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_light_path_is_exact_or_steps_aside(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(TRICKY[name].encode())
    _compare([path])


def test_the_shapes_it_reads_and_the_ones_it_leaves() -> None:
    def read(name: str) -> bool:
        text = TRICKY[name].split("---\n")[1] if name != "empty.md" else ""
        return string_leaves(text) is not None

    readable = {
        "quotes.md", "blocks.md", "lists.md", "comments.md", "typed.md", "nested_empty.md", "empty.md", "keys.md",
        "non_ascii.md",
    }
    for name in TRICKY:
        if name in ("crlf.md", "comments.md"):
            continue
        assert read(name) == (name in readable), name
    leaves = string_leaves("tags:\n- genome\nitems:\n  - name: x\n    note: y\n  - z\n")
    assert leaves is not None
    assert leaves == [
        (("tags", 0), "genome", 1),
        (("items", 0, "name"), "x", 3),
        (("items", 0, "note"), "y", 4),
        (("items", 1), "z", 5),
    ]


def test_same_plan_and_same_diff_as_the_full_path(tmp_path: Path, generator: ModuleType) -> None:
    files = sorted(generator.generate(tmp_path / "site", 12, seed=3).rglob("*.md"))
    query = Query("telehealth", "telemedicine", whole_word=True)
    plan = plan_replace(files, query)
    prepare(plan)
    assert plan.items
    for item in plan.items:
        doc = Document.from_bytes(item.path.read_bytes(), item.path)
        replace_all(doc, query)
        assert item.change is not None and item.change.after == doc.to_bytes()
        rows = [(h.key, h.start, h.end, h.text, h.replacement) for h in item.hits]
        change = _change_for(item.path, item.digest, rows)
        assert change is not None and change.after == item.change.after
