"""A folder opened for the first time: its list fills, then its first item opens in a turn
of its own, and the library's lint pass waits until that item's preview has painted (on
two cores the lint pass and the item's first render froze the window together, issue 20)."""

from __future__ import annotations

import time
from pathlib import Path

from support.workbench import close_workbench, open_workbench


def test_the_lint_pass_waits_for_the_first_items_preview(qtbot, tmp_path: Path) -> None:
    from benchmarks.generate import generate

    generate(tmp_path / "site", 30)
    marks: dict[str, float] = {}
    bench = open_workbench(qtbot, tmp_path / "site")
    try:
        library, preview = bench.library, bench.preview
        assert preview is not None
        assert bench.tabs.count() == 0  # not in the turn that filled the list
        preview.sig_rendered.connect(lambda _ms: marks.setdefault("painted", time.monotonic()))
        library.sig_lint_progress.connect(lambda _d, _t: marks.setdefault("linted", time.monotonic()))
        qtbot.waitUntil(lambda: bench.tabs.count() == 1, timeout=5000)
        assert bench.tabs.current_session().path == library.model.path_at(0)
        qtbot.waitUntil(lambda: "linted" in marks, timeout=20000)
        assert "painted" in marks and marks["painted"] <= marks["linted"]
        qtbot.waitUntil(lambda: all(i.lint_count is not None for i in library.model.all_items()), timeout=20000)
    finally:
        close_workbench(bench)
