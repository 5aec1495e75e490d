"""Which words of a text are misspelt, and what they might have been.

Enchant picks the Hunspell dictionaries installed by the system (Debian's hunspell-en-gb,
hunspell-en-us); the personal word list is a plain file, one word per line, shared by
every item and by the CLI's lint. Without Enchant or a dictionary the checker says why
and finds nothing, so the editor never fails because of spelling.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_LANGUAGE = "en_US"
# Enchant and Hunspell are not thread-safe, and one dictionary serves the editor (GUI
# thread) and lint (the preview's render thread): every call into it holds this lock.
_ENCHANT = threading.RLock()
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*")
# Stretches that are not prose: URLs, e-mail addresses, @handles, #hashtags, paths,
# slugs (word-word-word), inline code, HTML tags, entities and Hugo shortcodes.
_NOT_PROSE = re.compile(
    r"""<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^>]*>?|\{\{[<%].*?(?:[%>]\}\}|\Z)|&\#?\w+;
      |`[^`]*`|<code>.*?</code>
      |\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+\.\w+|[@\#]\w+
      |[\w.~-]*[/\\][\w./\\~-]+|\b\w+(?:-\w+){2,}\b|\b\w+\.(?:com|org|net|io|uk|gov|edu)\b""",
    re.S | re.X | re.I,
)


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str


def normalise_language(code: str | None) -> str:
    """'en-gb', 'en_GB', 'en-GB' -> 'en_GB'; 'en' and nothing -> the default (en_US)."""
    if not code:
        return DEFAULT_LANGUAGE
    lang, _, region = code.replace("-", "_").partition("_")
    if not region:
        return DEFAULT_LANGUAGE if lang.lower() == "en" else lang.lower()
    return f"{lang.lower()}_{region.upper()}"


def language_of(data: Mapping[str, Any], site_language: str | None = None) -> str:
    """The item's language (`language`, `lang`, `locale`), else the site's `languageCode`."""
    for key in ("language", "lang", "languageCode", "locale"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return normalise_language(value.strip())
    return normalise_language(site_language)


def personal_words_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("curator", appauthor=False)) / "words.txt"


def prose_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _NOT_PROSE.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def _skip(word: str) -> bool:
    # Acronyms (NHS, BAME) and brand-style names with inner capitals (GenomeUK, iPhone).
    return len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:])


class SpellChecker:
    """One language with the personal word list; `ignored` holds this item's ignores."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, personal: Path | None = None) -> None:
        self.language = normalise_language(language)
        self.personal = personal if personal is not None else personal_words_path()
        self.ignored: set[str] = set()
        # Items repeat their vocabulary (and the library lints thousands of them): a word is
        # looked up in the dictionary once per checker.
        self._known: dict[str, bool] = {}
        # Asking for suggestions takes 10-50 ms a word, and lint asks again after each pause
        # in typing for the same few words of the title and description.
        self._suggested: dict[str, list[str]] = {}
        self.unavailable: str | None = None
        self._dict: Any = None
        try:
            self._dict = _dictionary(self.language, str(self.personal))
        except _Unavailable as exc:
            self.unavailable = str(exc)

    @property
    def available(self) -> bool:
        return self._dict is not None

    def check(self, word: str) -> bool:
        if self._dict is None or _skip(word) or word in self.ignored:
            return True
        known = self._known.get(word)
        if known is None:
            with _ENCHANT:
                known = bool(self._dict.check(word.replace("’", "'")))
            self._known[word] = known
        return known

    def misspellings(self, text: str) -> list[Misspelling]:
        found: list[Misspelling] = []
        if self._dict is None:
            return found
        for lo, hi in prose_spans(text):
            for m in _WORD.finditer(text, lo, hi):
                if not self.check(m.group(0)):
                    found.append(Misspelling(m.start(), m.end(), m.group(0)))
        return found

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        if self._dict is None:
            return []
        found = self._suggested.get(word)
        if found is None:
            with _ENCHANT:
                found = [s for s in self._dict.suggest(word.replace("’", "'")) if s != word]
            self._suggested[word] = found
        return found[:limit]

    def add_word(self, word: str) -> None:
        """Add to the personal word list (the file is created on first use)."""
        if self._dict is None:
            return
        self.personal.parent.mkdir(parents=True, exist_ok=True)
        with _ENCHANT:
            self._dict.add(word)
        self._known[word] = True
        self._suggested.clear()  # the word may now be suggested for others

    def ignore(self, word: str) -> None:
        self.ignored.add(word)

    def ignore_all(self, words: Iterable[str]) -> None:
        self.ignored.update(words)


class _Unavailable(Exception):
    pass


@cache
def checker_for(language: str) -> SpellChecker:
    """A shared checker per language with the personal word list (lint uses these)."""
    return SpellChecker(language)


def _point_at_library() -> None:
    """Tell pyenchant where libenchant-2 is when the system's library folder has it: left
    to itself it runs `ldconfig -p` (a new process, and its output parsed in Python) on
    every start."""
    import os
    import sysconfig

    if os.environ.get("PYENCHANT_LIBRARY_PATH"):
        return
    arch = sysconfig.get_config_var("MULTIARCH")
    folders = [f"/usr/lib/{arch}"] if arch else []
    for folder in [*folders, "/usr/lib64", "/usr/lib"]:
        candidate = Path(folder, "libenchant-2.so.2")
        if candidate.is_file():
            os.environ["PYENCHANT_LIBRARY_PATH"] = str(candidate)
            return


@cache
def _dictionary(language: str, personal: str) -> Any:
    """One Enchant dictionary per language and word list per process (loading takes ms)."""
    _point_at_library()
    try:
        import enchant
    except ImportError as exc:  # the C library libenchant-2 is missing
        raise _Unavailable(f"spell checking needs Enchant: {exc}") from exc
    with _ENCHANT:
        exists = enchant.dict_exists(language)
    if not exists:
        raise _Unavailable(f"no {language} dictionary installed (Debian: hunspell-{language.lower().replace('_', '-')})")
    Path(personal).parent.mkdir(parents=True, exist_ok=True)
    with _ENCHANT:
        return enchant.DictWithPWL(language, personal)
