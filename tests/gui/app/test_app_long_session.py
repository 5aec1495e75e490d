"""A long session: open and close 200 items in one process; memory returns to its
baseline (±20 %) and no widgets or web pages are left behind."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from support.workbench import close_workbench, open_workbench

pytestmark = pytest.mark.slow


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _settle(qtbot) -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.wait(10)
    gc.collect()


@pytest.fixture
def many_items(tmp_path: Path, seed_path: Path) -> list[Path]:
    from benchmarks.generate import generate

    content = generate(tmp_path / "site", 30)
    shutil.copyfile(seed_path, content / "news" / "seed.md")
    return sorted((content / "news").glob("*.md"))


def test_open_and_close_200_items_returns_to_baseline(qtbot, many_items: list[Path], tmp_path: Path) -> None:
    bench = open_workbench(qtbot, tmp_path / "site")
    # The first listing opens the first item; start from no open items.
    qtbot.waitUntil(lambda: bench.tabs.count() == 1, timeout=5000)
    bench.close_current()

    def cycle(n: int) -> None:
        for i in range(n):
            path = many_items[i % len(many_items)]
            session = bench.open_item(path)
            assert session is not None
            session.set_value(("title",), f"Edited {i}")  # exercise the undo stack and preview
            session.undo_stack.setClean()
            qtbot.wait(5)
            bench.close_current()
            assert bench.tabs.count() == 0
        _settle(qtbot)

    # Let the library, preview and caches reach their working size first.
    cycle(20)
    qtbot.wait(300)
    _settle(qtbot)
    widgets_before = len(QApplication.allWidgets())
    rss_before = _rss_mb()

    cycle(200)
    qtbot.wait(300)
    _settle(qtbot)
    widgets_after = len(QApplication.allWidgets())
    rss_after = _rss_mb()

    assert widgets_after <= widgets_before, f"{widgets_after - widgets_before} widgets leaked"
    assert rss_after <= rss_before * 1.2, f"RSS grew from {rss_before:.0f} MB to {rss_after:.0f} MB"

    close_workbench(bench)
    _settle(qtbot)
