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


def test_records_logged_before_the_log_file_opens_are_written_to_it() -> None:
    # At start-up the log file opens after the window has painted; nothing logged before is lost.
    crash.hold_logging()
    crash.log.warning("logged before the window painted")
    folder = crash.setup_logging()
    crash.log.warning("logged after")
    for handler in crash.log.handlers:
        handler.flush()
    text = (folder / "curator.log").read_text(encoding="utf-8")
    assert text.index("logged before the window painted") < text.index("logged after")
