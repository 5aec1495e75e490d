"""What lint rules produce and read: Finding, Fix and the LintContext they inspect.

The rules (lint/rules/) and the engine that runs them (lint/engine.py) both import this
module, so neither imports the other's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.algebra.values import MISSING
from curator_app.core.preview.meta import HeadMeta, plainify, resolve_meta
from curator_app.core.schema.linked import LinkedGroup, linked_groups
from curator_app.core.site.config import SiteConfig

if TYPE_CHECKING:
    from curator_app.core.document.document import Document
    from curator_app.core.schema.schema import Schema

SEVERITIES = ("error", "warning", "info")
T = TypeVar("T")


# A fix that removes a key sets it to the absent marker.
DELETE = MISSING


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[tuple[KeyPath, Any], ...]

    def apply(self, doc: Document) -> None:
        """Edit the document through set()/delete(), so only the fixed keys' lines change."""
        for key, value in self.edits:
            if value is DELETE:
                if doc.has(key):
                    doc.delete(key)
            else:
                doc.set(key, value)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    field: KeyPath
    line: int | None
    column: int | None
    message: str
    fix: Fix | None = None

    @property
    def key(self) -> str:
        return format_key(self.field)

    def to_json(self, path: str | None = None) -> dict[str, Any]:
        return {
            "path": path,
            "field": format_key(self.field),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "fix": self.fix.description if self.fix else None,
        }


# (id(schema), build) -> (schema, what build derived from it); the schema is kept so its id
# stays its own while cached.
_PER_SCHEMA: dict[tuple[int, Any], tuple[Any, Any]] = {}


def per_schema(schema: Any, build: Callable[[Any], T]) -> T:
    """build(schema), worked out once per schema object: the library lints thousands of
    items against one schema, and rules used to re-derive their field lists for each."""
    key = (id(schema), build)
    hit = _PER_SCHEMA.get(key)
    if hit is not None and hit[0] is schema:
        return cast(T, hit[1])
    if len(_PER_SCHEMA) > 256:
        _PER_SCHEMA.clear()  # inferred schemas are one per item: never let them pile up
    value = build(schema)
    _PER_SCHEMA[key] = (schema, value)
    return value


@dataclass
class LintContext:
    """Everything a rule may look at; expensive parts are computed once, on demand."""

    doc: Document
    schema: Schema | None
    site: SiteConfig | None
    now: datetime
    content_root: Path | None
    # True when the schema was inferred from this document alone: its "required" says nothing.
    self_inferred: bool = False
    # (code, key) pairs already reported, so overlapping rules do not repeat themselves.
    reported: set[tuple[str, KeyPath]] = field(default_factory=set)
    # False when only the findings are wanted, not where they are (the library's counts):
    # looking up a key's line walks the node graph, about a tenth of a lint.
    locate: bool = True
    # The head meta when the caller has resolved it already (see lint/analysis.py).
    known_meta: HeadMeta | None = None
    # True when the caller counts errors and warnings only: a rule may then skip work whose
    # only outcome is an "info" finding (the library lints every item of a folder).
    problems_only: bool = False

    @property
    def data(self) -> dict[str, Any]:
        data = self.doc.data
        return data if isinstance(data, dict) else {}

    @cached_property
    def path(self) -> Path | None:
        return self.doc.path

    @cached_property
    def curated(self) -> bool:
        """Whether the item follows the curated-content conventions (linked copies, slug)."""
        if self.schema is not None and self.schema.name == "curated-content":
            return True
        return any(k in self.data for k in ("openGraphMetaData", "twitterMetaData", "htmlMetaData"))

    @cached_property
    def meta(self) -> HeadMeta:
        return self.known_meta if self.known_meta is not None else resolve_meta(self.doc, self.site)

    @cached_property
    def linked(self) -> list[LinkedGroup]:
        return linked_groups(self.doc)

    @cached_property
    def body_text(self) -> str:
        return plainify(self.doc.body) if self.doc.body else ""

    def position(self, key: KeyPath) -> tuple[int | None, int | None]:
        """Line and column of the key, else of its nearest ancestor that exists."""
        probe = tuple(key)
        while probe:
            try:
                pos = self.doc.position(probe)
            except (KeyError, IndexError, TypeError, ValueError):
                pos = None
            if pos is not None:
                return pos[0], pos[1]
            probe = probe[:-1]
        return None, None

    def finding(
        self, code: str, severity: str, key: KeyPath, message: str, fix: Fix | None = None
    ) -> Finding:
        self.reported.add((code, tuple(key)))
        line, column = self.position(key) if self.locate else (None, None)
        return Finding(code, severity, tuple(key), line, column, message, fix)
