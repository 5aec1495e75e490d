"""Steady typing against a preview pane, timed to the paint: shared by the keystroke
benchmarks (bench_preview drives the pane itself, bench_typing_lint the whole window)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

TYPING_MS = 80  # a fast typist: 12 keystrokes a second


def steady_typing(pane: Any, count: int, press: Callable[[int], None],
                  prepare: Callable[[int], None] | None = None, timeout_ms: int = 120000) -> list[float]:
    """Latency of each of `count` keystrokes typed every TYPING_MS: from `press(k)` to the
    first paint of the pane that shows it (a keystroke during a render waits for the render
    that takes it, when the running one ends). `prepare(k)`, untimed, runs just before."""
    from PySide6.QtCore import QEventLoop, QTimer

    typed: list[tuple[int, float]] = []  # (render generation that will show it, time)
    latencies: list[float] = []
    loop = QEventLoop()

    def painted(_ms: float) -> None:
        at = time.perf_counter()
        while typed and typed[0][0] <= pane.painted_generation:
            latencies.append((at - typed.pop(0)[1]) * 1000)
        if len(latencies) >= count:
            loop.quit()

    def keystroke() -> None:
        k = len(latencies) + len(typed)
        if k >= count:
            timer.stop()
            return
        if prepare is not None:
            prepare(k)
        before = pane.renders_started
        t = time.perf_counter()
        press(k)
        # Started now, or folded into the render that starts when the running one ends.
        typed.append((pane.renders_started if pane.renders_started > before else before + 1, t))

    pane.sig_rendered.connect(painted)
    timer = QTimer()
    timer.setInterval(TYPING_MS)
    timer.timeout.connect(keystroke)
    timer.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()
    pane.sig_rendered.disconnect(painted)
    if len(latencies) < count:
        raise RuntimeError(f"only {len(latencies)} of {count} keystrokes were painted")
    return latencies


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
