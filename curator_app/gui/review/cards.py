"""Each card of an item before and after a change, with the regions that differ.

One page load per side: the preview page with every card shown is grabbed once and cut
into its card sections, which is 7x fewer loads than rendering card by card.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
from PySide6.QtGui import QImage, QImageWriter

from curator_app.core.preview.cards import CARD_KINDS
from curator_app.core.preview.page import Preview, build_preview
from curator_app.core.review.compare import ItemReview
from curator_app.core.review.report import Box, CardPair, Shot
from curator_app.gui.preview.snapshot import WIDTH, CardSnapshotter

_SMALL = 64
_QUALITY = 80
TILE = 12  # pixels; the grain of a changed region
_BOXES = """JSON.stringify((() => {
  document.documentElement.style.overflow = 'hidden';
  const ready = Array.from(document.images).every(i => i.complete);
  const boxes = {};
  const sections = Array.from(document.querySelectorAll('.card-section'));
  // Whole-pixel heights put every section at a whole-pixel top on both sides, so the same
  // card is rasterised identically before and after and only real changes differ.
  for (const s of sections) s.style.display = 'flow-root';  // keep the notes' margins inside
  for (const s of sections) s.style.minHeight = Math.ceil(s.getBoundingClientRect().height) + 'px';
  for (const s of sections) {
    const r = s.getBoundingClientRect();
    boxes[s.dataset.kind] = [r.left, r.top + window.scrollY, r.width, r.height];
  }
  return {ready, boxes, height: Math.ceil(document.body.getBoundingClientRect().bottom) + 16};
})())"""


class CardPairRenderer(CardSnapshotter):
    """Renders ItemReviews' cards; one instance serves a whole report."""

    def __init__(self, content_root: Path, allow_remote: bool = False) -> None:
        super().__init__(content_root, allow_remote)
        self.content_root = content_root

    def sections(self, preview: Preview, timeout_ms: int = 15000) -> dict[str, QImage]:
        """Every card section of the page, cut from one grab."""

        # A small viewport first: a grab at the page's full height then cannot be a stale
        # frame of the previous item (two items' pages often have the same height).
        self.view.resize(WIDTH, _SMALL)
        self.load(preview.page("all"), timeout_ms)
        data = self.measure(_BOXES)
        height = max(int(data.get("height", 600)), _SMALL + 1)
        image = self.grab_at(height, paint_wait_ms=30)
        scale = image.width() / WIDTH if WIDTH else 1.0
        out = {}
        for kind in CARD_KINDS:
            box = (data.get("boxes") or {}).get(kind)
            if not box:
                continue
            x, y, w, h = (round(v * scale) for v in box)
            out[kind] = image.copy(QRect(x, y, max(w, 1), max(h, 1)))
        return out

    def pairs(self, review: ItemReview) -> list[CardPair]:
        before = self._side(review.before.doc)
        after = self._side(review.after.doc) if review.entry.new != review.entry.old else before
        pairs = []
        for kind in CARD_KINDS:
            old, new = before.get(kind), after.get(kind)
            old_marks, new_marks = changed_regions(old, new) if old is not None and new is not None else ((), ())
            pairs.append(CardPair(kind, _shot(old, old_marks), _shot(new, new_marks)))
        return pairs

    def _side(self, doc: Any) -> dict[str, QImage]:
        if doc is None:
            return {}
        return self.sections(build_preview(doc, self.content_root, allow_remote=self.handler.allow_remote))


def _shot(image: QImage | None, marks: tuple[Box, ...]) -> Shot | None:
    if image is None:
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Lossy WebP keeps text sharp at a fifth of PNG's size: a 50-item report has 700 cards.
    writer = QImageWriter(buffer, QByteArray(b"webp"))
    writer.setQuality(_QUALITY)
    writer.write(image)
    buffer.close()
    return Shot(bytes(data.data()), image.width(), image.height(), marks)


def _rows(image: QImage) -> list[bytes]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    stride = image.bytesPerLine()
    raw = bytes(image.constBits())
    return [raw[y * stride : y * stride + image.width() * 4] for y in range(image.height())]


def changed_regions(old: QImage, new: QImage) -> tuple[tuple[Box, ...], tuple[Box, ...]]:
    """Boxes around what differs, on the old and on the new image.

    Pixel rows are aligned first (like lines in a text diff), so a title that now wraps
    onto one more line marks that title, not everything the extra line pushed down.
    """
    a, b = _rows(old), _rows(new)
    width = min(old.width(), new.width())
    cols = (width + TILE - 1) // TILE
    old_tiles: set[tuple[int, int]] = set()
    new_tiles: set[tuple[int, int]] = set()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for tx in range(cols):
                x0, x1 = tx * TILE * 4, min((tx + 1) * TILE, width) * 4
                for k in range(i2 - i1):
                    if a[i1 + k][x0:x1] != b[j1 + k][x0:x1]:
                        old_tiles.add((tx, (i1 + k) // TILE))
                        new_tiles.add((tx, (j1 + k) // TILE))
            continue
        _mark_content(a[i1:i2], i1, cols, width, old_tiles)
        _mark_content(b[j1:j2], j1, cols, width, new_tiles)
    return _boxes(old_tiles, old), _boxes(new_tiles, new)


def _mark_content(rows: list[bytes], top: int, cols: int, width: int, tiles: set[tuple[int, int]]) -> None:
    """Tiles of a band present on one side only, where the band is not plain background."""
    for k, row in enumerate(rows):
        blank = row[:4] * width
        for tx in range(cols):
            x0, x1 = tx * TILE * 4, min((tx + 1) * TILE, width) * 4
            if row[x0:x1] != blank[x0:x1]:
                tiles.add((tx, (top + k) // TILE))


def _boxes(tiles: set[tuple[int, int]], image: QImage) -> tuple[Box, ...]:
    clipped = (_clip(box, image.width(), image.height()) for box in _merge(tiles))
    return tuple(b for b in clipped if b[2] > 0 and b[3] > 0)


def _clip(box: Box, width: int, height: int) -> Box:
    x, y, w, h = box
    return x, y, max(0, min(w, width - x)), max(0, min(h, height - y))


def _merge(tiles: set[tuple[int, int]]) -> list[Box]:
    """Bounding boxes of 8-connected groups of changed tiles, in pixels."""
    boxes = []
    left = set(tiles)
    while left:
        start = left.pop()
        group = [start]
        stack = [start]
        while stack:
            cx, cy = stack.pop()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    n = (cx + dx, cy + dy)
                    if n in left:
                        left.remove(n)
                        group.append(n)
                        stack.append(n)
        xs = [t[0] for t in group]
        ys = [t[1] for t in group]
        boxes.append((min(xs) * TILE, min(ys) * TILE, (max(xs) - min(xs) + 1) * TILE, (max(ys) - min(ys) + 1) * TILE))
    return sorted(boxes, key=lambda b: (b[1], b[0]))
