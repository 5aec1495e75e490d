"""The preview page: templates from resources/preview filled with an item's cards.

Qt-free. Templates are plain HTML with `${name}` slots (string.Template) so a designer can
change them; every value is HTML-escaped here before it goes in. Images never appear with
their own URL: `ImageLocator` maps each to a `curator-img:` URL (local file inside the
content folder, allowed remote image, or a placeholder) that the GUI's scheme handler serves.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from curator_app.core.lint.analysis import Analysis, analyse
from curator_app.core.preview.body_render import render_body
from curator_app.core.preview.cards import Card, CardImage, Text, build_cards
from curator_app.core.preview.locator import ImageLocator, ImageRef
from curator_app.core.preview.meta import HeadMeta, MetaTag
from curator_app.core.site.config import SiteConfig
from curator_app.resources import resource_path

if TYPE_CHECKING:
    from curator_app.core.document.document import Document

# --- templates ---------------------------------------------------------------------------

TEMPLATE_DIR = resource_path("preview")
SECTION_KINDS = ("site", "article", "x", "facebook", "linkedin", "slack", "search", "meta")


class Templates:
    """The files of resources/preview, re-read when a designer saves one."""

    def __init__(self, folder: Path = TEMPLATE_DIR) -> None:
        self.folder = folder
        self._cache: dict[str, tuple[float, Template]] = {}

    def refresh(self) -> None:
        """Drop templates whose file changed; called once per page, not once per slot."""
        for name, (mtime, _t) in list(self._cache.items()):
            try:
                if (self.folder / name).stat().st_mtime != mtime:
                    del self._cache[name]
            except OSError:
                del self._cache[name]

    def get(self, name: str) -> Template:
        hit = self._cache.get(name)
        if hit is None:
            path = self.folder / name
            hit = (path.stat().st_mtime, Template(path.read_text(encoding="utf-8")))
            self._cache[name] = hit
        return hit[1]

    def fill(self, name: str, **values: object) -> str:
        # safe_substitute: a designer's new ${slot} shows as written instead of breaking the page
        return self.get(name + ".html").safe_substitute({k: str(v) for k, v in values.items()})

    def css(self) -> str:
        return self.get("preview.css").template


_DEFAULT_TEMPLATES = Templates()


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


@dataclass
class Preview:
    cards: list[Card]
    sections: dict[str, str]  # kind → filled section HTML, SECTION_KINDS order
    head_html: str  # the <head> tags as text, for the clipboard
    css: str
    analysis: Analysis | None = None  # the meta and lint the cards were built from

    @property
    def cards_html(self) -> str:
        return "\n".join(self.sections.values())

    def page(self, show: str = "all") -> str:
        return _DEFAULT_TEMPLATES.fill("page", css=self.css, body_class=f"show-{show}", cards=self.cards_html)


def build_preview(
    doc: Document,
    content_root: Path | None,
    *,
    allow_remote: bool = False,
    site: SiteConfig | None = None,
    remote_cache: Path | None = None,
    templates: Templates | None = None,
    analysis: Analysis | None = None,
) -> Preview:
    """Everything the preview pane shows for one document; `analysis` when the caller has
    this revision's meta and lint already (lint/analysis.py)."""
    t = templates or _DEFAULT_TEMPLATES
    t.refresh()
    doc_dir = doc.path.resolve().parent if doc.path else None
    locator = ImageLocator(content_root, doc_dir, remote_cache)
    if analysis is None:
        analysis = analyse(doc, content_root, site)
    head = analysis.meta
    cards = build_cards(doc, head, locator, site, analysis.findings)
    filler = _Filler(t, locator, allow_remote, doc)
    sections = {c.kind: filler.section(c) for c in cards}
    sections["meta"] = filler.meta(head)
    return Preview(cards, sections, head.to_html(), t.css(), analysis)


