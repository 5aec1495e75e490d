"""Logs in the platform's log folder, and crash reports that never lose the user's work.

An unexpected exception writes a report (traceback, versions) to the log folder and shows
a dialog that points to it; the app keeps running, and autosave keeps the unsaved edits.
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs

import curator_app

log = logging.getLogger("curator")


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("curator", appauthor=False))


class _Held(logging.Handler):
    """Keeps records until the log file is opened (see hold_logging)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_logging() -> None:
    """Log to memory until setup_logging(): its rotating handler brings in logging.handlers
    (socket, pickle, queue), ~20-40 ms of start-up before the window could show (issue 20)."""
    root = logging.getLogger("curator")
    if not root.handlers:  # none held yet, and the log file is not open
        root.addHandler(_Held())
    root.setLevel(logging.INFO)


def setup_logging() -> Path:
    """Log to curator.log in the log folder, with what was held until now written first."""
    import logging.handlers

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("curator")
    opened = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    handler = opened[0] if opened else logging.handlers.RotatingFileHandler(
        folder / "curator.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    if not opened:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    for held in [h for h in root.handlers if isinstance(h, _Held)]:
        root.removeHandler(held)
        for record in held.records:
            handler.handle(record)
    root.setLevel(logging.INFO)
    return folder


def write_crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """A file with what a developer needs: versions and the traceback. Returns its path."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}.txt"
    text = (
        f"Curator {curator_app.__version__} crash report, {dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}, {platform.platform()}\n\n"
        + "".join(traceback.format_exception(exc_type, exc, tb))
    )
    path.write_text(text, encoding="utf-8")
    log.error("crash report written to %s", path)
    return path


def install_excepthook() -> None:
    """Replace the default hook (which would print and, in a Qt slot, abort) with a report + dialog."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            path = write_crash_report(exc_type, exc, tb)
        except OSError:
            previous(exc_type, exc, tb)
            return
        _show_dialog(path, exc)

    sys.excepthook = hook


def _show_dialog(path: Path, exc: BaseException) -> None:
    from PySide6.QtWidgets import QApplication

    from curator_app.gui import alerts

    if QApplication.instance() is None:
        return
    # Not modal: the exception may have come from inside another dialog or a paint.
    alerts.tell(
        None,
        "crashDialog",
        "Curator hit a problem",
        f"Something went wrong: {exc}",
        detail="Your unsaved edits are kept in the recovery area. A report was written to:\n"
        f"{path}\nPlease send it to whoever supports Curator for you.",
        level=alerts.Level.ERROR,
        modal=False,
    )
