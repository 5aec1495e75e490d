"""The live preview pane (QtWebEngine). Call register_schemes() before the first web view.

Importing this package loads no QtWebEngine module: the window is shown first and the
web engine (about a third of Qt's load time) is brought in afterwards (see gui/app.py).
"""


def register_schemes() -> None:
    from curator_app.gui.preview.schemes import register_schemes as register

    register()


__all__ = ["register_schemes"]
