"""Rendering off the GUI thread: parse a snapshot, resolve meta, fill the templates."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from curator_app.core.document.document import Document
from curator_app.core.lint.analysis import SHARED, analyse, revision_key
from curator_app.core.preview.page import Preview, build_preview


@dataclass(frozen=True)
class RenderRequest:
    generation: int
    data: bytes  # Document.to_bytes() taken on the GUI thread: the worker never touches the live doc
    path: Path | None
    content_root: Path | None
    allow_remote: bool
    remote_cache: Path | None
    started: float  # perf_counter() when the render was asked for


# Results travel back as a posted event rather than a Python signal: PySide6 6.12.0 on
# Python 3.11 drops a reference to True on every Signal.emit(), and a preview emits on
# every keystroke. postEvent is thread-safe and has no such leak.
RESULT_EVENT = QEvent.Type(QEvent.registerEventType())


class RenderResult(QEvent):
    def __init__(self, request: RenderRequest, preview: Preview | None, error: str | None) -> None:
        super().__init__(RESULT_EVENT)
        self.request = request
        self.preview = preview
        self.error = error


def start_render(request: RenderRequest, receiver: QObject) -> None:
    """Render on the preview's worker thread; the result is posted to `receiver`.

    One plain Python thread serves every pane, so renders run one at a time and results
    arrive in order. Not a QThreadPool owned by the pane: its destructor waits for a render
    still running while the GUI thread deleting the pane holds the GIL that render needs,
    and the two waited for each other forever (seen when a pane closed mid-render)."""
    global _EXECUTOR
    if _EXECUTOR is None:
        _EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-preview")
    _EXECUTOR.submit(_run, request, receiver)


_EXECUTOR: ThreadPoolExecutor | None = None


def wait_for_renders() -> None:
    """Return once every render asked for so far has finished (the GIL is released while
    waiting, so the render can finish)."""
    if _EXECUTOR is not None:
        _EXECUTOR.submit(lambda: None).result()  # one worker: runs after the earlier renders


def _run(r: RenderRequest, receiver: QObject) -> None:
    try:
        result = RenderResult(r, render(r), None)
    except Exception as exc:  # shown in the pane instead of a dead preview
        result = RenderResult(r, None, f"{type(exc).__name__}: {exc}")
    # Checked and posted under the GIL, which a pane's deletion also takes first: either
    # the pane is gone (RuntimeError) or the event is queued and dropped with the pane.
    with contextlib.suppress(RuntimeError):
        QCoreApplication.postEvent(receiver, result)


def render(r: RenderRequest) -> Preview:
    doc = Document.from_bytes(r.data, r.path)
    # The revision's meta and lint, shared with the editor pane (computed by whichever
    # asks first).
    key = revision_key(r.data, r.path, r.content_root)
    analysis = SHARED.analysis(key, lambda: analyse(doc, r.content_root))
    return build_preview(doc, r.content_root, allow_remote=r.allow_remote, remote_cache=r.remote_cache,
                         analysis=analysis)


def now() -> float:
    return time.perf_counter()
