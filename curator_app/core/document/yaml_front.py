"""Lossless YAML front matter: read values, and edit by replacing only the text of the
value that changed.

Every edit is a splice of the original text followed by a re-parse, and the re-parsed
values must equal the intended values, otherwise the edit is refused and the text is
left as it was. That check is what lets the rest of Curator trust a minimal diff.
"""

from __future__ import annotations

import builtins  # the class defines a `set` method
import copy
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.algebra.keypath import assign_in as _assign
from curator_app.core.algebra.keypath import get_path as _get
from curator_app.core.algebra.keypath import remove_in as _remove
from curator_app.core.algebra.values import same as _same
from curator_app.core.document import yaml_style
from curator_app.core.document.yaml_nodes import PLAIN, compose, entries, find, resolve_plain, to_value
from curator_app.core.errors import EditError

# A block scalar header with keep chomping, after an optional anchor and tag.
_KEEP_RE = re.compile(r"(?:[&!]\S*\s+)*[|>](?:[1-9]?\+|\+[1-9]?)[ \t]*(?:#.*)?\r?$", re.M)


class YamlFront:
    def __init__(self, text: str, path: object = None, line_offset: int = 1, newline: str = "\n") -> None:
        self.path = path
        self.line_offset = line_offset
        self.newline = newline
        self.text = text
        self._parse(text)

    def _parse(self, text: str) -> None:
        root = compose(text, self.path, self.line_offset)
        data = to_value(root, self.path, self.line_offset, text)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            mark = root.start_mark if root is not None else None
            raise_at = (mark.line + self.line_offset, mark.column + 1) if mark else (self.line_offset, 1)
            from curator_app.core.errors import ParseError

            raise ParseError(
                f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
                str(self.path) if self.path else None,
                *raise_at,
            )
        self.root: Node | None = root
        self.data: dict[str, Any] = data
        self._style: yaml_style.Style | None = None

    @property
    def style(self) -> yaml_style.Style:
        """The document's own habits (quotes, indents, newline), for edits to follow. Found
        on the first edit: readers that never edit (lint, preview, the library) skip it."""
        if self._style is None:
            self._style = yaml_style.detect(self.root, self.text, self.newline)
        return self._style

    @style.setter
    def style(self, value: yaml_style.Style) -> None:
        self._style = value

    # --- reading -------------------------------------------------------------------------

    def position(self, key: KeyPath) -> tuple[int, int] | None:
        _, value, knode = find(self.root, key)
        node = knode or value
        if node is None:
            return None
        return node.start_mark.line + self.line_offset, node.start_mark.column + 1

    def value_span(self, key: KeyPath) -> tuple[int, int] | None:
        """First and last file line (1-based) of a key's entry."""
        _, value, knode = find(self.root, key)
        if value is None:
            return None
        first = (knode or value).start_mark.line
        last = self.text.count("\n", 0, self._value_end(knode, value))
        return first + self.line_offset, last + self.line_offset

    # --- editing -------------------------------------------------------------------------

    def set(self, key: KeyPath, value: Any) -> None:
        expected = copy.deepcopy(self.data)
        try:
            _assign(expected, key, value)
        except (KeyError, IndexError, TypeError):
            raise EditError(f"no place for '{format_key(key)}' in the front matter", self.path) from None
        self._check_not_shared(key)
        self._commit(self._splice_set(key, value), expected, key)

    def delete(self, key: KeyPath) -> None:
        parent, value, knode = find(self.root, key)
        if value is None:
            raise EditError(f"no key '{format_key(key)}' to delete", self.path)
        self._check_not_shared(key, deleting=True)
        expected = copy.deepcopy(self.data)
        _remove(expected, key)
        if isinstance(parent, SequenceNode) and len(parent.value) == 1:
            self._commit(self._splice_set(key[:-1], []), expected, key)
            return
        self._commit(self._splice_delete(parent, value, knode), expected, key)

    def move(self, key: KeyPath, index: int) -> None:
        """Move a key to position ``index`` among its mapping's keys (block style only)."""
        parent, value, knode = find(self.root, key)
        if value is None or knode is None or not isinstance(parent, MappingNode):
            raise EditError(f"no key '{format_key(key)}' to move", self.path)
        keys = [k for k, _ in parent.value]
        if parent.flow_style or any(
            self._line_start(k.start_mark.index) != k.start_mark.index - k.start_mark.column
            or self.text[self._line_start(k.start_mark.index) : k.start_mark.index].strip()
            for k in keys
        ):
            raise EditError(f"cannot reorder the keys around '{format_key(key)}'", self.path)
        spans = [self._entry_lines(k, v) for k, v in entries(parent)]
        i = keys.index(knode)
        chunk = self.text[spans[i][0] : spans[i][1]]
        order = [s for j, s in enumerate(spans) if j != i]
        if not order:
            return  # the only key: nothing to reorder
        index = max(0, min(index, len(order)))
        at = order[index][0] if index < len(order) else order[-1][1]
        start, end = spans[i]
        if at <= start:
            new_text = self.text[:at] + chunk + self.text[at:start] + self.text[end:]
        else:
            new_text = self.text[:start] + self.text[end:at] + chunk + self.text[at:]
        self._commit(new_text, copy.deepcopy(self.data), key)

    # --- internals -----------------------------------------------------------------------

    def _shared(self) -> builtins.set[int]:
        """ids of nodes reachable more than once: anchored nodes that aliases point at."""
        seen: builtins.set[int] = builtins.set()
        shared: builtins.set[int] = builtins.set()
        stack: list[Node] = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            if id(node) in seen:
                shared.add(id(node))
                continue
            seen.add(id(node))
            if isinstance(node, MappingNode):
                stack.extend(n for pair in node.value for n in pair)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return shared

    def _check_not_shared(self, key: KeyPath, deleting: bool = False) -> None:
        """Refuse edits that would also change (or orphan) what an alias points at.

        Replacing an alias use (`copy: *base`) is fine: only that entry changes.
        """
        if "&" not in self.text:
            return
        shared = self._shared()
        for depth in range(1, len(key) + 1):
            _, node, knode = find(self.root, key[:depth])
            if node is None or id(node) not in shared:
                continue
            last = depth == len(key)
            if last and knode is not None and self._is_alias_use(knode, node):
                return
            if last and deleting and knode is not None:
                continue  # deleting the anchored entry is caught by the re-parse
            raise EditError(
                f"'{format_key(key)}' is shared through a YAML anchor (&) and alias (*); "
                "editing it here would change the other copies too: edit the raw text",
                self.path,
            )

    def _commit(self, new_text: str, expected: dict[str, Any], key: KeyPath) -> None:
        try:
            probe = YamlFront(new_text, self.path, self.line_offset, self.newline)
        except Exception as exc:
            if "undefined alias" in str(exc):
                raise EditError(
                    f"'{format_key(key)}' holds an anchor (&) that aliases (*) elsewhere refer to; "
                    "edit the raw text",
                    self.path,
                ) from None
            raise EditError(
                f"edit of '{format_key(key)}' would break the front matter: {exc}", self.path
            ) from None
        if not _same(probe.data, expected):
            raise EditError(f"edit of '{format_key(key)}' cannot be written losslessly", self.path)
        self.adopt(probe)

    def adopt(self, probe: YamlFront) -> None:
        """Take over a checked re-parse of an edited text."""
        self.text, self.root, self.data, self.style = probe.text, probe.root, probe.data, probe.style

    def spliced(self, key: KeyPath, value: Any) -> str:
        """The text with ``key`` set to ``value``, neither checked nor kept: a batch splices
        several of these into one text and checks them with one re-parse (batch.py)."""
        self._check_not_shared(key)
        return self._splice_set(key, value)

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        """Index just past the newline of the line containing ``index``."""
        nl = self.text.find("\n", index)
        return len(self.text) if nl < 0 else nl + 1

    def _node_end(self, node: Node) -> int:
        """End of a node's own text, before the line end that follows it."""
        start = node.start_mark.index
        raw = self.text[start : node.end_mark.index]
        if isinstance(node, ScalarNode) and node.style in ("|", ">") and _KEEP_RE.match(raw):
            # `|+` keeps its trailing blank lines: they are part of the value, all but the
            # last line end (which the replacement text relies on, as for any value).
            body = raw.rstrip(" \t")
            cut = 2 if body.endswith("\r\n") else 1 if body.endswith("\n") else 0
            return start + len(body) - cut
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            # A block collection's end mark lies at the next token, past any comment lines
            # that belong to the next key: end at the last value's own text instead.
            k, v = node.value[-1]
            return self._value_end(k if isinstance(k, ScalarNode) else None, v)
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            last = node.value[-1]
            if last.start_mark.index > start:  # not an alias of an earlier anchor
                return self._node_end(last)
        return start + len(raw.rstrip(" \t\r\n"))

    def _value_end(self, knode: ScalarNode | None, value: Node) -> int:
        """End of an entry's value text, following an alias token when there is one."""
        if knode is not None and self._is_alias_use(knode, value):
            colon = self._colon_after(knode)
            i = colon + 1
            while self.text[i] in " \t":
                i += 1
            j = i + 1
            while j < len(self.text) and self.text[j] not in " \t\r\n,]}":
                j += 1
            return j
        return self._node_end(value)

    def _is_alias_use(self, knode: ScalarNode, value: Node) -> bool:
        return value.start_mark.index < knode.start_mark.index

    def _colon_after(self, knode: ScalarNode) -> int:
        i = knode.end_mark.index
        while i < len(self.text) and self.text[i] in " \t":
            i += 1
        if i >= len(self.text) or self.text[i] != ":":
            raise EditError(f"cannot edit the complex key '{knode.value}'", self.path)
        return i

    def _entry_lines(self, knode: ScalarNode, value: Node) -> tuple[int, int]:
        return self._line_start(knode.start_mark.index), self._line_end(self._value_end(knode, value))

    def _key_column(self, knode: ScalarNode) -> int:
        return knode.start_mark.column

    def _splice_set(self, key: KeyPath, value: Any) -> str:
        # Walk down as far as the path exists.
        node = self.root
        depth = 0
        parent: Node | None = None
        knode: ScalarNode | None = None
        flow_top: tuple[int, Node] | None = None
        for part in key:
            if isinstance(node, (MappingNode, SequenceNode)) and node.flow_style and flow_top is None:
                flow_top = (depth, node)
            p, child, k = find(node, (part,))
            if child is None:
                break
            parent, node, knode = p, child, k
            depth += 1
        if (
            flow_top is not None
            and depth == len(key)
            and isinstance(node, ScalarNode)
            and not isinstance(value, (dict, list, tuple))
            and flow_top[1].start_mark.index <= node.start_mark.index < flow_top[1].end_mark.index
        ):
            # One item of a one-line list or map: replace just that item's text.
            return self._replace(
                node.start_mark.index, self._node_end(node), yaml_style.flow(value, _kept(self.style, node))
            )
        if flow_top is not None:
            fdepth, fnode = flow_top
            new = copy.deepcopy(self.data if fdepth == 0 else _get(self.data, key[:fdepth]))
            _assign(new, key[fdepth:], value) if fdepth < len(key) else None
            return self._replace(
                fnode.start_mark.index, self._node_end(fnode), yaml_style.flow(new, self.style)
            )
        if depth == len(key):
            assert node is not None
            return self._replace_value(parent, knode, node, value)
        rest = key[depth:]
        if isinstance(node, ScalarNode) and node.tag == PLAIN and resolve_plain(node.value) is None and depth:
            nested = _nest(rest, value)
            return self._replace_value(parent, knode, node, nested)
        if node is None or isinstance(node, MappingNode):
            if isinstance(rest[0], int):
                raise EditError(f"'{format_key(key)}': no list item {rest[0]}", self.path)
            return self._add_entry(node, str(rest[0]), _nest(rest[1:], value))
        raise EditError(
            f"cannot add '{format_key(key)}': '{format_key(key[:depth])}' is not a mapping", self.path
        )

    def _replace(self, start: int, end: int, new: str) -> str:
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        rest = self.text[end:line_end].rstrip("\r")
        if "\n" in new and rest.strip().startswith("#"):
            # A trailing comment must not end up inside a new multi-line value: it goes
            # to the end of the new value's first line (`key: |-  # note`, `key:  # note`).
            first, nl, tail = new.partition("\n")
            crlf = first.endswith("\r")
            first = first.rstrip("\r") + rest + ("\r" if crlf else "")
            return self.text[:start] + first + nl + tail + self.text[end + len(rest) :]
        return self.text[:start] + new + self.text[end:]

    def _replace_value(self, parent: Node | None, knode: ScalarNode | None, node: Node, value: Any) -> str:
        style = self.style
        scalar_new = not isinstance(value, (dict, list, tuple)) or not value
        if knode is None:  # a list item
            dash_col = (
                node.start_mark.column - 2 if isinstance(parent, SequenceNode) else node.start_mark.column
            )
            if isinstance(node, ScalarNode) and scalar_new:
                text = yaml_style.inline(value, _kept(style, node), dash_col + 2)
            else:
                text = yaml_style.item(value, style, dash_col).lstrip(" ")
            return self._replace(node.start_mark.index, self._node_end(node), text)
        col = self._key_column(knode)
        alias = self._is_alias_use(knode, node)
        empty = isinstance(node, ScalarNode) and not node.style and node.value == ""
        if isinstance(node, ScalarNode) and scalar_new and not alias and not empty:
            local = _kept(style, node)
            if local.wrap:
                local = copy.copy(local)
                local.start = node.start_mark.column
            text = yaml_style.inline(value, local, col + style.map_indent)
            if not text:  # `key:` with nothing after it (the file's empty null)
                return self._replace(self._colon_after(knode) + 1, self._node_end(node), text)
            return self._replace(node.start_mark.index, self._node_end(node), text)
        colon = self._colon_after(knode)
        end = colon + 1 if empty else self._value_end(knode, node)
        if empty:
            probe = end
            while probe < len(self.text) and self.text[probe] in " \t":
                probe += 1  # trailing blanks after `key:` would join the new value...
            if probe >= len(self.text) or self.text[probe] != "#":
                end = probe  # ...but before a comment they keep it apart from the value
        if (
            isinstance(node, (SequenceNode, MappingNode))
            and node.flow_style
            and not alias
            and isinstance(value, list if isinstance(node, SequenceNode) else dict)
            and node.start_mark.line == self.text.count("\n", 0, end)
        ):
            # A one-line `[a, b]` or `{k: v}` stays one line.
            return self._replace(node.start_mark.index, end, yaml_style.flow(value, style))
        local = copy.copy(style)
        if isinstance(node, SequenceNode) and not node.flow_style and not alias:
            local.seq_offset = node.start_mark.column - col
            if isinstance(value, (list, tuple)) and value:
                return self._replace(colon + 1, end, self._reuse_items(node, list(value), local, col))
        if isinstance(node, MappingNode) and not node.flow_style and not alias:
            local.map_indent = max(node.start_mark.column - col, 1)
        return self._replace(colon + 1, end, yaml_style.block(value, local, col))

    def _reuse_items(self, node: SequenceNode, values: list[Any], style: yaml_style.Style, col: int) -> str:
        """A block sequence where items equal to an old item keep their old text."""
        old = [(to_value(n, self.path, self.line_offset), n) for n in node.value]
        used: set[int] = set()
        out = []
        dash = col + style.seq_offset
        for v in values:
            text = None
            for i, (ov, n) in enumerate(old):
                if i not in used and _same(ov, v) and isinstance(n, ScalarNode):
                    used.add(i)
                    text = " " + self.text[n.start_mark.index : self._node_end(n)]
                    break
            out.append(style.newline + " " * dash + "-" + (text or yaml_style.item(v, style, dash)))
        return "".join(out)

    def _add_entry(self, mapping: MappingNode | None, key: str, value: Any) -> str:
        nl = self.style.newline
        if mapping is None or not mapping.value:
            if mapping is not None and mapping is not self.root:
                raise EditError(f"cannot add '{key}' to an empty one-line mapping", self.path)
            col, at = 0, len(self.text)
            prefix = nl if self.text and not self.text.endswith("\n") else ""
            entry = key_line(key, value, self.style, col)
            return self.text[:at] + prefix + entry + nl + self.text[at:]
        first_key = mapping.value[0][0]
        col = first_key.start_mark.column
        last_k, last_v = mapping.value[-1]
        assert isinstance(last_k, ScalarNode)
        at = self._line_end(self._value_end(last_k, last_v))
        prefix = nl if at == len(self.text) and not self.text.endswith("\n") else ""
        return (
            self.text[:at] + prefix + " " * col + key_line(key, value, self.style, col) + nl + self.text[at:]
        )

    def _splice_delete(self, parent: Node | None, value: Node, knode: ScalarNode | None) -> str:
        if isinstance(parent, (MappingNode, SequenceNode)) and parent.flow_style:
            raise EditError("deleting inside a one-line mapping or list is not supported", self.path)
        if knode is None:  # list item: remove its lines
            start = self._line_start(value.start_mark.index)
            return self.text[:start] + self.text[self._line_end(self._node_end(value)) :]
        start, end = self._entry_lines(knode, value)
        if self.text[start : knode.start_mark.index].strip(" ") == "":
            return self.text[:start] + self.text[end:]
        # The key follows a list item's `- `: pull the next key up, or leave `{}`.
        assert isinstance(parent, MappingNode)
        keys = [k for k, _ in parent.value]
        i = keys.index(knode)
        if i + 1 < len(keys):
            return self.text[: knode.start_mark.index] + self.text[keys[i + 1].start_mark.index :]
        return self.text[: knode.start_mark.index] + "{}" + self.text[self._value_end(knode, value) :]


def key_line(key: str, value: Any, style: yaml_style.Style, col: int) -> str:
    return yaml_style.key_text(key, style) + ":" + yaml_style.block(value, style, col)


def _nest(rest: KeyPath, value: Any) -> Any:
    for part in reversed(rest):
        value = {part: value}
    return value


def _kept(style: yaml_style.Style, node: Node) -> yaml_style.Style:
    """The style for replacing ``node``'s text: a value the author chose to quote keeps its quote.

    Quotes the old value needed (a trailing space, a colon) in the file's usual quote were
    not a choice, so the new value is written the file's usual way instead; needed quotes
    of the other kind were chosen, and stay whenever the new value is quoted.
    """
    if isinstance(node, ScalarNode) and node.style in ("'", '"'):
        local = copy.copy(style)
        if not yaml_style.needs_quotes(node.value) or node.style != style.quote:
            local.keep_quote = node.style
        return local
    return style
