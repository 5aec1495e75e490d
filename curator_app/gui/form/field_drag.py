"""Reorder fields by dragging a row's handle within its section.

The handle carries the field's key; the section body takes the drop, works out which
movable field the dragged one should land before, and hands the new position to the same
core reorder as the move buttons (one undo step, in the file's own syntax; TOML refuses
with the buttons' message).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QWidget

from curator_app.gui import theme
from curator_app.gui.form.icons import icon

MIME = "application/x-curator-field"


class DragHandle(QLabel):
    """The grip at the left of a movable field's row."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"dragHandle_{key}")
        self.setPixmap(icon("fa5s.grip-vertical").pixmap(12, 16))
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(f"Drag to move '{key}' (or Alt+Shift+Up / Down)")
        self.setAccessibleName(f"Move {key}")
        self.setAccessibleDescription("Drag to reorder this field in the file")
        self._pressed: QPoint | None = None

    def mime_data(self) -> QMimeData:
        data = QMimeData()
        data.setData(MIME, self.key.encode("utf-8"))
        return data

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._pressed = None
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        start = self._pressed
        if start is None or (event.position().toPoint() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._pressed = None
        drag = QDrag(self)
        drag.setMimeData(self.mime_data())
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)


def dragged_key(data: QMimeData | None) -> str | None:
    if data is None or not data.hasFormat(MIME):
        return None
    return bytes(data.data(MIME).data()).decode("utf-8")


class DropArea(QObject):
    """Takes field drops on a section body (an event filter, so the body stays a plain widget).

    ``rows()`` gives the section's movable rows as (key, widget) in form order; ``drop``
    is called with the dragged key and the key it lands before (None: after the last).
    """

    def __init__(
        self,
        body: QWidget,
        rows: Callable[[], list[tuple[str, QWidget]]],
        drop: Callable[[str, str | None], None],
    ) -> None:
        super().__init__(body)
        self.body = body
        self.rows = rows
        self.drop = drop
        self.marker = QFrame(body)
        self.marker.setObjectName("fieldDropMarker")
        self.marker.setFrameShape(QFrame.Shape.HLine)
        theme.style(self.marker, lambda: "color: palette(highlight); background: palette(highlight);")
        self.marker.setFixedHeight(2)
        self.marker.hide()
        body.setAcceptDrops(True)
        body.installEventFilter(self)

    def target(self, y: int) -> tuple[str | None, int]:
        """The key a drop at height ``y`` lands before (None: the end) and the marker's height."""
        rows = self.rows()
        for key, widget in rows:
            box = widget.geometry()
            if y < box.center().y():
                return key, box.top() - 1
        return None, rows[-1][1].geometry().bottom() + 1 if rows else 0

    def _ours(self, event: QDropEvent) -> str | None:
        key = dragged_key(event.mimeData())
        return key if key is not None and key in {k for k, _w in self.rows()} else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is not self.body:
            return False
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # QDragEnterEvent is one too
            if self._ours(event) is None:
                event.ignore()
                return True
            _key, y = self.target(event.position().toPoint().y())
            self.marker.setGeometry(0, y, self.body.width(), 2)
            self.marker.show()
            self.marker.raise_()
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            return True
        if kind == QEvent.Type.DragLeave:
            self.marker.hide()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.marker.hide()
            key = self._ours(event)
            if key is None:
                event.ignore()
                return True
            before, _y = self.target(event.position().toPoint().y())
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            if before != key:
                self.drop(key, before)
            return True
        return False


def step_to(order: list[str], key: str, before: str | None) -> int:
    """How many places ``key`` moves in ``order`` to land just before ``before`` (None: last)."""
    rest = [k for k in order if k != key]
    at = rest.index(before) if before is not None else len(rest)
    return at - order.index(key)
