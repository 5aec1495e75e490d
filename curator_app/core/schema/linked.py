"""Linked fields: one fact stored in several keys of a curated-content item.

Two kinds of group:
- copy groups (title, description, source_url, image): every copy should hold the same
  string as the others;
- derived groups (category, slug): each copy is computed from a source key
  (``categories`` -> ``categorySlug`` / ``categoryUrl`` / ``categoryLabel``;
  ``link.brand`` + ``title`` -> ``slug`` / ``aliases``), so a copy agrees when it equals
  what the derivation gives.

Agreement is plain equality. A copy that is a truncation of the others (the seed's
``description``, cut at 200 characters mid-word) does NOT agree: lint reports it, and
``update_linked`` leaves it alone, because it did not hold the same value as the key the
user edited. ``reference_value`` picks what the copies should converge on when they
disagree: the primary, unless it stands alone against copies that all agree (the
truncated description case), then the copies' common value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document


@dataclass(frozen=True)
class LinkedGroup:
    name: str
    primary: KeyPath
    copies: tuple[KeyPath, ...]  # present keys of the group, primary first
    values: dict[KeyPath, Any]  # raw value per copy
    agree: bool
    # derived groups: the value each copy should have given the source keys
    expected: dict[KeyPath, Any] | None = None

    def disagreeing(self) -> list[KeyPath]:
        """Copies whose value differs from the group's reference value."""
        want = expected_values(self)
        return [k for k in self.copies if self.values.get(k) != want.get(k)]


COPY_GROUPS: dict[str, tuple[KeyPath, ...]] = {
    "title": (
        ("title",),
        ("htmlMetaData", "ogtitle"),
        ("openGraphMetaData", "ogtitle"),
        ("twitterMetaData", "twittertitle"),
        # The curated-content archetype fills the image's alt text with the title.
        ("featuredImage", "alt"),
    ),
    "description": (
        ("description",),
        ("htmlMetaData", "description"),
        ("htmlMetaData", "ogdescription"),
        ("openGraphMetaData", "ogdescription"),
        ("twitterMetaData", "twitterdescription"),
    ),
    "source_url": (
        ("link", "href"),
        ("link", "original"),
        ("href",),
        ("original",),
        ("htmlMetaData", "ogurl"),
        ("openGraphMetaData", "ogurl"),
        ("twitterMetaData", "twitterurl"),
        ("openProjectCustomFields", "cleanUrl"),
        ("openProjectCustomFields", "sourceUrl"),
    ),
    "image": (
        ("htmlMetaData", "ogimage"),
        ("openGraphMetaData", "ogimage"),
        ("twitterMetaData", "twitterimage"),
    ),
}
CATEGORIES: KeyPath = ("categories",)
TOPICS: KeyPath = ("openProjectCustomFields", "medigyTopics")
SLUG: KeyPath = ("slug",)
ALIASES: KeyPath = ("aliases",)
BRAND: KeyPath = ("link", "brand")
BREADCRUMBS: KeyPath = ("breadcrumbs",)


def slugify(text: str) -> str:
    """Lower case, punctuation removed, runs of spaces as one hyphen ('UK  Plan' -> 'uk-plan')."""
    kept = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"\s+", "-", kept.strip())


def brand_key(brand: str) -> str:
    """'healthcareitnews.com' -> 'healthcareitnews'; 'www.statnews.com' -> 'statnews'."""
    host = re.sub(r"^[a-z]+://", "", brand.strip().lower()).split("/")[0]
    host = host.removeprefix("www.")
    return host.split(".")[0]


def category_label(category: str) -> str:
    """'Symplur: Genomics' -> 'Genomics' (the part after the namespace)."""
    return category.rsplit(":", 1)[-1].strip()


CATEGORY_CHAIN: dict[KeyPath, Callable[[str], str]] = {
    ("categorySlug",): str.lower,
    ("categoryUrl",): lambda c: "topic/" + slugify(c),
    ("categoryLabel",): category_label,
    TOPICS: lambda c: c,
}


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _breadcrumb_key(doc: Document) -> KeyPath | None:
    crumbs = doc.get(BREADCRUMBS)
    if isinstance(crumbs, list) and crumbs and isinstance(crumbs[-1], str):
        return (*BREADCRUMBS, len(crumbs) - 1)
    return None


