"""Atomic saves: a SIGKILL at any moment leaves the old or the new bytes, never a mix;
write failures leave the original intact with a clear message; a save never overwrites
a change made on disk since the file was read."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support import paths

from curator_app.core.document.atomic_write import write_bytes_atomic
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError, WriteConflictError

PROJECT = paths.PROJECT


def _versions() -> tuple[bytes, bytes]:
    # Big enough (~1.5 MB) that a kill often lands while the bytes are being written.
    body_a = ("<p>version A " + "a" * 70 + "</p>\n") * 18000
    body_b = ("<p>version B " + "b" * 90 + "</p>\n") * 15000
    return (
        f"---\ntitle: Version A\n---\n{body_a}".encode(),
        f"---\ntitle: Version B\n---\n{body_b}".encode(),
    )


# A single-threaded fork server: forking a ready child is far cheaper than starting Python,
# which is what lets one test run hundreds of kills. Each child saves in a loop until the
# test SIGKILLs it; the server reports how the child died.
SAVER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from curator_app.core.document.atomic_write import write_bytes_atomic
    from curator_app.core.document.document import Document

    path = Path(sys.argv[1])
    a, b = Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
    bodies = [Document.from_bytes(a).body, Document.from_bytes(b).body]

    def save_forever():
        i = 0
        while True:
            if i % 2:
                write_bytes_atomic(path, a if i % 4 == 1 else b)
            else:
                doc = Document.load(path)
                doc.set("title", "Version B" if doc.get("title") == "Version A" else "Version A")
                doc.body = bodies[1] if doc.get("title") == "Version B" else bodies[0]
                doc.save()
            i += 1

    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                save_forever()
            finally:
                os._exit(3)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1, flush=True)
    """
)


