"""How much the preview must shrink so the widest card fits the pane without clipping.

A reviewer judges where a platform cuts a title; a cut made by the pane's own edge would
look like the platform's, so the page scales as a whole instead, and says so.
"""

from __future__ import annotations

# The search result (600 px) is the widest fixed-width card; the stage and page padding
# add 16 px on each side twice. Checked against the rendered page by the preview tests.
WIDEST_CARD_PX = 664
# Chromium's vertical scrollbar is drawn at device size, whatever the zoom.
SCROLLBAR_PX = 16
MIN_ZOOM = 0.4  # below this the text is unreadable; the pane's minimum width keeps us above
FULL_WIDTH_PX = WIDEST_CARD_PX + SCROLLBAR_PX + 4


def fit_zoom(view_width: int) -> float:
    """The zoom factor at which the widest card fills at most the view's width."""
    usable = max(1, view_width - SCROLLBAR_PX)
    zoom = min(1.0, usable / WIDEST_CARD_PX)
    # Round down to whole percent so the note states the factor actually used.
    return max(MIN_ZOOM, int(zoom * 100) / 100)


def scale_note(zoom: float) -> str:
    if zoom >= 1.0:
        return ""
    return f"Cards at {round(zoom * 100)}% to fit"
