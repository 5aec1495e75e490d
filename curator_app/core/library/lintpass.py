"""The lint side of the index: load each item as a real Document and count its findings.

Two entry points, both run in worker processes:
- `lint_counts` lints files whose list fields are already in the index (the GUI shows the
  list first and fills counts in afterwards);
- `read_and_lint` is the single pass `curator index` uses on files it has not seen: one
  read and one full parse per file feed both the list fields and the lint, instead of a
  quick partial parse for the list and a second read and full parse for lint.
Only errors and warnings are counted: "info" findings are advice, not problems.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from curator_app.core.errors import CuratorError
from curator_app.core.library.scan import FileStat, ItemRecord, project, read_item, record_from_values

COUNTED_SEVERITIES = ("error", "warning")

# rel -> (size, mtime_ns, lint count or None, parse error or None)
LintResult = dict[str, tuple[int, int, int | None, str | None]]


def count_problems(doc: Any, content_root: Path) -> int | None:
    """Errors + warnings of one loaded document; None when a rule failed (count unknown)."""
    from curator_app.core.lint.engine import lint_document

    try:
        findings = lint_document(doc, content_root=content_root, locate=False, problems_only=True)
    except Exception:  # a rule's bug must not stop the library; the count stays unknown
        return None
    return sum(1 for f in findings if f.severity in COUNTED_SEVERITIES)


def lint_counts(root: str | Path, rels: list[str]) -> LintResult:
    from curator_app.core.document.document import Document
    from curator_app.core.document.reading import read_regular

    base = Path(root)
    out: LintResult = {}
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
        out[rel] = (st.st_size, st.st_mtime_ns, count_problems(doc, base), None)
    return out


def read_and_lint(root: str, stats: list[FileStat]) -> list[ItemRecord]:
    """List fields and lint count of each file from one read and one parse."""
    from curator_app.core.document.document import Document
    from curator_app.core.document.reading import read_regular

    base = Path(root)
    out: list[ItemRecord] = []
    for stat in stats:
        path = base / stat.rel
        try:
            data = read_regular(path)
            doc = Document.from_bytes(data, path)
        except (OSError, CuratorError) as exc:
            # The quick reader words the error as the list shows it; a file it can read but
            # the full parse cannot (a broken block the list does not need) gets the full
            # parse's error and counts as one problem, as in the separate lint pass.
            record = read_item(base, stat)
            if record.error is None and isinstance(exc, CuratorError):
                exc.path = stat.rel
                record.error = str(exc)
                record.lint_count = 1
            out.append(record)
            continue
        record = record_from_values(stat, project(doc.data), doc.body, doc.format)
        record.lint_count = count_problems(doc, base)
        out.append(record)
    return out
