"""QtAwesome icons, created once (building a font icon costs more than a lookup)."""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon

SEVERITY_ICONS = {
    "error": ("fa5s.exclamation-circle", "#c62828"),
    "warning": ("fa5s.exclamation-triangle", "#e69100"),
    "info": ("fa5s.info-circle", "#1e6fd9"),
}


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    if color:
        return qtawesome.icon(name, color=color)
    return qtawesome.icon(name)


def severity_icon(severity: str) -> QIcon:
    name, color = SEVERITY_ICONS.get(severity, SEVERITY_ICONS["info"])
    return icon(name, color)
