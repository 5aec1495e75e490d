"""Crash reports: an unexpected exception writes a report to the log folder and shows a
dialog that points to it, instead of a traceback or an abort."""

from __future__ import annotations

import sys

from curator_app.gui import crash


def test_unexpected_exception_writes_report_and_shows_dialog(qtbot, monkeypatch, answers) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    folder = crash.setup_logging()
    crash.install_excepthook()
    try:
        raise RuntimeError("index went sideways")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    reports = sorted(folder.glob("crash-*.txt"))
    assert reports, "no crash report written"
    text = reports[-1].read_text()
    assert "RuntimeError: index went sideways" in text
    assert "Qt " in text and "PySide6 " in text
    told = answers.told()
    assert [t.name for t in told] == ["crashDialog"]
    assert str(reports[-1]) in told[0].detail
    assert (folder / "curator.log").exists()
