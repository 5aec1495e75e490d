"""The lint side of the index: load each item as a real Document and count its findings.

Two entry points, both run in worker processes:
- `lint_counts` lints files whose list fields are already in the index (the GUI shows the
  list first and fills counts in afterwards);
- `read_and_lint` is the single pass `curator index` uses on files it has not seen: one
  read and one full parse per file feed both the list fields and the lint, instead of a
  quick partial parse for the list and a second read and full parse for lint.
Only errors and warnings are counted: "info" findings are advice, not problems, so the
rules skip work whose only outcome is one (LintContext.problems_only), findings are not
located, and a batch looks each folder's site and real path up once (LintBatch).
tests/core/library/test_library_lintpass.py holds this to the full lint's findings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.errors import CuratorError
from curator_app.core.library.scan import FileStat, ItemRecord, project, read_item, record_from_values

if TYPE_CHECKING:
    from curator_app.core.document.document import Document
    from curator_app.core.lint.findings import Finding
    from curator_app.core.site.config import SiteConfig

COUNTED_SEVERITIES = ("error", "warning")

# rel -> (size, mtime_ns, lint count or None, parse error or None)
LintResult = dict[str, tuple[int, int, int | None, str | None]]


def problems(doc: Document, content_root: Path, site: SiteConfig | None = None) -> list[Finding]:
    """The errors and warnings of one loaded document, unlocated (counts need no line).
    site: the document's site when the caller has looked it up (None: looked up here)."""
    from curator_app.core.lint.engine import lint_document

    findings = lint_document(doc, site=site, content_root=content_root, locate=False, problems_only=True)
    return [f for f in findings if f.severity in COUNTED_SEVERITIES]


def count_problems(doc: Document, content_root: Path, site: SiteConfig | None = None) -> int | None:
    """Errors + warnings of one loaded document; None when a rule failed (count unknown)."""
    try:
        return len(problems(doc, content_root, site))
    except Exception:  # a rule's bug must not stop the library; the count stays unknown
        return None


class LintBatch:
    """What the items of one batch share: each folder's site, looked up once, and the real
    paths of folders (preview.meta.memo_realpaths) while the batch is open."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._sites: dict[Path, SiteConfig | None] = {}
        self._memo: Any = None

    def __enter__(self) -> LintBatch:
        from curator_app.core.preview.meta import memo_realpaths

        self._memo = memo_realpaths()
        self._memo.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._memo.__exit__(*exc)

    def site(self, path: Path | None) -> SiteConfig | None:
        from curator_app.core.site.config import find_site

        if path is None:  # a document made from bytes alone has no site
            return None
        folder = path.parent
        if folder not in self._sites:
            self._sites[folder] = find_site(path)
        return self._sites[folder]

    def problems(self, doc: Document) -> list[Finding]:
        return problems(doc, self.root, self.site(doc.path))

    def count(self, doc: Document) -> int | None:
        return count_problems(doc, self.root, self.site(doc.path))


def lint_counts(root: str | Path, rels: list[str]) -> LintResult:
    from curator_app.core.document.document import Document
    from curator_app.core.document.reading import read_regular
    base = Path(root)
    out: LintResult = {}
    with LintBatch(base) as batch:
        for rel in rels:
            path = base / rel
            try:
                st = os.stat(path)
            except OSError:
                continue  # gone: the next refresh removes the row
            try:
                doc = Document.from_bytes(read_regular(path), path)
            except CuratorError as exc:
                exc.path = rel
                out[rel] = (st.st_size, st.st_mtime_ns, 1, str(exc))
                continue
            out[rel] = (st.st_size, st.st_mtime_ns, batch.count(doc), None)
    return out


def read_and_lint(root: str, stats: list[FileStat]) -> list[ItemRecord]:
    """List fields and lint count of each file from one read and one parse."""
    from curator_app.core.document.document import Document
    from curator_app.core.document.reading import read_regular
    base = Path(root)
    out: list[ItemRecord] = []
    with LintBatch(base) as batch:
        for stat in stats:
            path = base / stat.rel
            try:
                data = read_regular(path)
                doc = Document.from_bytes(data, path)
            except (OSError, CuratorError) as exc:
                # The quick reader words the error as the list shows it; a file it can read
                # but the full parse cannot (a broken block the list does not need) gets the
                # full parse's error and counts as one problem, as in the separate lint pass.
                record = read_item(base, stat)
                if record.error is None and isinstance(exc, CuratorError):
                    exc.path = stat.rel
                    record.error = str(exc)
                    record.lint_count = 1
                out.append(record)
                continue
            record = record_from_values(stat, project(doc.data), doc.body, doc.format)
            record.lint_count = batch.count(doc)
            out.append(record)
    return out
