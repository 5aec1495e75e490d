"""Hugo site configuration: the few settings that change what an item's <head> says.

A content file belongs to the nearest Hugo site above it: the first folder, walking up
from the file, that holds one of CONFIG_NAMES. Only the settings the meta resolver and
the linter need are read (baseURL, title, params.description, params.images,
params.social.twitter, languageCode, contentDir); the raw table stays available as `raw`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator_app.core.errors import ParseError

# Hugo's own lookup order for a project's root configuration file.
CONFIG_NAMES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)


@dataclass(frozen=True)
class SiteConfig:
    """What a Hugo site's configuration says about head meta."""

    root: Path
    config_path: Path | None
    base_url: str | None = None
    title: str | None = None
    description: str | None = None
    images: tuple[str, ...] = ()
    twitter: str | None = None
    language_code: str | None = None
    content_dir: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def source(self, key: str) -> str:
        """Name a configuration key as a meta source, e.g. "hugo.toml:params.description"."""
        name = self.config_path.name if self.config_path else "site"
        return f"{name}:{key}"

    @property
    def params(self) -> dict[str, Any]:
        params = _ci_get(self.raw, "params")
        return params if isinstance(params, dict) else {}


def _ci_get(table: Any, key: str) -> Any:
    """Hugo configuration keys are case-insensitive (baseURL == baseurl)."""
    if not isinstance(table, dict):
        return None
    if key in table:
        return table[key]
    low = key.lower()
    for k, v in table.items():
        if isinstance(k, str) and k.lower() == low:
            return v
    return None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _read_table(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read site config: {exc}", path) from exc
    # Imported here: listing a folder (a warm `curator index`) never reads a site config.
    import tomllib

    import yaml

    try:
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=yaml.CSafeLoader) or {}
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POS.search(str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        raise ParseError(f"invalid TOML: {_TOML_POS.sub('', str(exc)).strip()}", path, line, col) from exc
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", path, exc.lineno, exc.colno) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise ParseError(f"invalid YAML: {getattr(exc, 'problem', exc)}", path, line, col) from exc
    if not isinstance(data, dict):
        raise ParseError("site config is not a table", path, 1, 1)
    return data


def load_site(config_path: Path) -> SiteConfig:
    """Read one configuration file. Raises ParseError with line/column on bad syntax."""
    raw = _read_table(config_path)
    params = _ci_get(raw, "params")
    params = params if isinstance(params, dict) else {}
    images = _ci_get(params, "images")
    if isinstance(images, str):
        images = [images]
    social = _ci_get(params, "social")
    root = config_path.parent
    content_dir = root / str(_ci_get(raw, "contentDir") or "content")
    return SiteConfig(
        root=root,
        config_path=config_path,
        base_url=_str_or_none(_ci_get(raw, "baseURL")),
        title=_str_or_none(_ci_get(raw, "title")) or _str_or_none(_ci_get(params, "title")),
        description=_str_or_none(_ci_get(params, "description")),
        images=tuple(str(i) for i in images or () if i),
        twitter=_str_or_none(_ci_get(social, "twitter")),
        language_code=_str_or_none(_ci_get(raw, "languageCode")),
        content_dir=content_dir,
        raw=raw,
    )


# Directory -> config file (or None). Validating a folder asks about the same few
# directories thousands of times; clear_cache() forgets them (e.g. after a config edit).
_FOUND: dict[Path, Path | None] = {}
_LOADED: dict[Path, tuple[float, SiteConfig]] = {}


def clear_cache() -> None:
    _FOUND.clear()
    _LOADED.clear()


def config_file(folder: Path) -> Path | None:
    """The configuration file that makes `folder` a Hugo site root, or None (not cached)."""
    # Hugo also accepts config/_default/<name> instead of a root file.
    for base in (folder, folder / "config" / "_default"):
        for name in CONFIG_NAMES:
            candidate = base / name
            if candidate.is_file():
                return candidate
    return None


def _config_in(folder: Path) -> Path | None:
    if folder not in _FOUND:
        _FOUND[folder] = config_file(folder)
    return _FOUND[folder]


def _config_above(folder: Path) -> Path | None:
    """The config file of the nearest site at or above `folder` (cached per folder)."""
    key = folder / ".."  # distinct cache key from _config_in's, same dict
    if key in _FOUND:
        return _FOUND[key]
    found = None
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            break
    _FOUND[key] = found
    return found


def find_site(path: str | Path | None) -> SiteConfig | None:
    """The site a file or folder belongs to, or None when no config is above it."""
    if path is None:
        return None
    start = Path(os.path.abspath(path))
    folder = start if start.is_dir() else start.parent
    config = _config_above(folder)
    if config is None:
        return None
    root = config.parent.parent.parent if config.parent.name == "_default" else config.parent
    try:
        mtime = config.stat().st_mtime
    except OSError:
        return None
    cached = _LOADED.get(config)
    if cached and cached[0] == mtime:
        return cached[1]
    site = load_site(config)
    if root != site.root:
        site = dataclasses.replace(
            site, root=root, content_dir=root / str(_ci_get(site.raw, "contentDir") or "content")
        )
    _LOADED[config] = (mtime, site)
    return site
