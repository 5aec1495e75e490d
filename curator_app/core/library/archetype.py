"""New item from an archetype (Hugo's idea: a template file in resources/archetypes/).

The template marks values as `{{ name }}`, quoted or folded so that it stays valid YAML.
It is loaded as a Document and every placeholder is filled with `Document.set`, so the new
item is written the way the archetype writes values (its quote, `>-` folding of long
strings, indents) and not re-dumped. A placeholder that is a whole value takes the value's
own type (an int stays an int); one inside a longer string (`/news/{{ title_slug }}`) is
spliced in. What is left empty is not written as an empty string: a list entry is dropped
(`author: ['']` would print "By ·") and a value becomes null, so the page's fallbacks
apply. Linked copies share placeholders, so they start out agreeing; the category chain
and slug use the same derivations as linked.py.

An archetype is written for one section (its `basePath`, e.g. `/news/`). An item made in
another section gets that section in every site path that names the archetype's own
(`basePath`, `aliases`, `breadcrumbLinks`...), set through the document core like any value.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.atomic_write import write_bytes_atomic
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.library.source_site import source_site
from curator_app.core.schema.linked import brand_key, category_label, slugify
from curator_app.core.site.tree import walks_into
from curator_app.resources import resource_path

ARCHETYPES_DIR = resource_path("archetypes")
_WHOLE_RE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_INNER_RE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
# An element left with nothing in it once its placeholder is empty (`<p></p>`).
_EMPTY_ELEMENT_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?>\s*</\1>")


@dataclass
class NewItem:
    title: str
    brand: str = ""  # the source's domain; derived from url when empty
    url: str = ""
    description: str = ""
    category: str = ""
    author: str = ""
    image: str = ""
    site_name: str = ""  # the source's name; derived from url when empty
    body: str = ""
    item_id: int | None = None
    section: str | None = None  # the content-root folder it goes in ('' top level); None: the archetype's


def archetype_path(name: str = "curated-content") -> Path:
    return ARCHETYPES_DIR / f"{name}.md"


def next_id(existing: Iterable[str]) -> int:
    """One more than the largest numeric id in the folder (1 for an empty folder)."""
    numbers = [int(v) for v in existing if str(v).strip().isdigit()]
    return max(numbers, default=0) + 1


def sections(root: str | Path) -> list[str]:
    """The sections of a content root a new item can go in: its sub-folders the library
    walks into, sorted; a folder with an index.md is a page bundle (one page), not a section."""
    try:
        with os.scandir(root) as it:
            names = [e.name for e in it if e.is_dir() and walks_into(e.name, False)]
    except OSError:
        return []
    return sorted((n for n in names if not (Path(root) / n / "index.md").exists()), key=str.lower)


def file_name(title: str) -> str:
    """The new item's file name: its title in slug form (what Rename File offers too)."""
    return (slugify(title) or "untitled") + ".md"


def free_name(folder: Path, name: str) -> str:
    """``name``, or ``name`` with -2, -3, ... before the suffix when the folder has it."""
    stem, suffix = name.rsplit(".", 1)
    n = 1
    while (folder / name).exists():
        n += 1
        name = f"{stem}-{n}.{suffix}"
    return name


def placeholder_values(item: NewItem, now: dt.datetime | None = None, name: str | None = None) -> dict[str, Any]:
    now = now or dt.datetime.now(dt.UTC).astimezone()
    site = source_site(item.url) if item.url.strip() else None
    brand = item.brand.strip() or (site.domain if site else "")
    tslug = slugify(item.title)
    slug = f"{brand_key(brand)}-{tslug}" if brand else tslug
    return {
        "title": item.title,
        "title_slug": tslug,
        "slug": slug,
        "author": item.author,
        "category": item.category,
        "category_slug": item.category.lower(),
        "category_url": "topic/" + slugify(item.category) if item.category else "",
        "category_label": category_label(item.category),
        "date": now.date().isoformat(),
        "published_time": now.isoformat(timespec="seconds"),
        "lastmod": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "description": item.description,
        "featured_image": "",
        "image": item.image,
        "site_name": item.site_name.strip() or (site.name if site else "") or brand,
        "brand": brand,
        "url": item.url,
        "id": item.item_id,
        "md_name": name or file_name(item.title),
        "body": html.escape(item.body),
    }


def _strings(value: Any, key: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*key, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*key, i))
    elif isinstance(value, str):
        yield key, value


def _placeholders(value: Any, key: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    return ((k, text) for k, text in _strings(value, key) if _INNER_RE.search(text))


def _filled(text: str, values: dict[str, Any]) -> Any:
    whole = _WHOLE_RE.fullmatch(text.strip())
    if whole:
        return values.get(whole.group(1))
    return _INNER_RE.sub(lambda m: str(values.get(m.group(1)) or ""), text)


def fill(template: bytes, values: dict[str, Any], path: str | Path | None = None) -> Document:
    """The archetype with its placeholders filled through the document core."""
    doc = Document.from_bytes(template, path)
    dropped: list[KeyPath] = []
    for key, text in list(_placeholders(doc.data, ())):
        value = _filled(text, values)
        if value is None or (isinstance(value, str) and not value.strip()):
            if isinstance(key[-1], int):
                dropped.append(key)
                continue
            value = None
        doc.set(key, value)
    for key in reversed(dropped):  # from the end, so earlier indexes stay valid
        doc.delete(key)
    body = _INNER_RE.sub(lambda m: str(values.get(m.group(1)) or ""), doc.body)
    doc.body = _EMPTY_ELEMENT_RE.sub("", body)
    return doc


def archetype_section(doc: Document) -> str | None:
    """The section an archetype is written for: the first folder of its `basePath`."""
    base = doc.get(("basePath",))
    if not isinstance(base, str) or not base.startswith("/"):
        return None
    first = base.strip("/").split("/", 1)[0]
    return first or None


def move_to_section(doc: Document, section: str) -> None:
    """Point the site paths that name the archetype's section at `section` ('' the top level)."""
    own = archetype_section(doc)
    if own is None or section.strip("/") == own:
        return
    prefix = f"/{own}"
    target = f"/{section.strip('/')}" if section.strip("/") else ""
    for key, value in list(_strings(doc.data, ())):
        if value == prefix or value.startswith(prefix + "/"):
            doc.set(key, (target + value[len(prefix):]) or "/")


def new_item_bytes(item: NewItem, archetype: str | Path | None = None,
                   now: dt.datetime | None = None, name: str | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of a new item; raises CuratorError when the result is not valid."""
    path = Path(archetype) if archetype else archetype_path()
    try:
        template = path.read_bytes()
    except OSError as exc:
        raise CuratorError(f"cannot read archetype: {exc.strerror or exc}", path) from None
    values = placeholder_values(item, now, name)
    doc = fill(template, values, path)
    if item.section is not None:
        move_to_section(doc, item.section)
    data = doc.to_bytes()
    Document.from_bytes(data, path)  # reads back, or the CuratorError names the archetype
    return values["md_name"], data


def create_item(folder: str | Path, item: NewItem, archetype: str | Path | None = None,
                now: dt.datetime | None = None) -> Path:
    """Write a new item into folder (never over an existing file); returns its path."""
    folder = Path(folder)
    name, data = new_item_bytes(item, archetype, now, free_name(folder, file_name(item.title)))
    target = folder / name
    if target.exists():
        raise CuratorError("a file with this name already exists", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, data)
    return target