class _Filler:
    def __init__(self, t: Templates, locator: ImageLocator, allow_remote: bool, doc: Document) -> None:
        self.t, self.locator, self.allow_remote, self.doc = t, locator, allow_remote, doc

    def text(self, text: Text | None) -> str:
        if text is None:
            return '<span class="missing">(none)</span>'
        if not text.cut:
            return esc(text.full)
        title = f"{text.source}: cut at {text.limit} of {len(text.full)} characters"
        return self.t.fill("cut", shown=esc(text.shown), limit=text.limit, title=esc(title))

    def _loadable(self, ref: ImageRef) -> bool:
        return ref.kind == "local" or (ref.kind == "remote" and self.allow_remote)

    def image(self, ci: CardImage | None, alt: str = "") -> str:
        if ci is None:
            return ""
        aspect = f"{ci.aspect:g}"
        expected = f"{ci.slot[0]}×{ci.slot[1]} ({_ratio(ci.aspect)})"
        if ci.layout == "none" or not self._loadable(ci.ref):
            why = ci.problem or ("Remote images are off" if ci.ref.kind == "remote" else "No image")
            if ci.size:
                expected = f"{ci.size[0]}×{ci.size[1]} image in a {_ratio(ci.aspect)} slot"
            return self.t.fill(
                "placeholder",
                aspect=aspect,
                why=esc(why),
                url=esc(ci.ref.src),
                expected=esc(expected),
            )
        src = self.locator.url(ci.ref, self.allow_remote, ci.slot)
        return self.t.fill("image", aspect=aspect, src=esc(src), alt=esc(alt))

    def crop(self, card: Card) -> str:
        ci = card.image
        if ci is None or ci.size is None or ci.crop is None or ci.layout == "none":
            return ""
        if not self._loadable(ci.ref):
            return ""
        x, y, w, h = (round(v * 100, 2) for v in ci.crop)
        return self.t.fill(
            "crop",
            label=esc(card.label),
            img_w=ci.size[0],
            img_h=ci.size[1],
            src=esc(self.locator.url(ci.ref, self.allow_remote)),
            x=x,
            y=y,
            w=w,
            h=h,
            ratio=_ratio(ci.aspect),
        )

    def section(self, card: Card) -> str:
        notes = "".join(
            self.t.fill("note", severity=esc(n.severity), message=esc(n.message)) for n in card.notes
        )
        subtitle = {"x": card.variant, "slack": "unfurl", "search": "desktop result"}.get(card.kind, "")
        return self.t.fill(
            "section",
            kind=card.kind,
            label=esc(card.label),
            subtitle=esc(subtitle),
            card=self.card(card),
            crop=self.crop(card),
            notes=notes,
        )

    def card(self, c: Card) -> str:
        e = c.extra
        alt = c.title.full if c.title else ""
        if c.kind == "site":
            cats = "".join(f'<span class="site-label">{esc(x)}</span>' for x in e["categories"])
            sub = f'<span class="site-sub">{esc(e["sub"])}</span>' if e["sub"] else ""
            return self.t.fill(
                "site",
                image=self.image(c.image, alt),
                categories=cats,
                sub=sub,
                title=self.text(c.title),
                description=self.text(c.description),
                brand=esc(e["brand"]),
                date=esc(_human_date(e["date"])),
            )
        if c.kind == "article":
            byline = f"By {esc(', '.join(e['authors']))} · " if e["authors"] else ""
            resolve = lambda src: self.locator.url(self.locator.locate(src), self.allow_remote)  # noqa: E731
            return self.t.fill(
                "article",
                categories=esc(" · ".join(e["categories"])),
                title=self.text(c.title),
                byline=byline,
                date=esc(_human_date(e["date"])),
                image=self.image(c.image, alt),
                source_url=esc(e["source_url"]),
                brand=esc(e["brand"]),
                body=render_body(str(self.doc.body or ""), resolve),
            )
        if c.kind == "x":
            return self.t.fill(
                f"x_{c.variant}",
                image=self.image(c.image, alt),
                title=self.text(c.title),
                description=self.text(c.description),
                domain=esc(c.domain),
            )
        if c.kind in ("facebook", "linkedin"):
            layout = c.image.layout if c.image else "none"
            return self.t.fill(
                c.kind,
                layout=layout,
                image=self.image(c.image, alt),
                title=self.text(c.title),
                description=self.text(c.description),
                domain=esc(c.domain),
                domain_upper=esc(c.domain.upper()),
            )
        if c.kind == "slack":
            img = self.image(c.image, alt)
            large = c.variant == "large"
            return self.t.fill(
                "slack",
                variant=c.variant,
                site_name=esc(c.site_name),
                url=esc(c.url),
                title=self.text(c.title),
                description=self.text(c.description),
                image_large=img if large else "",
                image_thumb="" if large else img,
            )
        crumbs = " › ".join(esc(p) for p in [e["scheme_host"], *e["crumbs"][:2]] if p)
        date = _human_date(str(self.doc.get(("date",)) or ""))
        return self.t.fill(
            "search",
            initial=esc((c.site_name or c.domain or "?")[:1]),
            site_name=esc(c.site_name),
            breadcrumb=crumbs,
            title=self.text(c.title),
            description=self.text(c.description),
            date=esc(f"{date} — ") if date else "",
        )

    def meta(self, head: HeadMeta) -> str:
        rows = []
        for tag in head.tags:
            one = HeadMetaLine(tag)
            rows.append(
                self.t.fill(
                    "meta_row",
                    html=esc(one.html),
                    source=esc(tag.source or "(derived)"),
                    chain=esc(" → ".join(tag.chain)),
                )
            )
        return self.t.fill("meta", rows="".join(rows))


@dataclass(frozen=True)
class HeadMetaLine:
    tag: MetaTag

    @property
    def html(self) -> str:
        t = self.tag
        if t.kind == "title":
            return f"<title>{html.escape(t.value, quote=False)}</title>"
        if t.kind == "link":
            return f'<link rel="{t.name}" href="{html.escape(t.value)}">'
        return f'<meta {t.kind}="{t.name}" content="{html.escape(t.value)}">'


def _ratio(aspect: float) -> str:
    return {1.0: "1:1", 2.0: "2:1", 1.91: "1.91:1", 1.78: "16:9"}.get(round(aspect, 2), f"{aspect:.2f}:1")


def _human_date(value: str) -> str:
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d:%b} {d.day}, {d.year}"
