"""TOML front matter (`+++`), kept lossless by tomlkit's document model."""

from __future__ import annotations

import copy
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError as TomlParseError
from tomlkit.items import Item

from curator_app.core.errors import EditError, ParseError
from curator_app.core.keypath import KeyPath, format_key


class TomlFront:
    def __init__(self, text: str, path: object = None, line_offset: int = 1, newline: str = "\n") -> None:
        self.path = path
        self.line_offset = line_offset
        self.text = text
        try:
            self._doc = tomlkit.parse(text)
        except TomlParseError as exc:
            raise ParseError(
                f"invalid TOML: {exc.args[0] if exc.args else exc}".split(" at line ")[0],
                str(path) if path else None,
                exc.line + line_offset - 1,
                exc.col,
            ) from None
        self.data: dict[str, Any] = self._doc.unwrap()

    def position(self, key: KeyPath) -> tuple[int, int] | None:
        return _search_position(self.text, key, self.line_offset, "=")

    def value_span(self, key: KeyPath) -> tuple[int, int] | None:
        pos = self.position(key)
        return (pos[0], pos[0]) if pos else None

    def _container(self, key: KeyPath, create: bool) -> Any:
        node: Any = self._doc
        for part in key[:-1]:
            if part not in node:
                if not create:
                    raise EditError(f"no key '{format_key(key)}'", self.path)
                node[part] = tomlkit.table()
            node = node[part]
        return node

    def set(self, key: KeyPath, value: Any) -> None:
        before = self._doc.as_string()
        node = self._container(key, create=True)
        old = node.get(key[-1]) if hasattr(node, "get") else None
        new = tomlkit.item(copy.deepcopy(value))
        if isinstance(old, Item) and isinstance(new, Item):
            # Keep the comment and the whitespace that followed the old value.
            new.trivia.comment = old.trivia.comment
            new.trivia.comment_ws = old.trivia.comment_ws
            new.trivia.trail = old.trivia.trail
        node[key[-1]] = new
        self._reload(before, key)

    def delete(self, key: KeyPath) -> None:
        before = self._doc.as_string()
        node = self._container(key, create=False)
        if key[-1] not in node:
            raise EditError(f"no key '{format_key(key)}' to delete", self.path)
        del node[key[-1]]
        self._reload(before, key)

    def move(self, key: KeyPath, index: int) -> None:
        raise EditError("reordering TOML keys is not supported", self.path)

    def _reload(self, before: str, key: KeyPath) -> None:
        text = self._doc.as_string()
        try:
            self._doc = tomlkit.parse(text)
        except TomlParseError as exc:
            self._doc = tomlkit.parse(before)
            raise EditError(f"edit of '{format_key(key)}' would break the TOML: {exc}", self.path) from None
        self.text = text
        self.data = self._doc.unwrap()


def _search_position(text: str, key: KeyPath, line_offset: int, sep: str) -> tuple[int, int] | None:
    """Best-effort line/column of a key: the last key's first occurrence as `key <sep>`."""
    last = str(key[-1])
    for i, line in enumerate(text.splitlines()):
        stripped = line.lstrip()
        for cand in (last, f'"{last}"', f"'{last}'"):
            if stripped.startswith(cand) and stripped[len(cand) :].lstrip().startswith(sep):
                return i + line_offset, len(line) - len(stripped) + 1
    return None
