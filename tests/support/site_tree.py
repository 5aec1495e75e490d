"""A Hugo site root with every kind of folder the content tree must judge, and a plain folder.

Shared by the core tree tests and the library GUI tests, so the library, the CLI and the
watcher are checked against the same expectations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The unreadable date gives every item one lint finding, so `validate` names each file.
ITEM = "---\ntitle: An item\ndate: someday\n---\n<p>Body.</p>\n"
LAYOUT = "<html>{{ .Content }}</html>\n"  # an .html file without front matter: no item


@dataclass(frozen=True)
class SiteTree:
    site: Path  # the Hugo site root (hugo.toml, content/, archetypes/, themes/ ...)
    content: Path  # site / "content"
    plain: Path  # a folder that is no Hugo site: every folder name in it is content
    site_items: frozenset[str]  # items of the site, relative to its content folder
    plain_items: frozenset[str]  # items of the plain folder, relative to it


def _write(path: Path, text: str = ITEM) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_site_tree(base: Path) -> SiteTree:
    site = base / "site"
    content = site / "content"
    _write(site / "hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'Site'\n")
    # Project folders at the site root: none of these files is an item.
    for rel in (
        "archetypes/default.md",
        "themes/plain/README.md",
        "themes/plain/exampleSite/content/post.md",
        "static/notes.md",
        "public/news/a/index.md",
        "resources/_gen/cache.md",
        "layouts/_default/single.html",
        "node_modules/pkg/readme.md",
        ".git/info/notes.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "README.md",  # beside the config, outside content/: not an item either
    ):
        _write(site / rel)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    # The content folder: inside it, folder names carry no meaning but hidden ones.
    for rel in (
        "news/a.md",
        "news/b.markdown",
        "news/c.MD",
        "docs/resources/guide.md",
        "docs/static/page.mdx",
        "docs/themes/list.md",
        "about.html",  # HTML content page with front matter
        "_index.md",
    ):
        _write(content / rel)
    _write(content / "docs" / "partial.html", LAYOUT)
    _write(content / ".drafts" / "hidden.md")
    _write(content / "news" / ".hidden.md")
    _write(content / "node_modules" / "x.md")
    _write(content / "news" / "notes.txt", "not an item\n")
    # A link back up makes a loop; a link out of the tree is followed (once).
    os.symlink(content, content / "news" / "loop", target_is_directory=True)
    _write(base / "elsewhere" / "linked.md")
    os.symlink(base / "elsewhere", content / "linked", target_is_directory=True)
    site_items = frozenset({
        "news/a.md", "news/b.markdown", "news/c.MD", "docs/resources/guide.md",
        "docs/static/page.mdx", "docs/themes/list.md", "about.html", "_index.md", "linked/linked.md",
    })

    plain = base / "plain"
    for rel in ("a.md", "themes/b.md", "resources/c.md", "archetypes/d.md", "public/e.md"):
        _write(plain / rel)
    _write(plain / ".git" / "f.md")
    plain_items = frozenset({"a.md", "themes/b.md", "resources/c.md", "archetypes/d.md", "public/e.md"})
    return SiteTree(site, content, plain, site_items, plain_items)
