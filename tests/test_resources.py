"""Resources are found in a checkout and inside a PyInstaller bundle; the dev script is sane."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from curator_app import resources


def test_source_tree_layout(project_root: Path) -> None:
    assert resources.base_dir() == project_root
    assert resources.icon_path().is_file()
    assert resources.bundled_content_dir() == project_root / "content"


def test_pyinstaller_bundle_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.base_dir() == tmp_path
    assert resources.resource_path("icons", "x.png") == tmp_path / "resources" / "icons" / "x.png"
    assert resources.bundled_content_dir() == tmp_path / "content"


def test_icon_pngs_match_their_names() -> None:
    for size in resources.ICON_SIZES:
        with Image.open(resources.icon_path(size)) as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            # Transparent corners: the tile is rounded, not a square block.
            assert image.getchannel("A").getpixel((0, 0)) == 0


def test_ci_runs_the_readme_test_command(project_root: Path) -> None:
    readme = (project_root / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0].strip() for line in readme.split("```")[1].splitlines()[1:]]
    assert [c for c in commands if c] == ["bash scripts/dev.sh run", "bash scripts/dev.sh test"]
    ci = (project_root / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec bash scripts/dev.sh test\n" in ci


def test_dev_script_without_mode_prints_usage(project_root: Path) -> None:
    result = subprocess.run(
        ["bash", str(project_root / "scripts" / "dev.sh")], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert "bash scripts/dev.sh run [PATH]" in result.stderr
