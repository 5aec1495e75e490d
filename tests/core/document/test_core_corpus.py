"""Invariant 1 on real files: every corpus file comes back byte for byte, or is read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import paths

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.site.tree import ITEM_SUFFIXES as CONTENT_SUFFIXES

SHARED = paths.SHARED
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "curated-content-genome-uk.md"
SKIP_NAMES = {"SOURCES.md", "STATS.md"}

# Files known not to parse, each for a reason that is the file's fault, not Curator's.
KNOWN_READ_ONLY = {
    "jekyll__jekyll/test/source/_broken/bad_post.md": "invalid YAML",
    # Its closer is `----` (four dashes), so the front matter never closes.
    "netspective__www.netspective.com/src/content/about-us/netspective-tv/"
    "proper-data-integration-can-change-medical-science.md": "never closed",
    "11ty__11ty-website/src/_includes/layouts/base.njk": "is code",
}


def _corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name not in SKIP_NAMES
    )


FILES = _corpus_files()


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_corpus_is_there() -> None:
    assert len(FILES) > 400


@pytest.mark.skipif(not FILES, reason=f"corpus not found at {CORPUS}")
@pytest.mark.parametrize("rel", FILES or ["<none>"], ids=FILES or ["<none>"])
def test_corpus_file_round_trips(rel: str) -> None:
    path = CORPUS / rel
    raw = path.read_bytes()
    try:
        doc = Document.from_bytes(raw, path)
    except CuratorError as exc:
        assert rel in KNOWN_READ_ONLY, f"unexpected parse error: {exc}"
        assert KNOWN_READ_ONLY[rel] in exc.message
        assert exc.path == str(path) and exc.line is not None and exc.column is not None
        return
    if doc.read_only_reason:
        assert rel in KNOWN_READ_ONLY, doc.read_only_reason
        assert KNOWN_READ_ONLY[rel] in doc.read_only_reason
    else:
        assert rel not in KNOWN_READ_ONLY, "a known-bad file parsed: update KNOWN_READ_ONLY"
    assert doc.to_bytes() == raw
    # The split must itself be lossless, not only the shortcut for unedited documents.
    assert doc._split.join().encode("utf-8") == raw
    if doc.format in ("yaml", "toml", "json") and not doc.read_only_reason and doc.data:
        # An edit that is undone gives the original bytes back through the edit machinery.
        first = next(iter(doc.data))
        doc.set(("curator-probe",), "x")
        assert doc.modified
        doc.delete(("curator-probe",))
        if doc.format != "json":  # JSON is re-serialised on edit, by design
            assert doc.to_bytes() == raw
        assert doc.has((first,))


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")
def test_seed_round_trips_and_parses() -> None:
    raw = SEED.read_bytes()
    doc = Document.load(SEED)
    assert doc.format == "yaml" and doc.read_only_reason is None
    assert doc.to_bytes() == raw
    assert doc.get(("htmlMetaData", "msvalidate.01")) == "E23E222F362070D7E155C1DCE851E7E9"
    assert doc.get("htmlMetaData.msvalidate\\.01") == "E23E222F362070D7E155C1DCE851E7E9"
    assert doc.get(("featuredImage", "size")) == [640, 960]
    assert doc.get(("date",)) == "2021-05-21"  # quoted in the file: a string, not a date
    assert doc.get(("institution",)) is None
    assert doc.get(("via",)) == " "


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_cli_roundtrip_corpus_exits_0(run_cli_process) -> None:
    res = run_cli_process("roundtrip", str(CORPUS))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 would change" in res.stdout
    assert "Traceback" not in res.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_cli_roundtrip_json_lists_read_only(run_cli) -> None:
    import json

    res = run_cli("roundtrip", "--format", "json", str(CORPUS))
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["changed"] == []
    # Every content file in the corpus (no folder there is a build-output or hidden folder).
    expected = [f for f in CORPUS.rglob("*") if f.is_file() and f.suffix.lower() in CONTENT_SUFFIXES]
    assert out["checked"] == len(expected)
    ro = {Path(r["path"]).relative_to(CORPUS).as_posix() for r in out["read_only"]}
    assert ro == set(KNOWN_READ_ONLY)
