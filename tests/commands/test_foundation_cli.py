"""The installed `curator` command starts and reports the package version."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path


def _curator() -> Path:
    # The console script installed next to this interpreter (.venv/bin/curator in a checkout).
    exe = Path(sys.executable).parent / "curator"
    assert exe.is_file(), f"{exe} is missing: run `bash scripts/dev.sh test` to install the package"
    return exe


def test_version_flag_prints_package_version() -> None:
    result = subprocess.run(
        [str(_curator()), "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"curator {version('curator-app')}"
    assert result.stderr == ""


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = subprocess.run(
        [str(_curator()), str(missing)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"curator: {missing}: no such file or folder"
    assert "Traceback" not in result.stderr


def test_a_named_command_runs_without_listing_the_others(tmp_path: Path) -> None:
    # Listing the commands goes through pkgutil (and inspect): a cost every warm `curator
    # index` paid. A named command is found directly; the help still lists them all.
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nbody\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from curator_app.cli import main\n"
        "rc = main(['index', '--no-lint', sys.argv[1]])\n"
        "print('pkgutil' in sys.modules, rc, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True,
                            text=True, timeout=60, env={**_env(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.stderr.strip().splitlines()[-1] == "False 0", result.stderr
    assert "a.md" in result.stdout
    helped = subprocess.run([str(_curator()), "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0
    for name in ("index", "validate", "replace", "self-test", "review"):
        assert name in helped.stdout


def test_a_folder_named_like_no_command_opens_the_editor_path(tmp_path: Path) -> None:
    # `curator -x` is an option error, `curator some-folder` is the editor: neither is a
    # command, and a name with a dash that is no module must not be taken for one.
    missing = tmp_path / "not-a-command"
    result = subprocess.run([str(_curator()), str(missing)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"curator: {missing}: no such file or folder"
    relative = subprocess.run([str(_curator()), "self_test_not"], capture_output=True, text=True,
                              timeout=60, cwd=tmp_path)
    assert relative.returncode == 2
    assert "no such file or folder" in relative.stderr


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
