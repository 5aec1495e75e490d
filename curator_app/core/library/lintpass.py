"""The second, slower pass of the index: load each item as a real Document and lint it.

Kept apart from scan.py because it costs a full lossless parse plus every lint rule per
file; the library shows its list first and fills lint counts in afterwards.
Only errors and warnings are counted: "info" findings are advice, not problems.
"""

from __future__ import annotations

import os
from pathlib import Path

from curator_app.core.errors import CuratorError

COUNTED_SEVERITIES = ("error", "warning")

# rel -> (size, mtime_ns, lint count or None, parse error or None)
LintResult = dict[str, tuple[int, int, int | None, str | None]]


def lint_counts(root: str | Path, rels: list[str]) -> LintResult:
    from curator_app.core.document.document import Document
    from curator_app.core.lint.engine import lint_document

    base = Path(root)
    out: LintResult = {}
    for rel in rels:
        path = base / rel
        try:
            st = os.stat(path)
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            continue  # gone: the next refresh removes the row
        try:
            doc = Document.from_bytes(data, path)
        except CuratorError as exc:
            exc.path = rel
            out[rel] = (st.st_size, st.st_mtime_ns, 1, str(exc))
            continue
        try:
            findings = lint_document(doc, content_root=base)
        except Exception:  # a rule's bug must not stop the library; count stays unknown
            out[rel] = (st.st_size, st.st_mtime_ns, None, None)
            continue
        count = sum(1 for f in findings if f.severity in COUNTED_SEVERITIES)
        out[rel] = (st.st_size, st.st_mtime_ns, count, None)
    return out
