"""Lint for content items: lint_document runs every rule (Finding, Fix: lint/findings.py).

Each rule family lives in curator_app.core.lint.rules (one module each). Codes are stable:

    CC1xx required   CC101 required field missing, CC102 required field empty,
                     CC103 key unknown to the schema (info), CC104 empty entry in a
                     list (`author: ['']`) or empty string in a card field (og:image…)
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

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from curator_app.core.lint.findings import DELETE, SEVERITIES, Finding, Fix, LintContext
from curator_app.core.lint.rules import INFO_ONLY, RULES
from curator_app.core.preview.meta import HeadMeta
from curator_app.core.site.config import SiteConfig, find_site

if TYPE_CHECKING:
    from curator_app.core.document.document import Document
    from curator_app.core.schema.schema import Schema

# Callers and tests import the finding types from here, next to lint_document.
__all__ = ["DELETE", "SEVERITIES", "Finding", "Fix", "LintContext", "lint_document"]

def _default_schema(doc: Document) -> Schema | None:
    try:
        from curator_app.core.schema.infer import schema_for
    except ImportError:  # schema.py not there yet: the required rule uses its own short list
        return None
    try:
        return schema_for(doc)
    except Exception:  # a broken schema file must not stop linting
        return None


def lint_document(
    doc: Document,
    schema: Schema | None = None,
    site: SiteConfig | None = None,
    *,
    now: datetime | None = None,
    content_root: Path | None = None,
    rules: tuple[Callable[[LintContext], Iterable[Finding]], ...] | None = None,
    locate: bool = True,
    meta: HeadMeta | None = None,
    problems_only: bool = False,
) -> list[Finding]:
    """All findings for one document, ordered by line.

    schema=None uses schema_for(doc); site=None looks the site up from the document's path.
    content_root is the folder images must stay inside (default: the site's contentDir
    when the item is in it, else the item's folder). locate=False leaves line and column
    None (faster, for callers that only count). meta: the document's resolved head meta,
    when the caller has it (resolved once, used by the rules and by the caller).
    problems_only=True skips the rules that only report "info" (rules.INFO_ONLY).
    """
    path = doc.path
    if site is None and path is not None:
        site = find_site(path)
    self_inferred = False
    if schema is None:
        schema = _default_schema(doc)
        self_inferred = schema is not None and schema.name == "inferred"
    ctx = LintContext(doc, schema, site, now or datetime.now(UTC), content_root, self_inferred,
                      locate=locate, known_meta=meta, problems_only=problems_only)
    findings: list[Finding] = []
    for rule in rules or RULES:
        if problems_only and rule in INFO_ONLY:
            continue
        findings.extend(rule(ctx))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, order.get(f.severity, 9), f.code))
    return findings
