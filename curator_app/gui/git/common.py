"""Small helpers the git dialogs share: one-line error text, value display, item names."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel

from curator_app.core.algebra.diff import MISSING
from curator_app.core.errors import CuratorError
from curator_app.gui import theme

ABSENT_TEXT = "(absent)"


def error_text(exc: BaseException) -> str:
    """A one-line message for people: the error's own words, never a traceback.

    Git errors carry the repository root as their path; it adds nothing the curator
    needs, so only the message is shown.
    """
    text = exc.message if isinstance(exc, CuratorError) else str(exc) or type(exc).__name__
    return " ".join(text.split())


def value_text(value: Any) -> str:
    """Full text of a front-matter value for side-by-side display (strings stay as typed)."""
    if value is MISSING:
        return ABSENT_TEXT
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, datetime | date):
        return value.isoformat()
    dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    # A scalar dump ends with the document-end marker, which means nothing to a curator.
    return dumped.removesuffix("...\n").rstrip("\n")


def edits_as_text(*samples: Any) -> bool:
    """Values edited as plain text (strings) rather than as YAML (lists, numbers, maps)."""
    real = [s for s in samples if s is not MISSING and s is not None]
    return all(isinstance(s, str) for s in real)


def parse_value_text(text: str, as_text: bool) -> Any:
    """The value a curator typed in an edit box; ValueError with a readable reason."""
    if as_text:
        return text
    try:
        return yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ValueError(f"cannot read the value{where}: {problem}") from None


def item_title(path: Path, limit: int = 90) -> str | None:
    """The item's front-matter title, read cheaply; None when absent or unreadable."""
    from curator_app.core.document.document import Document

    try:
        title = Document.load(path).get(("title",))
    except (CuratorError, OSError, ValueError):
        return None
    if not isinstance(title, str) or not title.strip():
        return None
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


def monospace_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def error_label() -> QLabel:
    """An inline error line: red, wraps, hidden until there is something to say."""
    label = QLabel()
    label.setWordWrap(True)
    theme.style_text(label, "error")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def sentence(text: str) -> str:
    """Capitalise the first letter only (str.capitalize would lower-case the rest)."""
    return text[:1].upper() + text[1:]