def _copy_keys(doc: Document, name: str) -> list[KeyPath]:
    keys = [k for k in COPY_GROUPS[name] if doc.has(k)]
    if name == "title":
        crumb = _breadcrumb_key(doc)
        if crumb is not None:
            keys.append(crumb)
    return keys


def expected_category_chain(categories: list[str]) -> dict[KeyPath, list[str]]:
    return {key: [fn(c) for c in categories] for key, fn in CATEGORY_CHAIN.items()}


def expected_slug(doc: Document, title: Any = None, brand: Any = None) -> dict[KeyPath, str]:
    """slug = brand key + title slug; aliases = basePath + title slug (as in the seed)."""
    title = doc.get(("title",)) if title is None else title
    brand = doc.get(BRAND) if brand is None else brand
    if not isinstance(title, str):
        return {}
    tslug = slugify(title)
    out: dict[KeyPath, str] = {}
    if isinstance(brand, str) and brand.strip():
        out[SLUG] = f"{brand_key(brand)}-{tslug}"
    else:
        out[SLUG] = tslug
    base = doc.get(("basePath",))
    if isinstance(base, str) and base:
        out[ALIASES] = base.rstrip("/") + "/" + tslug
    return out


def alias_list(value: Any) -> list[str]:
    """Hugo's ``aliases`` as a list, whether the file holds one string or a list."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def page_url(doc: Document, slug: str) -> str:
    """The page's path for ``slug``: under basePath when the item has one, else relative
    (Hugo resolves a relative alias against the page's section)."""
    base = doc.get(("basePath",))
    if isinstance(base, str) and base:
        return base.rstrip("/") + "/" + slug
    return slug


def aliases_after_move(doc: Document, aliases: Any, old_slug: Any, new_alias: str | None = None) -> list[str]:
    """Hugo's ``aliases`` once the page leaves ``old_slug``: a URL change never drops a URL.
    The earlier aliases stay, the old page URL joins them (Hugo redirects it), then
    ``new_alias`` (the alias a new title derives)."""
    kept = alias_list(aliases)
    if isinstance(old_slug, str) and old_slug:
        kept.append(page_url(doc, old_slug))
    if new_alias:
        kept.append(new_alias)
    return list(dict.fromkeys(kept))


def url_change_note(old_url: str) -> str:
    return f"The page URL changes; its old URL {old_url} is kept as an alias, so links to it redirect."


def _slug_expected(doc: Document) -> dict[KeyPath, Any]:
    want: dict[KeyPath, Any] = dict(expected_slug(doc))
    have = doc.get(ALIASES)
    if ALIASES in want and isinstance(have, list):
        # A list of aliases agrees when it holds the derived one; earlier URLs stay.
        derived = want[ALIASES]
        want[ALIASES] = list(have) if derived in have else [*have, derived]
    return want


def _group(name: str, doc: Document, keys: list[KeyPath], expected: Any = None) -> LinkedGroup:
    values = {k: doc.get(k) for k in keys}
    if expected is None:
        agree = len({repr(v) for v in values.values()}) <= 1
    else:
        agree = all(values[k] == expected[k] for k in keys if k in expected)
    return LinkedGroup(name, keys[0], tuple(keys), values, agree, expected)


def linked_groups(doc: Document) -> list[LinkedGroup]:
    """The linked groups present in the document (a group needs its primary or two copies)."""
    groups: list[LinkedGroup] = []
    for name in COPY_GROUPS:
        keys = _copy_keys(doc, name)
        if keys:
            groups.append(_group(name, doc, keys))
    cats = _str_list(doc.get(CATEGORIES))
    if cats is not None:
        chain = expected_category_chain(cats)
        keys = [CATEGORIES, *(k for k in chain if doc.has(k))]
        groups.append(_group("category", doc, keys, {CATEGORIES: cats, **chain}))
    if doc.has(SLUG):
        want = _slug_expected(doc)
        keys = [k for k in (SLUG, ALIASES) if doc.has(k)]
        groups.append(_group("slug", doc, keys, want))
    return groups


def reference_value(group: LinkedGroup) -> Any:
    """The value a copy group should converge on (see module docstring)."""
    primary = group.values.get(group.primary)
    if group.expected is not None:
        return group.expected.get(group.primary, primary)
    others = [group.values[k] for k in group.copies if k != group.primary]
    counts = Counter(repr(v) for v in others)
    if others and len(counts) == 1 and repr(primary) not in counts:
        return others[0]
    return primary


def expected_values(group: LinkedGroup) -> dict[KeyPath, Any]:
    """The value each copy should hold for the group to agree."""
    if group.expected is not None:
        return {k: group.expected.get(k, group.values[k]) for k in group.copies}
    ref = reference_value(group)
    return dict.fromkeys(group.copies, ref)


def update_linked(doc: Document, key: KeyPath, new_value: Any) -> list[KeyPath]:
    """Set ``key`` and every copy that held the same fact as ``key`` did; return keys changed.

    "Held the same fact": a copy equal to the old value of ``key``; for derived copies
    (category chain, slug, aliases), a copy equal to what the old value derived. Copies
    that already differed are left alone (lint reports them).
    """
    key = tuple(key)
    old = doc.get(key)
    if doc.has(key) and old == new_value:
        return []
    before = {g.name: g for g in linked_groups(doc)}
    changed: list[KeyPath] = []
    # Values are set together (one check of the front matter for all of them), so until
    # then the ones put so far are read from here.
    pending: dict[KeyPath, Any] = {}

    def present(k: KeyPath) -> bool:
        return k in pending or doc.has(k)

    def value(k: KeyPath) -> Any:
        return pending[k] if k in pending else doc.get(k)

    def put(k: KeyPath, v: Any) -> None:
        if value(k) != v or not present(k):
            pending[k] = v
            changed.append(k)

    def flush() -> None:
        doc.set_many(list(pending.items()))
        pending.clear()

    put(key, new_value)
    group = next((g for g in before.values() if key in g.copies), None)
    if group is not None and group.expected is None:
        for k in group.copies:
            if k != key and group.values[k] == old:
                put(k, new_value)
    if key in (CATEGORIES, TOPICS) and _str_list(new_value) is not None and _str_list(old):
        old_chain = expected_category_chain(old)
        new_chain = expected_category_chain(new_value)
        if key == TOPICS:  # the topics copy drives the categories only when they matched
            old_chain[CATEGORIES], new_chain[CATEGORIES] = old, new_value
            del old_chain[TOPICS], new_chain[TOPICS]
        for k, want in old_chain.items():
            if present(k) and value(k) == want:
                put(k, new_chain[k])
    flush()
    # title (directly or as a copy that moved with the edited key) and brand feed the slug
    title_changed = ("title",) in changed
    if title_changed or key == BRAND:
        was = expected_slug(
            doc,
            title=old if title_changed else None,
            brand=old if key == BRAND else None,
        )
        now = expected_slug(doc)
        slug_before = before.get("slug")
        held = slug_before.values if slug_before else {}
        old_slug = held.get(SLUG)
        moves = SLUG in was and old_slug == was[SLUG] and now.get(SLUG, old_slug) != old_slug
        if moves:
            put(SLUG, now[SLUG])
            flush()  # the aliases below are worked out from the document as it now is
        old_aliases = held.get(ALIASES)
        alias_was = was.get(ALIASES)
        follows = alias_was is not None and alias_was in alias_list(old_aliases) and now.get(ALIASES) != alias_was
        if moves or follows:
            kept = aliases_after_move(
                doc, old_aliases, old_slug if moves else None, now[ALIASES] if follows else None
            )
            if kept != old_aliases:
                put(ALIASES, kept)
    flush()
    return changed


def moved_url(doc: Document, key: KeyPath, new_value: Any) -> str | None:
    """The page URL that ``update_linked(doc, key, new_value)`` would move away from."""
    state = doc.snapshot()
    old_slug = doc.get(SLUG)
    try:
        changed = update_linked(doc, key, new_value)
    finally:
        doc.restore(state)
    if SLUG in changed and isinstance(old_slug, str) and old_slug:
        return page_url(doc, old_slug)
    return None
