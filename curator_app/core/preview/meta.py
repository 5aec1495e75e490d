"""What an item's <head> will say: each tag with the key it came from and the chain tried.

The news theme prints the explicit copies a curated item carries (openGraphMetaData.*,
htmlMetaData.*, twitterMetaData.*) and falls back to the chain of Hugo's embedded
`opengraph.html` / `twitter_cards.html` partials (see ../shared/docs/social-cards.md §6).
Hugo reads front-matter keys case-insensitively (`lastMod` is `lastmod`), so lookups here
do too. Chain steps are dotted front-matter keys, `<config>:<key>` for site configuration
(e.g. `hugo.toml:params.description`) and `(name)` for values Hugo derives itself.

Chains, first non-empty value wins:

- `<title>`: title → site title → params.title
- `description`: htmlMetaData.description → description → (summary) → params.description
- canonical: (permalink) = baseURL + url, or baseURL + section + slug (section from the
  folder under contentDir, else the item's basePath; slug from `slug`, else the file name)
- og:title: openGraphMetaData.ogtitle → htmlMetaData.ogtitle → title → site title
- og:description: openGraphMetaData.ogdescription → htmlMetaData.ogdescription →
  description → (summary) → params.description; HTML stripped, entities unescaped, trimmed
- og:type: openGraphMetaData.ogtype → htmlMetaData.ogtype → (article for pages,
  website for `_index` list pages)
- og:url: openGraphMetaData.ogurl → htmlMetaData.ogurl → (permalink). Curated items point
  og:url at the source article, not at their own permalink; the tag's source says which.
- og:site_name: openGraphMetaData.ogsite_name → htmlMetaData.ogsite_name → site title
- og:locale: openGraphMetaData.oglocale → htmlMetaData.oglocale → locale →
  languageCode ("-" becomes "_")
- og:image: openGraphMetaData.ogimage → htmlMetaData.ogimage → images (up to 6) →
  featuredImage.href → (bundle image *feature*, *cover*, *thumbnail*) → params.images;
  the explicit copies are printed verbatim; other relative references become absolute
  like Hugo's (page permalink for bundle files, else baseURL)
- og:image:width / height: openGraphMetaData.ogimagewidth/-height →
  htmlMetaData.ogimagewidth/-height → (measured, when the image is a local file)
- og:image:alt: openGraphMetaData.ogimagealt → htmlMetaData.ogimagealt → featuredImage.alt
- article:published_time: htmlMetaData.articlepublished_time → publishDate → pubdate →
  published → date
- article:modified_time: htmlMetaData.articlemodified_time → lastmod → modified → date →
  publishDate
- article:section: (section); article:tag: tags (first 6)
- twitter:card: twitterMetaData.twittercard → (summary_large_image when an image was
  found, else summary)
- twitter:title / description / image / image:alt: twitterMetaData.twittertitle /
  twitterdescription / twitterimage / twitterimagealt, then the og:* chain of the same tag
- twitter:site: twitterMetaData.twittersite → params.social.twitter ("@" prepended)

Dates are printed like Hugo's `2006-01-02T15:04:05-07:00`; date-only values are midnight
UTC, Hugo's default time zone.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.algebra.keypath import KeyPath, format_key, parse_dotted
from curator_app.core.algebra.values import MISSING
from curator_app.core.document.reading import is_regular_file
from curator_app.core.site.config import SiteConfig, find_site

if TYPE_CHECKING:
    from curator_app.core.document.document import Document

PAGE_IMAGE_GLOBS = ("*feature*", "*cover*", "*thumbnail*")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg"})
SUMMARY_WORDS = 70  # Hugo's default summaryLength
MAX_IMAGES = 6
MAX_TAGS = 6


@dataclass(frozen=True)
class MetaTag:
    kind: str  # "title" | "name" | "property" | "link"
    name: str
    value: str
    source: str | None  # dotted key it came from, None if derived
    chain: tuple[str, ...]  # the fallback chain that was tried, in order

    @cached_property
    def key(self) -> KeyPath | None:
        """The front-matter key path of `source`; None for site config and derived values."""
        if not self.source or ":" in self.source or self.source.startswith("("):
            return None
        parts = _parsed(self.source)
        return tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in parts)


class HeadMeta:
    """The resolved tags of one page, in the order a theme prints them."""

    def __init__(self, tags: list[MetaTag], permalink: str, image_file: Path | None = None) -> None:
        self.tags = tags
        self.permalink = permalink
        # The local file behind og:image when there is one (for the image checks).
        self.image_file = image_file

    def get(self, name: str) -> str | None:
        tag = self.tag(name)
        return tag.value if tag else None

    def tag(self, name: str) -> MetaTag | None:
        for tag in self.tags:
            if tag.name == name:
                return tag
        return None

    def all(self, name: str) -> list[MetaTag]:
        return [t for t in self.tags if t.name == name]

    def __iter__(self) -> Iterator[MetaTag]:
        return iter(self.tags)

    def to_html(self) -> str:
        lines = []
        for t in self.tags:
            value = html.escape(t.value, quote=True)
            if t.kind == "title":
                lines.append(f"<title>{html.escape(t.value, quote=False)}</title>")
            elif t.kind == "link":
                lines.append(f'<link rel="{t.name}" href="{value}">')
            else:
                lines.append(f'<meta {t.kind}="{t.name}" content="{value}">')
        return "\n".join(lines) + "\n"

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {"kind": t.kind, "name": t.name, "value": t.value, "source": t.source, "chain": list(t.chain)}
            for t in self.tags
        ]


# --- key helpers -----------------------------------------------------------------------


# id(mapping) -> (mapping, {lower-case key: key}); the mapping is kept so the id stays valid.
_LOWER: dict[int, tuple[dict[Any, Any], dict[str, Any]]] = {}


def _lower_index(node: dict[Any, Any]) -> dict[str, Any]:
    hit = _LOWER.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    if len(_LOWER) > 256:
        _LOWER.clear()
    index: dict[str, Any] = {}
    for k in node:
        if isinstance(k, str):
            index.setdefault(k.lower(), k)
    _LOWER[id(node)] = (node, index)
    return index


@lru_cache(maxsize=1024)
def _parsed(path: str) -> KeyPath:
    # The same few dozen fallback-chain paths are looked up for every item and keystroke.
    return parse_dotted(path)


def lookup(data: Any, path: str | KeyPath) -> tuple[Any, KeyPath] | None:
    """Find a key case-insensitively, like Hugo; returns (value, key as spelled in the file)."""
    parts = _parsed(path) if isinstance(path, str) else path
    node = data
    real: list[Any] = []
    for part in parts:
        if isinstance(node, dict):
            if part not in node:
                if not isinstance(part, str):
                    return None
                part = _lower_index(node).get(part.lower(), MISSING)
                if part is MISSING:
                    return None
            real.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node):
            real.append(part)
            node = node[part]
        else:
            return None
    return node, tuple(real)


def text_of(value: Any) -> str | None:
    """A scalar as the text a template prints; None for empty, null, maps and lists."""
    if value is None or isinstance(value, dict | list | bool):
        return None
    if isinstance(value, datetime | date):
        return format_hugo_date(value)
    text = str(value).strip()
    return text or None


_TAG = re.compile(r"<[^>]*>")


# A summary never needs more of the body than this; a one-line body of a megabyte would
# otherwise be summarised whole, several times per keystroke.
SUMMARY_SCAN_CHARS = 50_000


def plainify(text: str) -> str:
    """Hugo's plainify + htmlUnescape + trim, collapsing runs of whitespace."""
    # str.split() splits on the same whitespace as the regex \s+ and is several times
    # faster; most values hold no tag and no entity, so those passes are skipped.
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def parse_date(value: Any) -> datetime | None:
    """A front-matter date as an aware datetime (UTC when no offset), None if unparseable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_hugo_date(value: Any) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return str(value)
    offset = parsed.utcoffset()
    if parsed.year >= 1000 and offset is not None and not offset.seconds % 60 and not offset.microseconds:
        # The same text as strftime below, several times faster (the library formats two
        # dates of every item it lints).
        return parsed.replace(microsecond=0).isoformat()
    text = parsed.strftime("%Y-%m-%dT%H:%M:%S%z")
    return text[:-2] + ":" + text[-2:]


# --- resolution ------------------------------------------------------------------------


# (id(site), chain) -> (site, the chain's names); the site is kept so its id stays its own.
_CHAIN_NAMES: dict[tuple[int, tuple[str, ...]], tuple[SiteConfig | None, tuple[str, ...]]] = {}


class _Resolver:
    def __init__(self, data: dict[str, Any], path: Path | None, body: str, site: SiteConfig | None) -> None:
        self.data = data
        self.path = path
        self.body = body
        self.site = site
        self.tags: list[MetaTag] = []
        self.image_file: Path | None = None

    def first(self, chain: tuple[str, ...]) -> tuple[str, str | None] | None:
        """First non-empty value along a chain of front-matter keys and site keys."""
        for step in chain:
            found = self.step(step)
            if found is not None:
                return found
        return None

    def step(self, step: str) -> tuple[str, str | None] | None:
        if step.startswith("site:"):
            return self.site_value(step[5:])
        if step == "(summary)":
            summary = self.summary()
            return (summary, None) if summary else None
        hit = lookup(self.data, step)
        if hit is None:
            return None
        text = text_of(hit[0])
        if not text:
            return None
        # Spelled as in the chain (the usual case): the step is already the dotted key.
        same = hit[1] == _parsed(step) and "\\" not in step
        return text, step if same else format_key(hit[1])

    def site_value(self, key: str) -> tuple[str, str | None] | None:
        site = self.site
        if site is None:
            return None
        value = {
            "title": site.title,
            "params.description": site.description,
            "params.social.twitter": site.twitter,
            "languageCode": site.language_code,
            "params.images": site.images[0] if site.images else None,
        }.get(key)
        return (value, site.source(key)) if value else None

    def chain_names(self, chain: tuple[str, ...]) -> tuple[str, ...]:
        # The same chains are named for every item of a site: once per (site, chain).
        key = (id(self.site), chain)
        hit = _CHAIN_NAMES.get(key)
        if hit is not None and hit[0] is self.site:
            return hit[1]
        names = []
        for step in chain:
            if step.startswith("site:"):
                names.append(self.site.source(step[5:]) if self.site else step)
            else:
                names.append(step)
        if len(_CHAIN_NAMES) > 1024:
            _CHAIN_NAMES.clear()
        _CHAIN_NAMES[key] = (self.site, tuple(names))
        return tuple(names)

    def add(self, kind: str, name: str, chain: tuple[str, ...], transform: Any = None) -> MetaTag | None:
        found = self.first(chain)
        if found is None:
            return None
        value, source = found
        if transform is not None:
            value = transform(value)
        tag = MetaTag(kind, name, value, source, self.chain_names(chain))
        self.tags.append(tag)
        return tag

    def emit(self, kind: str, name: str, value: str, source: str | None, chain: tuple[str, ...]) -> MetaTag:
        tag = MetaTag(kind, name, value, source, chain)
        self.tags.append(tag)
        return tag

    def tag_of(self, name: str) -> MetaTag | None:
        return next((t for t in self.tags if t.name == name), None)

    # Hugo-derived values -------------------------------------------------------------

    def summary(self) -> str | None:
        # Asked for by several tags; on a body of a megabyte each pass takes a while.
        if "_summary" not in self.__dict__:
            self.__dict__["_summary"] = self._summary()
        cached: str | None = self.__dict__["_summary"]
        return cached

    def _summary(self) -> str | None:
        hit = lookup(self.data, "summary")
        if hit is not None and text_of(hit[0]):
            return plainify(str(hit[0]))
        body = self.body or ""
        if "<!--more-->" in body:
            return plainify(body.split("<!--more-->", 1)[0]) or None
        # Whole paragraphs until summaryLength words (Hugo ≥ 0.134 cuts at a paragraph end).
        words: list[str] = []
        for para in re.split(r"</p>|\n\s*\n", body[:SUMMARY_SCAN_CHARS]):
            words.extend(plainify(para).split())
            if len(words) >= SUMMARY_WORDS:
                break
        return " ".join(words) or None

    def section(self) -> str | None:
        # Asked for by the permalink and by article:section.
        if "_section" not in self.__dict__:
            self.__dict__["_section"] = self._section()
        cached: str | None = self.__dict__["_section"]
        return cached

    def _section(self) -> str | None:
        if self.site and self.site.content_dir and self.path is not None:
            try:
                rel = self.path.absolute().relative_to(self.site.content_dir.absolute())
            except ValueError:
                rel = None
            if rel is not None and len(rel.parts) > 1:
                return rel.parts[0]
        hit = lookup(self.data, "basePath")
        if hit is not None and isinstance(hit[0], str) and hit[0].strip("/"):
            return hit[0].strip("/").split("/")[0]
        return None

    def is_list_page(self) -> bool:
        return self.path is not None and self.path.stem == "_index"

    def permalink(self) -> str:
        base = (self.site.base_url if self.site else None) or ""
        base = base.rstrip("/")
        hit = lookup(self.data, "url")
        if hit is not None and text_of(hit[0]):
            return base + "/" + str(hit[0]).strip().lstrip("/")
        hit = lookup(self.data, "slug")
        slug = text_of(hit[0]) if hit else None
        if not slug and self.path is not None:
            slug = self.path.parent.name if self.path.stem in ("index", "_index") else self.path.stem
        parts = [p for p in (self.section(), slug) if p]
        if self.is_list_page():
            parts = parts[:1]
        return base + "/" + "".join(p.strip("/") + "/" for p in parts)

    def absolute(self, ref: str, permalink: str) -> tuple[str, Path | None]:
        """An image reference as Hugo prints it, plus the local file behind it if any."""
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
            return ref, None
        local = resolve_local(ref, self.path, self.site)
        if local is not None and self.path is not None and local.parent == self.path.parent:
            return permalink + ref.lstrip("./"), local
        base = ((self.site.base_url if self.site else None) or "").rstrip("/")
        return base + "/" + ref.lstrip("/"), local

    def bundle_image(self) -> str | None:
        if self.path is None or self.path.stem not in ("index", "_index"):
            return None
        try:
            names = sorted(p.name for p in self.path.parent.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        except OSError:
            return None
        for pattern in PAGE_IMAGE_GLOBS:
            word = pattern.strip("*")
            for name in names:
                if word in name.lower():
                    return name
        return None


def resolve_local(
    ref: str, item: Path | None, site: SiteConfig | None, within: Sequence[Path] | None = None
) -> Path | None:
    """Where a relative image reference lives on disk, looked up like Hugo:
    next to the item (page bundle), then the site's assets/ and static/ folders.
    Only a regular file inside the site (or `within`) counts, links followed."""
    return locate_local(ref, item, site, within)[0]


def locate_local(
    ref: str, item: Path | None, site: SiteConfig | None, within: Sequence[Path] | None = None
) -> tuple[Path | None, bool]:
    """(the file, or None; whether a candidate existed but lay outside the allowed folders).

    Allowed: `within` when given, else the site's folder, else the item's own folder. A
    `../` path, an absolute path or a symlink leaving them is never opened, not even to
    measure it: what lies outside the site is none of an item's business."""
    if not ref or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
        return None, False
    candidates = []
    if item is not None and not ref.startswith("/"):
        candidates.append(item.parent / ref)
    if site is not None:
        candidates += [site.root / "assets" / ref.lstrip("/"), site.root / "static" / ref.lstrip("/")]
    if within is None:
        within = [site.root] if site is not None else [item.parent] if item is not None else []
    roots = [_real_folder(r) for r in within]
    escaped = False
    for c in candidates:
        real = _realpath(c)
        if not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            escaped = True  # not even its existence is looked up further
            continue
        if is_regular_file(real):
            return c, False
    return None, escaped


