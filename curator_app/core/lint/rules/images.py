"""Local images: featuredImage.href and relative `images` entries (CC501–CC509).

References are resolved like Hugo and the theme: next to the item, then the site's
assets/ and static/. A file must stay inside the content folder (or those site folders).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, Fix, LintContext
from curator_app.core.preview.images import ImageReadError, check_image, is_inside, probe
from curator_app.core.preview.meta import locate_local, lookup

_SCHEME = ("http://", "https://", "//", "data:")


def _refs(ctx: LintContext) -> Iterator[tuple[tuple[Any, ...], str]]:
    hit = lookup(ctx.data, ("featuredImage", "href"))
    if hit is not None and isinstance(hit[0], str) and hit[0].strip():
        yield hit[1], hit[0].strip()
    hit = lookup(ctx.data, ("images",))
    if hit is not None:
        entries = hit[0] if isinstance(hit[0], list) else [hit[0]]
        for i, entry in enumerate(entries):
            if isinstance(entry, str) and entry.strip():
                yield (hit[1] + (i,) if isinstance(hit[0], list) else hit[1]), entry.strip()


def _content_root(ctx: LintContext, item: Path) -> Path:
    site = ctx.site
    if site is not None and site.content_dir is not None and is_inside(item, site.content_dir, real=False):
        return site.content_dir
    if ctx.content_root is not None:
        return ctx.content_root
    return item.parent


def check(ctx: LintContext) -> Iterator[Finding]:
    item = ctx.path
    if item is None:
        return
    root = _content_root(ctx, item)
    card_tag = ctx.meta.tag("twitter:card")
    card = card_tag.value if card_tag else None
    allowed = [root]
    if ctx.site is not None:
        allowed += [ctx.site.root / "assets", ctx.site.root / "static"]
    for key, ref in _refs(ctx):
        if ref.lower().startswith(_SCHEME):
            continue  # remote: cannot be checked offline
        where = format_key(key)
        if not ref.startswith("/"):
            lexical = item.parent / ref
            if not any(is_inside(lexical, folder, real=False) for folder in allowed):
                yield ctx.finding("CC502", "error", key, f"{where} points outside the content folder: {ref}")
                continue
        local, escaped = locate_local(ref, item, ctx.site, within=allowed)
        if local is None and escaped:
            yield ctx.finding("CC502", "error", key, f"{where} resolves outside the content folder: {ref}")
            continue
        if local is None:
            expected = item.parent / ref if not ref.startswith("/") else Path(ref)
            # The finding carries the field; the message names only the missing file.
            yield ctx.finding("CC501", "error", key, f"image file not found: {expected}")
            continue
        try:
            info = probe(local)
        except (ImageReadError, OSError) as exc:
            yield ctx.finding("CC509", "error", key, f"{where}: {local.name} is not a readable image ({exc})")
            continue
        for problem in check_image(info, card):
            yield ctx.finding(problem.code, problem.severity, key, f"{where}: {problem.message}")
        if str(key[0]).lower() == "featuredimage":
            yield from _declared(ctx, key[:-1], info)
    meta = ctx.meta
    if meta.tag("og:image") is not None and meta.tag("og:image:alt") is None:
        alt_key: tuple[Any, ...] = ("featuredImage", "alt") if lookup(ctx.data, ("featuredImage",)) else ()
        yield ctx.finding(
            "CC508", "info", alt_key, "og:image has no alt text (og:image:alt / featuredImage.alt)"
        )


def _declared(ctx: LintContext, parent: tuple[Any, ...], info: Any) -> Iterator[Finding]:
    """featuredImage.format / .size describe the file; flag and fix when they do not."""
    fmt = lookup(ctx.data, (*parent, "format"))
    if fmt is not None and isinstance(fmt[0], str) and info.format and fmt[0].upper() != info.format:
        yield ctx.finding(
            "CC507",
            "warning",
            fmt[1],
            f"{format_key(fmt[1])} says {fmt[0]} but the file is {info.format}",
            Fix(f"Set {format_key(fmt[1])} to {info.format}", ((fmt[1], info.format),)),
        )
    size = lookup(ctx.data, (*parent, "size"))
    actual = [info.width, info.height]
    if size is not None and isinstance(size[0], list) and info.width and size[0] != actual:
        yield ctx.finding(
            "CC507",
            "warning",
            size[1],
            f"{format_key(size[1])} says {size[0]} but the file is {info.width}×{info.height}",
            Fix(f"Set {format_key(size[1])} to [{info.width}, {info.height}]", ((size[1], actual),)),
        )
