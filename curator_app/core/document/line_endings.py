"""Putting text edited in a widget that only knows "\\n" back into a body that uses "\\r\\n".

A plain-text editor shows a body's CRLF line ends as plain line breaks, so its text is
the body with every "\\r\\n" made "\\n". Writing that text back whole would change every
line ending of the file; ``splice_plain`` instead puts only the changed stretch back,
with the body's own line ending for any new line break in it.
"""

from __future__ import annotations


def plain_view(body: str) -> str:
    return body.replace("\r\n", "\n")


def splice_plain(body: str, plain: str) -> str:
    """``body`` changed as its plain view changed into ``plain``; untouched bytes are kept."""
    if "\r\n" not in body:
        return plain
    old = plain_view(body)
    if old == plain:
        return body
    start = 0
    limit = min(len(old), len(plain))
    while start < limit and old[start] == plain[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == plain[-1 - end]:
        end += 1
    # Plain offsets to body offsets: each "\n" before the point was "\r\n" in the body.
    b_start = _body_offset(body, start)
    b_end = _body_offset(body, len(old) - end)
    eol = "\r\n" if body.count("\r\n") * 2 >= body.count("\n") else "\n"
    middle = plain[start : len(plain) - end].replace("\n", eol)
    return body[:b_start] + middle + body[b_end:]


def _body_offset(body: str, plain_offset: int) -> int:
    i = seen = 0
    while seen < plain_offset:
        i += 2 if body.startswith("\r\n", i) else 1
        seen += 1
    return i
