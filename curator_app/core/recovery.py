"""Recovery records: unsaved edits kept on disk so a crash never loses them.

Layout of the recovery folder::

    <stem>.json                 sidecar: path, base hash, time, pid, owner, data file name
    <stem>.<sha12>.data         the edited bytes (content-addressed)
    owners/<owner>.lock         held with an OS lock by the live process that owns records

``stem`` is ``<sha256 of the absolute path, 24 hex>.<owner>`` so two running Curators
editing the same file never overwrite each other's record. The sidecar is written after
its data file and names it, so the sidecar is the commit point: a crash between the two
writes leaves the previous complete record, never a torn one.

A record is offered after a crash when its owner's lock can be taken: the OS drops a lock
when its process dies (SIGKILL included), and a reused pid cannot hold a lock it never
took, so a live Curator's records are never offered to another one.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import json
import logging
import math
import os
import stat
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from curator_app.core.document.atomic_write import write_bytes_atomic
from curator_app.core.document.document import Document
from curator_app.core.document.reading import read_regular
from curator_app.core.errors import CuratorError, ParseError

__all__ = [
    "CHANGED",
    "DELETED",
    "UNCHANGED",
    "RecoveryRecord",
    "RecoveryStore",
    "default_recovery_root",
    "sha256_hex",
]

UNCHANGED = "unchanged since edit began"
CHANGED = "changed on disk since"
DELETED = "deleted"

_FORMAT = 1
_STALE_LOCK_SECONDS = 3600
# Drafts hold unsaved work: readable by the user only, in a folder only the user can list.
_FOLDER_MODE = 0o700
_FILE_MODE = 0o600
_MAX_SIDECAR_BYTES = 64 * 1024
_JUNK = "junk"

log = logging.getLogger(__name__)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_recovery_root() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("curator", appauthor=False)) / "recovery"


def path_key(path: Path) -> str:
    return sha256_hex(os.fsencode(os.path.abspath(path)))[:24]


@dataclass(frozen=True)
class RecoveryRecord:
    """One recovered edit: what the file should contain, and what it was edited from."""

    path: Path
    data: bytes
    base_hash: str
    saved_at: datetime
    pid: int
    owner: str
    stem: str

    def disk_bytes(self) -> builtins.bytes | None:
        """The file now; None when it is gone. A record names any path, so the file is
        read like a content file: never a FIFO or device, never past the size limit
        (what cannot be read counts as changed: empty bytes)."""
        try:
            return read_regular(self.path)
        except CuratorError as exc:
            return None if exc.message == "file not found" else b""

    def disk_state(self) -> str:
        disk = self.disk_bytes()
        if disk is None:
            return DELETED
        return UNCHANGED if sha256_hex(disk) == self.base_hash else CHANGED

    def diff(self, context: int = 3) -> str:
        """Unified diff from the file on disk now to the recovered edit."""
        disk = self.disk_bytes() or b""
        before = disk.decode("utf-8", errors="replace").splitlines(keepends=True)
        after = self.data.decode("utf-8", errors="replace").splitlines(keepends=True)
        import difflib  # only when a recovered edit is shown

        lines = difflib.unified_diff(
            before, after, f"{self.path.name} (on disk)", f"{self.path.name} (recovered)", n=context
        )
        # A last line without a newline would glue onto the next hunk header.
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    @property
    def bytes(self) -> builtins.bytes:
        return self.data


class RecoveryStore:
    """The recovery folder of one Curator process (records it writes are owned by it)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_recovery_root()
        self.owner = f"{os.getpid()}-{os.urandom(6).hex()}"
        self._lock_file: IO[bytes] | None = None
        # The autosaver writes from a worker thread while the GUI thread may restore.
        self._mutex = threading.RLock()

    # --- writing ------------------------------------------------------------------------

    def save(self, path: Path, current_bytes: bytes, base_hash: str) -> None:
        """Record ``current_bytes`` as the unsaved edit of ``path`` (atomic, durable)."""
        with self._mutex:
            self._write(Path(path), current_bytes, base_hash, self._stem(Path(path)))

    def discard(self, path: Path) -> None:
        """Forget this process's record for ``path`` (after a save or a clean close)."""
        with self._mutex:
            self._remove_stem(self._stem(Path(path)))

    def discard_record(self, record: RecoveryRecord) -> None:
        """Forget a recovered record (the user chose to throw it away)."""
        with self._mutex:
            self._remove_stem(record.stem)
            self._drop_owner_if_unused(record.owner)

    def claim(self, record: RecoveryRecord) -> None:
        """Make this process the owner, so no other Curator offers it while it is open here."""
        if record.owner == self.owner:
            return
        with self._mutex:
            self._write(record.path, record.data, record.base_hash, self._stem(record.path))
            self.discard_record(record)

    def close(self) -> None:
        """Release the owner lock (normal exit); records left behind become recoverable."""
        with self._mutex:
            if self._lock_file is not None:
                self._lock_file.close()
                self._lock_file = None
            self._drop_owner_if_unused(self.owner)

    def _stem(self, path: Path) -> str:
        return f"{path_key(path)}.{self.owner}"

    def _write(self, path: Path, data: bytes, base_hash: str, stem: str) -> None:
        self._hold_owner_lock()
        mode = _draft_mode(path)
        digest = sha256_hex(data)
        data_name = f"{stem}.{digest[:12]}.data"
        sidecar = {
            "format": _FORMAT,
            "path": os.path.abspath(path),
            "base_sha256": base_hash,
            "data_sha256": digest,
            "data_file": data_name,
            "saved_at": time.time(),
            "pid": os.getpid(),
            "owner": self.owner,
        }
        if not (self.root / data_name).exists():
            _write_private(self.root / data_name, data, mode)
        _write_private(self.root / f"{stem}.json", json.dumps(sidecar, indent=1).encode("utf-8"), _FILE_MODE)
        for old in self.root.glob(f"{_glob_escape(stem)}.*.data"):
            if old.name != data_name:
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()

    def _remove_stem(self, stem: str) -> None:
        # The sidecar goes first: without it the data file is an orphan, never half a record.
        with contextlib.suppress(FileNotFoundError):
            (self.root / f"{stem}.json").unlink()
        if self.root.is_dir():
            for old in self.root.glob(f"{_glob_escape(stem)}.*.data"):
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()

    # --- reading ------------------------------------------------------------------------

    def pending(self) -> list[RecoveryRecord]:
        """Records left by Curator processes that are no longer running, oldest first.

        Records whose bytes are already what the file holds are dropped: nothing to recover.
        """
        found: list[RecoveryRecord] = []
        if not self.root.is_dir():
            return found
        alive: dict[str, bool] = {}
        for sidecar in sorted(self.root.glob("*.json")):
            record = self._read(sidecar)
            if record is None or record.owner == self.owner:
                continue
            if record.owner not in alive:
                alive[record.owner] = self._owner_alive(record.owner)
            if alive[record.owner]:
                continue
            if record.disk_bytes() == record.data:
                self.discard_record(record)
                continue
            found.append(record)
        for owner, is_alive in alive.items():
            if not is_alive:
                self._drop_owner_if_unused(owner)
        self._sweep_stale()
        found.sort(key=lambda r: r.saved_at)
        return found

    def records(self) -> list[RecoveryRecord]:
        """Every readable record, whoever owns it (for diagnostics and tests)."""
        if not self.root.is_dir():
            return []
        return [r for s in sorted(self.root.glob("*.json")) if (r := self._read(s)) is not None]

    def _read(self, sidecar: Path) -> RecoveryRecord | None:
        """The record a sidecar describes; None when there is none to offer.

        A sidecar of another format version is left alone (a newer Curator may own it).
        Anything else that is not a well-formed record (`[]`, `null`, `42`, a date past the
        calendar, binary) is junk: moved aside with a log line, so it never stops a start.
        """
        try:
            raw = read_regular(sidecar, _MAX_SIDECAR_BYTES)
        except CuratorError as exc:
            if isinstance(exc, ParseError) and exc.message == "file not found":
                return None  # removed by its owner while we listed the folder
            self._set_aside(sidecar, exc.message)
            return None
        try:
            meta = json.loads(raw)
        except ValueError as exc:
            self._set_aside(sidecar, f"not JSON ({exc})")
            return None
        if isinstance(meta, dict) and "format" in meta and meta.get("format") != _FORMAT:
            return None
        problem = _record_problem(meta)
        if problem:
            self._set_aside(sidecar, problem)
            return None
        try:
            data = read_regular(self.root / meta["data_file"], 64 * 1024 * 1024)
        except CuratorError:
            return None  # a data file being replaced, or lost: nothing to offer
        if sha256_hex(data) != meta["data_sha256"]:
            return None
        return RecoveryRecord(
            path=Path(meta["path"]),
            data=data,
            base_hash=meta["base_sha256"],
            saved_at=datetime.fromtimestamp(meta["saved_at"], UTC),
            pid=meta["pid"],
            owner=meta["owner"],
            stem=sidecar.name[: -len(".json")],
        )

    def _set_aside(self, sidecar: Path, why: str) -> None:
        junk = self.root / _JUNK
        log.warning("recovery: %s is not a recovery record (%s); moved to %s", sidecar.name, why, junk)
        try:
            _private_folder(junk)
            os.replace(sidecar, junk / f"{sidecar.name}.{os.urandom(4).hex()}")
        except OSError as exc:
            log.warning("recovery: could not move %s aside: %s", sidecar.name, exc.strerror or exc)

    # --- restoring ----------------------------------------------------------------------

    def restore(self, record: RecoveryRecord) -> Document:
        """The file as a Document holding the recovered edit as an unsaved change.

        The Document is read from the file as it is now, so saving it is an ordinary save
        that the user has reviewed. When the file is gone, or the recovered bytes cannot be
        expressed as an edit of the current file (its delimiters or line endings changed),
        the Document holds the recovered bytes and a save reports the conflict instead.
        Raises ParseError when the recovered bytes are not a document Curator can open;
        ``export`` still saves them.
        """
        try:
            recovered = Document.from_bytes(record.data, record.path)
        except CuratorError as exc:
            raise ParseError(f"the recovered edit cannot be opened ({exc.message})", record.path) from None
        if record.path.exists():
            try:
                doc = Document.load(record.path)
            except CuratorError:
                doc = None
            if doc is not None and not doc.read_only_reason:
                with contextlib.suppress(CuratorError):
                    doc.restore(recovered.snapshot())
                    if doc.to_bytes() == record.data:
                        self.claim(record)
                        return doc
        self.claim(record)
        return recovered

    def export(self, record: RecoveryRecord, dest: Path) -> None:
        """Write the recovered bytes to another file (when they cannot be restored in place)."""
        write_bytes_atomic(dest, record.data)

    # --- ownership ----------------------------------------------------------------------

    def _owners(self) -> Path:
        return self.root / "owners"

    def _hold_owner_lock(self) -> None:
        if self._lock_file is not None:
            return
        _private_folder(self.root)
        _private_folder(self._owners())
        fh = open(self._owners() / f"{self.owner}.lock", "a+b")  # noqa: SIM115 (held for the process lifetime)
        if not _try_lock(fh):
            fh.close()
            raise CuratorError("cannot lock the recovery folder", self._owners())
        fh.write(f"{os.getpid()}\n".encode())
        fh.flush()
        self._lock_file = fh

    def _owner_alive(self, owner: str) -> bool:
        lock = self._owners() / f"{owner}.lock"
        try:
            fh = open(lock, "r+b")  # noqa: SIM115
        except FileNotFoundError:
            return False  # its process never got to lock, or it exited and cleaned up
        except OSError:
            return True  # cannot tell: keep the record out of reach rather than steal it
        with fh:
            return not _try_lock(fh)  # closing the file releases a lock we took

    def _drop_owner_if_unused(self, owner: str) -> None:
        if owner == self.owner and self._lock_file is not None:
            return
        if self.root.is_dir() and any(self.root.glob(f"*.{_glob_escape(owner)}.json")):
            return
        if owner != self.owner and self._owner_alive(owner):
            return
        with contextlib.suppress(FileNotFoundError):
            (self._owners() / f"{owner}.lock").unlink()


    def _sweep_stale(self) -> None:
        # Lock files of processes killed with no records left, and temp files of writes
        # cut short by a kill. Only old ones: a young file may belong to a live process
        # that is about to lock it or rename it into place.
        cutoff = time.time() - _STALE_LOCK_SECONDS
        with contextlib.suppress(OSError):
            for tmp in self.root.glob(".*.curator-tmp"):
                with contextlib.suppress(OSError):
                    if tmp.stat().st_mtime < cutoff:
                        tmp.unlink()
            for lock in self._owners().glob("*.lock"):
                owner = lock.name[: -len(".lock")]
                with contextlib.suppress(OSError):
                    if owner != self.owner and lock.stat().st_mtime < cutoff:
                        self._drop_owner_if_unused(owner)


