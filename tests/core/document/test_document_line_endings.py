"""Edits made in a "\\n"-only text widget keep a CRLF body's own line endings."""

from __future__ import annotations

from curator_app.core.document.line_endings import plain_view, splice_plain


def test_only_the_changed_stretch_is_put_back() -> None:
    body = "one\r\ntwo\r\nthree\n"  # mixed: the last line end is LF and must stay LF
    plain = plain_view(body)
    assert splice_plain(body, plain) == body
    assert splice_plain(body, plain.replace("two", "2")) == "one\r\n2\r\nthree\n"
    assert splice_plain(body, plain.replace("two", "two\nand more")) == "one\r\ntwo\r\nand more\r\nthree\n"
    assert splice_plain(body, plain.replace("one\n", "")) == "two\r\nthree\n"


def test_lf_bodies_are_taken_as_they_come() -> None:
    assert splice_plain("a\nb\n", "a\nc\n") == "a\nc\n"
