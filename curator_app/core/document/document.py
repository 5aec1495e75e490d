"""A content file as front matter + body, edited losslessly and saved atomically."""

from __future__ import annotations

import copy
import hashlib
import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from curator_app.core.algebra.keypath import KeyPath, format_key, parse_dotted, with_indexes
from curator_app.core.algebra.values import MISSING, same
from curator_app.core.document.atomic_write import clean_stale_temps_once, write_bytes_atomic
from curator_app.core.document.limits import check_front_size
from curator_app.core.document.original_lines import restore_original_lines
from curator_app.core.document.reading import read_regular
from curator_app.core.document.split import Split, decode, split
from curator_app.core.errors import CuratorError, EditError, ParseError

__all__ = ["Document", "KeyPath", "format_key", "parse_dotted"]



class _Front(Protocol):
    text: str
    data: dict[str, Any]

    def position(self, key: KeyPath) -> tuple[int, int] | None: ...
    def value_span(self, key: KeyPath) -> tuple[int, int] | None: ...
    def set(self, key: KeyPath, value: Any) -> None: ...
    def delete(self, key: KeyPath) -> None: ...
    def move(self, key: KeyPath, index: int) -> None: ...


# Each reader's module is imported with the first file in its format: most sites use one,
# and TOML's (tomlkit) is as slow to import as YAML's (start-up, issue 20).
_BACKENDS = {
    "yaml": ("curator_app.core.document.yaml_front", "YamlFront"),
    "toml": ("curator_app.core.document.toml_front", "TomlFront"),
    "json": ("curator_app.core.document.json_front", "JsonFront"),
}


def _backend(fmt: str) -> Any:
    module, name = _BACKENDS[fmt]
    return getattr(importlib.import_module(module), name)


