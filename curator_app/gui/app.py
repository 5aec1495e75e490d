"""QApplication setup and the one place that wires the window together: `run_gui`."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from curator_app.core.errors import CuratorError
from curator_app.gui import settings as app_settings

if TYPE_CHECKING:
    from curator_app.gui.wiring import Workbench

_SANDBOX_FLAG = "--no-sandbox"


def _prepare_environment() -> None:
    """Process-wide settings that must exist before QApplication is created."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium (QtWebEngine) will not start its sandbox as root (CI, containers).
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if _SANDBOX_FLAG not in flags.split():
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} {_SANDBOX_FLAG}".strip()


def _display_problem() -> str | None:
    """Why no window can be shown, if that is knowable up front (Qt would abort instead)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "curator: no display (DISPLAY and WAYLAND_DISPLAY are unset); "
        "run it under xvfb-run, or use `bash scripts/dev.sh run`"
    )


def resolve_start(path: str | None, settings: app_settings.Settings) -> tuple[Path, Path | None]:
    """The folder to open and the item to select, from the CLI argument or the settings.

    With no PATH and no remembered folder (first run), the bundled sample is copied into a
    git-tracked workspace in the user's documents folder: an installed app must not edit
    its own install folder.
    """
    from curator_app.core.site.workspace import create_workspace
    from curator_app.resources import bundled_content_dir

    if path is None:
        last = settings.last_folder()
        if last is not None and last.is_dir():
            return last, None
        return create_workspace(bundled_content_dir()), None
    target = Path(path).expanduser().resolve()
    if target.is_file():
        return target.parent, target
    return target, None


def create_application(argv: list[str] | None = None):  # -> QApplication (lazy import)
    """The QApplication with names, icon and the attributes QtWebEngine needs."""
    _prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # QtWebEngine needs shared GL contexts and must be loaded before the application exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # When the web engine is missing the preview reports it; the editor works without it.
    with contextlib.suppress(ImportError):
        import PySide6.QtWebEngineWidgets  # noqa: F401

        # The preview's image scheme must be known before the application exists.
        from curator_app.gui.preview import register_schemes

        register_schemes()
    QCoreApplication.setOrganizationName(app_settings.ORGANIZATION)
    QCoreApplication.setApplicationName(app_settings.APPLICATION)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Curator")
    app.setDesktopFileName("curator")
    from curator_app.gui.main_window import application_icon

    app.setWindowIcon(application_icon())
    return app


def _report_startup(bench: Workbench) -> None:
    """For the benchmarks: print when the window is shown, the preview painted, the library loaded.

    CURATOR_BENCH_STARTUP=<epoch seconds at launch> turns it on; the app quits after the
    first preview unless CURATOR_BENCH_STAY is set (the memory benchmark reads /proc then).
    """
    if not os.environ.get("CURATOR_BENCH_STARTUP"):
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    t0 = float(os.environ["CURATOR_BENCH_STARTUP"])
    stay = bool(os.environ.get("CURATOR_BENCH_STAY"))
    print(f"window-shown {time.time() - t0:.4f}", flush=True)
    preview = bench.preview
    bench.library.sig_loaded.connect(lambda n: print(f"library-loaded {time.time() - t0:.4f} {n}", flush=True))
    if preview is None:
        if not stay:
            QTimer.singleShot(0, QApplication.quit)
        return

    def painted(_ms: float) -> None:
        print(f"preview-painted {time.time() - t0:.4f}", flush=True)
        preview.sig_rendered.disconnect(painted)
        if not stay:
            QTimer.singleShot(0, QApplication.quit)

    preview.sig_rendered.connect(painted)


def run_gui(path: str | None = None) -> int:
    """Open the main window on `path` (folder or file) and run until it closes."""
    if path is not None and not Path(path).expanduser().exists():
        print(f"curator: {path}: no such file or folder", file=sys.stderr)
        return 2
    problem = _display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from curator_app.gui.crash import install_excepthook, setup_logging

    setup_logging()
    app = create_application()
    install_excepthook()
    from PySide6.QtCore import QTimer

    from curator_app.gui.main_window import MainWindow
    from curator_app.gui.wiring import Workbench

    settings = app_settings.Settings()
    window = MainWindow(settings)
    bench = Workbench(window, settings)
    first_run = path is None and settings.last_folder() is None
    try:
        folder, select = resolve_start(path, settings)
    except CuratorError as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return 2
    bench.open_folder(folder, select)
    window.show()
    _report_startup(bench)
    if first_run:
        window.statusBar().showMessage(f"Created your Curator workspace at {folder} (a git repository)", 15000)
    QTimer.singleShot(0, bench.offer_recovery)
    # Smoke tests and screenshots end the app on their own schedule.
    exit_after = os.environ.get("CURATOR_EXIT_AFTER_MS")
    if exit_after and exit_after.isdigit():
        QTimer.singleShot(int(exit_after), window.close)
    code = int(app.exec())
    # Web pages must go before their profile, or QtWebEngine crashes on the way out.
    from PySide6.QtCore import QCoreApplication, QEvent

    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
