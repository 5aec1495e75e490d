"""Two processes saving the same file lose nothing: `curator set` holds the folder's save
lock from reading to writing, and every save re-checks the disk right before its rename."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support import paths

from curator_app.core.document.atomic_write import clean_stale_temps
from curator_app.core.document.document import Document
from curator_app.core.errors import WriteConflictError

SETTER = textwrap.dedent(
    """
    import sys
    from curator_app.cli import build_parser

    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parser, handlers = build_parser()  # `curator set` itself, minus building the parser each time
    print("ready", flush=True)
    sys.stdin.readline()  # both writers start together
    failed = 0
    for i in range(count):
        args = parser.parse_args(["set", path, "--create", f"{prefix}{i}=v{i}"])
        if handlers["set"](args) != 0:
            failed += 1
    print("failed", failed, flush=True)
    """
)


@pytest.mark.parametrize(
    "edits", [pytest.param(30, id="2x30"), pytest.param(200, id="2x200", marks=pytest.mark.slow)]
)
def test_two_processes_editing_one_file_lose_nothing(tmp_path: Path, edits: int) -> None:

    path = tmp_path / "item.md"
    path.write_bytes(b"---\ntitle: Shared\n---\nbody\n")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SETTER, str(path), prefix, str(edits)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=paths.PROJECT,
        )
        for prefix in ("a", "b")
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == "failed 0", err
    data = Document.load(path).data
    missing = [f"{p}{i}" for p in "ab" for i in range(edits) if data.get(f"{p}{i}") != f"v{i}"]
    assert missing == [], f"{len(missing)} of {2 * edits} edits lost"
    assert data["title"] == "Shared"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["item.md"]


HOLDER = textwrap.dedent(
    """
    import sys, tempfile
    from curator_app.core.document.folder_lock import folder_locked

    with folder_locked(sys.argv[1]):
        tempfile.mkstemp(prefix=".item.md.", suffix=".curator-tmp", dir=sys.argv[1])
        print("holding", flush=True)
        sys.stdin.readline()
    """
)


def test_a_live_saves_temp_file_is_not_cleaned(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=paths.PROJECT,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        assert clean_stale_temps(tmp_path) == 0
        assert len(list(tmp_path.glob(".item.md.*.curator-tmp"))) == 1
    finally:
        assert proc.stdin is not None
        proc.stdin.write("done\n")
        proc.stdin.flush()
        proc.wait(timeout=60)
    # Its writer is gone (as if killed): now it is stale.
    assert clean_stale_temps(tmp_path) == 1
    assert list(tmp_path.iterdir()) == []


def test_save_over_a_half_written_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    original = b"---\ntitle: Mine\n---\n" + b"<p>paragraph</p>\n" * 100
    path.write_bytes(original)
    doc = Document.load(path)
    doc.set("title", "My edit")
    # Another program is rewriting the file in place and has written half of it so far.
    with path.open("r+b") as fh:
        fh.truncate(0)
        fh.write(original[: len(original) // 2])
    with pytest.raises(WriteConflictError, match="changed on disk"):
        doc.save()
    assert path.read_bytes() == original[: len(original) // 2]
    assert list(tmp_path.iterdir()) == [path]


def test_stale_temp_cleaning_removes_only_regular_temp_files(tmp_path: Path) -> None:
    (tmp_path / ".a.md.x1.curator-tmp").write_bytes(b"half a save")
    (tmp_path / ".b.md.x2.curator-tmp").mkdir()  # a folder of that name is not a temp file
    (tmp_path / ".hidden.md").write_bytes(b"kept")
    (tmp_path / "c.md.curator-tmp").write_bytes(b"kept")  # temps are hidden files
    (tmp_path / "d.md").write_bytes(b"kept")
    (tmp_path / ".e.md.x3.curator-tmp").symlink_to(tmp_path / "d.md")  # never followed
    assert clean_stale_temps(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".b.md.x2.curator-tmp", ".e.md.x3.curator-tmp", ".hidden.md", "c.md.curator-tmp", "d.md"]
    assert (tmp_path / "d.md").read_bytes() == b"kept"


def test_opening_a_file_sweeps_its_folder_without_waiting_for_the_sweep(tmp_path: Path) -> None:
    """The window's first open in a folder removes the temp files of killed saves on a thread
    of its own; while this process holds the folder's lock (a save under way) nothing goes."""
    from curator_app.core.document.atomic_write import clean_stale_temps_once
    from curator_app.core.document.folder_lock import folder_locked

    item = tmp_path / "a.md"
    item.write_bytes(b"---\ntitle: A\n---\n")
    stale = tmp_path / ".a.md.x1.curator-tmp"
    stale.write_bytes(b"half a save")
    with folder_locked(tmp_path):
        sweep = clean_stale_temps_once(tmp_path, background=True)
        assert sweep is not None
        sweep.join(5)
        assert stale.exists()  # the lock was taken: a live save's temp file is never touched
    assert clean_stale_temps_once(tmp_path) is None  # once per folder and process

    other = tmp_path / "sub"
    other.mkdir()
    (other / "b.md").write_bytes(b"---\ntitle: B\n---\n")
    (other / ".b.md.x2.curator-tmp").write_bytes(b"half a save")
    assert Document.load(other / "b.md", sweep_in_background=True).get(("title",)) == "B"
    for _ in range(500):
        if not (other / ".b.md.x2.curator-tmp").exists():
            break
        time.sleep(0.01)
    assert sorted(p.name for p in other.iterdir()) == ["b.md"]
    # Elsewhere (the command line, which may fork workers) the first load sweeps before it returns.
    third = tmp_path / "third"
    third.mkdir()
    (third / "c.md").write_bytes(b"---\ntitle: C\n---\n")
    (third / ".c.md.x3.curator-tmp").write_bytes(b"half a save")
    assert Document.load(third / "c.md").get(("title",)) == "C"
    assert sorted(p.name for p in third.iterdir()) == ["c.md"]
