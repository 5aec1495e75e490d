"""Scripted answers for every question the GUI asks (curator_app.gui.alerts).

Installed for every test: a question nobody scripted fails the test instead of opening a
modal that would wait forever. Messages (tell) need no answer and are only recorded.

    answers.reply("Discard", to="unsaved-changes")
    answers.reply(lambda dialog: dialog.reject(), to="saveDiffDialog")
    ...
    assert answers.names() == ["unsaved-changes"]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from curator_app.gui import alerts
from curator_app.gui.alerts import Kind, Request

# A label (ask), a path (choose), a result code (run), or a function of the dialog (run)
# that fills or clicks it and may return a result code.
Answer = object


class ScriptedAnswers:
    def __init__(self) -> None:
        self.asked: list[Request] = []
        self._queue: deque[tuple[str | None, Answer]] = deque()

    def reply(self, answer: Answer, to: str | None = None) -> None:
        """Queue the answer to the next question (which must be named `to`, when given)."""
        self._queue.append((to, answer))

    def names(self, kind: Kind | None = None) -> list[str]:
        return [r.name for r in self.asked if kind is None or r.kind is kind]

    def told(self) -> list[Request]:
        return [r for r in self.asked if r.kind is Kind.TELL]

    def pending(self) -> int:
        return len(self._queue)

    def __call__(self, request: Request) -> object:
        self.asked.append(request)
        if request.kind is Kind.TELL:
            return None
        if not self._queue:
            raise AssertionError(f"unexpected {request.kind.value} {request.name!r}: {request.title} {request.text}")
        expected, answer = self._queue.popleft()
        if expected is not None and expected != request.name:
            raise AssertionError(f"expected {expected!r}, was asked {request.name!r}: {request.text}")
        if request.kind is Kind.RUN and callable(answer):
            return answer(request.dialog)
        return answer


@contextmanager
def responding(responder: alerts.Responder) -> Iterator[None]:
    """Answer every request with `responder` for the duration, then restore the previous one."""
    previous = alerts.set_responder(responder)
    try:
        yield
    finally:
        alerts.set_responder(previous)


@pytest.fixture(autouse=True)
def answers() -> Iterator[ScriptedAnswers]:
    script = ScriptedAnswers()
    with responding(script):
        yield script
    assert not script.pending(), f"scripted answers never asked for: {list(script._queue)}"

