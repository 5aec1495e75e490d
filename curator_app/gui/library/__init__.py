"""The library pane: list, search and filter the items of a content folder."""

from curator_app.gui.library.pane import LibraryPane

__all__ = ["LibraryPane"]
