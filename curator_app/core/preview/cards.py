"""What each preview card shows, by its platform's rules (../shared/docs/social-cards.md).

Qt-free. From the resolved head meta, the document and the site this builds one `Card` per
view (site tile, article, X, Facebook, LinkedIn, Slack, search result): which tag each field
came from after the platform's fallback chain, where the text is cut, how the image is
cropped to the card's aspect, and what the platform shows when the image is missing or small.
Limits marked "unverified" in the rules page are community measurements, and say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from curator_app.core.algebra.keypath import format_key
from curator_app.core.preview import images as imgrules
from curator_app.core.site.config import find_site

if TYPE_CHECKING:
    from curator_app.core.document.document import Document
    from curator_app.core.lint.findings import Finding

    # the locator lives with the page builder, which maps images to URLs
    from curator_app.core.preview.locator import ImageLocator, ImageRef
    from curator_app.core.preview.meta import HeadMeta
    from curator_app.core.site.config import SiteConfig

# (title limit, description limit, whether the limit is documented by the platform)
_LIMITS: dict[str, tuple[int | None, int | None, bool]] = {
    "x": (70, 200, True),
    "facebook": (88, 160, False),
    "linkedin": (70, None, False),
    "slack": (150, 300, False),
    "search": (60, 160, False),
}

CARD_KINDS = ("site", "article", "x", "facebook", "linkedin", "slack", "search")
# Site tile and article read front matter directly, so findings on these keys concern them.
_OWN_KEYS = {
    "site": ("title", "description", "featuredImage.href", "categories", "date", "link.brand"),
    "article": ("title", "author", "date", "featuredImage.href", "link.href"),
}
CARD_LABELS = {
    "site": "Site card",
    "article": "Article",
    "x": "X",
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
    "slack": "Slack",
    "search": "Search",
}


@dataclass(frozen=True)
class Text:
    full: str
    shown: str  # the part the platform displays (an ellipsis follows when cut)
    limit: int | None
    source: str  # "og:title ← openGraphMetaData.ogtitle"

    @property
    def cut(self) -> bool:
        return self.shown != self.full


@dataclass(frozen=True)
class CardImage:
    ref: ImageRef
    size: tuple[int, int] | None  # the file's pixel size when known
    aspect: float  # width / height of the card's image slot
    slot: tuple[int, int]  # the size the platform asks for (placeholder size)
    crop: tuple[float, float, float, float] | None  # shown part as fractions x, y, w, h
    layout: str  # "large" | "small" (square thumbnail) | "none" (no image shown)
    problem: str | None
    source: str


@dataclass(frozen=True)
class Note:
    severity: str  # "error" | "warning" | "info"
    message: str


@dataclass(frozen=True)
class Card:
    kind: str
    variant: str  # X: "summary" | "summary_large_image"; others: "default"
    title: Text | None
    description: Text | None
    site_name: str
    domain: str
    url: str
    image: CardImage | None
    notes: tuple[Note, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return CARD_LABELS[self.kind]


def cut_text(text: str, limit: int | None) -> str:
    """The displayed prefix: at most `limit` characters, ending on a word when one is near."""
    text = " ".join(text.split())
    if limit is None or len(text) <= limit:
        return text
    head = text[: limit - 1]  # one place for the ellipsis
    space = head.rfind(" ")
    if space >= limit - 16:
        head = head[:space]
    return head.rstrip(" ,;:-–—")


def crop_box(size: tuple[int, int] | None, aspect: float) -> tuple[float, float, float, float] | None:
    """The centred part of an image a platform shows in a slot of `aspect` (cover fit)."""
    if not size or size[0] <= 0 or size[1] <= 0:
        return None
    w, h = size
    if w / h > aspect:
        frac = (h * aspect) / w
        return ((1 - frac) / 2, 0.0, frac, 1.0)
    frac = (w / aspect) / h
    return (0.0, (1 - frac) / 2, 1.0, frac)


class _Meta:
    """Fallback-chain lookups over a HeadMeta."""

    def __init__(self, head: HeadMeta) -> None:
        self.tags = list(head.tags)
        # og:image made absolute from a local file: the file itself is what to show
        self.image_file = head.image_file
        og = [t.value for t in self.tags if t.name == "og:image"]
        self.image_file_url = og[0] if og else None

    def first(self, names: Sequence[str]) -> tuple[str, str] | None:
        for name in names:
            for tag in self.tags:
                if tag.name == name and str(tag.value or "").strip():
                    src = f"{name} ← {tag.source}" if tag.source else f"{name} (derived)"
                    return str(tag.value), src
        return None

    def last(self, name: str) -> str | None:
        values = [t.value for t in self.tags if t.name == name and str(t.value or "").strip()]
        return str(values[-1]) if values else None

    def keys(self, names: Iterable[str]) -> set[str]:
        return {t.source for t in self.tags if t.name in set(names) and t.source}


def build_cards(
    doc: Document,
    head: HeadMeta,
    locator: ImageLocator,
    site: SiteConfig | None = None,
    findings: Sequence[Finding] = (),
) -> list[Card]:
    """All seven cards for one item, in CARD_KINDS order."""
    meta = _Meta(head)
    b = _Builder(doc, meta, locator, site, findings)
    return [b.site(), b.article(), b.x(), b.facebook(), b.linkedin(), b.slack(), b.search()]


class _Builder:
    def __init__(self, doc: Document, meta: _Meta, locator: ImageLocator, site: SiteConfig | None,
                 findings: Sequence[Finding]):
        self.doc, self.meta, self.locator, self.site_cfg = doc, meta, locator, site
        self.findings = findings
        found = meta.first(["og:url", "canonical"])
        self.url = found[0] if found else str(doc.get(("link", "href")) or "")
        if not self.url and site is not None and site.base_url:
            self.url = site.base_url
        self.domain = (urlsplit(self.url).hostname or "").removeprefix("www.")
        found = meta.first(["og:site_name"])
        self.site_name = found[0] if found else ((site.title if site else None) or self.domain)

    # -- helpers -------------------------------------------------------------------------

    def _text(self, kind: str, which: int, chain: Sequence[str], notes: list[Note]) -> Text | None:
        found = self.meta.first(chain)
        what = ("title", "description")[which]
        if found is None:
            notes.append(Note("warning", f"no {what}: none of {', '.join(chain)} is set"))
            return None
        value, source = found
        if not source.startswith(chain[0] + " "):
            notes.append(Note("info", f"{chain[0]} missing; {what} falls back to {source.split(' ')[0]}"))
        limit = _LIMITS[kind][which] if kind in _LIMITS else None
        text = Text(" ".join(value.split()), cut_text(value, limit), limit, source)
        if text.cut:
            sev = "warning" if kind == "x" and _LIMITS[kind][2] else "info"
            hedge = "" if _LIMITS[kind][2] else " (measured, not documented)"
            notes.append(
                Note(
                    sev,
                    f"{what} cut at {limit} characters on {CARD_LABELS[kind]}{hedge}: {len(text.full)} long",
                )
            )
        return text

    def _image(
        self,
        chain: Sequence[str],
        aspect: float,
        slot: tuple[int, int],
        minimum: tuple[int, int] | None,
        small_below: tuple[int, int] | None,
        notes: list[Note],
    ) -> CardImage:
        found = self.meta.first(chain)
        src, source = found if found else ("", "")
        if self.meta.image_file is not None and src and src == self.meta.image_file_url:
            ref = self.locator.locate_file(self.meta.image_file, src)
        else:
            ref = self.locator.locate(src)
        size = self.locator.size(ref) or self._declared_size(ref)
        layout, problem = "large", None
        if ref.kind == "none":
            layout, problem = "none", f"no image ({' → '.join(chain)} all empty)"
        elif ref.kind in ("missing", "refused"):
            layout, problem = "none", f"image {ref.reason}: {src}"
        elif size and minimum and (size[0] < minimum[0] or size[1] < minimum[1]):
            layout = "none"
            problem = f"image {size[0]}×{size[1]} is below the {minimum[0]}×{minimum[1]} minimum"
        elif size and small_below and (size[0] < small_below[0] or size[1] < small_below[1]):
            layout = "small"
            problem = (
                f"image {size[0]}×{size[1]} is under {small_below[0]}×{small_below[1]}: "
                "shown as a small square"
            )
        if problem:
            notes.append(Note("warning" if layout == "small" else "error", problem))
        elif ref.kind == "remote" and size is None:
            notes.append(Note("info", "remote image: size unknown offline, crop assumed centred"))
        shown_aspect = 1.0 if layout == "small" else aspect
        crop = crop_box(size, shown_aspect)
        if crop and (crop[2] < 0.9 or crop[3] < 0.9):
            lost = round(100 * (1 - crop[2] * crop[3]))
            notes.append(Note("info", f"image cropped to {_ratio(shown_aspect)}: {lost}% not shown"))
        return CardImage(ref, size, shown_aspect, slot, crop, layout, problem, source)

    def _declared_size(self, ref: ImageRef) -> tuple[int, int] | None:
        if ref.kind != "remote":
            return None
        cached = self.locator.cached_size(ref)
        if cached:
            return cached
        w, h = self.meta.first(["og:image:width"]), self.meta.first(["og:image:height"])
        try:
            return (int(w[0]), int(h[0])) if w and h else None
        except ValueError:
            return None

    def _lint(self, names: Iterable[str], notes: list[Note], own: Iterable[str] = ()) -> tuple[Note, ...]:
        keys = self.meta.keys(names) | set(own)
        for f in self.findings:
            dotted = format_key(f.field) if f.field else ""
            if dotted and dotted in keys:
                # Most messages already start with their field; name it once.
                said = f.message if f.message.startswith(dotted) else f"{dotted}: {f.message}"
                notes.append(Note(f.severity, f"{f.code} {said}"))
        order = {"error": 0, "warning": 1, "info": 2}
        return tuple(sorted(notes, key=lambda n: order.get(n.severity, 3)))

    def _card(
        self,
        kind: str,
        title: Text | None,
        desc: Text | None,
        image: CardImage | None,
        notes: list[Note],
        names: Iterable[str],
        variant: str = "default",
        **extra: Any,
    ) -> Card:
        return Card(
            kind,
            variant,
            title,
            desc,
            self.site_name,
            self.domain,
            self.url,
            image,
            self._lint(names, notes, _OWN_KEYS.get(kind, ())),
            dict(extra),
        )

    # -- the cards -----------------------------------------------------------------------

    def _featured(self) -> str:
        fi = self.doc.get(("featuredImage",))
        if isinstance(fi, dict) and fi.get("href"):
            return str(fi["href"])
        return ""

    def _plain(self, key: str) -> Text | None:
        value = self.doc.get((key,))
        if value is None or not str(value).strip():
            return None
        return Text(" ".join(str(value).split()), " ".join(str(value).split()), None, key)

    def _local_first_image(self, notes: list[Note]) -> CardImage:
        featured = self._featured()
        if featured:
            ref = self.locator.locate(featured)
            if ref.kind in ("local", "remote"):
                size = self.locator.size(ref)
                return CardImage(
                    ref,
                    size,
                    16 / 9,
                    (640, 360),
                    crop_box(size, 16 / 9),
                    "large",
                    None,
                    "featuredImage.href",
                )
            notes.append(Note("warning", f"featured image {ref.reason}; the tile falls back to og:image"))
        return self._image(["og:image", "twitter:image"], 16 / 9, (640, 360), None, None, notes)

    def _common_extra(self) -> dict[str, Any]:
        labels = self.doc.get(("categoryLabel",)) or self.doc.get(("categories",)) or []
        authors = self.doc.get(("author",)) or []
        return {
            "date": str(self.doc.get(("date",)) or ""),
            "brand": str(self.doc.get(("link", "brand")) or self.domain),
            "categories": [str(c) for c in labels] if isinstance(labels, list) else [str(labels)],
            "sub": str(self.doc.get(("sub",)) or ""),
            "authors": [str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
            "source_url": str(self.doc.get(("link", "href")) or self.url),
        }

    def site(self) -> Card:
        notes: list[Note] = []
        title, desc = self._plain("title"), self._plain("description")
        return self._card(
            "site", title, desc, self._local_first_image(notes), notes, [], **self._common_extra()
        )

    def article(self) -> Card:
        notes: list[Note] = []
        return self._card(
            "article",
            self._plain("title"),
            self._plain("description"),
            self._local_first_image(notes),
            notes,
            [],
            **self._common_extra(),
        )

    def x(self) -> Card:
        notes: list[Note] = []
        declared = self.meta.last("twitter:card")
        variant = declared or "summary"
        if not declared:
            notes.append(Note("warning", "no twitter:card: X shows a summary card at best"))
        elif variant not in ("summary", "summary_large_image"):
            notes.append(Note("info", f"twitter:card {variant} previewed as summary"))
            variant = "summary"
        title = self._text("x", 0, ["twitter:title", "og:title"], notes)
        desc = self._text("x", 1, ["twitter:description", "og:description"], notes)
        large = variant == "summary_large_image"
        image = self._image(
            ["twitter:image", "og:image"],
            2.0 if large else 1.0,
            (1200, 600) if large else (144, 144),
            imgrules.MIN_X_LARGE if large else imgrules.MIN_X_SUMMARY,
            None,
            notes,
        )
        if large:
            desc = None  # X stopped showing descriptions on large cards (Oct 2023)
        names = [
            "twitter:card",
            "twitter:title",
            "og:title",
            "twitter:description",
            "og:description",
            "twitter:image",
            "og:image",
        ]
        handle = self.meta.first(["twitter:site"])
        return self._card("x", title, desc, image, notes, names, variant, handle=handle[0] if handle else "")

    def facebook(self) -> Card:
        notes: list[Note] = []
        title = self._text("facebook", 0, ["og:title", "title"], notes)
        desc = self._text("facebook", 1, ["og:description", "description"], notes)
        image = self._image(["og:image"], 1.91, (1200, 630), imgrules.MIN_ANY, imgrules.MIN_FB_LARGE, notes)
        return self._card(
            "facebook",
            title,
            desc,
            image,
            notes,
            ["og:title", "og:description", "og:image", "og:url"],
        )

    def linkedin(self) -> Card:
        notes: list[Note] = []
        title = self._text("linkedin", 0, ["og:title", "title"], notes)
        image = self._image(["og:image"], 1.91, (1200, 627), None, (200, 1), notes)
        return self._card("linkedin", title, None, image, notes, ["og:title", "og:image", "og:url"])

    def slack(self) -> Card:
        notes: list[Note] = []
        title = self._text("slack", 0, ["og:title", "twitter:title", "title"], notes)
        desc = self._text("slack", 1, ["og:description", "twitter:description", "description"], notes)
        large = self.meta.last("twitter:card") == "summary_large_image"
        image = self._image(
            ["og:image", "twitter:image"],
            2.0 if large else 1.0,
            (360, 180) if large else (80, 80),
            None,
            None,
            notes,
        )
        return self._card(
            "slack",
            title,
            desc,
            image,
            notes,
            ["og:title", "og:description", "og:image", "og:site_name"],
            "large" if large else "thumb",
        )

    def search(self) -> Card:
        """Google's result for this page: this page's canonical URL and this site's name.

        Not the source article's (og:url, og:site_name): a search engine lists the page it
        crawled, under the site that serves it."""
        notes: list[Note] = []
        title = self._text("search", 0, ["title", "og:title"], notes)
        desc = self._text("search", 1, ["description", "og:description"], notes)
        if desc and len(desc.full) < 121:
            notes.append(Note("info", f"description {len(desc.full)} characters: Yoast calls < 121 short"))
        found = self.meta.first(["canonical"])
        url = found[0] if found else self.url
        parts = urlsplit(url)
        if not parts.hostname:
            notes.append(Note("info", "the site config has no baseURL: the result shows the page's path only"))
        domain = (parts.hostname or "").removeprefix("www.")
        site = self.site_cfg
        if site is None and self.doc.path is not None:
            site = find_site(self.doc.path)  # the one meta resolved the canonical URL with
        site_name = (site.title if site else None) or domain
        crumbs = [p for p in parts.path.split("/") if p]
        card = self._card(
            "search",
            title,
            desc,
            None,
            notes,
            ["title", "description", "canonical"],
            crumbs=crumbs,
            scheme_host=f"{parts.scheme}://{parts.hostname}" if parts.hostname else "",
        )
        return replace(card, site_name=site_name, domain=domain, url=url)


def _ratio(aspect: float) -> str:
    return {1.0: "1:1", 2.0: "2:1", 1.91: "1.91:1"}.get(round(aspect, 2), f"{aspect:.2f}:1")
