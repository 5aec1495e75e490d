"""Spell checking: prose words only, language variants, personal word list, ignores, lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.lint.engine import lint_document
from curator_app.core.spell.checker import SpellChecker, language_of, normalise_language


@pytest.fixture
def words(tmp_path: Path) -> Path:
    return tmp_path / "config" / "words.txt"


def test_dictionaries_are_installed(words: Path) -> None:
    # setup installs libenchant-2 and Debian's hunspell-en-gb / hunspell-en-us
    for lang in ("en_GB", "en_US"):
        checker = SpellChecker(lang, words)
        assert checker.available, checker.unavailable


def test_only_prose_is_checked(words: Path) -> None:
    checker = SpellChecker("en_GB", words)
    text = (
        'See https://example.org/teh and <a href="recieve" class="teh">teh</a> '
        "{{< figure src=\"teh.png\" >}} `teh` mail teh@example.com #teh @teh content/news/teh.md "
        "uk-launch-teh-plan NHS GenomeUK patient’s recieve"
    )
    found = checker.misspellings(text)
    assert [m.word for m in found] == ["teh", "recieve"]
    assert text[found[0].start : found[0].end] == "teh" and text[found[0].start - 1] == ">"


def test_british_and_american_variants(words: Path) -> None:
    assert [m.word for m in SpellChecker("en-gb", words).misspellings("colour color")] == ["color"]
    assert [m.word for m in SpellChecker("en_US", words).misspellings("colour color")] == ["colour"]
    assert normalise_language("en") == "en_US" and normalise_language("EN-gb") == "en_GB"
    assert language_of({"title": "x"}, "en-gb") == "en_GB"
    assert language_of({"language": "en-US"}, "en-gb") == "en_US"


def test_suggestions_personal_words_and_ignores(words: Path) -> None:
    checker = SpellChecker("en_GB", words)
    assert checker.suggest("recieve")[0] == "receive"
    checker.add_word("Symplur")
    assert words.read_text().split() == ["Symplur"]
    assert SpellChecker("en_GB", words).check("Symplur")  # kept for the next session
    checker.ignore("Hancok")
    assert checker.misspellings("Hancok said") == []
    assert [m.word for m in SpellChecker("en_GB", words).misspellings("Hancok said")] == ["Hancok"]


def test_lint_reports_misspellings_in_title_and_description() -> None:
    doc = Document.from_bytes(b"---\ntitle: Hospitals recieve new funding\ndescription: A teh plan.\nbody: x\n---\n")
    found = [f for f in lint_document(doc) if f.code == "CC304"]
    assert [(f.field, f.severity, f.line) for f in found] == [(("title",), "info", 2), (("description",), "info", 3)]
    assert "'recieve' (did you mean 'receive'" in found[0].message


def test_a_word_cut_by_an_export_is_not_called_misspelt(seed_path: Path) -> None:
    found = [f for f in lint_document(Document.load(seed_path)) if f.code == "CC304"]
    assert all("annou" not in f.message for f in found)
    assert any(f.code == "CC303" for f in lint_document(Document.load(seed_path)))


def test_suggestions_are_asked_once_a_word_and_follow_the_personal_list(words: Path) -> None:
    checker = SpellChecker("en_GB", words)
    first = checker.suggest("Symplurr", limit=10)
    assert "Symplur" not in first
    assert checker.suggest("Symplurr", limit=10) == first and checker.suggest("Symplurr", limit=1) == first[:1]
    checker.add_word("Symplur")  # a word added may be the suggestion now: nothing stale is kept
    assert "Symplur" in checker.suggest("Symplurr", limit=10)


def test_enchant_is_found_without_running_ldconfig(tmp_path: Path) -> None:
    # pyenchant's own search runs `ldconfig -p` through ctypes.util.find_library on every
    # start; the checker names the system library instead (a fresh process: the library
    # loads once per process).
    import os
    import subprocess
    import sys

    probe = (
        "import ctypes.util, sys\n"
        "def refuse(name): raise AssertionError('find_library(' + repr(name) + ') was called')\n"
        "ctypes.util.find_library = refuse\n"
        "from curator_app.core.spell.checker import SpellChecker\n"
        f"checker = SpellChecker('en_GB', __import__('pathlib').Path({str(tmp_path / 'words.txt')!r}))\n"
        "assert checker.available, checker.unavailable\n"
        "assert not checker.check('recieve') and checker.check('receive')\n"
        "print(__import__('os').environ['PYENCHANT_LIBRARY_PATH'])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYENCHANT_LIBRARY_PATH"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).name.startswith("libenchant-2.so")
