"""Rendering off the GUI thread: parse a snapshot, resolve meta, fill the templates."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from curator_app.core.document import Document
from curator_app.core.preview_page import Preview, build_preview


@dataclass(frozen=True)
class RenderRequest:
    generation: int
    data: bytes  # Document.to_bytes() taken on the GUI thread: the worker never touches the live doc
    path: Path | None
    content_root: Path | None
    allow_remote: bool
    remote_cache: Path | None
    started: float  # perf_counter() when the debounce fired


class RenderSignals(QObject):
    done = Signal(object, object)  # RenderRequest, Preview
    failed = Signal(object, str)  # RenderRequest, message


class RenderJob(QRunnable):
    def __init__(self, request: RenderRequest, signals: RenderSignals) -> None:
        super().__init__()
        self.request = request
        self.signals = signals

    def run(self) -> None:
        r = self.request
        try:
            preview = render(r)
        except Exception as exc:  # shown in the pane instead of a dead preview
            self.signals.failed.emit(r, f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(r, preview)


def render(r: RenderRequest) -> Preview:
    doc = Document.from_bytes(r.data, r.path)
    return build_preview(doc, r.content_root, allow_remote=r.allow_remote, remote_cache=r.remote_cache)


def now() -> float:
    return time.perf_counter()
