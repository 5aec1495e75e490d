"""One analysis (resolved head meta + lint findings) per document revision, shared.

The editor pane shows the findings, the preview shows the meta, the cards and the lint
inside them; all three read the same `Analysis` of the same revision instead of each
resolving meta and linting again. A revision is identified by what the user sees: the
document's bytes (with its path and content root), so an undo back to an earlier state
finds that state's analysis again.

The preview computes analyses on its worker thread and the editor pane on the GUI thread,
so `AnalysisCache` is thread-safe, and a caller asking for a revision another thread is
computing waits for that result rather than computing it a second time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator_app.core.lint.engine import Finding, lint_document
from curator_app.core.preview.meta import HeadMeta, resolve_meta
from curator_app.core.site.config import SiteConfig, find_site

if TYPE_CHECKING:
    from curator_app.core.document.document import Document

# (path, content root, bytes): what makes two requests the same revision.
RevisionKey = tuple[str | None, str | None, bytes]


@dataclass(frozen=True)
class Analysis:
    meta: HeadMeta
    findings: list[Finding]
    site: SiteConfig | None
    # Set when linting raised: the findings are then empty and this says why.
    lint_error: str | None = None


def analyse(doc: Document, content_root: Path | None = None, site: SiteConfig | None = None) -> Analysis:
    """Meta and lint of one document, meta resolved once and handed to the lint rules."""
    path = doc.path
    if site is None and path is not None:
        site = find_site(path)
    meta = resolve_meta(doc, site)
    try:
        findings = lint_document(doc, site=site, content_root=content_root, meta=meta)
    except Exception as exc:  # a rule's bug must not blank the preview or the editor
        return Analysis(meta, [], site, f"{type(exc).__name__}: {exc}")
    return Analysis(meta, findings, site)


def revision_key(data: bytes, path: str | Path | None, content_root: str | Path | None) -> RevisionKey:
    return (str(path) if path else None, str(content_root) if content_root else None, data)


class AnalysisCache:
    """The last few revisions' analyses (an edit, its undo, another open tab)."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._done: OrderedDict[RevisionKey, Analysis] = OrderedDict()
        self._running: dict[RevisionKey, threading.Event] = {}
        self._lock = threading.Lock()
        self.computed = 0  # how many analyses were computed (tests prove sharing with it)
        self._waiting: tuple[RevisionKey, Callable[[], Analysis]] | None = None  # for start()
        self._busy = False  # start()'s thread is running
        self._failed: set[RevisionKey] = set()

    def get(self, key: RevisionKey) -> Analysis | None:
        with self._lock:
            found = self._done.get(key)
            if found is not None:
                self._done.move_to_end(key)
            return found

    def running(self, key: RevisionKey) -> bool:
        """Another thread is computing `key` now (analysis() would wait for it)."""
        with self._lock:
            return key in self._running

    def analysis(self, key: RevisionKey, compute: Callable[[], Analysis]) -> Analysis:
        """The analysis of `key`: cached, awaited from the thread computing it, or computed."""
        while True:
            with self._lock:
                found = self._done.get(key)
                if found is not None:
                    self._done.move_to_end(key)
                    return found
                running = self._running.get(key)
                if running is None:
                    mine = self._running[key] = threading.Event()
                    break
            running.wait()  # then look again (the other thread may have failed)
        try:
            result = compute()
            with self._lock:
                self.computed += 1
                self._done[key] = result
                self._done.move_to_end(key)
                while len(self._done) > self._size:
                    self._done.popitem(last=False)
            return result
        finally:
            with self._lock:
                del self._running[key]
            mine.set()

    def start(self, key: RevisionKey, compute: Callable[[], Analysis]) -> None:
        """Compute `key` on a background thread, unless it is cached or being computed.
        The editor asks this way after an open or an edit: linting on the GUI thread (the
        spelling rule's dictionary and suggestions above all) froze the window for 100 ms
        and more while the preview's worker had not yet taken that revision up.

        One such thread at a time, ending when nothing is left to do; a revision asked for
        while it is busy replaces the one waiting (an older one is asked for again by
        whoever still wants it)."""
        with self._lock:
            if key in self._done or key in self._running or key in self._failed:
                return
            self._waiting = (key, compute)
            if self._busy:
                return
            self._busy = True
        threading.Thread(target=self._drain, name="curator-lint", daemon=True).start()

    def _drain(self) -> None:
        while True:
            with self._lock:
                job, self._waiting = self._waiting, None
                if job is None:
                    self._busy = False
                    return
            self._quietly(*job)

    def _quietly(self, key: RevisionKey, compute: Callable[[], Analysis]) -> None:
        try:
            self.analysis(key, compute)
        except Exception:  # analyse() reports rule bugs itself: this is the input's own fault
            with self._lock:
                if len(self._failed) > 64:
                    self._failed.clear()
                self._failed.add(key)

    def failed(self, key: RevisionKey) -> bool:
        """A start() of `key` raised: the caller computes it itself (and reports why)."""
        with self._lock:
            return key in self._failed

    def clear(self) -> None:
        with self._lock:
            self._done.clear()


# The one cache the editor pane and the preview share.
SHARED = AnalysisCache()
