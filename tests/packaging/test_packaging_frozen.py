"""Smoke test of the frozen build: build the PyInstaller bundle from this tree, then run it
without the venv on PATH: `--version`, and the offscreen self-test (opens the sample item,
saves a byte-identical copy, renders the preview)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from curator_app import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("frozen")
    env = {
        **os.environ,
        "DIST_DIR": str(out / "dist"),
        "WORK_DIR": str(out / "work"),
        "PYTHON_BIN": sys.executable,
    }
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")], env=env, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return out / "dist"


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


def test_linux_archive_has_desktop_entry_and_icons(bundle: Path) -> None:
    archives = list(bundle.glob(f"curator-{__version__}-linux-*.tar.gz"))
    assert len(archives) == 1
    with tarfile.open(archives[0]) as tar:
        names = tar.getnames()
    assert any(n.endswith("share/applications/curator.desktop") for n in names)
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert any(n.endswith(f"hicolor/{size}x{size}/apps/curator.png") for n in names), size
    assert any(n.endswith("/curator/curator") for n in names)
