"""Smoke test of the frozen build: build the PyInstaller bundle from this tree, then run it
without the venv on PATH: `--version`, and the offscreen self-test (opens the sample item,
saves a byte-identical copy, renders the preview)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from curator_app import __version__

# The first test builds the bundle (conftest.py): minutes on a busy 2-core machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def _clean_env() -> dict[str, str]:
    """An environment in which the venv and the source tree cannot be found."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = "/usr/bin:/bin"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_frozen_version(bundle: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(bundle / "curator" / "curator"), "--version"],
        cwd=tmp_path, env=_clean_env(), capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"curator {__version__}"


def test_frozen_self_test(bundle: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(bundle / "curator" / "curator"), "self-test"],
        cwd=tmp_path, env=_clean_env(), capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "opened and saved byte-identical" in proc.stdout
    assert "self-test passed" in proc.stdout


def test_frozen_window_opens_on_the_sample(bundle: Path, tmp_path: Path) -> None:
    """The whole GUI imports (git, spell checking, preview), not only what self-test uses."""
    env = _clean_env()
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / var)
    env["CURATOR_BENCH_STARTUP"] = "0"  # report the window and the first preview, then quit
    site = tmp_path / "site"
    shutil.copytree(bundle / "curator" / "_internal" / "content", site)
    proc = subprocess.run(
        [str(bundle / "curator" / "curator"), str(site)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "window-shown" in proc.stdout
    assert "preview-painted" in proc.stdout


def test_pysides_support_modules_ship_unpacked_with_bytecode(bundle: Path) -> None:
    """Left embedded in shiboken6, they are compiled from source on every start."""
    support = bundle / "curator" / "_internal" / "shiboken6" / "files.dir" / "shibokensupport"
    sources = sorted(support.rglob("*.py"))
    assert any(p.name == "loader.py" for p in sources), f"nothing unpacked in {support}"
    for source in sources:
        cached = list((source.parent / "__pycache__").glob(f"{source.stem}.*.pyc"))
        assert cached, f"no bytecode beside {source}"
        flags = int.from_bytes(cached[0].read_bytes()[4:8], "little")
        assert flags == 0b01, f"{cached[0]}: bytecode checked against the source's time, which the copy does not keep"


def test_linux_archive_has_desktop_entry_and_icons(bundle: Path) -> None:
    archives = list(bundle.glob(f"curator-{__version__}-linux-*.tar.gz"))
    assert len(archives) == 1
    with tarfile.open(archives[0]) as tar:
        names = tar.getnames()
    assert any(n.endswith("share/applications/curator.desktop") for n in names)
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert any(n.endswith(f"hicolor/{size}x{size}/apps/curator.png") for n in names), size
    assert any(n.endswith("/curator/curator") for n in names)


def _disk_usage_mib(folder: Path) -> float:
    """What `du` reports: allocated blocks, each hard-linked file once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_blocks * 512
    return total / 1048576


def test_bundle_stays_within_size_budget(bundle: Path) -> None:
    size = _disk_usage_mib(bundle / "curator")
    assert size <= 350, f"bundle is {size:.0f} MiB unpacked; the budget is 350"


def test_bundle_keeps_what_the_web_engine_loads_and_drops_the_rest(bundle: Path) -> None:
    qt = bundle / "curator" / "_internal" / "PySide6" / "Qt"
    locales = sorted(p.name for p in (qt / "translations" / "qtwebengine_locales").iterdir())
    assert locales == ["en-GB.pak", "en-US.pak"]
    assert not list((qt / "translations").glob("*.qm"))
    assert (qt / "resources" / "qtwebengine_resources.pak").is_file()
    assert (qt / "resources" / "icudtl.dat").is_file()
    assert not (qt / "resources" / "qtwebengine_devtools_resources.pak").exists()
    assert not (qt / "plugins" / "qmltooling").exists()
    assert (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert (qt / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    # System libraries come from the distribution (the .deb's Depends), not the build host.
    assert not (bundle / "curator" / "_internal" / "libX11.so.6").exists()
