"""First-run window and pane sizes, chosen from the screen the window opens on.

Later runs restore what the user left; these only decide the first impression, which
must fit a 1280×800 laptop as well as a 1920×1080 monitor.
"""

from __future__ import annotations

from PySide6.QtCore import QRect

from curator_app.gui.preview.fit import FULL_WIDTH_PX

FULL_SCREEN_UP_TO = 1680  # on screens this narrow every pixel goes to the window
SHARE_OF_LARGE_SCREEN = 0.9
LIBRARY_SHARE = 0.2
LIBRARY_MIN, LIBRARY_MAX = 260, 400
EDITOR_MIN = 520  # the form's labels and inputs, stacked above the body editor


def first_run_geometry(available: QRect) -> QRect:
    """The window's first frame: the whole available area on small screens, else 90 % centred."""
    if available.width() <= FULL_SCREEN_UP_TO:
        return QRect(available)
    width = int(available.width() * SHARE_OF_LARGE_SCREEN)
    height = int(available.height() * SHARE_OF_LARGE_SCREEN)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def first_run_pane_sizes(width: int) -> list[int]:
    """Library, editor, preview widths: the preview gets its full card width when the editor
    can keep EDITOR_MIN; otherwise it shrinks (and the preview scales its cards)."""
    library = max(LIBRARY_MIN, min(LIBRARY_MAX, int(width * LIBRARY_SHARE)))
    preview = max(0, min(FULL_WIDTH_PX, width - library - EDITOR_MIN))
    return [library, width - library - preview, preview]
