"""The content tree: which files are items, where a folder's items live, and one walker.

Every part of Curator that lists items (the library scan and its folder watcher, the CLI
commands, the window, new items) asks here, so they agree on the same set of files.

- An item is a Markdown file (.md, .markdown, .mdx), or a page template Hugo and its
  cousins treat as content (.html, .htm, .njk) when it opens with front matter.
- The items of a Hugo site root live in its `contentDir` (default `content/`); any other
  folder, including a folder inside a site, is its own items root.
- At a site root the project folders (archetypes, themes, static, layouts, build output
  in public/ and resources/ ...) hold no items; deeper down such names are ordinary
  sections (`content/docs/resources/` is content). Hidden folders and node_modules are
  skipped everywhere. Directory symlinks are followed, but a folder is never entered
  twice, so a link loop ends.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from curator_app.core.errors import CuratorError
from curator_app.core.site.config import CONFIG_NAMES, config_file, find_site

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
# Template files are items only with front matter (a layout partial is not).
TEMPLATE_SUFFIXES = (".html", ".htm", ".njk")
ITEM_SUFFIXES = MARKDOWN_SUFFIXES + TEMPLATE_SUFFIXES

# Hugo project folders next to the content folder: sources and build output, not items.
SITE_ONLY_DIRS = frozenset(
    {"archetypes", "assets", "data", "i18n", "layouts", "public", "resources", "static", "themes"}
)
# What `hugo` writes into a site root; a copy of the site leaves these out.
BUILD_OUTPUT = frozenset({"public", "resources", ".hugo_build.lock"})
# Tool folders that are never content, at any depth (hidden folders are skipped too).
NEVER_CONTENT_DIRS = frozenset({"node_modules", "__pycache__"})

_FRONT_OPENERS = (b"---", b"+++", b"{")


def has_front_matter(path: str | os.PathLike[str]) -> bool:
    """Whether a file opens (after a BOM and blank lines) with a front-matter fence."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(256)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(_FRONT_OPENERS)


def _is_item_file(name: str, path: str) -> bool:
    lower = name.lower()
    if name.startswith(".") or not lower.endswith(ITEM_SUFFIXES):
        return False
    return lower.endswith(MARKDOWN_SUFFIXES) or has_front_matter(path)


def is_item(path: str | os.PathLike[str]) -> bool:
    """Whether one existing file is an item (by name, and front matter for templates).

    Only the file is judged, not the folder it sits in; the walker decides folders."""
    text = os.fspath(path)
    return os.path.isfile(text) and _is_item_file(os.path.basename(text), text)


def is_site_root(folder: str | os.PathLike[str]) -> bool:
    """Whether a folder holds a Hugo configuration file (root or config/_default/)."""
    return config_file(Path(folder)) is not None


def _listing_is_site_root(folder: str, entries: list[os.DirEntry[str]]) -> bool:
    """is_site_root from a listing already read: no extra system call in the common case."""
    names = {e.name for e in entries}
    if any(name in names for name in CONFIG_NAMES):
        return True
    return "config" in names and is_site_root(folder)


def items_root(folder: str | os.PathLike[str]) -> Path:
    """Where a folder's items live: a site root's content folder, else the folder itself."""
    path = Path(folder)
    if not is_site_root(path):
        return path
    try:
        site = find_site(path)
    except CuratorError:  # a broken config still names a site; its editor reports the error
        site = None
    content = path / "content"
    if site is not None and site.content_dir is not None:
        # Relative to the folder as given, so a relative path stays relative.
        content = path / os.path.relpath(site.content_dir, site.root)
    if content.is_dir():
        return content
    return path


def walks_into(name: str, at_site_root: bool) -> bool:
    """Whether the walker enters a sub-folder called `name` (of a site root or not)."""
    if name.startswith(".") or name in NEVER_CONTENT_DIRS:
        return False
    return not (at_site_root and name in SITE_ONLY_DIRS)


def _listings(root: str | os.PathLike[str]) -> Iterator[tuple[str, list[os.DirEntry[str]], bool]]:
    """(folder, its entries, whether it is a site root) for each folder the walk enters."""
    start = os.fspath(root)
    try:
        st = os.stat(start)
    except OSError:
        return
    seen = {(st.st_dev, st.st_ino)}
    stack = [start]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        at_site_root = _listing_is_site_root(folder, entries)
        yield folder, entries, at_site_root
        for entry in entries:
            try:
                if entry.is_dir() and walks_into(entry.name, at_site_root):
                    dst = entry.stat()  # the target's identity: a linked folder counts once
                    if (dst.st_dev, dst.st_ino) not in seen:
                        seen.add((dst.st_dev, dst.st_ino))
                        stack.append(entry.path)
            except OSError:
                continue  # vanished between listing and stat: the next walk sees it


def walk(root: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
    """Every item under `root` as a directory entry (listing order, not sorted).

    Callers that want a folder's items pass `items_root(folder)`; a site root given
    directly is walked without its project folders."""
    for _folder, entries, _site in _listings(root):
        for entry in entries:
            try:
                if entry.is_file() and _is_item_file(entry.name, entry.path):
                    yield entry
            except OSError:
                continue


def folders(root: str | os.PathLike[str], limit: int | None = None) -> list[str]:
    """The folders `walk` enters under `root` (root first), at most `limit` of them."""
    out: list[str] = []
    for folder, _entries, _site in _listings(root):
        if limit is not None and len(out) >= limit:
            break
        out.append(folder)
    return out


def item_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named on a command line, and the items of folders named there (sorted).

    A named file is taken as given (the user asked for it); a folder contributes the
    items under its items root."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(Path(e.path) for e in walk(items_root(p)))
        else:
            yield p