def _kill_savers(tmp_path: Path, kills: int, max_delay: float) -> tuple[Path, int, int]:
    """SIGKILL ``kills`` savers at random moments; checks the file after each kill.

    Returns the target, how many kills left a temp file (a kill between creating and
    renaming it) and the largest number of temp files seen at once.
    """
    a, b = _versions()
    for name, data in (("a.bin", a), ("b.bin", b)):
        (tmp_path / name).write_bytes(data)
    good = {hashlib.sha256(a).hexdigest(), hashlib.sha256(b).hexdigest()}
    target = tmp_path / "content" / "item.md"
    target.parent.mkdir()
    target.write_bytes(a)
    target.chmod(0o640)
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    server = subprocess.Popen(
        [sys.executable, str(script), str(target), str(tmp_path / "a.bin"), str(tmp_path / "b.bin")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
    )
    assert server.stdin is not None and server.stdout is not None
    rng = random.Random(1234)
    mid_write = most_temps = 0
    try:
        for kill in range(kills):
            server.stdin.write("go\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            time.sleep(rng.uniform(0.0, max_delay))  # a random moment of the save loop
            os.kill(pid, signal.SIGKILL)
            assert int(server.stdout.readline()) == signal.SIGKILL, "the saver died on its own"
            data = target.read_bytes()
            assert hashlib.sha256(data).hexdigest() in good, f"kill {kill}: {len(data)} bytes, a mix or a torn file"
            assert stat.S_IMODE(target.stat().st_mode) == 0o640
            temps = len(list(target.parent.glob(".item.md.*.curator-tmp")))
            mid_write += temps > 0
            most_temps = max(most_temps, temps)
    finally:
        server.stdin.close()
        server.wait(timeout=60)
    return target, mid_write, most_temps


def _assert_next_open_cleans(target: Path) -> None:
    # A fresh process (as a user's next `curator` run would be) opens the file.
    res = subprocess.run(
        [sys.executable, "-m", "curator_app.cli", "meta", str(target)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert [p.name for p in target.parent.iterdir()] == ["item.md"]


def test_sigkill_during_saves_never_tears_the_file(tmp_path: Path) -> None:
    target, mid_write, most_temps = _kill_savers(tmp_path, kills=60, max_delay=0.08)
    assert mid_write > 0, "no kill landed between creating and renaming a temp file"
    assert most_temps == 1, "a save did not clean the temp file an earlier kill left"
    _assert_next_open_cleans(target)


@pytest.mark.slow
def test_sigkill_during_saves_250_kills(tmp_path: Path) -> None:
    target, mid_write, most_temps = _kill_savers(tmp_path, kills=250, max_delay=0.08)
    print(f"250 kills, {mid_write} between temp-file creation and rename, 0 torn")
    assert mid_write > 0 and most_temps == 1
    _assert_next_open_cleans(target)


def test_save_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(b"---\ntitle: x\n---\n")
    path.chmod(0o604)
    doc = Document.load(path)
    doc.set("title", "changed")
    doc.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert path.read_bytes() == b"---\ntitle: changed\n---\n"
    assert list(tmp_path.iterdir()) == [path]


def test_save_through_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"---\ntitle: x\n---\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    doc = Document.load(link)
    doc.set("title", "via link")
    doc.save()
    assert link.is_symlink()
    assert real.read_bytes() == b"---\ntitle: via link\n---\n"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_gives_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "item.md"
    raw = b"---\ntitle: x\n---\n"
    path.write_bytes(raw)
    doc = Document.load(path)
    doc.set("title", "y")
    folder.chmod(0o555)
    try:
        with pytest.raises(CuratorError) as info:
            doc.save()
    finally:
        folder.chmod(0o755)
    assert "could not save" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == raw
    assert doc.get("title") == "y"  # the edit is still there to retry


def test_missing_folder_and_folder_target_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CuratorError) as info:
        write_bytes_atomic(tmp_path / "nope" / "item.md", b"x")
    assert "could not save" in str(info.value)
    with pytest.raises(CuratorError):
        write_bytes_atomic(tmp_path, b"x")


FSIZE_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from curator_app.core.document.document import Document
    from curator_app.core.errors import CuratorError

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    doc = Document.load(sys.argv[1])
    doc.body = "x" * 200_000
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
    try:
        doc.save()
    except CuratorError as exc:
        print("ERROR", exc)
        print("STILL", len(doc.body))
        sys.exit(0)
    print("SAVED")
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX RLIMIT_FSIZE")
def test_disk_full_like_failure_leaves_original(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    raw = b"---\ntitle: x\n---\nsmall body\n"
    path.write_bytes(raw)
    res = subprocess.run(
        [sys.executable, "-c", FSIZE_CHILD, str(path)], capture_output=True, text=True, cwd=PROJECT, timeout=60
    )
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith(f"ERROR {path}: could not save:"), res.stdout
    assert lines[1] == "STILL 200000"
    assert path.read_bytes() == raw
    assert list(tmp_path.iterdir()) == [path], "the temp file was not cleaned up"


def test_save_refuses_when_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(b"---\ntitle: mine\n---\n")
    st = path.stat()
    doc = Document.load(path)
    doc.set("title", "my edit")
    # Someone else saves the same size and restores the mtime: only the content tells.
    path.write_bytes(b"---\ntitle: them\n---\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert doc.changed_on_disk()
    with pytest.raises(WriteConflictError) as info:
        doc.save()
    assert str(path) in str(info.value)
    assert path.read_bytes() == b"---\ntitle: them\n---\n"
    doc.save(force=True)
    assert path.read_bytes() == b"---\ntitle: my edit\n---\n"
    # After a save the document tracks the new bytes: saving again is fine.
    doc.set("title", "again")
    doc.save()
    assert Document.load(path).get("title") == "again"


def test_save_refuses_when_file_deleted(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(b"---\ntitle: x\n---\n")
    doc = Document.load(path)
    path.unlink()
    doc.set("title", "y")
    with pytest.raises(WriteConflictError):
        doc.save()
    assert not path.exists()


def test_touch_without_change_is_not_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(b"---\ntitle: x\n---\n")
    doc = Document.load(path)
    os.utime(path, (time.time() + 100, time.time() + 100))
    doc.set("title", "z")
    doc.save()
    assert path.read_bytes() == b"---\ntitle: z\n---\n"
