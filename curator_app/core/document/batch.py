"""Several value edits to one YAML front matter, checked by one re-parse.

A single ``set`` splices one value into the text and re-parses the whole front matter to
check it, so an item with eight replaced values was parsed eight times. Here every value
is spliced into the text as it was read (each edit is one stretch of the old text and
what replaces it; stretches must be apart), the result is parsed once, and it must read
back as exactly the intended values, in the file's same style. Whatever a batch cannot
vouch for comes back False untouched, and the caller makes the edits one by one: the
same bytes, or the same error.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from curator_app.core.algebra.keypath import KeyPath, assign_in
from curator_app.core.algebra.values import same
from curator_app.core.document.yaml_front import YamlFront


@dataclass(frozen=True)
class Splice:
    start: int  # the stretch [start, end) of the old text...
    end: int
    text: str  # ...and what it becomes


def splice_between(old: str, new: str) -> Splice:
    """The one stretch of ``old`` that ``new`` replaces (the shortest one)."""
    limit = min(len(old), len(new))
    # Binary search on slice equality: compares run in C, so a 3 KB front matter costs
    # a dozen slices instead of thousands of character steps.
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, limit - prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid :] == new[len(new) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return Splice(prefix, len(old) - lo, new[prefix : len(new) - lo])


def apply_splices(text: str, splices: Iterable[Splice]) -> str | None:
    """``text`` with every splice made, or None when two of them meet or overlap (the
    order they were made in would then matter)."""
    out: list[str] = []
    pos = -1
    for s in sorted(splices, key=lambda s: (s.start, s.end)):
        if s.start <= pos:
            return None
        out.append(text[max(pos, 0) : s.start])
        out.append(s.text)
        pos = s.end
    out.append(text[max(pos, 0) :])
    return "".join(out)


def independent(keys: Sequence[KeyPath]) -> bool:
    """No key is another, or inside another: their edits cannot see each other."""
    return not any(i != j and b[: len(a)] == a for i, a in enumerate(keys) for j, b in enumerate(keys))


def set_together(front: YamlFront, edits: Sequence[tuple[KeyPath, Any]]) -> bool:
    """Set every (key, value) with one re-parse; False (nothing changed) when the batch
    cannot be proven equal to the same edits made one by one."""
    if not independent([k for k, _ in edits]):
        return False
    style = front.style
    expected = copy.deepcopy(front.data)
    splices: list[Splice] = []
    try:
        for key, value in edits:
            assign_in(expected, key, value)
            splices.append(splice_between(front.text, front.spliced(key, value)))
        text = apply_splices(front.text, splices)
        if text is None:
            return False
        probe = YamlFront(text, front.path, front.line_offset, front.newline)
    except Exception:  # the one-by-one path names the key and the reason
        return False
    # One by one, each edit would see the style re-read after the one before; the same
    # style at both ends is what makes the spliced text theirs.
    if not same(probe.data, expected) or probe.style != style:
        return False
    front.adopt(probe)
    return True
