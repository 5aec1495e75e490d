"""Plain front-matter values: the one equality rule and the one "absent" marker.

Every part of Curator that asks "did this value change?" (a no-op edit, the check after
a save re-reads what it wrote, field diffs, three-way merges) asks `same`, so they agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Final


class _Missing:
    """Marks a key absent (None is a real YAML value, so it cannot do this job)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> _Missing:
        return self

    def __deepcopy__(self, _memo: object) -> _Missing:
        return self


# A key that is not there: in diffs and merges one side's value, in edits "remove it".
MISSING: Final[Any] = _Missing()


def _kind(value: Any) -> type:
    """The YAML kind of a value: what a reader of the file would tell apart."""
    for kind in (bool, int, float, str, datetime, date):  # bool before int, datetime before date
        if isinstance(value, kind):
            return kind
    if isinstance(value, Mapping):
        return Mapping
    if isinstance(value, list | tuple):
        return list
    return type(value)


def same(a: Any, b: Any) -> bool:
    """Equal as the file would say it: True is not 1, 1 is not 1.0, '2021' is not 2021;
    a tuple equals its list and nan equals nan (so a re-read value equals the written one)."""
    kind = _kind(a)
    if kind is not _kind(b):
        return False
    if kind is Mapping:
        return bool(a.keys() == b.keys()) and all(same(a[k], b[k]) for k in a)
    if kind is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if kind is float and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)
