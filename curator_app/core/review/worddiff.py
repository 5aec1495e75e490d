"""Word-level diff of an item's body, so one edited word does not show as a changed line."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Tags stay whole (a changed attribute is one token), words and punctuation stand alone,
# and runs of whitespace are their own tokens so the joined segments rebuild both texts.
_TOKEN = re.compile(r"<[^>]*>|\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    op: str  # "=" kept, "-" only before, "+" only after
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments whose "=" and "-" parts spell `old` and whose "=" and "+" parts spell `new`."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    return out


def changed_words(segments: list[Segment]) -> tuple[int, int]:
    """How many words were removed and added (whitespace and tags not counted)."""
    def count(op: str) -> int:
        return sum(len(re.findall(r"\w+", re.sub(r"<[^>]*>", " ", s.text))) for s in segments if s.op == op)

    return count("-"), count("+")
