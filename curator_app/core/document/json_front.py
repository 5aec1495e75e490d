"""JSON front matter (Hugo's `{...}` and Eleventy's `---json`), key order kept.

Unedited files are never re-serialised. An edit re-serialises with the indentation the
file uses, so a file already in that canonical form changes only on the edited lines.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.document.limits import MAX_DEPTH, json_depth
from curator_app.core.document.toml_front import _search_position
from curator_app.core.errors import EditError, ParseError, UnsafeContentError


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key '{k}'")
        out[k] = v
    return out


class JsonFront:
    def __init__(self, text: str, path: object = None, line_offset: int = 1, newline: str = "\n") -> None:
        self.path = path
        self.line_offset = line_offset
        self.newline = newline
        self.text = text
        if json_depth(text) > MAX_DEPTH:
            raise UnsafeContentError(
                f"values nested more than {MAX_DEPTH} deep", str(path) if path else None, line_offset, 1
            )
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates) if text.strip() else {}
        except json.JSONDecodeError as exc:
            raise ParseError(
                f"invalid JSON: {exc.msg}",
                str(path) if path else None,
                exc.lineno + line_offset - 1,
                exc.colno,
            ) from None
        except ValueError as exc:
            raise ParseError(f"invalid JSON: {exc}", str(path) if path else None, line_offset, 1) from None
        if not isinstance(data, dict):
            raise ParseError(
                "front matter must be a JSON object", str(path) if path else None, line_offset, 1
            )
        self.data: dict[str, Any] = data
        m = re.search(r"\n([ \t]+)\S", text)
        self._indent = m.group(1) if m else "  "
        self._ascii = bool(re.search(r"\\u[0-9a-fA-F]{4}", text))

    def position(self, key: KeyPath) -> tuple[int, int] | None:
        return _search_position(self.text, (f'"{key[-1]}"',), self.line_offset, ":") or _search_position(
            self.text, key, self.line_offset, ":"
        )

    def value_span(self, key: KeyPath) -> tuple[int, int] | None:
        pos = self.position(key)
        return (pos[0], pos[0]) if pos else None

    def _dump(self, data: dict[str, Any]) -> str:
        text = json.dumps(data, indent=self._indent, ensure_ascii=self._ascii)
        lead = self.text[: len(self.text) - len(self.text.lstrip())]
        trail = self.text[len(self.text.rstrip()) :]
        return lead + text.replace("\n", self.newline) + trail

    def set(self, key: KeyPath, value: Any) -> None:
        data = copy.deepcopy(self.data)
        node: Any = data
        for part in key[:-1]:
            node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
        node[key[-1]] = copy.deepcopy(value)
        self._apply(data)

    def delete(self, key: KeyPath) -> None:
        data = copy.deepcopy(self.data)
        node: Any = data
        try:
            for part in key[:-1]:
                node = node[part]
            del node[key[-1]]
        except (KeyError, IndexError, TypeError):
            raise EditError(f"no key '{format_key(key)}' to delete", self.path) from None
        self._apply(data)

    def move(self, key: KeyPath, index: int) -> None:
        data = copy.deepcopy(self.data)
        node: Any = data
        for part in key[:-1]:
            node = node[part]
        items = list(node.items())
        pos = [k for k, _ in items].index(key[-1])
        entry = items.pop(pos)
        items.insert(index, entry)
        node.clear()
        node.update(items)
        self._apply(data)

    def _apply(self, data: dict[str, Any]) -> None:
        self.text = self._dump(data)
        self.data = data
