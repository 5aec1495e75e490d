"""What the keys of an item mean: groups, labels, widgets, limits and linked groups.

Schemas are data (``resources/schemas/<name>.yaml``) so a content team can change labels or
help text without touching Python. A folder of another shape gets a schema inferred from
its files (``infer.py``). Keys a schema does not know are reported by
``Schema.unknown_keys`` and are never dropped: the document core keeps every byte.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from curator_app.core.algebra.keypath import KeyPath, parse_dotted
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.resources import resource_path


@dataclass
class KeyStats:
    """How a key was seen across the files."""

    count: int = 0  # files that have the key
    total: int = 0  # files looked at
    kinds: Counter[str] = field(default_factory=Counter)  # value kind -> files

    @property
    def frequency(self) -> float:
        return self.count / self.total if self.total else 0.0


WIDGETS = frozenset(
    {"text", "longtext", "date", "datetime", "url", "strings", "image", "enum", "bool", "int", "map"}
)
SCHEMA_DIR = resource_path("schemas")


@dataclass(frozen=True)
class Field:
    key: KeyPath
    label: str
    help: str
    widget: str
    required: bool
    choices: tuple[str, ...] | None
    group: str
    limits: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    linked: str | None = None


@dataclass(frozen=True)
class Group:
    name: str
    label: str
    fields: tuple[Field, ...]


class Schema:
    """A content type: ordered groups of fields, with lookup by key path."""

    def __init__(
        self,
        name: str,
        groups: Iterable[Group],
        label: str | None = None,
        detect: dict[str, Any] | None = None,
        stats: dict[KeyPath, KeyStats] | None = None,
        workflow: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.label = label or name
        self.groups: tuple[Group, ...] = tuple(groups)
        self.detect: dict[str, Any] = detect or {}
        # The workflow key and its values (core/review reads it); empty when the type has none.
        self.workflow: dict[str, Any] = workflow or {}
        # Inferred schemas only: per key, how often and with which types it was seen.
        self.stats: dict[KeyPath, KeyStats] = stats or {}
        self._by_key: dict[KeyPath, Field] = {f.key: f for g in self.groups for f in g.fields}
        # Every proper prefix of a field key is a container the schema knows about.
        self._containers: set[KeyPath] = {
            f.key[:i] for f in self._by_key.values() for i in range(1, len(f.key))
        }

    def __repr__(self) -> str:
        return f"Schema({self.name!r}, {len(self._by_key)} fields)"

    def field(self, key: KeyPath) -> Field | None:
        return self._by_key.get(tuple(key))

    def fields(self) -> Iterator[Field]:
        for group in self.groups:
            yield from group.fields

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name == name), None)

    def unknown_keys(self, doc: Document) -> list[KeyPath]:
        """Top-most key paths in the document that no field describes, in document order.

        A mapping the schema knows nothing about is reported once (its own path), not
        once per child; a list is entered only where the schema has per-index fields.
        """
        found: list[KeyPath] = []
        self._walk(doc.data, (), found)
        return found

    def _walk(self, value: Any, path: KeyPath, found: list[KeyPath]) -> None:
        if path and path in self._by_key:
            return
        if path and path not in self._containers:
            found.append(path)
            return
        if isinstance(value, dict):
            for k, v in value.items():
                self._walk(v, (*path, str(k)), found)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if (*path, i) in self._by_key or (*path, i) in self._containers:
                    self._walk(v, (*path, i), found)


def _key_from_data(raw: Any, where: str) -> KeyPath:
    if isinstance(raw, str):
        return parse_dotted(raw)
    if isinstance(raw, list) and raw and all(isinstance(p, str | int) for p in raw):
        return tuple(raw)
    raise CuratorError(f"{where}: key must be a dotted string or a list of keys")


def schema_from_data(data: dict[str, Any], source: str = "<schema>") -> Schema:
    """Build a Schema from the parsed YAML; raises CuratorError naming the bad entry."""
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise CuratorError("schema needs a 'groups' list", path=source)
    groups = []
    for gi, g in enumerate(data["groups"]):
        gname = str(g.get("name") or f"group{gi}")
        fields = []
        for fi, f in enumerate(g.get("fields") or []):
            where = f"{gname} field {fi + 1}"
            widget = str(f.get("widget", "text"))
            if widget not in WIDGETS:
                raise CuratorError(f"{where}: unknown widget '{widget}'", path=source)
            choices = f.get("choices")
            fields.append(
                Field(
                    key=_key_from_data(f.get("key"), where),
                    label=str(f.get("label") or f.get("key")),
                    help=str(f.get("help") or ""),
                    widget=widget,
                    required=bool(f.get("required", False)),
                    choices=tuple(str(c) for c in choices) if choices else None,
                    group=gname,
                    limits={str(k): int(v) for k, v in (f.get("limits") or {}).items()},
                    linked=f.get("linked"),
                )
            )
        groups.append(Group(gname, str(g.get("label") or gname), tuple(fields)))
    return Schema(
        str(data.get("name") or Path(source).stem),
        groups,
        label=data.get("label"),
        detect=data.get("detect") or {},
        workflow=data.get("workflow") or {},
    )


def load_schema(name: str = "curated-content") -> Schema:
    """Load ``resources/schemas/<name>.yaml`` (cached: schemas are read-only data)."""
    # The cache is keyed by the name itself: functools.cache told `load_schema()` from
    # `load_schema("curated-content")`, so the start-up's early load missed the first open.
    return _load_schema(name)


@cache
def _load_schema(name: str) -> Schema:
    path = SCHEMA_DIR / f"{name}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CuratorError(f"cannot read schema: {exc.strerror}", path=str(path)) from exc
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise CuratorError(
            str(exc.problem),
            path=str(path),
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    return schema_from_data(data, str(path))


def looks_like(schema: Schema, doc: Document) -> bool:
    """Whether a document is of the schema's type, by its ``detect`` rules."""
    detect = schema.detect
    if detect.get("archetype") and doc.data.get("archetype") == detect["archetype"]:
        return True
    keys = detect.get("keys") or []
    return bool(keys) and sum(k in doc.data for k in keys) >= int(detect.get("min_keys", len(keys)))


def folder_values(docs: Iterable[Document], key: KeyPath) -> Counter[str]:
    """How often each value of ``key`` occurs across documents (list values count per item).

    Feeds enum suggestions and tag/category completion; empty and null values are skipped.
    """
    counts: Counter[str] = Counter()
    for doc in docs:
        value = doc.get(tuple(key))
        items = value if isinstance(value, list) else [value]
        for item in items:
            if item is None or isinstance(item, dict | list):
                continue
            text = str(item)
            if text.strip():
                counts[text] += 1
    return counts


def suggestions(docs: Iterable[Document], fld: Field) -> list[str]:
    """Values to offer for a field: its fixed choices first, then the folder's, most used first."""
    fixed = list(fld.choices or ())
    seen = folder_values(docs, fld.key)
    return fixed + [v for v, _ in seen.most_common() if v not in fixed]
