"""Text hygiene: double spaces (CC301), stray whitespace (CC302), text cut mid-word (CC303)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from curator_app.core.algebra.keypath import format_key
from curator_app.core.lint.findings import Finding, Fix, LintContext

_INNER_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Groups whose copies are prose that a bad export may have cut at a fixed length.
PROSE_GROUPS = ("description",)


def _spaced(node: Any, key: tuple[Any, ...], out: list[tuple[tuple[Any, ...], str]]) -> None:
    """Every one-line string value that has a run of spaces or a tab, or whitespace at an
    end, with its key path, in document order. Key paths are built only for those: most
    values have none, and building a path for each was most of this rule's time."""
    pairs = node.items() if isinstance(node, dict) else enumerate(node)
    for k, v in pairs:
        if isinstance(v, str):
            if v and (v[0].isspace() or v[-1].isspace() or "  " in v or "\t" in v) and "\n" not in v:
                out.append(((*key, k), v))
        elif isinstance(v, dict | list):
            _spaced(v, (*key, k), out)


def clean(value: str) -> str:
    """The value with inner runs of spaces collapsed and the ends trimmed."""
    return _INNER_RUN.sub(" ", value).strip()


def check(ctx: LintContext) -> Iterator[Finding]:
    suspects: list[tuple[tuple[Any, ...], str]] = []
    _spaced(ctx.data, (), suspects)  # block text (a newline) keeps its layout on purpose
    for key, value in suspects:
        double = ("  " in value or "\t" in value) and _INNER_RUN.search(value) is not None
        stray = value[0].isspace() or value[-1].isspace()
        if not (double or stray):
            continue
        fixed = clean(value)
        if double:
            yield ctx.finding(
                "CC301",
                "warning",
                key,
                f"{format_key(key)} contains a double space: {_excerpt(value)!r}",
                Fix(f"Collapse the double space in {format_key(key)}", ((key, fixed),)),
            )
        if stray:
            if not value.strip():
                message, severity = f"{format_key(key)} is only whitespace", "info"
                desc = f"Empty {format_key(key)}"
            else:
                message, severity = f"{format_key(key)} has leading or trailing whitespace", "warning"
                desc = f"Trim whitespace around {format_key(key)}"
            yield ctx.finding("CC302", severity, key, message, Fix(desc, ((key, fixed),)))
    yield from _cut_mid_word(ctx)


def _flat(text: str) -> str:
    if "  " not in text and "\n" not in text and "\t" not in text and "\r" not in text:
        return text.strip()  # already flat (plainified body, one-line copies): skip the regex
    return _WS.sub(" ", text).strip()


# A plural of the last word is no cut ("rustc flag" before "flags" in the body).
PLURAL = frozenset({"s", "es"})
MIN_WORDS = 8  # short texts (labels, one-liners) are too often legit prefixes of the body


def _may_be_cut(value: str) -> bool:
    """Cheap test before is_cut: ends in a letter or digit and is long enough to judge."""
    text = value.rstrip()
    return bool(text) and text[-1].isalnum() and len(text.split()) >= MIN_WORDS


def is_cut(value: str, others: list[str]) -> bool:
    """True when `value` stops inside a word that a longer text in `others` completes.

    The value's text must occur in another text and be followed there directly by a letter
    or digit; or its last token must be no word of the other texts while starting one.
    """
    text = _flat(value)
    tokens = _WORD.findall(text)
    if len(tokens) < MIN_WORDS or not text[-1].isalnum():
        return False
    for other in others:
        flat = _flat(other)
        at = flat.find(text)
        while at >= 0:
            end = at + len(text)
            rest = _WORD.match(flat, end)
            if rest is not None and rest.group().casefold() not in PLURAL:
                return True
            at = flat.find(text, at + 1)
    last = tokens[-1].casefold()
    if len(last) < 2:
        return False
    words = [_words(other) for other in others]
    if not any(words) or any(last in w for w in words) or last in {t.casefold() for t in tokens[:-1]}:
        return False
    return any(w.startswith(last) and w[len(last) :] not in PLURAL for ws in words for w in ws)


@lru_cache(maxsize=64)
def _words(text: str) -> frozenset[str]:
    """The casefolded words of a text. Each copy of a description is judged against the
    same others and the same body: their words are found once, not once per copy."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def _replacement(value: str, copies: dict[tuple[Any, ...], str]) -> tuple[str, str] | None:
    """(new value, where it came from) for a cut text: the longest complete copy that the
    cut text starts with, else the longest complete copy, else cut back to a sentence end."""
    flat = _flat(value)
    complete = [(k, v) for k, v in copies.items() if v.strip() and not is_cut(v, [value])]
    # Copies come in group order (primary first), so ties keep the earlier copy.
    prefixes = [(k, v) for k, v in complete if flat.startswith(_flat(v))]
    pool = prefixes or complete
    if pool:
        key, best = pool[0]
        for k, v in pool[1:]:
            if len(v) > len(best):
                key, best = k, v
        return best, format_key(key)
    end = max(value.rfind(". "), value.rfind("! "), value.rfind("? "), value.rfind("."))
    if end > 0:
        return value[: end + 1].strip(), "its last complete sentence"
    return None


def _cut_mid_word(ctx: LintContext) -> Iterator[Finding]:
    for group in ctx.linked:
        if group.name not in PROSE_GROUPS:
            continue
        copies = {tuple(k): v for k in group.copies if isinstance(v := ctx.doc.get(k), str) and v.strip()}
        for key, value in copies.items():
            if not _may_be_cut(value):
                continue
            others = [v for k, v in copies.items() if k != key]
            if ctx.body_text:
                others.append(ctx.body_text)
            if not is_cut(value, others):
                continue
            last = _WORD.findall(value)[-1]
            replacement = _replacement(value, {k: v for k, v in copies.items() if k != key})
            fix = None
            if replacement is not None:
                fix = Fix(f"Replace {format_key(key)} with {replacement[1]}", ((key, replacement[0]),))
            yield ctx.finding(
                "CC303",
                "error",
                key,
                f"{format_key(key)} is cut mid-word (ends in {last!r}, {len(value)} characters)",
                fix,
            )


def _excerpt(value: str) -> str:
    m = _INNER_RUN.search(value)
    if m is None or len(value) <= 60:
        return value
    start = max(0, m.start() - 25)
    return ("…" if start else "") + value[start : m.end() + 25] + "…"
