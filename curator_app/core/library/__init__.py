"""The content library: scan a folder, cache its items in SQLite, search, bulk-edit."""

from curator_app.core.library.index import Item, LibraryIndex, RefreshResult

__all__ = ["Item", "LibraryIndex", "RefreshResult"]
