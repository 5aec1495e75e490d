"""New item from an archetype (Hugo's idea: a template file in resources/archetypes/).

The template marks values as `{{ name }}`. A placeholder that is a whole quoted scalar
(`id: '{{ id }}'`) takes the value's own YAML type (an int stays an int, None is null);
one inside a longer string (`'/news/{{ title_slug }}'`) is spliced in with the quotes
escaped. Linked copies share placeholders, so they start out agreeing; the category chain
and slug use the same derivations as linked.py. The result is checked by loading it as a
Document before anything is written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator_app.core.document.atomic_write import write_bytes_atomic
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.schema.linked import CATEGORIES, brand_key, category_label, slugify, update_linked
from curator_app.resources import resource_path

ARCHETYPES_DIR = resource_path("archetypes")
_WHOLE_RE = re.compile(r"""(['"])\{\{\s*(\w+)\s*\}\}\1""")
_INNER_RE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@dataclass
class NewItem:
    title: str
    brand: str = ""
    url: str = ""
    description: str = ""
    category: str = ""
    author: str = ""
    image: str = ""
    site_name: str = ""
    body: str = ""
    item_id: int | None = None


def archetype_path(name: str = "curated-content") -> Path:
    return ARCHETYPES_DIR / f"{name}.md"


def next_id(existing: Iterable[str]) -> int:
    """One more than the largest numeric id in the folder (1 for an empty folder)."""
    numbers = [int(v) for v in existing if str(v).strip().isdigit()]
    return max(numbers, default=0) + 1


def placeholder_values(item: NewItem, now: dt.datetime | None = None, uid: str | None = None) -> dict[str, Any]:
    now = now or dt.datetime.now(dt.UTC).astimezone()
    uid = uid or str(uuid.uuid4())
    tslug = slugify(item.title)
    slug = f"{brand_key(item.brand)}-{tslug}" if item.brand.strip() else tslug
    return {
        "title": item.title,
        "title_slug": tslug,
        "slug": slug,
        "author": item.author,
        "category": item.category,
        "category_slug": item.category.lower(),
        "category_url": "topic/" + slugify(item.category),
        "category_label": category_label(item.category),
        "date": now.date().isoformat(),
        "published_time": now.isoformat(timespec="seconds"),
        "lastmod": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "description": item.description,
        "featured_image": "",
        "image": item.image,
        "site_name": item.site_name or item.brand,
        "brand": item.brand,
        "url": item.url,
        "id": item.item_id,
        "md_name": f"{uid}.md",
        "body": html.escape(item.body),
    }


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def render(template: str, values: dict[str, Any]) -> str:
    """Fill the placeholders of an archetype's text (unknown names become empty)."""
    def whole(m: re.Match[str]) -> str:
        return _yaml_scalar(values.get(m.group(2), ""))

    def inner(m: re.Match[str]) -> str:
        value = values.get(m.group(1), "")
        return "" if value is None else str(value).replace("'", "''")

    fence = template.find("\n---", 3)
    front, body = (template, "") if fence < 0 else (template[:fence], template[fence:])
    front = _INNER_RE.sub(inner, _WHOLE_RE.sub(whole, front))
    body = _INNER_RE.sub(lambda m: str(values.get(m.group(1)) or ""), body)
    return front + body


def new_item_bytes(item: NewItem, archetype: str | Path | None = None,
                   now: dt.datetime | None = None, uid: str | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of a new item; raises CuratorError when the result is not valid."""
    path = Path(archetype) if archetype else archetype_path()
    try:
        template = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CuratorError(f"cannot read archetype: {exc.strerror or exc}", path) from None
    values = placeholder_values(item, now, uid)
    doc = Document.from_bytes(render(template, values).encode("utf-8"), path)
    if not item.category and doc.get(CATEGORIES) == [""]:
        update_linked(doc, CATEGORIES, [])  # no category yet: empty chain, not a blank entry
    return values["md_name"], doc.to_bytes()


def create_item(folder: str | Path, item: NewItem, archetype: str | Path | None = None,
                now: dt.datetime | None = None) -> Path:
    """Write a new item into folder (never over an existing file); returns its path."""
    name, data = new_item_bytes(item, archetype, now)
    target = Path(folder) / name
    if target.exists():
        raise CuratorError("a file with this name already exists", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, data)
    return target
