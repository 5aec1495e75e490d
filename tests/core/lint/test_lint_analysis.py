"""One analysis per revision: meta and lint resolved once, shared across threads."""

from __future__ import annotations

import threading
from pathlib import Path

from curator_app.core.document.document import Document
from curator_app.core.lint.analysis import AnalysisCache, analyse, revision_key
from curator_app.core.lint.engine import lint_document
from curator_app.core.preview.meta import resolve_meta


def test_analysis_matches_meta_and_lint_computed_apart(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    analysis = analyse(doc, seed_path.parent)
    assert analysis.lint_error is None
    assert analysis.meta.to_json() == resolve_meta(doc).to_json()
    assert analysis.findings == lint_document(doc, content_root=seed_path.parent)
    assert any(f.code == "CC303" for f in analysis.findings)


def test_cache_computes_a_revision_once_for_every_thread(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    cache = AnalysisCache()
    key = revision_key(doc.to_bytes(), doc.path, seed_path.parent)
    release = threading.Event()
    calls: list[int] = []

    def slow() -> object:
        calls.append(1)
        release.wait(10)
        return analyse(doc, seed_path.parent)

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(cache.analysis(key, slow)))
               for _ in range(3)]
    for t in threads:
        t.start()
    release.set()
    for t in threads:
        t.join(10)
    assert len(calls) == 1 and cache.computed == 1
    assert len(results) == 3 and all(r is results[0] for r in results)

    doc.set(("title",), "Another revision")
    other = revision_key(doc.to_bytes(), doc.path, seed_path.parent)
    assert cache.get(other) is None
    cache.analysis(other, lambda: analyse(doc, seed_path.parent))
    assert cache.computed == 2
    assert cache.analysis(key, slow) is results[0]  # back to the first revision: kept


def test_start_computes_on_another_thread_once(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    cache = AnalysisCache()
    key = revision_key(doc.to_bytes(), doc.path, seed_path.parent)
    threads: list[threading.Thread] = []
    release = threading.Event()

    def compute() -> object:
        threads.append(threading.current_thread())
        release.wait(10)
        return analyse(doc, seed_path.parent)

    cache.start(key, compute)
    cache.start(key, compute)  # already running: not a second time
    release.set()
    found = cache.analysis(key, compute)  # waits for the background result
    assert found.findings == analyse(doc, seed_path.parent).findings
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    cache.start(key, compute)  # cached: nothing to do
    assert len(threads) == 1 and cache.computed == 1


def test_a_start_that_raises_is_marked_failed_and_not_retried(seed_path: Path) -> None:
    cache = AnalysisCache()
    key = revision_key(b"---\ntitle: [\n---\n", seed_path, seed_path.parent)
    calls: list[int] = []

    def broken() -> object:
        calls.append(1)
        return analyse(Document.from_bytes(key[2], seed_path), seed_path.parent)  # raises ParseError

    cache.start(key, broken)
    deadline = threading.Event()
    for _ in range(200):
        if cache.failed(key):
            break
        deadline.wait(0.05)
    assert cache.failed(key) and cache.get(key) is None
    cache.start(key, broken)
    deadline.wait(0.2)
    assert calls == [1]


def test_start_runs_the_newest_waiting_revision_and_leaves_no_thread(seed_path: Path) -> None:
    doc = Document.load(seed_path)
    cache = AnalysisCache()
    keys = [revision_key(doc.to_bytes() + bytes(n), doc.path, seed_path.parent) for n in range(3)]
    release = threading.Event()
    done: list[int] = []

    def job(n: int):
        def compute() -> object:
            if n == 0:
                release.wait(10)  # busy while the next two are asked for
            done.append(n)
            return analyse(doc, seed_path.parent)
        return compute

    cache.start(keys[0], job(0))
    for _ in range(100):
        if cache.running(keys[0]):
            break
        release.wait(0.01)
    cache.start(keys[1], job(1))
    cache.start(keys[2], job(2))  # replaces 1, which nobody asked for again
    release.set()
    for _ in range(500):
        if cache.get(keys[2]) is not None and not any(t.name == "curator-lint" for t in threading.enumerate()):
            break
        threading.Event().wait(0.01)
    assert done == [0, 2] and cache.get(keys[1]) is None
    assert not any(t.name == "curator-lint" for t in threading.enumerate())
