"""What the window's commands and events do, one module per area.

`curator_app.gui.wiring` builds the panes and connects every signal to one of these
handlers; nothing here connects signals. A handler reaches the window's parts (tabs,
library, menus, git, preview) and the other areas' handlers through the `Workbench`
it is given, so each area keeps only its own state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curator_app.gui.wiring import Workbench


class Actions:
    """The handlers of one area of the window."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