def _record_problem(meta: object) -> str | None:
    """What makes a sidecar's JSON not a record, or None when it is one."""
    if not isinstance(meta, dict):
        return f"a JSON {type(meta).__name__}, not an object"
    for key in ("path", "base_sha256", "data_sha256", "data_file", "owner"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            return f"'{key}' is not text"
    name = meta["data_file"]
    if "/" in name or "\\" in name or name.startswith(".") or not name.endswith(".data"):
        return "'data_file' is not a data file name"
    when = meta.get("saved_at")
    if isinstance(when, bool) or not isinstance(when, int | float) or not math.isfinite(when):
        return "'saved_at' is not a time"
    try:
        datetime.fromtimestamp(when, UTC)
    except (OverflowError, OSError, ValueError):
        return f"'saved_at' {when!r} is not a time"
    pid = meta.get("pid")
    if isinstance(pid, bool) or not isinstance(pid, int) or pid < 0:
        return "'pid' is not a process id"
    return None


def _draft_mode(source: Path) -> int:
    """0600, or narrower when the file itself is (a draft never shows more than its file)."""
    try:
        return (_FILE_MODE & stat.S_IMODE(os.stat(source).st_mode)) | stat.S_IRUSR
    except OSError:
        return _FILE_MODE


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=_FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if stat.S_IMODE(folder.stat().st_mode) & 0o077:
            folder.chmod(_FOLDER_MODE)  # made by an older Curator, or by hand


def _write_private(path: Path, data: bytes, mode: int) -> None:
    """Atomic write of a file that is `mode` from its first byte (mkstemp makes it 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".curator-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # POSIX; Windows has no modes to narrow
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _try_lock(fh: IO[bytes]) -> bool:
    """Take an exclusive lock without waiting; the OS drops it when the process dies."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
