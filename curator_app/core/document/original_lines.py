"""Put back the original lines of an edit that restores the original value.

Typing a character and deleting it, or setting a value and then setting the old value
back, must leave no diff. The emitters cannot know how the original text was quoted or
folded once it has been replaced, so instead each changed block of lines is tried with
its original lines put back, and kept that way when the front matter still reads as the
intended values.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, TypeVar

from curator_app.core.algebra.values import same
from curator_app.core.errors import CuratorError

F = TypeVar("F")


def restore_original_lines(
    original: str, current: str, want: dict[str, Any], parse: Callable[[str], F], data_of: Callable[[F], Any]
) -> F | None:
    """The parsed front matter of ``current`` with every changed block that can go back to
    ``original`` put back, or None when no block can."""
    old = original.splitlines(keepends=True)
    new = current.splitlines(keepends=True)
    hunks = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    best: F | None = None
    # Last block first: putting one back shifts only the lines after it.
    for _tag, i1, i2, j1, j2 in reversed(hunks):
        candidate = new[:j1] + old[i1:i2] + new[j2:]
        try:
            parsed = parse("".join(candidate))
        except CuratorError:
            continue
        if same(data_of(parsed), want):
            new, best = candidate, parsed
    return best