class Document:
    """One content file. ``to_bytes()`` equals the input until something is edited."""

    def __init__(self, raw: bytes, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._raw = raw
        self._disk_hash = hashlib.sha256(raw).hexdigest()
        text = decode(raw, path)
        self._split: Split = split(text, path)
        self.format = self._split.format
        self.read_only_reason = self._split.read_only_reason
        self._front: _Front | None = None
        if self.format in _BACKENDS:
            check_front_size(self._split.front, path, self._split.front_line)
            try:
                self._front = _backend(self.format)(
                    self._split.front, path, self._split.front_line, self._split.newline
                )
            except CuratorError as exc:
                raise exc.located(path) from None
            except (ValueError, RecursionError, MemoryError, TypeError) as exc:
                # A reader's own failure must still name the file, never become a traceback.
                raise ParseError(
                    f"cannot read the front matter: {exc}", path, self._split.front_line, 1
                ) from None
        self._body = self._split.body
        self._front_text0 = self._split.front
        self._data0: dict[str, Any] | None = None  # the values of _front_text0, parsed when needed

    # --- construction -------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path, *, sweep_in_background: bool = False) -> Document:
        """The file at `path`; the first load in a folder also removes the temp files of
        killed saves there (see clean_stale_temps_once for sweep_in_background)."""
        path = Path(path)
        raw = read_regular(path)
        clean_stale_temps_once(path.parent, background=sweep_in_background)
        return cls(raw, path)

    @classmethod
    def from_bytes(cls, data: bytes, path: str | Path | None = None) -> Document:
        return cls(data, path)

    # --- reading ------------------------------------------------------------------------

    def _key(self, key: KeyPath | str) -> KeyPath:
        """A key path; the dotted string form may address list items (`tags.0`)."""
        if isinstance(key, str):
            return with_indexes(self.data, parse_dotted(key))
        return tuple(key)

    @property
    def data(self) -> dict[str, Any]:
        return self._front.data if self._front is not None else {}

    def get(self, key: KeyPath | str, default: Any = None) -> Any:
        if isinstance(key, str):
            return get_in(self.data, self._key(key), default)
        # A key path as is (what the lint rules pass, dozens of times per item): no copy.
        return get_in(self._front.data if self._front is not None else {}, key, default)

    def has(self, key: KeyPath | str) -> bool:
        return self.get(key, MISSING) is not MISSING

    def position(self, key: KeyPath | str) -> tuple[int, int] | None:
        """1-based line and column of the key in the file, or None if it is absent."""
        if self._front is None:
            return None
        return self._front.position(self._key(key))

    def line_span(self, key: KeyPath | str) -> tuple[int, int] | None:
        """First and last file line of a key's entry (its value may span lines)."""
        if self._front is None:
            return None
        return self._front.value_span(self._key(key))

    @property
    def front_text(self) -> str:
        return self._front.text if self._front is not None else self._split.front

    @property
    def body_line(self) -> int:
        """1-based line where the body starts."""
        return self._split.front_line + self.front_text.count("\n") + self._split.closer.count("\n")

    @property
    def newline(self) -> str:
        return self._split.newline

    # --- editing ------------------------------------------------------------------------

    def _editable(self) -> _Front:
        if self.read_only_reason:
            raise EditError(self.read_only_reason, self.path)
        if self._front is None:
            raise EditError("this file has no front matter to edit", self.path)
        return self._front

    def set(self, key: KeyPath | str, value: Any) -> None:
        k = self._key(key)
        if not k:
            raise EditError("empty key", self.path)
        front = self._editable()
        if self._unchanged(k, value):
            return  # same value: no line should change (a form re-submitting a field)
        self._remember_original()
        self._guarded(front.set, k, value)
        if self._front_text0 != front.text and self._is_original(k, value):
            restored = restore_original_lines(
                self._front_text0, front.text, self.data, self._parse_front, lambda f: f.data
            )
            if restored is not None:
                self._front = restored

    def set_many(self, edits: Iterable[tuple[KeyPath | str, Any]]) -> list[KeyPath]:
        """Set several values as one edit; returns the keys that changed.

        The bytes (or the error, with nothing changed) of calling ``set`` for each in
        turn, but a YAML front matter is re-parsed once for all of them (batch.py).
        """
        todo: list[tuple[KeyPath, Any]] = []
        for key, value in edits:
            k = self._key(key)
            if not k:
                raise EditError("empty key", self.path)
            if not self._unchanged(k, value):
                todo.append((k, value))
        if not todo:
            return []
        front = self._editable()
        before = self.snapshot()
        try:
            if not self._set_together(front, todo):
                for k, value in todo:
                    self.set(k, value)
        except CuratorError:
            self.restore(before)
            raise
        return [k for k, _ in todo]

    def _set_together(self, front: _Front, todo: list[tuple[KeyPath, Any]]) -> bool:
        if len(todo) < 2 or self.format != "yaml":
            return False
        from curator_app.core.document.batch import set_together  # loads the YAML backend
        from curator_app.core.document.yaml_front import YamlFront

        assert isinstance(front, YamlFront)
        self._remember_original()
        # A value set back to what the file had gets its original lines back (set does
        # that per edit); such a batch is left to set.
        if any(self._is_original(k, value) for k, value in todo):
            return False
        before = self.snapshot()
        if not set_together(front, todo):
            return False
        try:
            self._check_split(self._join())
        except CuratorError:
            self.restore(before)
            return False
        return True

    def _unchanged(self, key: KeyPath, value: Any) -> bool:
        current = self.get(key, MISSING)
        return current is not MISSING and same(current, value) and type(current) is type(value)

    def _remember_original(self) -> None:
        # Unedited, the values in hand are the original ones (edits replace the data, never
        # mutate it): keeping them saves parsing the original text again later.
        if self._data0 is None and self._front is not None and self._front.text == self._front_text0:
            self._data0 = self._front.data

    def _parse_front(self, text: str) -> _Front:
        backend: _Front = _backend(self.format)(text, self.path, self._split.front_line, self._split.newline)
        return backend

    def _is_original(self, key: KeyPath, value: Any) -> bool:
        """Whether ``value`` is what ``key`` held when the file was read (or last saved)."""
        if self._data0 is None:
            self._data0 = self._parse_front(self._front_text0).data
        old = get_in(self._data0, key, MISSING)
        return old is not MISSING and same(old, value)

    def delete(self, key: KeyPath | str) -> None:
        k = self._key(key)
        front = self._editable()
        if not self.has(k):
            raise EditError(f"no key '{format_key(k)}' to delete", self.path)
        self._guarded(front.delete, k)

    def move(self, key: KeyPath | str, index: int) -> None:
        k = self._key(key)
        front = self._editable()
        if not self.has(k) or not k or isinstance(k[-1], int):
            raise EditError(f"no key '{format_key(k)}' to move", self.path)
        self._guarded(front.move, k, index)

    def _guarded(self, edit: Any, *args: Any) -> None:
        """Run a backend edit; an unexpected failure becomes an EditError (nothing changed:
        every backend builds the new text before it replaces the old). The new front matter
        must also come back out of the whole file unchanged (a value must not swallow the
        closing fence), otherwise the edit is undone and refused."""
        before = self.snapshot()
        try:
            edit(*args)
        except CuratorError:
            raise
        except Exception as exc:
            raise EditError(f"cannot edit '{format_key(args[0])}': {exc}", self.path) from None
        try:
            self._check_split(self._join())
        except CuratorError as exc:
            self.restore(before)
            raise EditError(f"edit of '{format_key(args[0])}' refused: {exc.message}", self.path) from None

    @property
    def body(self) -> str:
        return self._body

    @body.setter
    def body(self, text: str) -> None:
        if self.read_only_reason:
            raise EditError(self.read_only_reason, self.path)
        self._body = text

    @property
    def disk_hash(self) -> str:
        """sha256 of the bytes read from (or last saved to) disk: what autosave records as its base."""
        return self._disk_hash

    @property
    def original_bytes(self) -> bytes:
        """The bytes this document was read from (or last saved as): the base of a merge."""
        return self._raw

    @property
    def modified(self) -> bool:
        return self.front_text != self._front_text0 or self._body != self._split.body

    def to_bytes(self) -> bytes:
        if not self.modified:
            return self._raw
        return self._join().encode("utf-8")

    def _join(self) -> str:
        s = copy.copy(self._split)
        s.front = self.front_text
        s.body = self._body
        return s.join()

    def _check_split(self, text: str) -> Split:
        """The file text splits back into this front matter and body."""
        again = split(text, self.path)
        if again.format != self.format or again.front != self.front_text:
            raise EditError("the front matter would not read back as written", self.path)
        if again.body != self._body:
            raise EditError("the body would not read back as written", self.path)
        return again

    def verify_bytes(self, data: bytes) -> None:
        """Raise EditError unless ``data`` reads back as exactly this document: same format,
        front-matter values and body. Runs on the bytes about to be written."""
        try:
            again = self._check_split(decode(data, self.path))
            if self._front is not None and again.front != self._front_text0:
                parsed = _backend(self.format)(again.front, self.path, again.front_line, again.newline)
                if not same(parsed.data, self.data):
                    raise EditError("the front matter would read back with other values", self.path)
        except EditError:
            raise
        except CuratorError as exc:
            raise EditError(f"not saved: the new text would not read back: {exc.message}", self.path) from None

    def snapshot(self) -> tuple[str, str]:
        """State for undo: (front-matter text, body)."""
        return self.front_text, self._body

    def restore(self, state: tuple[str, str]) -> None:
        front, body = state
        if self._front is not None and front != self._front.text:
            backend = _backend(self.format)(front, self.path, self._split.front_line, self._split.newline)
            self._front = backend
        self._body = body

    # --- saving -------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when the file's bytes differ from the bytes this document was read from."""
        if self.path is None:
            return False
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest() != self._disk_hash
        except FileNotFoundError:
            return True

    def save(self, path: str | Path | None = None, *, force: bool = False) -> None:
        """Write the document. Unless ``force``, refused (WriteConflictError) when the file
        changed on disk since it was read, checked again just before the rename."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditError("no file to save to")
        data = self.to_bytes()
        if data is not self._raw:
            self.verify_bytes(data)
        same_file = target == self.path
        write_bytes_atomic(target, data, expect_hash=self._disk_hash if same_file and not force else None)
        if same_file:
            self._mark_saved(data)

    def _mark_saved(self, data: bytes) -> None:
        self._raw = data
        self._disk_hash = hashlib.sha256(data).hexdigest()
        self._split = split(data.decode("utf-8"), self.path)
        self._front_text0 = self._split.front
        self._data0 = None
        self._body = self._split.body




def get_in(data: Any, key: KeyPath, default: Any = None) -> Any:
    """The value at a key path in plain data; list items only by int index."""
    for part in key:
        if isinstance(data, dict):  # the common case, tested inline (no call per part)
            if part not in data:
                return default
        elif not _has_part(data, part):
            return default
        data = data[part]
    return data


def _has_part(data: Any, part: str | int) -> bool:
    if isinstance(data, list):
        return isinstance(part, int) and -len(data) <= part < len(data)
    return isinstance(data, dict) and part in data
