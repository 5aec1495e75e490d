"""Find and replace inside one Document: string values of the front matter, and the body's
text outside HTML tags, comments and Hugo shortcodes (never tag or attribute names).

Every replacement goes through Document.set_many or the body setter, so only the lines that
hold a replaced value change.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.document.document import Document
from curator_app.core.find.query import Query

# Markup whose inside is never searched: comments, tags, Hugo shortcodes.
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^>]*>?|\{\{[<%].*?(?:[%>]\}\}|\Z)", re.S)


@dataclass(frozen=True)
class Hit:
    key: KeyPath  # BODY_KEY for the body; list items carry their index
    start: int  # offsets in the field's text (the body: the whole body string)
    end: int
    text: str  # what matched
    replacement: str  # what it would become

    @property
    def label(self) -> str:
        return "body" if self.key == BODY_KEY else format_key(self.key)

    def context(self, source: str, width: int = 30) -> str:
        """The hit with some text either side, on one line, for a results list."""
        before = source[max(0, self.start - width) : self.start]
        after = source[self.end : self.end + width]
        return " ".join(f"{before}[{self.text}]{after}".split())


def text_spans(body: str) -> list[tuple[int, int]]:
    """The stretches of the body that are text, between markup."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _MARKUP.finditer(body):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(body):
        spans.append((pos, len(body)))
    return spans


def string_fields(data: Mapping[str, Any], prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every string leaf of the front matter, list items included, in file order."""
    for key, value in data.items():
        path = (*prefix, key)
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, Mapping):
            yield from string_fields(value, path)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (*path, i), item
                elif isinstance(item, Mapping):
                    yield from string_fields(item, (*path, i))


def _in_scope(key: KeyPath, fields: Iterable[KeyPath] | None) -> bool:
    if fields is None:
        return True
    return any(key[: len(f)] == tuple(f) for f in fields)


def find_in_text(text: str, query: Query, key: KeyPath, spans: list[tuple[int, int]] | None = None) -> list[Hit]:
    if spans is not None and not query.regex:
        return _find_in_spans(text, query, key, spans)
    hits: list[Hit] = []
    for lo, hi in spans if spans is not None else [(0, len(text))]:
        for m in query.matches(text[lo:hi]):
            hits.append(Hit(key, lo + m.start(), lo + m.end(), m.group(0), query.expand(m)))
    return hits


def _find_in_spans(text: str, query: Query, key: KeyPath, spans: list[tuple[int, int]]) -> list[Hit]:
    """The hits of a plain (non-regex) query inside ``spans``, from one pass over ``text``.

    The same hits as searching each span on its own: markup never ends in a word
    character, so a whole-word test at a span's edge reads the same either way, and a
    fixed-length match that runs into markup cannot hide one that fits in the span."""
    starts = [lo for lo, _hi in spans]
    hits: list[Hit] = []
    for m in query.matches(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.end() <= spans[i][1]:
            hits.append(Hit(key, m.start(), m.end(), m.group(0), query.replacement))
    return hits


def find_in_document(doc: Document, query: Query, fields: Iterable[KeyPath] | None = None) -> list[Hit]:
    """Hits in file order: front-matter fields first, then the body.

    `fields` limits the search to those keys (and what is under them); BODY_KEY is the body.
    """
    return find_in_fields(string_fields(doc.data), doc.body, query, fields)


def find_in_fields(
    values: Iterable[tuple[KeyPath, str]], body: str, query: Query, fields: Iterable[KeyPath] | None = None
) -> list[Hit]:
    """find_in_document over a front matter's string values (key, value) in file order."""
    scope = None if fields is None else [tuple(f) for f in fields]
    search = query.compiled.search
    hits: list[Hit] = []
    for key, value in values:
        # Most values do not hold the pattern: one test in C skips them.
        if search(value) is not None and (
            scope is None or any(f != BODY_KEY and _in_scope(key, [f]) for f in scope)
        ):
            hits.extend(find_in_text(value, query, key))
    if scope is None or BODY_KEY in scope:
        hits.extend(find_in_text(body, query, BODY_KEY, text_spans(body)))
    return hits


def value_of(doc: Document, key: KeyPath) -> str:
    return doc.body if key == BODY_KEY else str(doc.get(key))


def _apply(text: str, hits: list[Hit]) -> str:
    out, pos = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        out.append(text[pos : hit.start])
        out.append(hit.replacement)
        pos = hit.end
    out.append(text[pos:])
    return "".join(out)


def replace_hits(doc: Document, hits: Iterable[Hit]) -> list[KeyPath]:
    """Apply the given hits (found on this document as it is now); returns the keys changed.

    Every front-matter value goes in one batched edit: one check of the result, not one
    per field.
    """
    by_key: dict[KeyPath, list[Hit]] = {}
    for hit in hits:
        by_key.setdefault(hit.key, []).append(hit)
    values: list[tuple[KeyPath, str]] = []
    body: str | None = None
    for key, group in by_key.items():
        old = value_of(doc, key)
        new = _apply(old, group)
        if new == old:
            continue
        if key == BODY_KEY:
            body = new
        else:
            values.append((key, new))
    changed = doc.set_many(values)
    if body is not None:
        doc.body = body
        changed.append(BODY_KEY)
    return changed


def replace_all(doc: Document, query: Query, fields: Iterable[KeyPath] | None = None) -> list[KeyPath]:
    return replace_hits(doc, find_in_document(doc, query, fields))
