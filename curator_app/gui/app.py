"""QApplication setup and start-up: `run_gui` builds the wired window, then what loads late."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.errors import CuratorError
from curator_app.gui import settings as app_settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from curator_app.gui.wiring import Workbench

FIRST_PREVIEW_WAIT_MS = 5000  # git status waits at most this long for the first preview
# Start-up steps follow each other on a 1 ms timer, not a zero one: zero timers ran back to
# back ahead of the window's due timers and paints, so a 80 ms step and the next 15-35 ms
# one froze the window as one.
STEP_GAP_MS = 1


def _prepare_environment() -> None:
    """Process-wide settings that must exist before QApplication is created."""
    from curator_app.gui.webflags import prepare_web_engine

    prepare_web_engine()


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


def create_application(argv: list[str] | None = None, *, web_engine: bool = True):  # -> QApplication
    """The QApplication with names, icon and the attributes QtWebEngine needs.

    web_engine=False leaves QtWebEngine unloaded (the app loads it after the window has
    painted, see _after_first_paint); its one requirement on the application, shared
    GL contexts, is set either way."""
    _prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # QtWebEngine needs shared GL contexts, set before the application exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # When the web engine is missing the preview reports it; the editor works without it.
    if web_engine:
        _load_web_engine()
    QCoreApplication.setOrganizationName(app_settings.ORGANIZATION)
    QCoreApplication.setApplicationName(app_settings.APPLICATION)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Curator")
    app.setDesktopFileName("curator")
    from curator_app.gui.main_window import application_icon

    app.setWindowIcon(application_icon())
    return app


def _load_web_engine() -> bool:
    """Load QtWebEngine and declare the preview's image scheme (before any web view)."""
    try:
        import PySide6.QtWebEngineWidgets  # noqa: F401

        from curator_app.gui.preview import register_schemes
    except ImportError:
        return False
    register_schemes()
    return True


def _after_first_paint(window: QWidget, steps: list[Callable[[], object]]) -> None:
    """Run `steps` once the window has painted for the first time, one per turn of the
    event loop, so input and paints are handled between them. A step that returns a
    threading.Event (work started on another thread) holds the next step until it is set.

    Loading QtWebEngine and starting Chromium takes longer than everything else the window
    needs; done first, it kept the window from showing (issue 20). The preview pane shows a
    placeholder until then."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    pending = list(steps)

    def next_step() -> None:
        if not pending:
            return
        started = pending.pop(0)()
        if isinstance(started, threading.Event):
            wait_for(started)
        else:
            QTimer.singleShot(STEP_GAP_MS, next_step)

    def wait_for(event: threading.Event) -> None:
        if event.is_set():
            QTimer.singleShot(STEP_GAP_MS, next_step)
        else:  # polled: the worker thread has no event loop to post from
            QTimer.singleShot(10, lambda: wait_for(event))

    class _FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                # After this paint reaches the screen: the next turn of the event loop.
                QTimer.singleShot(0, next_step)
            return False

    window.installEventFilter(_FirstPaint(window))


def _first_preview_shown(pane: Any) -> threading.Event:
    """Set once `pane` has painted its first item or failed to render it, at once when it
    has nothing to render (no pane, no item open), and after FIRST_PREVIEW_WAIT_MS at most."""
    shown = threading.Event()
    if pane is None or pane.renders_started == 0:
        shown.set()
        return shown
    from PySide6.QtCore import Qt, QTimer

    once = Qt.ConnectionType.SingleShotConnection
    pane.sig_rendered.connect(lambda _ms: shown.set(), once)
    pane.sig_failed.connect(lambda _message: shown.set(), once)
    QTimer.singleShot(FIRST_PREVIEW_WAIT_MS, pane, shown.set)
    return shown


class _StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the event loop was busy.
    Each gap over 100 ms is printed as it ends ("stall <s from t0> <ms>"), so a benchmark
    can tell which part of its run froze the window."""

    def __init__(self, parent: Any, t0: float) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._t0, self._epoch = t0, time.time
        self._clock = time.perf_counter
        self._last = self._clock()
        self.longest_ms = 0.0
        self._timer = QTimer(parent)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = self._clock()
        gap = (now - self._last) * 1000 - 5
        if gap > 100:
            print(f"stall {self._epoch() - self._t0:.4f} {gap:.1f}", flush=True)
        self.longest_ms = max(self.longest_ms, gap)
        self._last = now


def _report_startup(bench: Workbench) -> Callable[[Any], None]:
    """For the benchmarks: print when the window is shown, the preview painted, the library loaded.

    CURATOR_BENCH_STARTUP=<epoch seconds at launch> turns it on; the app quits after the
    first preview unless CURATOR_BENCH_STAY is set (the memory benchmark reads /proc then)
    or CURATOR_BENCH_QUIT_ON names another mark ("library" or "lint"). From the window on,
    a 5 ms timer measures the longest event-loop stall, printed with those two marks.
    Returns what to call with the preview pane (or None) once it exists.
    """
    if not os.environ.get("CURATOR_BENCH_STARTUP"):
        return lambda _preview: None
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    t0 = float(os.environ["CURATOR_BENCH_STARTUP"])
    quit_on = os.environ.get("CURATOR_BENCH_QUIT_ON", "preview")
    stay = bool(os.environ.get("CURATOR_BENCH_STAY")) or quit_on != "preview"
    print(f"window-shown {time.time() - t0:.4f}", flush=True)
    stall = _StallMeter(bench.window, t0)

    def listed(n: int) -> None:  # the list is filled (a warm open: from the cache); CPU s used
        print(f"library-listed {time.time() - t0:.4f} {n} {stall.longest_ms:.1f} {time.process_time():.3f}",
              flush=True)

    def loaded(n: int) -> None:
        print(f"library-loaded {time.time() - t0:.4f} {n} {stall.longest_ms:.1f} {time.process_time():.3f}",
              flush=True)
        if quit_on == "library":
            QTimer.singleShot(0, QApplication.quit)

    def linted(done: int, total: int) -> None:
        if done >= total:
            print(f"lint-done {time.time() - t0:.4f} {total} {stall.longest_ms:.1f}", flush=True)
            if quit_on == "lint":
                QTimer.singleShot(0, QApplication.quit)

    bench.library.sig_listed.connect(listed)
    bench.library.sig_loaded.connect(loaded)
    bench.library.sig_lint_progress.connect(linted)

    def preview_started(preview: Any) -> None:
        if preview is None:
            if not stay:
                QTimer.singleShot(0, QApplication.quit)
            return

        def painted(_ms: float) -> None:
            print(f"preview-painted {time.time() - t0:.4f} {stall.longest_ms:.1f}", flush=True)
            preview.sig_rendered.disconnect(painted)
            if not stay:
                QTimer.singleShot(0, QApplication.quit)

        preview.sig_rendered.connect(painted)

    return preview_started


