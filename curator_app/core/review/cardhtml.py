"""Each card of an item before and after a change, as the preview's own HTML.

The cards are the preview's sections (same templates, same stylesheet), so they look in
the report exactly as in the app, and no browser is needed to make them. Each side sits
in a `.rc` element and the preview stylesheet is wrapped in `@scope (.rc)`, so the
report's styles and the cards' cannot reach each other. The two sides are compared token
by token (tags whole, words, entities) and the changed words are wrapped in `<mark>`: a
title that now wraps onto another line marks the title, nothing else. A card whose two
sides are identical is rendered once.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator_app.core.preview.cards import CARD_KINDS
from curator_app.core.preview.page import build_preview
from curator_app.core.review.embed import ImageEmbedder, Reader

if TYPE_CHECKING:
    from curator_app.core.document.document import Document

SCOPE = "rc"
IMAGE_CHANGED = "(image)"
_ROOTS = re.compile(r"(?<![\w.#-])(?::root|html|body|#cards)(?![\w-])")
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|\w+|\s+|[^\w\s]")
_SECTION_ID = re.compile(r'\sid="card-[a-z]+"')
_PICTURE = re.compile(r'^<img\b[^>]*\sclass="ri (ri-\d+)')
_LINT_START = '<div class="card-lint">'
# Beyond this many differing tokens, popular tokens (spaces, commas) are treated as junk
# so one long rewritten body cannot make the comparison quadratic.
_EXACT_LIMIT = 4000
_FOLD_WORDS = 2  # kept words between two changes that still count as one change


@dataclass(frozen=True)
class CardPair:
    kind: str
    before: str | None  # the card's HTML at the old revision, marked; None: absent there
    after: str | None  # the card's HTML now, marked; None: absent (deleted or unparsable)
    same: bool = False  # both sides show the same card (lint notes aside)
    once: bool = False  # the item's bytes did not change: the card is rendered once
    removed: tuple[str, ...] = ()  # the marked text on the before side
    added: tuple[str, ...] = ()  # the marked text on the after side

    @property
    def changed(self) -> bool:
        return not self.same and (self.before is not None or self.after is not None)


def scoped_css(css: str) -> str:
    """A page stylesheet as rules that apply only inside `.rc` (its root is the scope)."""
    return f"@scope (.{SCOPE}) {{\n{_ROOTS.sub(':scope', css)}\n}}"


class CardRenderer:
    """Renders items' cards for one report; every image is embedded once in `embedder`."""

    def __init__(self, content_root: Path, embedder: ImageEmbedder, now_reader: Reader,
                 allow_remote: bool = False) -> None:
        self.content_root = content_root
        self.embedder = embedder
        self.now_reader = now_reader
        self.allow_remote = allow_remote

    def sections(self, doc: Document | None, read: Reader) -> dict[str, str]:
        """The doc's card sections with their images embedded; {} for no document."""
        if doc is None:
            return {}
        preview = build_preview(doc, self.content_root, allow_remote=self.allow_remote)
        return {
            kind: _SECTION_ID.sub("", self.embedder.html(section, read))
            for kind, section in preview.sections.items()
            if kind in CARD_KINDS
        }

    def pairs(self, before_doc: Document | None, after_doc: Document | None, old_reader: Reader,
              same_bytes: bool) -> list[CardPair]:
        after = self.sections(after_doc, self.now_reader)
        if same_bytes and after:
            return [CardPair(kind, html, html, same=True, once=True) for kind, html in after.items()]
        before = self.sections(before_doc, old_reader)
        out = []
        for kind in CARD_KINDS:
            old, new = before.get(kind), after.get(kind)
            if old is None or new is None:
                if old is not None or new is not None:
                    out.append(CardPair(kind, old, new))
                continue
            (old_card, old_lint), (new_card, new_lint) = _split(old), _split(new)
            if old_card == new_card:
                # Only its lint notes moved: the card itself looks the same.
                out.append(CardPair(kind, old, new, same=True))
                continue
            marked_old, marked_new, removed, added = mark_changes(old_card, new_card)
            out.append(CardPair(kind, marked_old + old_lint, marked_new + new_lint,
                                removed=tuple(removed), added=tuple(added)))
        return out


def _split(section: str) -> tuple[str, str]:
    """The card as platforms show it, and the lint notes under it (compared on their own
    in the report's lint section, not marked word by word here)."""
    at = section.find(_LINT_START)
    return (section, "") if at < 0 else (section[:at], section[at:])


def mark_changes(old: str, new: str) -> tuple[str, str, list[str], list[str]]:
    """Both HTML texts with the words only one of them has in `<mark>`, and those words."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    exact = len(mid_a) + len(mid_b) <= _EXACT_LIMIT
    matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=not exact)
    out_a, out_b = a[:head], b[:head]
    removed: list[str] = []
    added: list[str] = []
    for op, i1, i2, j1, j2 in _coalesced(matcher.get_opcodes(), mid_a):
        if op == "equal":
            out_a += mid_a[i1:i2]
            out_b += mid_b[j1:j2]
            continue
        # An image counts as changed when its picture does (not its alt text, the title).
        pics_a, pics_b = _pictures(mid_a[i1:i2]), _pictures(mid_b[j1:j2])
        out_a.append(_mark(mid_a[i1:i2], "chg-del", removed, pics_b))
        out_b.append(_mark(mid_b[j1:j2], "chg-add", added, pics_a))
    out_a += a[len(a) - tail :]
    out_b += b[len(b) - tail :]
    return "".join(out_a), "".join(out_b), removed, added


def _coalesced(opcodes: Sequence[tuple[str, int, int, int, int]], a: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with short kept text between two changes folded into one change, so a
    rewritten title is one mark, not five around the words it happens to keep."""
    out: list[tuple[str, int, int, int, int]] = []
    for k, code in enumerate(opcodes):
        op, i1, i2, j1, j2 = code
        inner = 0 < k < len(opcodes) - 1
        if op == "equal" and inner and _short_text(a[i1:i2]):
            op = "replace"
        if out and op != "equal" and out[-1][0] != "equal":
            _, p1, _p2, q1, _q2 = out.pop()
            code = ("replace", p1, i2, q1, j2)
        else:
            code = (op, i1, i2, j1, j2)
        out.append(code)
    return out


def _short_text(tokens: list[str]) -> bool:
    words = [t for t in tokens if not t.isspace()]
    return len(words) <= _FOLD_WORDS and not any(t.startswith("<") for t in tokens)


def _pictures(tokens: list[str]) -> set[str]:
    return {m.group(1) for t in tokens if t.startswith("<") and (m := _PICTURE.search(t))}


def _mark(tokens: list[str], css_class: str, found: list[str], other_pictures: set[str]) -> str:
    """Changed tokens: text runs wrapped in <mark>, tags kept (a changed image outlined)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        run.clear()
        if not text.strip():
            out.append(text)
            return
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(f'{lead}<mark class="chg {css_class}">{text.strip()}</mark>{trail}')
        found.append(re.sub(r"\s+", " ", html.unescape(text.strip())))

    for token in tokens:
        if not token.startswith("<"):
            run.append(token)
            continue
        flush()
        picture = _PICTURE.search(token)
        if picture is not None and picture.group(1) not in other_pictures:
            token = token.replace(' class="ri ', ' class="chg ri ', 1)
            found.append(IMAGE_CHANGED)
        out.append(token)
    flush()
    return "".join(out)
