"""What the window's commands and events do, one module per area.

Each handler class works on the window's parts (`curator_app.gui.parts`) and is given
the other areas it uses when it is made, so that the areas stand in one order
(sessions ← saving ← folders, saving ← vcs) and each keeps only its own state. Which
signal reaches which handler is `curator_app.gui.wiring`: nothing here connects one.
"""

from __future__ import annotations

from curator_app.gui.parts import WindowParts


class Actions:
    """The handlers of one area of the window."""

    def __init__(self, parts: WindowParts) -> None:
        self.parts = parts
