"""Shared helpers for subcommands: finding content files and reporting errors."""

from __future__ import annotations

import sys

# Which files a folder holds is the content tree's decision, the same for every command.
from curator_app.core.site.tree import item_files as content_files

__all__ = ["content_files", "error"]


def error(message: object) -> None:
    print(str(message), file=sys.stderr)
