"""The library's fast lint (unlocated, problems only, sites and folder paths shared by a
batch) must find exactly what the full lint finds: the same codes, as often, per item."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.library.lintpass import COUNTED_SEVERITIES, LintBatch, lint_counts, read_and_lint
from curator_app.core.library.scan import find_items
from curator_app.core.lint.engine import lint_document

SUFFIXES = (".md", ".markdown", ".mdx", ".html")


def _full(path: Path, root: Path) -> Counter[str] | None:
    """Codes of the errors and warnings the editor shows (located, every rule)."""
    try:
        doc = Document.load(path)
    except CuratorError:
        return None
    return Counter(f.code for f in lint_document(doc, content_root=root) if f.severity in COUNTED_SEVERITIES)


def _compare(root: Path, files: list[Path]) -> int:
    """Assert fast == full for every readable file under root; returns how many were compared."""
    rels = [p.relative_to(root).as_posix() for p in files]
    fast_counts = lint_counts(root, rels)
    compared = 0
    with LintBatch(root) as batch:
        for path, rel in zip(files, rels, strict=True):
            want = _full(path, root)
            if want is None:
                assert fast_counts[rel][2] == 1, rel  # unreadable: one problem, as in the index
                continue
            got = Counter(f.code for f in batch.problems(Document.load(path)))
            assert got == want, rel
            assert fast_counts[rel][2] == sum(want.values()), rel
            compared += 1
    return compared


def test_seed_fast_lint_equals_full_lint(seed_path: Path) -> None:
    assert _compare(seed_path.parent, [seed_path]) == 1


def test_corpus_fast_lint_equals_full_lint(corpus_dir: Path) -> None:
    compared = 0
    for project in sorted(p for p in corpus_dir.iterdir() if p.is_dir()):
        files = sorted(p for p in project.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        compared += _compare(project, files)
    assert compared > 300


def test_sample_content_fast_lint_equals_full_lint(content_dir: Path) -> None:
    root = content_dir / "content"
    files = sorted(root.rglob("*.md"))
    assert _compare(root, files) == len(files) > 0


def test_index_pass_counts_equal_full_lint(content_dir: Path, seed_path: Path, tmp_path: Path) -> None:
    """`curator index`'s single read + parse + lint gives the full lint's count per item."""
    root = tmp_path / "content"
    root.mkdir()
    for src in [*sorted((content_dir / "content").rglob("*.md")), seed_path]:
        (root / src.name).write_bytes(src.read_bytes())
    (root / "broken.md").write_bytes(b"---\ntitle: [unclosed\n---\nbody\n")
    records = read_and_lint(str(root), find_items(root))
    assert len(records) == len(list(root.glob("*.md")))
    for rec in records:
        want = _full(root / rec.rel, root)
        if want is None:
            assert rec.error and rec.lint_count in (None, 1), rec.rel  # the list counts it as 1
        else:
            assert rec.lint_count == sum(want.values()), rec.rel
