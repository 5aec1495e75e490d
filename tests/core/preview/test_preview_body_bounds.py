"""The preview of a huge or deeply nested body stays bounded and says what it left out."""

from __future__ import annotations

import time

import pytest

from curator_app.core.preview.body_render import (
    MAX_PREVIEW_CHARS,
    MAX_PREVIEW_DEPTH,
    nesting_depth,
    render_body,
)

SECONDS = 3.0  # generous for a loaded 2-core machine; 200k nested divs took 140 s before


@pytest.mark.parametrize(
    "body",
    [
        "<div>" * 50_000 + "x" + "</div>" * 50_000,
        "<div>" * 200_000 + "x" + "</div>" * 200_000,
        "<div>x</div>" * 200_000,
        "<p>" + "word " * 200_000 + "</p>",
    ],
    ids=["nested_50k", "nested_200k", "flat_200k", "one_line_1mb"],
)
def test_render_is_bounded(body: str) -> None:
    started = time.monotonic()
    out = render_body(body)
    assert time.monotonic() - started < SECONDS
    assert len(out) < MAX_PREVIEW_CHARS + 2_000
    assert f"first {MAX_PREVIEW_CHARS:,} of {len(body):,} characters" in out


def test_deep_markup_shows_its_text_only_and_says_so() -> None:
    deep = MAX_PREVIEW_DEPTH + 50
    body = "<div>" * deep + "Hello <b>there</b><script>alert(1)</script><img src=x onerror=alert(1)>" + "</div>" * deep
    out = render_body(body)
    assert f"nests {deep + 1:,} elements deep" in out
    assert "Hello there" in out
    assert "alert" not in out and "<script" not in out and "<img" not in out


def test_ordinary_bodies_are_untouched_by_the_bounds() -> None:
    body = "<div>" * 20 + "<p>Hi <a href='https://example.org'>x</a></p>" + "</div>" * 20
    out = render_body(body)
    assert "curator-notice" not in out and 'href="https://example.org"' in out


def test_nesting_depth_counts_elements_not_void_tags() -> None:
    assert nesting_depth("<div><p>a<br><img src='x'/></p></div>") == 2
    assert nesting_depth("</div></div><div></div>") == 1
    assert nesting_depth('<a title="<div>">x</a>') == 1
