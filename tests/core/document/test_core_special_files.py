"""Special and huge files: refused by type and size before anything is read."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import paths

from curator_app.core.document.document import Document
from curator_app.core.document.reading import MAX_FILE_BYTES
from curator_app.core.errors import ParseError, UnsafeContentError

ITEM = b"---\ntitle: Fine\n---\nbody\n"


def _cli(*args: str, cwd: Path, timeout: float = 60) -> tuple[int, str, str, int]:
    """Run the real `curator`; returns (status, stdout, stderr, the child's peak RSS in KB).
    The child is reaped with os.wait4, which reports its own peak memory."""
    out_path, err_path = cwd / ".out", cwd / ".err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "curator_app.cli", *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(paths.PROJECT)},
        )
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            pytest.fail(f"curator {' '.join(args)} still running after {timeout} s")
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out_path.read_text(), err_path.read_text(), usage.ru_maxrss


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UnsafeContentError) as info:
        Document.load(fifo)
    assert time.monotonic() - started < 1
    assert "FIFO" in str(info.value) and str(info.value).startswith(str(fifo))


def test_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnsafeContentError, match="character device"):
        Document.load(link)


def test_folder_named_md_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "d.md").mkdir()
    with pytest.raises(ParseError, match="is a folder"):
        Document.load(tmp_path / "d.md")


def test_huge_sparse_file_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.write(ITEM)
        fh.truncate(1 << 30)  # 1 GB, sparse: costs no disk
    started = time.monotonic()
    with pytest.raises(UnsafeContentError) as info:
        Document.load(big)
    assert time.monotonic() - started < 1
    assert f"up to {MAX_FILE_BYTES:,} bytes" in info.value.message


def test_cli_refuses_special_files_without_reading_them(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    with (tmp_path / "sparse.md").open("wb") as fh:
        fh.truncate(1 << 30)
    (tmp_path / "plain.md").write_bytes(ITEM)
    # A child's peak RSS starts from its parent's at fork, so compare with an ordinary file.
    *_, baseline_kb = _cli("meta", str(tmp_path / "plain.md"), cwd=tmp_path)
    for name in ("fifo.md", "zero.md", "sparse.md"):
        status, _out, err, rss_kb = _cli("meta", str(tmp_path / name), cwd=tmp_path)
        assert status == 2, (name, err)
        assert err.startswith(f"{tmp_path / name}: ") and "Traceback" not in err, err
        assert rss_kb < baseline_kb + 200_000, f"{name}: peak RSS {rss_kb} KB: the file was read"


@pytest.mark.parametrize("command", [["roundtrip"], ["set", "title=x"], ["validate"]])
def test_other_commands_refuse_a_fifo_promptly(command: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    status, out, err, _ = _cli(command[0], str(fifo), *command[1:], cwd=tmp_path)
    assert "Traceback" not in err
    if command[0] == "roundtrip":  # lists what it cannot read as read-only, exit 0
        assert f"read-only (never rewritten): {fifo}: is a FIFO" in out, out
    else:
        assert status == 2 and err.startswith(f"{fifo}: is a FIFO"), err


def test_validate_folder_with_special_files_lints_the_rest(tmp_path: Path) -> None:
    """A folder walk lists regular files only: the FIFOs and the device link are skipped
    (never opened), every other file is linted, and the run ends promptly."""
    for i in range(70):  # enough files for the worker pool
        (tmp_path / f"item{i:02}.md").write_bytes(ITEM)
    (tmp_path / "item00.md").write_bytes(b"---\ntitle: Fine\ndate: someday\n---\nbody\n")
    os.mkfifo(tmp_path / "x.md")
    os.mkfifo(tmp_path / "x.html")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    status, out, err, _ = _cli("validate", str(tmp_path), cwd=tmp_path)
    assert "Traceback" not in err
    assert f"{tmp_path / 'item00.md'}:3:1: error CC601" in out
    assert "x.md" not in out + err and "zero.md" not in out + err
    assert status == 1


_ORPHAN = """
import os, sys, time
from curator_app.core.workers import die_with_parent
worker = os.fork()
if worker == 0:
    die_with_parent()
    print(os.getpid(), flush=True)
    time.sleep(60)  # a worker stuck on something slow
    os._exit(0)
time.sleep(60)
"""


def test_pool_workers_die_with_their_parent(tmp_path: Path) -> None:
    """The initializer `validate` and the library index give their workers: SIGKILL the
    parent while a worker is busy, and the worker goes too."""
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(paths.PROJECT)},
    )
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    if _alive(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
