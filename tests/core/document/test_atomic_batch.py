"""Batched writes (atomic_batch.py): every file or none, each never torn by a kill, and a
file changed on disk at any point before the renames stops the whole batch."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import paths

from curator_app.core.document import atomic_batch
from curator_app.core.document.atomic_batch import write_files_atomic
from curator_app.core.document.atomic_write import TEMP_SUFFIX
from curator_app.core.errors import CuratorError, WriteConflictError


def _files(folder: Path, count: int, text: str = "old") -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = []
    for n in range(count):
        path = folder / f"{n:02}.md"
        path.write_bytes(f"---\ntitle: {text} {n}\n---\n".encode())
        out.append(path)
    return out


def _temps(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_every_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    one = _files(tmp_path / "one", 3)
    two = _files(tmp_path / "two", 2)
    one[1].chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(two[0])
    jobs = [(p, p.read_bytes().replace(b"old", b"new"), p.read_bytes()) for p in [*one, two[1]]]
    jobs.append((link, b"via link\n", two[0].read_bytes()))
    write_files_atomic(jobs)
    assert [p.read_bytes() for p in one] == [f"---\ntitle: new {n}\n---\n".encode() for n in range(3)]
    assert stat.S_IMODE(one[1].stat().st_mode) == 0o640
    assert link.is_symlink() and two[0].read_bytes() == b"via link\n"
    assert _temps(tmp_path / "one", tmp_path / "two") == []


def test_a_file_changed_before_the_batch_stops_it(tmp_path: Path) -> None:
    files = _files(tmp_path, 4)
    before = [p.read_bytes() for p in files]
    jobs = [(p, b"new\n", old) for p, old in zip(files, before, strict=True)]
    files[2].write_bytes(b"edited elsewhere\n")
    with pytest.raises(WriteConflictError, match="since"):
        write_files_atomic(jobs, "changed on disk since; nothing was written")
    assert [p.read_bytes() for p in files] == [*before[:2], b"edited elsewhere\n", before[3]]
    assert _temps(tmp_path) == []


def test_a_file_changed_while_the_temp_files_are_flushed_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real flush still runs; another program saves one of the files during it."""
    if atomic_batch._SYNCFS is None:
        pytest.skip("no syncfs here: every temp file is fsynced instead")
    files = _files(tmp_path, 5)
    before = [p.read_bytes() for p in files]
    real = atomic_batch._SYNCFS

    def flush_while_another_program_saves(fd: int) -> int:
        files[4].write_bytes(b"saved by another program\n")
        return real(fd)

    monkeypatch.setattr(atomic_batch, "_SYNCFS", flush_while_another_program_saves)
    with pytest.raises(WriteConflictError) as info:
        write_files_atomic([(p, b"new\n", old) for p, old in zip(files, before, strict=True)])
    assert str(files[4]) in str(info.value)
    assert [p.read_bytes() for p in files[:4]] == before[:4]
    assert files[4].read_bytes() == b"saved by another program\n"
    assert _temps(tmp_path) == []


def test_a_failed_rename_puts_back_the_files_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if atomic_batch._SYNCFS is None:
        pytest.skip("no syncfs here to run a step between writing and renaming")
    files = _files(tmp_path, 4)
    before = [p.read_bytes() for p in files]
    real = atomic_batch._SYNCFS

    def flush_then_block_the_last_path(fd: int) -> int:
        if files[3].is_file():  # once: putting the others back flushes again
            files[3].unlink()  # a folder where a file was: its rename must fail
            (files[3] / "inside").mkdir(parents=True)
        return real(fd)

    monkeypatch.setattr(atomic_batch, "_SYNCFS", flush_then_block_the_last_path)
    jobs = [(p, b"new\n", old) for p, old in zip(files[:3], before[:3], strict=True)]
    with pytest.raises(CuratorError, match="could not save") as info:
        write_files_atomic([*jobs, (files[3], b"new\n", None)])
    assert str(files[3]) in str(info.value)
    assert [p.read_bytes() for p in files[:3]] == before[:3]
    assert _temps(tmp_path) == []


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from curator_app.core.document.atomic_batch import write_files_atomic

    files = sorted(Path(sys.argv[1]).glob("*.md"))
    a, b = Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
    i = 0
    while True:
        old, new = (a, b) if i % 2 == 0 else (b, a)
        write_files_atomic([(p, new, old) for p in files])
        print(i, flush=True)
        i += 1
    """
)


def test_sigkill_during_batches_never_tears_or_mixes_a_file(tmp_path: Path) -> None:
    a = ("<p>version A " + "a" * 70 + "</p>\n") * 2000
    b = ("<p>version B " + "b" * 90 + "</p>\n") * 1500
    versions = {f"---\ntitle: {name}\n---\n{body}".encode() for name, body in (("A", a), ("B", b))}
    va, vb = sorted(versions)
    (tmp_path / "a.bin").write_bytes(va)
    (tmp_path / "b.bin").write_bytes(vb)
    folder = tmp_path / "content"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02}.md").write_bytes(va)
        (folder / f"{n:02}.md").chmod(0o640)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(18)
    for _kill in range(8):
        # Each run starts from a whole batch: all files hold the same version.
        first = (folder / "00.md").read_bytes()
        second = vb if first == va else va
        args = [str(folder), str(tmp_path / ("a.bin" if first == va else "b.bin")),
                str(tmp_path / ("b.bin" if first == va else "a.bin"))]
        child = subprocess.Popen(
            [sys.executable, str(script), *args], stdout=subprocess.PIPE, text=True, cwd=paths.PROJECT
        )
        assert child.stdout is not None
        for _ in range(rng.randint(1, 3)):  # a random number of whole batches, then a kill
            assert child.stdout.readline(), "the writer died on its own"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        contents = [(folder / f"{n:02}.md").read_bytes() for n in range(12)]
        assert all(c in (va, vb) for c in contents), "a file is torn or empty after a kill"
        assert all(stat.S_IMODE((folder / f"{n:02}.md").stat().st_mode) == 0o640 for n in range(12))
        if len(set(contents)) > 1:  # killed mid-rename: put every file on one version again
            write_files_atomic([(folder / f"{n:02}.md", second, c) for n, c in enumerate(contents) if c != second])
