"""The live preview pane (QtWebEngine). Call register_schemes() before creating the QApplication."""

from curator_app.gui.preview.schemes import register_schemes

__all__ = ["register_schemes"]
