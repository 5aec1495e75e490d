"""TOML front matter (`+++`), kept lossless by tomlkit's document model."""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError as TomlParseError
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Item

from curator_app.core.algebra.keypath import KeyPath, assign_in, format_key, remove_in
from curator_app.core.algebra.values import same
from curator_app.core.document.limits import MAX_DEPTH, deepest
from curator_app.core.errors import EditError, ParseError, UnsafeContentError

# TOML integers are signed 64-bit; Hugo's reader refuses anything wider.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_TOMLLIB_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


class TomlFront:
    def __init__(self, text: str, path: object = None, line_offset: int = 1, newline: str = "\n") -> None:
        self.path = path
        self.line_offset = line_offset
        self.newline = newline
        self.text = text
        where = str(path) if path else None
        # tomllib (the standard library's strict reader) decides what is valid TOML;
        # tomlkit, which keeps every byte for editing, accepts some invalid documents.
        try:
            strict = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise toml_error(exc, text, where, line_offset) from None
        except RecursionError:
            raise UnsafeContentError(
                f"values nested more than {MAX_DEPTH} deep", where, line_offset, 1
            ) from None
        if deepest(strict) > MAX_DEPTH:
            raise UnsafeContentError(f"values nested more than {MAX_DEPTH} deep", where, line_offset, 1)
        _check_int_range(strict, text, where, line_offset)
        try:
            self._doc = tomlkit.parse(text)
        except TomlParseError as exc:
            raise ParseError(
                f"invalid TOML: {exc.args[0] if exc.args else exc}".split(" at line ")[0],
                where,
                exc.line + line_offset - 1,
                exc.col + 1,  # tomlkit counts columns from 0
            ) from None
        except (TOMLKitError, ValueError, RecursionError) as exc:
            raise ParseError(f"TOML Curator cannot edit: {exc}", where, line_offset, 1) from None
        self.data: dict[str, Any] = self._doc.unwrap()

    def position(self, key: KeyPath) -> tuple[int, int] | None:
        return _search_position(self.text, key, self.line_offset, "=")

    def value_span(self, key: KeyPath) -> tuple[int, int] | None:
        pos = self.position(key)
        return (pos[0], pos[0]) if pos else None

    def _container(self, key: KeyPath, create: bool) -> Any:
        node: Any = self._doc
        for part in key[:-1]:
            if isinstance(part, int):
                if not isinstance(node, list) or not -len(node) <= part < len(node):
                    raise EditError(f"no list item '{format_key(key)}'", self.path)
            elif not isinstance(node, dict):
                raise EditError(f"'{format_key(key)}': not inside a table", self.path)
            elif part not in node:
                if not create:
                    raise EditError(f"no key '{format_key(key)}'", self.path)
                node[part] = tomlkit.table()
            node = node[part]
        return node

    def set(self, key: KeyPath, value: Any) -> None:
        if _has_null(value):
            # TOML has no null; silently dropping the key would surprise the user.
            raise EditError(
                f"'{format_key(key)}': TOML cannot hold an empty (null) value; delete the key instead",
                self.path,
            )
        before = self._doc.as_string()
        try:
            node = self._container(key, create=True)
            last = key[-1]
            if isinstance(last, int) != isinstance(node, list):
                raise EditError(f"cannot set '{format_key(key)}' here", self.path)
            if isinstance(last, int) and not -len(node) <= last < len(node):
                raise EditError(f"no list item '{format_key(key)}'", self.path)
            old = node[last] if isinstance(last, int) else node.get(last)
            new = tomlkit.item(copy.deepcopy(value))
            if isinstance(old, Item) and isinstance(new, Item) and not isinstance(last, int):
                # Keep the comment and the whitespace that followed the old value.
                new.trivia.comment = old.trivia.comment
                new.trivia.comment_ws = old.trivia.comment_ws
                new.trivia.trail = old.trivia.trail
            node[last] = new
        except EditError:
            self._doc = tomlkit.parse(before)
            raise
        except Exception as exc:  # tomlkit raises assorted errors for values it cannot write
            self._doc = tomlkit.parse(before)
            raise EditError(f"cannot write '{format_key(key)}' as TOML: {exc}", self.path) from None
        expected = copy.deepcopy(self.data)
        assign_in(expected, key, value)
        self._reload(before, key, expected)

    def delete(self, key: KeyPath) -> None:
        before = self._doc.as_string()
        node = self._container(key, create=False)
        last = key[-1]
        present = (
            -len(node) <= last < len(node)
            if isinstance(last, int) and isinstance(node, list)
            else isinstance(node, dict) and last in node
        )
        if not present:
            raise EditError(f"no key '{format_key(key)}' to delete", self.path)
        try:
            del node[last]
        except Exception as exc:
            self._doc = tomlkit.parse(before)
            raise EditError(f"cannot delete '{format_key(key)}': {exc}", self.path) from None
        expected = copy.deepcopy(self.data)
        remove_in(expected, key)
        self._reload(before, key, expected)

    def move(self, key: KeyPath, index: int) -> None:
        raise EditError("reordering TOML keys is not supported", self.path)

    def _reload(self, before: str, key: KeyPath, expected: dict[str, Any]) -> None:
        text = _drop_added_blank_lines(before, self._doc.as_string())
        if before.endswith("\n") and not text.endswith("\n"):
            # tomlkit drops the last line end when a table becomes a plain value; without
            # it the closing `+++` would join the value.
            text += "\r\n" if before.endswith("\r\n") else "\n"
        if self.newline == "\r\n":
            text = re.sub(r"(?<!\r)\n", "\r\n", text)  # tomlkit ends new lines with LF
        try:
            doc = tomlkit.parse(text)
        except TomlParseError as exc:
            self._doc = tomlkit.parse(before)
            raise EditError(f"edit of '{format_key(key)}' would break the TOML: {exc}", self.path) from None
        data = doc.unwrap()
        if not same(data, expected):
            self._doc = tomlkit.parse(before)
            raise EditError(f"edit of '{format_key(key)}' cannot be written losslessly", self.path)
        self._doc = doc
        self.text = text
        self.data = data


