"""The editor's lint never blocks the window while the preview's worker lints the same
revision: it takes that result when it is ready (editor_pane.run_lint, lint/analysis.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from curator_app.core.lint.analysis import SHARED, analyse, revision_key


def test_timer_lint_takes_the_workers_result_instead_of_waiting_for_it(open_pane, seed_path: Path,
                                                                         tmp_path: Path, qtbot) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(seed_path.read_bytes())
    pane, session = open_pane(path)
    qtbot.waitUntil(lambda: pane.findings != [], timeout=10000)
    session.set_value(("title",), "A title the worker is linting now")
    doc = session.document
    key = revision_key(doc.to_bytes(), doc.path, session.content_root)
    go, started = threading.Event(), threading.Event()

    def slow_worker() -> None:  # as the preview's render job: the same cache, another thread
        def compute():
            started.set()
            go.wait(30)
            return analyse(doc, session.content_root)

        SHARED.analysis(key, compute)

    worker = threading.Thread(target=slow_worker)
    worker.start()
    try:
        assert started.wait(10)
        before = SHARED.computed
        pane.run_lint(wait=False)  # returns at once: the worker has not finished
        assert SHARED.computed == before and SHARED.get(key) is None
        go.set()
        worker.join(30)
        qtbot.waitUntil(lambda: any(f.field == ("title",) for f in pane.findings) or SHARED.get(key) is not None,
                        timeout=5000)
        qtbot.waitUntil(lambda: pane.findings == list(SHARED.get(key).findings), timeout=5000)
        assert SHARED.computed == before + 1  # computed once, by the worker
    finally:
        go.set()
        worker.join(30)


def test_opening_an_item_lints_it_off_the_gui_thread(open_pane, seed_path: Path, tmp_path: Path, qtbot,
                                                     monkeypatch) -> None:
    """The spelling rule's dictionary and suggestions cost 50-100 ms: linting a newly opened
    item on the GUI thread froze the window after every open (issue 20)."""
    import curator_app.core.lint.analysis as analysis_module

    threads: list[threading.Thread] = []
    real = analysis_module.analyse

    def recorded(doc, content_root=None, site=None):
        threads.append(threading.current_thread())
        return real(doc, content_root, site)

    monkeypatch.setattr(analysis_module, "analyse", recorded)
    path = tmp_path / "item.md"
    path.write_bytes(seed_path.read_bytes())
    pane, session = open_pane(path)
    qtbot.waitUntil(lambda: pane.findings != [], timeout=10000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    session.set_value(("title",), "A title with a double  space")  # an edit, linted by the timer
    qtbot.waitUntil(lambda: any(f.code == "CC301" and "double  space" in f.message for f in pane.findings),
                    timeout=10000)
    assert len(threads) >= 2 and all(t is not threading.main_thread() for t in threads)