def _collect_from_now_on() -> None:
    """Turn the cycle collector back on, leaving out what start-up built: nearly all of it
    lives as long as the app, so collections need not walk it again (gc.freeze). No
    collection first: a full one here would be the very pause this avoids, and the few
    cycles start-up leaves behind are kept."""
    gc.freeze()
    gc.enable()


def _import_markdown() -> None:
    """The preview's Markdown renderer (markdown-it and its plugins, about 30 ms), in a turn
    of its own: each turn before the first preview stays well under 100 ms even while a
    new folder's indexing keeps both cores busy."""
    import curator_app.core.preview.body_render  # noqa: F401


def _import_preview() -> None:
    """The rest of the preview's modules (the page and card builders, the pane): about
    40 ms. Creating the web view and starting its first render is then a turn of its own."""
    with contextlib.suppress(ImportError):  # QtWebEngine missing: start_preview shows why
        import curator_app.gui.preview.pane  # noqa: F401


def _load_reader() -> None:
    """The YAML front matter reader and the schema, before the editor's modules (each about
    25-35 ms): the first item (a tab reopened by start_git, or the list's first row) then
    opens in a turn 40-60 ms shorter. The fence patterns compile on a first split, and
    find_site reads hugo.toml with tomllib."""
    import tomllib  # noqa: F401

    import curator_app.core.document.yaml_front  # noqa: F401
    from curator_app.core.document.split import split
    from curator_app.core.schema.schema import load_schema

    load_schema()
    split("---\ntitle: x\n---\n")


def _import_editor() -> None:
    """The editor pane's modules (form, body editor, spelling underline)."""
    import curator_app.gui.editor_pane  # noqa: F401


def run_gui(path: str | None = None) -> int:
    """Open the main window on `path` (folder or file) and run until it closes."""
    if path is not None and not Path(path).expanduser().exists():
        print(f"curator: {path}: no such file or folder", file=sys.stderr)
        return 2
    problem = _display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from curator_app.gui.crash import hold_logging, install_excepthook, setup_logging

    gc.disable()  # as `curator` does before importing this module (see cli.main)
    hold_logging()  # the log file opens once the window has painted
    app = create_application(web_engine=False)
    install_excepthook()
    from PySide6.QtCore import QTimer

    from curator_app.gui.main_window import MainWindow
    from curator_app.gui.preload import preload_module, preload_web_engine
    from curator_app.gui.wiring import Workbench

    settings = app_settings.Settings()
    window = MainWindow(settings)
    bench = Workbench(window, settings, defer_preview=True)
    first_run = path is None and settings.last_folder() is None
    try:
        folder, select = resolve_start(path, settings)
    except CuratorError as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return 2
    from curator_app.gui.spell.service import spell_service

    spelling = spell_service()
    spelling.hold()  # the first item's dictionary loads once the window has painted
    # The folder's files are read once the preview has painted and the tabs are back (a
    # cached list shows at once): parsing on both cores stretched every start-up step.
    bench.library.hold_indexing()
    bench.open_folder(folder, select)
    window.show()
    preview_started = _report_startup(bench)

    loading: dict[str, threading.Event] = {}

    # On worker threads, while this one goes on handling events.
    def preload_web() -> None:
        from PySide6.QtGui import QGuiApplication

        loading["web"] = preload_web_engine(gl=QGuiApplication.platformName() == "xcb")

    def preload_git() -> None:
        loading["git"] = preload_module("pygit2")

    def create_preview() -> None:
        preview_started(bench.create_preview())

    def place_preview() -> threading.Event:
        bench.place_preview()
        return _first_preview_shown(bench.preview)

    # The preview first, git status after it has painted: on two cores, reading the
    # repository competed with Chromium's first frame, and the branch name can wait.
    _after_first_paint(window, [
        setup_logging,
        preload_web,
        spelling.release,
        # The folder's tabs before the preview's engine starts: opened while Chromium started
        # its processes, the first item's turn took 120-130 ms against 70-115 ms. The steps
        # after start_preview, and with them the library's reading, wait for its paint.
        lambda: loading["web"],
        _load_reader,
        _import_editor,
        bench.reopen_tabs,
        _load_web_engine,
        _import_markdown,
        _import_preview,
        # Created and rendering in one turn (the web engine's first profile starts Chromium:
        # 45-60 ms), laid out in the window the next while the render runs on its worker;
        # in one turn the longest start-up pause was 10-20 ms longer.
        create_preview,
        place_preview,
        _collect_from_now_on,
        preload_git,
        lambda: loading["git"],
        bench.start_git,
        bench.library.release_indexing,
    ])
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
