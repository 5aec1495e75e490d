"""The one way the GUI asks the curator something or tells them something.

Panes and their handlers never build a QMessageBox, exec() a dialog or open a file chooser
themselves: they call `ask`, `tell`, `run` or `choose_*` here. A responder installed with
`set_responder` answers instead of the curator (the tests do this: answers come back
synchronously and every question is recorded, so no test drives a modal with timers).
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from curator_app.gui.a11y import named


class Level(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    QUESTION = "question"


class Kind(enum.Enum):
    ASK = "ask"  # a question with buttons; the answer is a choice's label or None
    TELL = "tell"  # a message; no answer
    RUN = "run"  # a custom dialog; the answer is its result code
    CHOOSE = "choose"  # a file or folder chooser; the answer is a path or None
    TEXT = "text"  # one line typed by the curator; the answer is the text or None


@dataclass(frozen=True)
class Request:
    """What the curator is asked or told, as a responder sees it."""

    kind: Kind
    name: str  # a stable identifier ("unsaved-changes"), independent of the wording
    title: str
    text: str = ""
    detail: str = ""
    choices: tuple[str, ...] = ()
    level: Level = Level.INFO
    dialog: QDialog | None = None  # for RUN: the dialog, built and filled, not yet shown
    default: str | None = None  # for ASK: the choice Enter picks


# Returns the answer: a label or None (ASK), an int result code or None (RUN: None means
# "use dialog.result()", e.g. after clicking its buttons), a Path or None (CHOOSE).
Responder = Callable[[Request], object]

CANCEL = "Cancel"
# Labels that map onto Qt's standard buttons, so they get the platform's order and shortcuts.
_STANDARD = {
    "Save": QMessageBox.StandardButton.Save,
    "Discard": QMessageBox.StandardButton.Discard,
    CANCEL: QMessageBox.StandardButton.Cancel,
    "OK": QMessageBox.StandardButton.Ok,
}
_ICONS = {
    Level.INFO: QMessageBox.Icon.Information,
    Level.WARNING: QMessageBox.Icon.Warning,
    Level.ERROR: QMessageBox.Icon.Critical,
    Level.QUESTION: QMessageBox.Icon.Question,
}

_responder: Responder | None = None
_open_boxes: list[QMessageBox] = []  # non-modal messages live until closed


def set_responder(responder: Responder | None) -> Responder | None:
    """Answer every request with `responder` (None: ask the curator). Returns the previous one."""
    global _responder
    previous, _responder = _responder, responder
    return previous


def ask(
    parent: QWidget | None,
    name: str,
    title: str,
    text: str,
    choices: Sequence[str],
    *,
    default: str | None = None,
    detail: str = "",
    level: Level = Level.QUESTION,
) -> str | None:
    """Ask with one button per choice; the chosen label, or None for Cancel or a closed box."""
    with keeping_focus():
        return _ask(parent, Request(Kind.ASK, name, title, text, detail, tuple(choices), level, default=default))


def _ask(parent: QWidget | None, request: Request) -> str | None:
    name, choices, default = request.name, request.choices, request.default
    if _responder is not None:
        answer = _responder(request)
        if answer is not None and answer not in request.choices:
            raise ValueError(f"{name}: {answer!r} is not one of {request.choices}")
        return None if answer is None or answer == CANCEL else str(answer)
    box = _box(parent, request)
    buttons: dict[QPushButton, str] = {}
    for label in choices:
        standard = _STANDARD.get(label)
        if standard is not None:
            buttons[box.addButton(standard)] = label
        else:
            buttons[box.addButton(label, QMessageBox.ButtonRole.ActionRole)] = label
    for button, label in buttons.items():
        named(button, label, f"Answers “{request.title}”: {request.text}")
    if default is not None:
        box.setDefaultButton(next(b for b, label in buttons.items() if label == default))
    box.exec()
    clicked = box.clickedButton()
    answer = next((label for button, label in buttons.items() if button is clicked), None)
    box.deleteLater()
    return None if answer == CANCEL else answer


def tell(
    parent: QWidget | None,
    name: str,
    title: str,
    text: str,
    *,
    detail: str = "",
    level: Level = Level.INFO,
    modal: bool = True,
) -> None:
    """Show a message; `modal=False` returns at once and keeps the box open (crash reports)."""
    request = Request(Kind.TELL, name, title, text, detail, (), level)
    if _responder is not None:
        _responder(request)
        return
    box = _box(parent, request)
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    named(ok, "OK", f"Close the message “{title}”")
    if modal:
        box.exec()
        box.deleteLater()
        return
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box))
    box.open()


def about(parent: QWidget | None, title: str, html: str) -> None:
    """The Help ▸ About box (the application icon, rich text)."""
    request = Request(Kind.TELL, "about", title, html)
    if _responder is not None:
        _responder(request)
        return
    QMessageBox.about(parent, title, html)


def run(dialog: QDialog, name: str | None = None) -> int:
    """Show a custom dialog modally; its result code (QDialog.DialogCode)."""
    request = Request(Kind.RUN, name or dialog.objectName(), dialog.windowTitle(), dialog=dialog)
    with keeping_focus():
        if _responder is not None:
            code = _responder(request)
            if isinstance(code, int):
                dialog.done(code)
            return int(dialog.result())
        return int(dialog.exec())


@contextlib.contextmanager
def keeping_focus() -> Iterator[None]:
    """Give the focus back to the widget that had it once a question is answered.

    A modal box takes the focus; when it closes, Qt hands it to whichever widget comes
    first, often the library's search box, so the next key the curator types while
    editing would filter the library instead. What the answer itself does (open an item,
    close a tab) comes after this, so a deliberate move of the focus still wins.
    """
    app = QApplication.instance()
    before = app.focusWidget() if isinstance(app, QApplication) else None
    try:
        yield
    finally:
        if (
            before is not None
            and shiboken6.isValid(before)
            and before.isVisible()
            and before.isEnabled()
            and QApplication.focusWidget() is not before
        ):
            before.setFocus()


def ask_text(parent: QWidget | None, name: str, title: str, label: str, text: str = "") -> str | None:
    """One line typed by the curator, stripped; None when cancelled or left empty."""
    request = Request(Kind.TEXT, name, title, label, text)
    with keeping_focus():
        if _responder is not None:
            answer = _responder(request)
        else:
            typed, ok = QInputDialog.getText(parent, title, label, text=text)
            answer = typed if ok else None
    return (str(answer).strip() or None) if answer is not None else None


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    request = Request(Kind.CHOOSE, "choose-folder", title, str(start or ""))
    if _responder is not None:
        return _path_or_none(_responder(request))
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start or ""))
    return Path(chosen) if chosen else None


def choose_save_file(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    request = Request(Kind.CHOOSE, "choose-save-file", title, str(suggested))
    if _responder is not None:
        return _path_or_none(_responder(request))
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested))
    return Path(chosen) if chosen else None


def choose_open_file(parent: QWidget | None, title: str, start: str, filters: str) -> Path | None:
    request = Request(Kind.CHOOSE, "choose-open-file", title, start)
    if _responder is not None:
        return _path_or_none(_responder(request))
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, start, filters)
    return Path(chosen) if chosen else None


def _path_or_none(answer: object) -> Path | None:
    return Path(str(answer)) if answer else None


def _box(parent: QWidget | None, request: Request) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName(request.name)
    box.setIcon(_ICONS[request.level])
    box.setWindowTitle(request.title)
    box.setText(request.text)
    if request.detail:
        box.setInformativeText(request.detail)
    return box
