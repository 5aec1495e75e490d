"""Find the items of a content folder and read the few fields the library shows, fast.

Reading one item for the list must cost well under a millisecond, so the front matter is
not fully parsed: the top-level blocks the library needs (title, date, tags...; of `link`
and `featuredImage` only `brand` and `href`) are cut out of the text by their column-0 key
lines, and only those are composed and converted, by the same code the document core
uses (yaml_nodes.compose + its converter, YAML 1.2 core schema). On the seed that is
about a third of the work of a full parse. Whenever the cut could be wrong (a column-0
line that is not a plain `key:` line or `- ` item, a root that is not a block mapping, an
alias) the whole front matter is parsed instead, and any error is reported from the whole
text, so its line and column are the ones the editor shows. Errors inside blocks that are
not read (a broken `htmlMetaData`) are found by the lint pass (index.compute_lint), which
loads the real Document.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from curator_app.core.document.limits import MAX_DEPTH, check_front_size, json_depth
from curator_app.core.document.reading import read_regular
from curator_app.core.document.split import decode, split
from curator_app.core.errors import CuratorError, ParseError, UnsafeContentError
from curator_app.core.site import tree

# Top-level keys the index stores. `link` and `featuredImage` are small nested blocks.
WANTED_KEYS = frozenset(
    {
        "title", "date", "publishDate", "lastmod", "lastMod", "slug", "draft", "status",
        "description", "tags", "categories", "link", "featuredImage", "id", "mdName",
    }
)

# Of these nested mappings only the listed children are read (about a third less to parse).
NESTED_WANTED = {"link": frozenset({"brand"}), "featuredImage": frozenset({"href"})}

_KEY_LINE = re.compile(r"([A-Za-z0-9_$@][\w.$@/-]*)[ \t]*:(?:[ \t\r\n]|$)")
_UNSAFE_COLUMN0_RE = re.compile(
    r"\n(?![ \t\r\n#]|$|-(?:[ \t\r\n]|$)|[A-Za-z0-9_$@][\w.$@/-]*[ \t]*:(?:[ \t\r\n]|$))"
)
_WANTED_RE = re.compile(
    r"\n(" + "|".join(sorted(map(re.escape, WANTED_KEYS), key=len, reverse=True)) + r")[ \t]*:(?:[ \t\r\n]|$)"
)
_FIRST_CONTENT_RE = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*")
_NEXT_KEY_RE = re.compile(r"\n[^ \t\r\n#-]")
_TAG_RE = re.compile(r"<[^>]*>")


class FileStat(NamedTuple):
    """One item file as a stat saw it (a tuple: a warm open builds one per file)."""

    rel: str  # path relative to the root, with forward slashes
    size: int
    mtime_ns: int


@dataclass
class ItemRecord:
    """What the index keeps per item (everything cheap to compute)."""

    rel: str
    size: int
    mtime_ns: int
    title: str = ""
    date: str = ""  # ISO text, sortable; "" when missing
    slug: str = ""
    draft: bool = False
    brand: str = ""
    status: str = ""
    description: str = ""
    thumbnail: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    item_id: str = ""
    format: str = ""
    error: str | None = None  # parse error "path:line:column: message"
    body_text: str = ""  # tag-stripped body for full-text search (not stored in items)
    lint_count: int | None = None  # set only by the single index + lint pass


def find_items(root: Path) -> list[FileStat]:
    """Every item file under root (see core.site.tree), with size and mtime from stat."""
    out: list[FileStat] = []
    prefix_len = len(str(root)) + 1
    for entry in tree.walk(root):
        try:
            st = entry.stat()
        except OSError:
            continue  # vanished between listing and stat: the next refresh sees it
        out.append(FileStat(entry.path[prefix_len:].replace(os.sep, "/"), st.st_size, st.st_mtime_ns))
    return out


def _cut_blocks(front: str) -> str | None:
    """The text of the wanted top-level blocks, or None when cutting would be unsafe.

    A few regex passes and no Python loop per line: one refuses any column-0 line that is
    not a plain `key:` line or a `- ` item, one finds the wanted keys, and a search per
    wanted key finds where its block ends (the next column-0 key line). The patterns
    start with a literal newline, which `re` scans for quickly (a `^` with re.M is tried
    at every character)."""
    text = "\n" + front
    if _UNSAFE_COLUMN0_RE.search(text):
        return None  # a flow collection, a quoted key, a continuation line...
    first = _FIRST_CONTENT_RE.match(front)
    if first and first.end() < len(front) and not _KEY_LINE.match(front, first.end()):
        return None  # the root is a sequence, or an indented mapping
    keep: list[str] = []
    for m in _WANTED_RE.finditer(text):
        nxt = _NEXT_KEY_RE.search(text, m.end())
        keep.append(_block(text[m.start() + 1 : nxt.start() + 1 if nxt else len(text)], m.group(1)))
    out = "".join(keep)
    if "*" in out and re.search(r"(?:^|[\s\[,{])\*[^\s]", out):
        return None  # an alias may point at an anchor in a block we cut away
    return out


def _block(text: str, key: str) -> str:
    if not text.endswith("\n"):
        text += "\n"
    if key in NESTED_WANTED:
        return "".join(_cut_children(text.splitlines(keepends=True), NESTED_WANTED[key]))
    return text


def _cut_children(block: list[str], wanted: frozenset[str]) -> list[str]:
    """A nested block mapping keeping only the wanted children (whole block if unusual)."""
    out = [block[0]]
    indent = -1
    keeping = False
    for line in block[1:]:
        stripped = line.lstrip(" ")
        if not stripped.strip():
            if keeping:
                out.append(line)
            continue
        depth = len(line) - len(stripped)
        if indent < 0:
            indent = depth
        if depth == indent:
            if stripped.startswith("#"):
                continue
            m = _KEY_LINE.match(stripped)
            if m is None or "\t" in line[:depth]:
                return block  # a sequence, a flow value, tabs: keep it all
            keeping = m.group(1) in wanted
        elif depth < indent:
            return block
        if keeping:
            out.append(line)
    return out


def project(values: dict[str, Any]) -> dict[str, Any]:
    """The part of a front matter's values the index reads (see WANTED_KEYS, NESTED_WANTED)."""
    out = {}
    for k, v in values.items():
        if k in WANTED_KEYS:
            if k in NESTED_WANTED and isinstance(v, dict):
                v = {ck: cv for ck, cv in v.items() if ck in NESTED_WANTED[k]}
            out[k] = v
    return out


