"""The editor's one spell checker: the open item's language, its ignored words, and a
signal that tells every underline to redraw when any of that changes.

A language's dictionary loads on a worker thread (Enchant's C calls let the window's
thread go on): 20-30 ms on an idle machine and over 100 ms on a busy one, which used to
freeze the window when an item in a new language opened. Its underlines appear when it is
ready."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from curator_app.core.spell.checker import Misspelling, SpellChecker


class SpellService(QObject):
    sig_changed = Signal()
    _sig_loaded = Signal(object)  # a SpellChecker made on a worker thread

    def __init__(self, personal: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.personal = personal
        self.enabled = True
        self.checker: SpellChecker | None = None
        self._ignored: dict[str, set[str]] = {}  # item path -> words ignored in that item
        self._item = ""
        # Start-up: loading a dictionary (20-30 ms) waits until the window has painted.
        self.held = False
        self._language: str | None = None
        self._loading: set[str] = set()
        self._sig_loaded.connect(self._on_loaded)  # queued: emitted from the worker thread

    def hold(self) -> None:
        """Until release(), open_item() only notes the language; nothing is underlined."""
        self.held = True

    def release(self) -> None:
        """Load the dictionary the held open_item() asked for, and underline with it."""
        if self.held:
            self.held = False
            if self._language is not None:
                self.open_item(self._item, self._language)

    def open_item(self, path: Path | str | None, language: str) -> None:
        """The item now being edited, and its language."""
        self._item, self._language = str(path or ""), language
        if self.held:
            return
        if self.checker is None or self.checker.language != language:
            self.checker = None  # nothing is underlined in the wrong language meanwhile
            self._load(language)
            return
        self.checker.ignored = self._ignored.setdefault(self._item, set())
        self.sig_changed.emit()

    def loading(self) -> bool:
        """A dictionary is being loaded for the open item."""
        return bool(self._loading)

    def _load(self, language: str) -> None:
        if language in self._loading:
            return
        self._loading.add(language)
        personal = self.personal
        threading.Thread(target=lambda: self._sig_loaded.emit(SpellChecker(language, personal)),
                         name="curator-dictionary", daemon=True).start()

    def _on_loaded(self, checker: SpellChecker) -> None:
        self._loading.discard(checker.language)
        if checker.language == self._language and not self.held:
            self.checker = checker
            checker.ignored = self._ignored.setdefault(self._item, set())
            self.sig_changed.emit()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.sig_changed.emit()

    def misspellings(self, text: str) -> list[Misspelling]:
        if not self.enabled or self.checker is None:
            return []
        return self.checker.misspellings(text)

    def is_misspelt(self, word: str) -> bool:
        return bool(self.enabled and self.checker is not None and not self.checker.check(word))

    def suggest(self, word: str) -> list[str]:
        return self.checker.suggest(word) if self.checker is not None else []

    def add_word(self, word: str) -> None:
        if self.checker is not None:
            self.checker.add_word(word)
        self.sig_changed.emit()

    def ignore(self, word: str) -> None:
        if self.checker is not None:
            self.checker.ignore(word)
        self.sig_changed.emit()


_service: SpellService | None = None


def spell_service() -> SpellService:
    """The application's spell service (created on first use)."""
    global _service
    if _service is None:
        _service = SpellService()
    return _service
