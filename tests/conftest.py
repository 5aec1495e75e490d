"""Test-wide setup: offscreen Qt, throwaway settings/caches, shared fixtures.

Everything at module level here runs before any test module imports Qt, which is
why the environment is prepared first and Qt is imported only afterwards.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# pytester lets tests/gui/test_foundation_qt_warnings.py check the suite's own configuration (warnings fail tests).
pytest_plugins = [
    "pytester",
    "support.alerts",
    "support.library_fixtures",
    "support.recovery_fixtures",
    "support.editor_fixtures",
]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_ROOT.parent / "shared"
CONTENT_DIR = PROJECT_ROOT / "content"

# One scratch root per test session; nothing a test writes may land in the user's home.
_SCRATCH = Path(tempfile.mkdtemp(prefix="curator-tests-"))
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)


def _prepare_environment() -> None:
    # Offscreen even on a desktop: tests must not pop windows or depend on a display.
    # tests/gui/xcb/ re-runs itself on a private Xvfb with the real X11 platform, which
    # it asks for through CURATOR_TEST_QPA.
    os.environ["QT_QPA_PLATFORM"] = "xcb" if os.environ.get("CURATOR_TEST_QPA") == "xcb" else "offscreen"
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    # No GPU offscreen; without this Chromium probes Vulkan/GBM and logs warnings.
    if "--disable-gpu" not in flags:
        flags.append("--disable-gpu")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    # The rest as the app sets it: no sandbox as root, a software scene graph for the web view.
    from curator_app.gui.webflags import prepare_web_engine

    prepare_web_engine()
    # Settings, caches and web-engine profiles follow the XDG variables (Qt and platformdirs).
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        path = _SCRATCH / var.lower()
        path.mkdir()
        os.environ[var] = str(path)
    # The first-run workspace goes to the documents folder; never the real one in tests.
    (_SCRATCH / "documents").mkdir()
    os.environ["XDG_DOCUMENTS_DIR"] = str(_SCRATCH / "documents")
    runtime = _SCRATCH / "runtime"
    runtime.mkdir(mode=0o700)
    # Qt warns when XDG_RUNTIME_DIR is missing or has loose permissions.
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    # The app reads this to decide where "last folder" etc. default from; keep it inert.
    os.environ["CURATOR_TESTING"] = "1"


_prepare_environment()

from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402

# QtWebEngine must share GL contexts, and this must be set before the QApplication exists.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
# The web engine must be loaded before the QApplication exists; when it is missing the
# preview tests skip themselves and the rest still runs.
with contextlib.suppress(ImportError):
    import PySide6.QtWebEngineWidgets  # noqa: F401

    # The preview's URL scheme, like the app does in create_application().
    from curator_app.gui.preview import register_schemes

    register_schemes()

from curator_app.gui import settings as app_settings  # noqa: E402

QCoreApplication.setOrganizationName(app_settings.ORGANIZATION)
QCoreApplication.setApplicationName(app_settings.APPLICATION)

_settings_counter = itertools.count()


def _point_settings_at(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(path))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(path / "system"))


_point_settings_at(_SCRATCH / "qsettings" / "session")


@pytest.fixture(autouse=True)
def _isolated_settings() -> Iterator[Path]:
    """Each test starts with empty QSettings (window geometry, recent folders...)."""
    path = _SCRATCH / "qsettings" / f"test-{next(_settings_counter)}"
    _point_settings_at(path)
    yield path


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the project (seed item, corpus); skips when this checkout lacks it."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared test inputs not found at {SHARED_DIR} (expected next to the project)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    path = shared_dir / "seed" / "curated-content-genome-uk.md"
    if not path.is_file():
        pytest.skip(f"seed item not found at {path}")
    return path


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus"
    if not path.is_dir():
        pytest.skip(f"corpus not found at {path}")
    return path


@pytest.fixture(scope="session")
def content_dir() -> Path:
    """The bundled sample content/ folder (read-only: copy it with tmp_content to edit)."""
    if not any(CONTENT_DIR.glob("**/*.md")):
        pytest.skip(f"no sample items in {CONTENT_DIR} yet")
    return CONTENT_DIR


@pytest.fixture
def tmp_content(content_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of content/ in a temp dir."""
    dest = tmp_path / "content"
    shutil.copytree(content_dir, dest)
    return dest


@pytest.fixture
def python_exe() -> str:
    return sys.executable


# --- leaving the process ---------------------------------------------------------------------
# Once every test has run and the summary is printed, the interpreter's own teardown of
# PySide6 and QtWebEngine objects can still crash (seen here as a segfault at exit on a
# loaded machine), turning a green run red. The run's result is known by then: leave with
# it directly, after removing the scratch folder.
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if not _EXIT_STATUS or os.environ.get("CURATOR_TESTS_NORMAL_EXIT"):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    shutil.rmtree(_SCRATCH, ignore_errors=True)
    os._exit(_EXIT_STATUS[-1])