def toml_error(exc: tomllib.TOMLDecodeError, text: str, where: object, line_offset: int) -> ParseError:
    """tomllib's error with its "(at line L, column C)" moved into the location (1-based)."""
    msg = str(exc)
    m = _TOMLLIB_AT.search(msg)
    line, col = (int(m.group(1)), int(m.group(2))) if m and m.group(1) else (text.count("\n") + 1, 1)
    return ParseError(
        f"invalid TOML: {msg[: m.start()] if m else msg}",
        str(where) if where is not None else None,
        line + line_offset - 1,
        col,
    )


def _check_int_range(data: Any, text: str, where: str | None, line_offset: int) -> None:
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*key, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*key, i), v) for i, v in enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool) and not _INT_MIN <= value <= _INT_MAX:
            named = tuple(p for p in key if isinstance(p, str)) or ("?",)
            line, col = _search_position(text, named, line_offset, "=") or (line_offset, 1)
            raise ParseError(
                f"invalid TOML: integer '{format_key(key)}' does not fit in 64 bits", where, line, col
            )


def _drop_added_blank_lines(before: str, after: str) -> str:
    """tomlkit separates a new key from the next table with a blank line the file did not
    have; blank lines never change TOML values, so only the edited lines remain changed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    out: list[str] = []
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        chunk = new[j1:j2]
        if tag == "insert":
            chunk = [line for line in chunk if line.strip()]
        out.extend(chunk)
    return "".join(out)


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_null(v) for v in value)
    return False


def _search_position(text: str, key: KeyPath, line_offset: int, sep: str) -> tuple[int, int] | None:
    """Best-effort line/column of a key: the last key's first occurrence as `key <sep>`."""
    last = str(key[-1])
    for i, line in enumerate(text.splitlines()):
        stripped = line.lstrip()
        for cand in (last, f'"{last}"', f"'{last}'"):
            if stripped.startswith(cand) and stripped[len(cand) :].lstrip().startswith(sep):
                return i + line_offset, len(line) - len(stripped) + 1
    return None
