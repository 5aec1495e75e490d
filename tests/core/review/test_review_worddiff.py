from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from curator_app.core.review.worddiff import changed_words, word_diff


def _sides(segments):
    old = "".join(s.text for s in segments if s.op in "=-")
    new = "".join(s.text for s in segments if s.op in "=+")
    return old, new


def test_one_changed_word_is_one_small_segment_pair() -> None:
    old = "<p>The plan focuses on expanding the diversity of genomics.</p>\n<p>Second line stays.</p>"
    new = old.replace("expanding", "widening")
    segs = word_diff(old, new)
    assert [(s.op, s.text) for s in segs if s.op != "="] == [("-", "expanding"), ("+", "widening")]
    assert changed_words(segs) == (1, 1)
    assert _sides(segs) == (old, new)


def test_tags_are_whole_tokens() -> None:
    segs = word_diff('<a href="x">link</a>', '<a href="y">link</a>')
    assert [(s.op, s.text) for s in segs if s.op != "="] == [("-", '<a href="x">'), ("+", '<a href="y">')]


@given(st.text(max_size=60), st.text(max_size=60))
def test_segments_rebuild_both_texts(old: str, new: str) -> None:
    assert _sides(word_diff(old, new)) == (old, new)
