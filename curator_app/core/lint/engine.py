"""Lint rules for content items: Finding, Fix and lint_document.

Each rule family lives in curator_app.core.lint.rules (one module each). Codes are stable:

    CC1xx required   CC101 required field missing, CC102 required field empty,
                     CC103 key unknown to the schema (info)
    CC2xx lengths    CC201 title over 60, CC202 twitter:title over 70,
                     CC203 description over 156/160, CC204 description under 121 (info),
                     CC205 twitter:description over 200, CC206 twitter:image:alt over 420
    CC3xx text       CC301 double spaces, CC302 leading/trailing or whitespace-only value,
                     CC303 text cut mid-word, CC304 possible misspelling (info)
    CC4xx urls       CC401 URL not absolute, CC402 URL not https, CC403 base URL not public,
                     CC404 og:url is not the page's own permalink (info)
    CC5xx images     CC501 image file missing, CC502 image outside the content folder,
                     CC503 format not accepted, CC504 too small/too big, CC505 aspect ratio,
                     CC506 file too large, CC507 declared format/size disagree with the file,
                     CC508 og:image without alt text, CC509 image unreadable
    CC6xx dates      CC601 date not parseable, CC602 date in the future,
                     CC603 lastmod before date
    CC7xx taxonomy   CC701 slug does not match the title, CC702 category chain inconsistent
    CC8xx enums      CC801 value not allowed, CC802 locale pattern, CC803 twitter handle
    CC9xx linked     CC901 linked copies disagree

Lengths count Unicode code points (Python len); Front Matter CMS counts UTF-16 units, which
differs only for characters outside the BMP (emoji).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.algebra.values import MISSING
from curator_app.core.preview.meta import HeadMeta, resolve_meta
from curator_app.core.site.config import SiteConfig, find_site

SEVERITIES = ("error", "warning", "info")


# A fix that removes a key sets it to the absent marker.
DELETE = MISSING


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[tuple[KeyPath, Any], ...]

    def apply(self, doc: Any) -> None:
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


@dataclass
class LintContext:
    """Everything a rule may look at; expensive parts are computed once, on demand."""

    doc: Any
    schema: Any
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

    @property
    def data(self) -> dict:
        data = self.doc.data
        return data if isinstance(data, dict) else {}

    @property
    def path(self) -> Path | None:
        return Path(self.doc.path) if getattr(self.doc, "path", None) else None

    @cached_property
    def curated(self) -> bool:
        """Whether the item follows the curated-content conventions (linked copies, slug)."""
        if self.schema is not None and getattr(self.schema, "name", None) == "curated-content":
            return True
        return any(k in self.data for k in ("openGraphMetaData", "twitterMetaData", "htmlMetaData"))

    @cached_property
    def meta(self) -> HeadMeta:
        return self.known_meta if self.known_meta is not None else resolve_meta(self.doc, self.site)

    @cached_property
    def linked(self) -> list[Any]:
        from curator_app.core.lint.rules.linked import groups

        return groups(self.doc)

    @cached_property
    def body_text(self) -> str:
        from curator_app.core.preview.meta import plainify

        return plainify(self.doc.body or "") if getattr(self.doc, "body", None) else ""

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


def _default_schema(doc: Any) -> Any:
    try:
        from curator_app.core.schema.schema import schema_for
    except ImportError:  # schema.py not there yet: the required rule uses its own short list
        return None
    try:
        return schema_for(doc)
    except Exception:  # a broken schema file must not stop linting
        return None


def lint_document(
    doc: Any,
    schema: Any = None,
    site: SiteConfig | None = None,
    *,
    now: datetime | None = None,
    content_root: Path | None = None,
    rules: tuple[Callable[[LintContext], Any], ...] | None = None,
    locate: bool = True,
    meta: HeadMeta | None = None,
) -> list[Finding]:
    """All findings for one document, ordered by line.

    schema=None uses schema_for(doc); site=None looks the site up from the document's path.
    content_root is the folder images must stay inside (default: the site's contentDir
    when the item is in it, else the item's folder). locate=False leaves line and column
    None (faster, for callers that only count). meta: the document's resolved head meta,
    when the caller has it (resolved once, used by the rules and by the caller).
    """
    from curator_app.core.lint.rules import RULES

    path = Path(doc.path) if getattr(doc, "path", None) else None
    if site is None and path is not None:
        site = find_site(path)
    self_inferred = False
    if schema is None:
        schema = _default_schema(doc)
        self_inferred = getattr(schema, "name", None) == "inferred"
    ctx = LintContext(doc, schema, site, now or datetime.now(UTC), content_root, self_inferred,
                      locate=locate, known_meta=meta)
    findings: list[Finding] = []
    for rule in rules or RULES:
        findings.extend(rule(ctx))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, order.get(f.severity, 9), f.code))
    return findings
