"""The content tree decides which files are items, for the library scan and every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.site_tree import ITEM, SiteTree, make_site_tree

from curator_app.core.library.index import LibraryIndex
from curator_app.core.library.scan import find_items
from curator_app.core.site import tree
from curator_app.core.site.workspace import create_workspace


@pytest.fixture
def trees(tmp_path: Path) -> SiteTree:
    return make_site_tree(tmp_path)


def test_items_root_is_the_content_folder_of_a_site_and_a_plain_folder_itself(trees: SiteTree) -> None:
    assert tree.items_root(trees.site) == trees.content
    assert tree.items_root(trees.content) == trees.content
    assert tree.items_root(trees.plain) == trees.plain
    assert tree.items_root(trees.content / "news") == trees.content / "news"


def test_items_root_follows_content_dir_and_falls_back_to_the_site(tmp_path: Path) -> None:
    site = tmp_path / "s"
    (site / "src" / "posts").mkdir(parents=True)
    (site / "config" / "_default").mkdir(parents=True)
    (site / "config" / "_default" / "hugo.yaml").write_text("contentDir: src\n", encoding="utf-8")
    assert tree.items_root(site) == site / "src"
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "hugo.toml").write_text("title = 'x'\n", encoding="utf-8")
    assert tree.items_root(bare) == bare  # no content folder yet: the site root itself
    broken = tmp_path / "broken"
    (broken / "content").mkdir(parents=True)
    (broken / "hugo.toml").write_text("title = \n", encoding="utf-8")
    assert tree.items_root(broken) == broken / "content"


def test_relative_folders_give_relative_roots(trees: SiteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(trees.site.parent)
    assert tree.items_root(Path("site")) == Path("site/content")


def test_walk_keeps_content_sections_named_like_project_folders(trees: SiteTree) -> None:
    root = tree.items_root(trees.site)
    walked = {Path(e.path).relative_to(root).as_posix() for e in tree.walk(root)}
    assert walked == trees.site_items  # the loop ended, the outside link was followed once
    assert {s.rel for s in find_items(root)} == trees.site_items
    assert all(tree.is_item(root / rel) for rel in walked)
    assert not tree.is_item(trees.content / "docs" / "partial.html")
    assert not tree.is_item(trees.content / "news" / "notes.txt")


def test_a_site_root_walked_directly_skips_its_project_folders(trees: SiteTree) -> None:
    walked = {Path(e.path).relative_to(trees.site).as_posix() for e in tree.walk(trees.site)}
    assert walked == {"README.md"} | {f"content/{rel}" for rel in trees.site_items}


def test_a_plain_folder_is_its_own_root_and_all_its_folders_are_content(trees: SiteTree) -> None:
    assert {s.rel for s in find_items(tree.items_root(trees.plain))} == trees.plain_items


def test_folders_are_the_ones_the_walk_enters(trees: SiteTree) -> None:
    got = {Path(f).relative_to(trees.content).as_posix() for f in tree.folders(trees.content)}
    assert got == {".", "news", "docs", "docs/resources", "docs/static", "docs/themes", "linked"}
    assert len(tree.folders(trees.content, limit=2)) == 2


def test_library_index_and_every_command_agree(trees: SiteTree, run_cli, tmp_path: Path) -> None:
    with LibraryIndex(tree.items_root(trees.site), tmp_path / "index.sqlite") as index:
        index.refresh()
        library = {i.path for i in index.items()}
    assert library == trees.site_items

    res = run_cli("index", "--format", "json", "--no-lint", str(trees.site))
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert Path(out["root"]) == trees.content.resolve()
    assert {i["path"] for i in out["items"]} == trees.site_items

    res = run_cli("roundtrip", "--format", "json", str(trees.site))
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["checked"] == len(trees.site_items)

    res = run_cli("validate", "--format", "json", str(trees.site))
    assert res.returncode == 1, res.stderr
    linted = {Path(f["path"]).relative_to(trees.content).as_posix() for f in json.loads(res.stdout)}
    assert linted == trees.site_items


def test_a_named_file_is_taken_as_given(trees: SiteTree) -> None:
    odd = trees.site / "archetypes" / "default.md"
    assert list(tree.item_files([odd])) == [odd]


def test_workspace_copy_leaves_out_build_output_and_git(trees: SiteTree, tmp_path: Path) -> None:
    target = create_workspace(trees.site, tmp_path / "ws")
    assert (target / "content" / "news" / "a.md").read_text(encoding="utf-8") == ITEM
    assert (target / "static" / "notes.md").is_file() and (target / "themes").is_dir()
    assert not (target / "public").exists() and not (target / "resources").exists()
    assert (target / ".git").is_dir()  # a fresh repository, not the source's
    assert not (target / ".git" / "info" / "notes.md").exists()
