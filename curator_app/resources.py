"""Locate the plain-file resources (icons, templates, schemas) and the bundled content.

Works from a source tree / editable install (resources/ next to curator_app/) and from a
PyInstaller bundle, where the spec copies resources/ and content/ under sys._MEIPASS.
No Qt here: core modules (schemas, templates) use it too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def base_dir() -> Path:
    """The directory that holds resources/ and content/."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    override = os.environ.get("CURATOR_RESOURCES")
    return Path(override) if override else base_dir() / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. resource_path("icons", "curator.svg")."""
    return resources_dir().joinpath(*parts)


def bundled_content_dir() -> Path:
    """The sample content/ folder shipped with the app (the default with no PATH)."""
    return base_dir() / "content"


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG, or the PNG rendered at `size` pixels."""
    if size is None:
        return resource_path("icons", "curator.svg")
    return resource_path("icons", f"curator-{size}.png")


ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
