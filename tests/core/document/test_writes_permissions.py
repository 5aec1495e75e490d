"""A save respects the file it replaces: permissions are obeyed, and mode, owner, group,
extended attributes and hard links are kept (or the save is refused, never half done)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError

RAW = b"---\ntitle: Original\n---\nbody\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _edited(path: Path) -> Document:
    doc = Document.load(path)
    doc.set("title", "Edited")
    return doc


def test_read_only_file_is_refused(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(RAW)
    path.chmod(0o444)
    with pytest.raises(CuratorError, match=r"read-only \(mode 0444\)"):
        _edited(path).save()
    assert path.read_bytes() == RAW
    res = run_cli("set", str(path), "title=Edited")
    assert res.returncode == 2
    assert res.stderr.strip() == f"{path}: not saved: the file is read-only (mode 0444); make it writable to save"
    assert path.read_bytes() == RAW and list(tmp_path.iterdir()) == [path]


def test_mode_and_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(RAW)
    path.chmod(0o640)
    try:
        os.setxattr(path, "user.curator.note", b"reviewed")
        os.setxattr(path, "user.origin", b"\x00binary\xff")
    except OSError as exc:
        pytest.skip(f"no user extended attributes here: {exc.strerror}")
    _edited(path).save()
    assert path.read_bytes() == RAW.replace(b"Original", b"Edited")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listxattr(path)) == ["user.curator.note", "user.origin"]
    assert os.getxattr(path, "user.origin") == b"\x00binary\xff"


def test_hard_linked_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(RAW)
    other = tmp_path / "other-name.md"
    os.link(path, other)
    with pytest.raises(CuratorError, match="2 hard links") as info:
        _edited(path).save()
    assert "other names with the old text" in str(info.value)
    assert path.read_bytes() == RAW and other.read_bytes() == RAW
    assert path.stat().st_ino == other.stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["item.md", "other-name.md"]


@contextlib.contextmanager
def _shared_folder() -> Iterator[Path]:
    """A world-writable folder outside pytest's private tmp tree, so another user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="curator-owner-"))
    folder.chmod(0o777)  # no sticky bit: anyone could rename over a file here
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not IS_ROOT, reason="needs root to create files of another user")
def test_root_keeps_owner_and_group() -> None:
    nobody = pwd.getpwnam("nobody")
    with _shared_folder() as folder:
        path = folder / "item.md"
        path.write_bytes(RAW)
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
        path.chmod(0o664)
        _edited(path).save()
        st = path.stat()
        assert (st.st_uid, st.st_gid) == (nobody.pw_uid, nobody.pw_gid)
        assert stat.S_IMODE(st.st_mode) == 0o664
        assert path.read_bytes() == RAW.replace(b"Original", b"Edited")


@pytest.mark.skipif(not IS_ROOT, reason="needs root to switch to another user")
def test_another_users_file_is_refused() -> None:
    nobody = pwd.getpwnam("nobody")
    with _shared_folder() as folder:
        path = folder / "item.md"
        path.write_bytes(RAW)
        path.chmod(0o644)  # root's file in a folder anyone may write: a rename would succeed
        doc = _edited(path)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child saves as `nobody`; it only reports back through the pipe
            code = 1
            try:
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
                try:
                    doc.save()
                    os.write(write, b"SAVED")
                except CuratorError as exc:
                    os.write(write, str(exc).encode())
                    code = 0
            finally:
                os._exit(code)
        os.close(write)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as fh:
            message = fh.read().decode()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, message
        assert message == (
            f"{path}: not saved: the file belongs to another user (uid 0, mode 0644); Curator will not replace it"
        )
        assert path.read_bytes() == RAW
        assert path.stat().st_uid == 0
        assert [p.name for p in folder.iterdir()] == ["item.md"]
