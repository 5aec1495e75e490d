"""The library list's rows without Qt: every item held once, kept in sort order and filtered.

A row is an integer id (its slot in `items`), so the sort order and the shown rows are
plain lists of ints: a filter is a few list comprehensions, and a row indexed later is
put in its place by a binary search instead of re-sorting 10,000 rows (the model turns
each placement into one insert or move signal, never a reset). Ties in the sort column
are broken by path, whichever way the rows arrived, so a streamed load and a cached one
list the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from curator_app.core.library.index import Item
from curator_app.core.library.search import Query, haystack

COLUMNS = ("", "Title", "Date", "Brand", "Status", "Lint")
COL_THUMB, COL_TITLE, COL_DATE, COL_BRAND, COL_STATUS, COL_LINT = range(6)


def status(item: Item) -> str:
    if item.error:
        return "unreadable"
    if item.draft:
        return "draft"
    return item.status or "ready"


def sort_key(item: Item, column: int) -> Any:
    if column == COL_DATE:
        return item.date
    if column == COL_BRAND:
        return item.brand.lower()
    if column == COL_STATUS:
        return status(item)
    if column == COL_LINT:
        p = item.problems
        return -1 if p is None else p
    return item.title.lower()


class Rows:
    def __init__(self) -> None:
        # A row's slot; a removed row's item stays (never listed: not in by_path or order).
        self.items: list[Item] = []
        self.hay: list[str] = []
        # Per row, its path and its key in the sort column: sorting with a list's
        # __getitem__ as the key runs in C (a Python key function per row was most of a
        # streamed batch's cost).
        self.paths: list[str] = []
        self.keys: list[Any] = []
        self.by_path: dict[str, int] = {}
        self.order: list[int] = []  # every live row, in sort order
        self.visible: list[int] = []  # the rows the query keeps, in sort order
        self.column = COL_DATE
        self.descending = True
        self.query = Query()
        self.words: list[str] = []
        self.body_ids: set[int] = set()

    @property
    def count(self) -> int:
        return len(self.by_path)

    def live(self) -> list[Item]:
        items = self.items
        return [items[n] for n in self.by_path.values()]

    # --- holding ----------------------------------------------------------------------

    def load(self, items: list[Item], hay: list[str] | None = None) -> None:
        self.items = list(items)
        self.hay = hay if hay is not None else [haystack(i) for i in items]
        self.paths = [i.path for i in items]
        self.keys = [sort_key(i, self.column) for i in items]
        self.by_path = {it.path: n for n, it in enumerate(items)}
        self.resort()

    def store(self, item: Item) -> tuple[int, bool]:
        """Hold `item` (a new path gets a new id); its id and whether it is new. The caller
        places it in the order."""
        n = self.by_path.get(item.path)
        if n is None:
            n = self.by_path[item.path] = len(self.items)
            self.items.append(item)
            self.hay.append(haystack(item))
            self.paths.append(item.path)
            self.keys.append(sort_key(item, self.column))
            return n, True
        self.set_item(n, item)
        self.hay[n] = haystack(item)
        return n, False

    def set_item(self, n: int, item: Item) -> None:
        """Replace row n's item (same path); the caller places the row again."""
        self.items[n] = item
        self.keys[n] = sort_key(item, self.column)

    def drop(self, path: str) -> int | None:
        """Forget the row of `path` (its id, or None if not held); it leaves the order here
        and the caller takes it out of the visible rows."""
        n = self.by_path.pop(path, None)
        if n is not None:
            self.order.remove(n)
        return n

    # --- order ------------------------------------------------------------------------

    def precedes(self, a: int, b: int) -> bool:
        """Whether row a is listed before row b."""
        ka, kb = self.keys[a], self.keys[b]
        if ka != kb:
            return bool(ka > kb) if self.descending else bool(ka < kb)
        return self.paths[a] < self.paths[b]

    def place(self, seq: list[int], n: int) -> int:
        """Where row n goes in `seq` (a list in sort order without n): a binary search."""
        lo, hi = 0, len(seq)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.precedes(seq[mid], n):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def ordered(self, ids: Iterable[int]) -> list[int]:
        """`ids` in sort order: by path first, then a stable sort by the column (a reverse
        sort is stable too, so ties stay in path order either way)."""
        by_path = sorted(ids, key=self.paths.__getitem__)
        return sorted(by_path, key=self.keys.__getitem__, reverse=self.descending)

    def sort_by(self, column: int, descending: bool) -> None:
        self.column, self.descending = column, descending
        self.keys = [sort_key(i, column) for i in self.items]
        self.resort()

    def resort(self) -> None:
        self.order = self.ordered(self.by_path.values())

    # --- filtering --------------------------------------------------------------------

    def set_query(self, query: Query) -> None:
        old_words, new_words = self.words, query.text.lower().split()
        # Typing more of a word only removes rows: filter the rows shown, not all of them.
        narrowing = (
            _without_text(query) == _without_text(self.query)
            and len(new_words) >= len(old_words)
            and all(o in n for o, n in zip(old_words, new_words, strict=False))
        )
        if query.text != self.query.text:
            self.body_ids = set()
        self.query, self.words = query, new_words
        if not narrowing:
            self.refilter()
            return
        rows, hay = self.visible, self.hay
        for w in new_words:
            if w not in old_words:
                rows = [n for n in rows if w in hay[n]]
        self.visible = rows

    def keep(self, rows: list[int]) -> list[int]:
        """The rows of `rows` the query keeps, in their order.

        List comprehensions, one pass per active condition: each pass is a tight loop over
        what the previous pass kept (a per-row Python `if` chain was 4x slower)."""
        q = self.query
        items, hay = self.items, self.hay
        if self.words:
            matched = rows
            for w in self.words:
                matched = [n for n in matched if w in hay[n]]
            if self.body_ids:
                body, hit = self.body_ids, set(matched)
                matched = [n for n in rows if n in hit or items[n].id in body]
            rows = matched
        if q.tags:
            tags = set(q.tags)
            rows = [n for n in rows if tags.issubset(items[n].tags)]
        if q.categories:
            cats = set(q.categories)
            rows = [n for n in rows if cats.issubset(items[n].categories)]
        if q.brands:
            brands = set(q.brands)
            rows = [n for n in rows if items[n].brand in brands]
        if q.date_from:
            rows = [n for n in rows if items[n].date >= q.date_from]
        if q.date_to:
            date_to = q.date_to + "\uffff"
            rows = [n for n in rows if items[n].date < date_to]
        if q.has_problems is True:
            rows = [n for n in rows if items[n].problems]
        elif q.has_problems is False:
            rows = [n for n in rows if items[n].problems == 0]
        if q.draft is not None:
            rows = [n for n in rows if items[n].draft == q.draft]
        return rows

    def refilter(self) -> None:
        self.visible = list(self.keep(self.order))


def _without_text(query: Query) -> Query:
    from dataclasses import replace

    return replace(query, text="")


class Pages:
    """A folder opened again, listed before its rows are held: the ids in list order (one
    read of an index), each row read from the cache when it is first shown, a page at a
    time. Listing 10,000 rows this way costs a few milliseconds, not the ~0.25 s of CPU of
    building every row and its haystack, which the worker does meanwhile."""

    SIZE = 128

    def __init__(self, ids: list[int], fetch: Callable[[list[int]], list[Item]]) -> None:
        self.ids = ids
        self._fetch = fetch
        self._read: dict[int, Item] = {}

    def item(self, row: int) -> Item:
        n = self.ids[row]
        found = self._read.get(n)
        if found is None:
            start = row - row % self.SIZE
            self._read.update((i.id, i) for i in self._fetch(self.ids[start : start + self.SIZE]))
            found = self._read[n]  # the fetch reads the snapshot the ids came from
        return found

    def row_of(self, path: str) -> int | None:
        """The row of an item already read (None if it was not)."""
        for item in self._read.values():
            if item.path == path:
                return self.ids.index(item.id)
        return None