# Folder -> its real path, while a batch of items is linted (see memo_realpaths).
_REAL_FOLDERS: dict[str, str] | None = None


@contextmanager
def memo_realpaths() -> Iterator[None]:
    """Remember the real path of each folder while the block runs.

    os.path.realpath stats every component of a path; the library lints thousands of
    items of one folder, each resolving its images against the same few folders. Inside
    the block a path's folder is resolved once and only the last component is looked at
    (a symlink there still goes through realpath). The block is short (one batch of a
    lint pass), so a folder replaced by a symlink meanwhile is the only thing it can
    miss, and the editor and preview never use it."""
    global _REAL_FOLDERS
    outer = _REAL_FOLDERS
    _REAL_FOLDERS = {} if outer is None else outer
    try:
        yield
    finally:
        _REAL_FOLDERS = outer


def _realpath(path: str | Path) -> str:
    memo = _REAL_FOLDERS
    text = os.fspath(path)
    if memo is None:
        return os.path.realpath(text)
    folder, name = os.path.split(text)
    if name in ("", ".", "..") or os.path.islink(text):
        return os.path.realpath(text)
    real = memo.get(folder)
    if real is None:
        real = memo[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def _real_folder(path: str | Path) -> str:
    """The real path of a folder; inside memo_realpaths, looked up once per batch (every
    item of a folder is checked against the same site folders)."""
    memo = _REAL_FOLDERS
    text = os.fspath(path)
    if memo is None:
        return os.path.realpath(text)
    real = memo.get(text)
    if real is None:
        real = memo[text] = os.path.realpath(text)
    return real


def _resolve_images(r: _Resolver, permalink: str) -> tuple[list[tuple[str, str | None]], tuple[str, ...]]:
    chain = (
        "openGraphMetaData.ogimage",
        "htmlMetaData.ogimage",
        "images",
        "featuredImage.href",
        "(page bundle image)",
        "site:params.images",
    )
    for step in chain[:2]:
        found = r.step(step)
        if found is not None:
            # The theme prints its explicit copies verbatim (no absURL), relative or not.
            r.image_file = resolve_local(found[0], r.path, r.site)
            return [(found[0], found[1])], r.chain_names(chain)
    hit = lookup(r.data, "images")
    if hit is not None:
        entries = hit[0] if isinstance(hit[0], list) else [hit[0]]
        out: list[tuple[str, str | None]] = []
        for i, entry in enumerate(entries[:MAX_IMAGES]):
            text = text_of(entry)
            if text:
                value, local = r.absolute(text, permalink)
                if r.image_file is None:
                    r.image_file = local
                key = hit[1] + (i,) if isinstance(hit[0], list) else hit[1]
                out.append((value, format_key(key)))
        if out:
            return out, r.chain_names(chain)
    found = r.step("featuredImage.href")
    if found is not None:
        value, local = r.absolute(found[0], permalink)
        r.image_file = local
        return [(value, found[1])], r.chain_names(chain)
    bundle = r.bundle_image()
    if bundle:
        value, local = r.absolute(bundle, permalink)
        r.image_file = local
        return [(value, None)], r.chain_names(chain)
    found = r.step("site:params.images")
    if found is not None:
        value, local = r.absolute(found[0], permalink)
        r.image_file = local
        return [(value, found[1])], r.chain_names(chain)
    return [], r.chain_names(chain)


def _locale(value: str) -> str:
    return value.replace("-", "_")


def _handle(value: str) -> str:
    return value if value.startswith("@") else "@" + value


def resolve_meta(doc: Document, site: SiteConfig | None = None) -> HeadMeta:
    """Resolve the <head> tags of a Document.

    With site=None the site is looked up from the document's path.
    """
    path = doc.path
    if site is None and path is not None:
        site = find_site(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    r = _Resolver(data, path, doc.body or "", site)

    r.add("title", "title", ("title", "site:title"))
    r.add(
        "name",
        "description",
        ("htmlMetaData.description", "description", "(summary)", "site:params.description"),
        plainify,
    )
    permalink = r.permalink()
    r.emit("link", "canonical", permalink, None, ("(permalink)",))

    og_title = r.add(
        "property", "og:title", ("openGraphMetaData.ogtitle", "htmlMetaData.ogtitle", "title", "site:title")
    )
    og_desc = r.add(
        "property",
        "og:description",
        (
            "openGraphMetaData.ogdescription",
            "htmlMetaData.ogdescription",
            "description",
            "(summary)",
            "site:params.description",
        ),
        plainify,
    )
    og_type_chain = ("openGraphMetaData.ogtype", "htmlMetaData.ogtype", "(page kind)")
    if not r.add("property", "og:type", og_type_chain):
        r.emit("property", "og:type", "website" if r.is_list_page() else "article", None, og_type_chain)
    url_chain = ("openGraphMetaData.ogurl", "htmlMetaData.ogurl", "(permalink)")
    if not r.add("property", "og:url", url_chain):
        r.emit("property", "og:url", permalink, None, url_chain)
    r.add(
        "property",
        "og:site_name",
        ("openGraphMetaData.ogsite_name", "htmlMetaData.ogsite_name", "site:title"),
    )
    r.add(
        "property",
        "og:locale",
        ("openGraphMetaData.oglocale", "htmlMetaData.oglocale", "locale", "site:languageCode"),
        _locale,
    )

    images, image_chain = _resolve_images(r, permalink)
    for value, source in images:
        r.emit("property", "og:image", value, source, image_chain)
    if images:
        _image_size(r)
        r.add(
            "property",
            "og:image:alt",
            ("openGraphMetaData.ogimagealt", "htmlMetaData.ogimagealt", "featuredImage.alt"),
        )

    r.add(
        "property",
        "article:published_time",
        ("htmlMetaData.articlepublished_time", "publishDate", "pubdate", "published", "date"),
        format_hugo_date,
    )
    r.add(
        "property",
        "article:modified_time",
        ("htmlMetaData.articlemodified_time", "lastmod", "modified", "date", "publishDate"),
        format_hugo_date,
    )
    section = r.section()
    if section and not r.is_list_page():
        r.emit("property", "article:section", section, None, ("(section)",))
    hit = lookup(data, "tags")
    if hit is not None and isinstance(hit[0], list):
        for i, term in enumerate(hit[0][:MAX_TAGS]):
            text = text_of(term)
            if text:
                r.emit("property", "article:tag", text, format_key(hit[1] + (i,)), ("tags",))

    card_chain = ("twitterMetaData.twittercard", "(image found)")
    if not r.add("name", "twitter:card", card_chain):
        r.emit("name", "twitter:card", "summary_large_image" if images else "summary", None, card_chain)
    _twitter_copy(r, "twitter:title", "twitterMetaData.twittertitle", og_title)
    _twitter_copy(r, "twitter:description", "twitterMetaData.twitterdescription", og_desc, plainify)
    _twitter_copy(r, "twitter:image", "twitterMetaData.twitterimage", r.tag_of("og:image"))
    _twitter_copy(r, "twitter:image:alt", "twitterMetaData.twitterimagealt", r.tag_of("og:image:alt"))
    r.add("name", "twitter:site", ("twitterMetaData.twittersite", "site:params.social.twitter"), _handle)
    return HeadMeta(r.tags, permalink, r.image_file)


def _image_size(r: _Resolver) -> None:
    for dim in ("width", "height"):
        chain = (f"openGraphMetaData.ogimage{dim}", f"htmlMetaData.ogimage{dim}", "(measured)")
        if r.add("property", f"og:image:{dim}", chain):
            continue
        if r.image_file is not None:
            from curator_app.core.preview.images import ImageReadError, probe

            try:
                info = probe(r.image_file)
            except (ImageReadError, OSError):
                continue
            size = info.width if dim == "width" else info.height
            if size:
                r.emit("property", f"og:image:{dim}", str(size), None, chain)


def _twitter_copy(r: _Resolver, name: str, key: str, og: MetaTag | None, transform: Any = None) -> None:
    chain = (key, *(og.chain if og else ()))
    found = r.step(key)
    if found is not None:
        value = transform(found[0]) if transform else found[0]
        r.emit("name", name, value, found[1], chain)
    elif og is not None:
        r.emit("name", name, og.value, og.source, chain)