def read_front_values(data: bytes, rel: str = "") -> tuple[dict[str, Any], str, str]:
    """(front-matter values limited to WANTED_KEYS, body text, format); raises CuratorError."""
    # Imported here, not at the top: a warm open lists files without parsing any, and
    # PyYAML is a tenth of a warm `curator index`.
    from curator_app.core.document.yaml_nodes import compose, to_value

    text = decode(data, rel)
    parts = split(text, rel)
    fmt = parts.format
    values: Any
    if fmt in ("yaml", "toml", "json"):
        check_front_size(parts.front, rel, parts.front_line)
    if fmt == "yaml":
        cut = _cut_blocks(parts.front)
        source = parts.front if cut is None else cut
        offset = parts.front_line if cut is None else 0
        try:
            # Given the text, to_value skips its alias pre-pass when there can be no alias
            # (_cut_blocks refuses cut text with one).
            values = to_value(compose(source, rel, offset), rel, offset, source)
        except ParseError:
            if cut is None:
                raise
            # Report the error at its true place in the file.
            values = to_value(compose(parts.front, rel, parts.front_line), rel, parts.front_line)
    elif fmt == "toml":
        import tomllib  # only for TOML items: a warm listing parses nothing

        try:
            values = tomllib.loads(parts.front)
        except tomllib.TOMLDecodeError as exc:
            from curator_app.core.document.toml_front import toml_error  # tomlkit: only when needed

            raise toml_error(exc, parts.front, rel, parts.front_line) from None
        except RecursionError:
            raise UnsafeContentError(f"values nested more than {MAX_DEPTH} deep", rel, parts.front_line, 1) from None
    elif fmt == "json":
        if json_depth(parts.front) > MAX_DEPTH:
            raise UnsafeContentError(f"values nested more than {MAX_DEPTH} deep", rel, parts.front_line, 1)
        try:
            values = json.loads(parts.front)
        except json.JSONDecodeError as exc:
            raise ParseError(f"invalid JSON: {exc.msg}", rel, exc.lineno + parts.front_line - 1, exc.colno) from None
    else:
        values = {}
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ParseError("front matter must be a mapping of keys to values", rel, parts.front_line, 1)
    return project(values), parts.body, fmt


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, list):
        return tuple(_text(v) for v in value if v is not None and _text(v) != "")
    return (_text(value),)


def body_plain_text(body: str) -> str:
    """Body HTML/Markdown reduced to words for the full-text index."""
    text = _TAG_RE.sub(" ", body)
    return html.unescape(text) if "&" in text else text


def record_from_values(stat: FileStat, values: dict[str, Any], body: str, fmt: str) -> ItemRecord:
    date = values.get("date") or values.get("publishDate") or ""
    link = values.get("link")
    image = values.get("featuredImage")
    draft = values.get("draft")
    return ItemRecord(
        rel=stat.rel,
        size=stat.size,
        mtime_ns=stat.mtime_ns,
        title=_text(values.get("title")),
        date=_text(date),
        slug=_text(values.get("slug")),
        draft=draft is True or (isinstance(draft, str) and draft.lower() == "true"),
        brand=_text(link.get("brand")) if isinstance(link, dict) else "",
        status=_text(values.get("status")).strip(),
        description=_text(values.get("description")),
        thumbnail=_text(image.get("href")) if isinstance(image, dict) else _text(image),
        tags=_strings(values.get("tags")),
        categories=_strings(values.get("categories")),
        item_id=_text(values.get("id")),
        format=fmt,
        body_text=body_plain_text(body),
    )


def read_item(root: Path, stat: FileStat) -> ItemRecord:
    """Read one item; a file that cannot be read becomes a record carrying its error."""
    try:
        data = read_regular(os.path.join(root, stat.rel))
        values, body, fmt = read_front_values(data, stat.rel)
    except CuratorError as exc:
        return ItemRecord(stat.rel, stat.size, stat.mtime_ns, title=Path(stat.rel).stem, error=str(exc))
    except (ValueError, RecursionError) as exc:  # a reader's own limit: still one item, not the scan
        return ItemRecord(stat.rel, stat.size, stat.mtime_ns, title=Path(stat.rel).stem,
                          error=f"{stat.rel}: cannot read the front matter: {exc}")
    except OSError as exc:
        return ItemRecord(stat.rel, stat.size, stat.mtime_ns, title=Path(stat.rel).stem,
                          error=f"{stat.rel}: cannot read: {exc.strerror or exc}")
    return record_from_values(stat, values, body, fmt)


def read_items(root: str, stats: list[FileStat]) -> list[ItemRecord]:
    """Worker entry point (module level so a process pool can pickle it)."""
    base = Path(root)
    return [read_item(base, s) for s in stats]


def chunked(seq: list[FileStat], size: int) -> Iterator[list[FileStat]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
