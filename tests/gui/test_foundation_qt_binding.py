"""Guards against known-bad Qt binding releases."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()
    valued = Signal(int)


def test_signal_emit_keeps_reference_counts(qapp) -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit; after a few thousand
    # emits (a long editing session) the interpreter aborts in bool_dealloc.
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)
    emitter.valued.connect(lambda _v: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
        emitter.valued.emit(1)
    assert sys.getrefcount(True) >= before - 5
