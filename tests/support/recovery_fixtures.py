"""Fixtures for the recovery tests: a writable copy of the seed item and child processes
that edit it, write recovery records and are then killed."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from curator_app.core.document.document import Document

# The child edits the title, records the edit, says "ready" and waits to be killed.
# In "loop" mode it keeps recording new edits as fast as it can until it is killed.
CHILD = r"""
import hashlib, sys
from pathlib import Path
from curator_app.core.document.document import Document
from curator_app.core.recovery import RecoveryStore

path, root, title, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
base = hashlib.sha256(path.read_bytes()).hexdigest()
doc = Document.load(path)
store = RecoveryStore(root)
doc.set("title", title)
store.save(path, doc.to_bytes(), base)
print("ready", flush=True)
if mode == "loop":
    n = 0
    while True:
        n += 1
        doc.set("title", f"{title} {n}")
        store.save(path, doc.to_bytes(), base)
else:
    sys.stdin.read()
"""


class Child:
    """A Curator-like process that owns a recovery record until it is killed."""

    def __init__(self, path: Path, root: Path, title: str, mode: str = "once") -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(root), title, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            self.proc.kill()
            _, err = self.proc.communicate(timeout=30)
            raise AssertionError(f"child did not start: {line!r} {err}")

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        assert self.proc.returncode == -signal.SIGKILL
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def item(seed_path: Path, tmp_path: Path) -> Path:
    """A writable copy of the seed item."""
    dest = tmp_path / "content" / "news" / seed_path.name
    dest.parent.mkdir(parents=True)
    shutil.copyfile(seed_path, dest)
    return dest


@pytest.fixture
def recovery_root(tmp_path: Path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture
def spawn(recovery_root: Path) -> Iterator[Callable[..., Child]]:
    children: list[Child] = []

    def start(path: Path, title: str, mode: str = "once") -> Child:
        child = Child(path, recovery_root, title, mode)
        children.append(child)
        return child

    yield start
    for child in children:
        if child.proc.poll() is None:
            child.kill()


@pytest.fixture
def edited_bytes() -> Callable[[Path, str], bytes]:
    """What the child's edit produces, computed independently in this process."""

    def make(path: Path, title: str) -> bytes:
        doc = Document.load(path)
        doc.set("title", title)
        return doc.to_bytes()

    return make


@pytest.fixture
def sha256_of() -> Callable[[Path], str]:
    return lambda path: hashlib.sha256(path.read_bytes()).hexdigest()
