"""Large and deep bodies open at once: source mode with a size notice, a body with a huge
line loaded only when asked, and the front matter editable meanwhile, losslessly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.editor_fixtures import type_at_end_of_title

from curator_app.gui.body.editor import LONG_LINE_CHARS, RICH_TAB

FRONT = "---\ntitle: Big item\ndate: 2024-01-02\n---\n"
BODIES = {
    "one_line_200k": "<p>" + "word " * 40_000 + "</p>\n",
    "one_line_1mb": "<p>" + "word " * 200_000 + "</p>\n",
    "nested_50k_divs": "<div>" * 50_000 + "x" + "</div>" * 50_000 + "\n",
    "many_lines_1mb": "".join(f"<p>Paragraph {i} with some words in it.</p>\n" for i in range(25_000)),
}
OPEN_SECONDS = 3.0  # generous: a loaded 2-core machine; these froze the window 15-200 s before


@pytest.mark.parametrize("name", sorted(BODIES))
def test_large_body_opens_responsive_and_saves_losslessly(name: str, open_pane, tmp_path: Path, qtbot) -> None:
    path = tmp_path / f"{name}.md"
    raw = (FRONT + BODIES[name]).encode()
    path.write_bytes(raw)
    started = time.monotonic()
    pane, session = open_pane(path)
    elapsed = time.monotonic() - started
    assert elapsed < OPEN_SECONDS, f"{name} took {elapsed:.1f} s to open"
    body = pane.body
    assert body.mode == "source" and not body.tabs.isTabEnabled(RICH_TAB)
    assert body.notice.isVisible() and "Large body" in body.notice.text()
    lazy = max(map(len, BODIES[name].split("\n"))) > LONG_LINE_CHARS
    if lazy:
        assert body.source.toPlainText() == "" and body.source.isReadOnly()
        assert "Load it into the editor" in body.notice.text()
    else:
        assert body.source.toPlainText() == BODIES[name]

    type_at_end_of_title(qtbot, pane, " 2")
    session.save()
    assert path.read_bytes() == raw.replace(b"title: Big item", b"title: Big item 2")

    if lazy and len(BODIES[name]) < 300_000:  # the user asks for it: now it is there, editable
        body.notice.linkActivated.emit("load")
        assert body.source.toPlainText() == BODIES[name] and not body.source.isReadOnly()
        body.source.moveCursor(body.source.textCursor().MoveOperation.Start)
        qtbot.keyClicks(body.source, "A")
        assert session.document.body == "A" + BODIES[name]
