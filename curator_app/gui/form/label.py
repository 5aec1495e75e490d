"""Field labels that cannot squeeze their input: long keys are elided in the middle.

Real files carry keys such as ``uspto-patent-family-members-publication-numbers``; a form
layout gives a label all the width it asks for, so an unbounded label leaves the input
none. The full text stays in the tooltip and the accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

LABEL_CHARS = 22  # about the longest schema label ("Twitter image alt text")


def field_label(text: str, suffix: str = "", parent: QWidget | None = None) -> QLabel:
    """A label showing at most LABEL_CHARS average characters of ``text`` (then ``suffix``)."""
    label = QLabel(parent)
    metrics = label.fontMetrics()
    limit = LABEL_CHARS * metrics.averageCharWidth()
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, limit)
    label.setText(shown + suffix)
    label.setAccessibleName(text)
    if shown != text:
        label.setToolTip(text)
    return label
