"""Persistent GUI settings (QSettings): window state, last and recent folders."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QTimer

ORGANIZATION = "Curator"
APPLICATION = "Curator"
MAX_RECENT = 8
# Writing the file syncs it to disk (several ms): changes made together (opening a folder
# and its item at start-up) are written once, this long after the first of them.
SYNC_DELAY_MS = 500

_GEOMETRY = "window/geometry"
_STATE = "window/state"
_SPLITTER = "window/splitter-v2"  # v2: library / editor tabs / preview
_LAST_FOLDER = "folders/last"
_RECENT = "folders/recent"
_RECENT_FILES = "files/recent"
_OPEN_ITEMS = "open-items"  # one group per folder: the tabs open when it was last left


def _strings(value: object) -> list[str]:
    # INI storage returns a bare str for one-element lists.
    items = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]
    return [p for p in items if isinstance(p, str) and p]


def open_settings() -> QSettings:
    """The one settings store; an INI file so it is readable and easy to reset."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


class Settings:
    """Typed access to the handful of keys the GUI remembers."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else open_settings()
        self._sync_pending = False

    def _sync_soon(self) -> None:
        """Write the file shortly (this process sees the change at once either way; Qt also
        writes it when the store goes); at once when no event loop can run the timer."""
        if QCoreApplication.instance() is None:
            self._store.sync()
        elif not self._sync_pending:
            self._sync_pending = True
            QTimer.singleShot(SYNC_DELAY_MS, self._sync_now)

    def _sync_now(self) -> None:
        self._sync_pending = False
        self._store.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes(_SPLITTER)

    def save_window(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._store.setValue(_GEOMETRY, geometry)
        self._store.setValue(_STATE, state)
        self._store.setValue(_SPLITTER, splitter)
        self._store.sync()

    def last_folder(self) -> Path | None:
        value = self._store.value(_LAST_FOLDER)
        if isinstance(value, str) and value and Path(value).exists():
            return Path(value)
        return None

    def recent_folders(self) -> list[Path]:
        return [Path(p) for p in _strings(self._store.value(_RECENT)) if Path(p).exists()]

    def remember_folder(self, folder: Path) -> None:
        folder = folder.resolve()
        recent = [p for p in self.recent_folders() if p.resolve() != folder]
        recent.insert(0, folder)
        self._store.setValue(_LAST_FOLDER, str(folder))
        self._store.setValue(_RECENT, [str(p) for p in recent[:MAX_RECENT]])
        self._sync_soon()

    def recent_files(self) -> list[Path]:
        return [Path(p) for p in _strings(self._store.value(_RECENT_FILES)) if Path(p).is_file()]

    def remember_file(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_files() if p.resolve() != path]
        recent.insert(0, path)
        self._store.setValue(_RECENT_FILES, [str(p) for p in recent[:MAX_RECENT]])
        self._sync_soon()

    def clear_recent_files(self) -> None:
        self._store.remove(_RECENT_FILES)
        self._sync_soon()

    def clear_recent(self) -> None:
        self._store.remove(_RECENT)
        self._sync_soon()

    def open_items(self, folder: Path) -> tuple[list[str], str | None]:
        """The items (paths relative to `folder`) open when it was last left, and the current one."""
        group = _open_items_group(folder)
        current = self._store.value(f"{group}/current")
        return _strings(self._store.value(f"{group}/items")), current if isinstance(current, str) and current else None

    def remember_open_items(self, folder: Path, items: list[str], current: str | None) -> None:
        group = _open_items_group(folder)
        self._store.remove(group)
        self._store.setValue(f"{group}/folder", str(folder.resolve()))  # for a person reading the file
        self._store.setValue(f"{group}/items", items)
        self._store.setValue(f"{group}/current", current or "")
        self._sync_soon()

    def bool_value(self, key: str, default: bool = False) -> bool:
        value = self._store.value(f"options/{key}", default)
        return value in (True, "true", "1", 1)

    def set_value(self, key: str, value: object) -> None:
        self._store.setValue(f"options/{key}", value)
        self._sync_soon()


def _open_items_group(folder: Path) -> str:
    # A folder path is no settings key (slashes nest groups): a short digest of it is.
    return f"{_OPEN_ITEMS}/{hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]}"
