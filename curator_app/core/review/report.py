"""The review report: the facts (`--format json`) and the self-contained HTML page.

Cards come from cardhtml.py as the preview's own HTML with the changed words marked, and
their images from embed.py, each defined once in the page's stylesheet as a data: URI.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from curator_app.core.algebra.diff import MISSING, key_label
from curator_app.core.lint.engine import Finding
from curator_app.core.preview.cards import CARD_KINDS
from curator_app.core.preview.page import Templates
from curator_app.core.review.cardhtml import SCOPE, CardPair, scoped_css
from curator_app.core.review.compare import ItemReview
from curator_app.core.review.decisions import STATE_WORDS
from curator_app.core.review.queue import Base, QueueEntry
from curator_app.resources import resource_path

CARD_LABELS = {
    "site": "Site card",
    "article": "Article",
    "x": "X",
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
    "slack": "Slack",
    "search": "Search result",
}
@dataclass
class ReportItem:
    review: ItemReview
    cards: list[CardPair] = field(default_factory=list)


# --- facts -------------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if value is MISSING:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    return value


def _finding(f: Finding) -> dict[str, Any]:
    return f.to_json(None) | {"path": None}


def entry_facts(entry: QueueEntry) -> dict[str, Any]:
    d = entry.decision
    return {
        "path": entry.rel,
        "title": entry.title,
        "change": entry.change,
        "status": entry.status,
        "asks_review": entry.asks_review,
        "state": entry.state,
        "decision": d.to_json() if d else None,
        "notes": [n.to_json() for n in entry.notes],
    }


def item_facts(item: ReportItem) -> dict[str, Any]:
    r = item.review
    facts = entry_facts(r.entry)
    removed = added = 0
    if r.body is not None:
        from curator_app.core.review.worddiff import changed_words

        removed, added = changed_words(r.body)
    facts |= {
        "fields": [
            {"field": key_label(c.key), "kind": c.kind, "old": _value(c.old), "new": _value(c.new),
             "description": c.describe()}
            for c in r.fields
        ],
        "body": None if r.body is None else {
            "words_removed": removed,
            "words_added": added,
            "segments": [{"op": s.op, "text": s.text} for s in r.body],
        },
        "lint": {"added": [_finding(f) for f in r.lint_added], "removed": [_finding(f) for f in r.lint_removed]},
        "parse_error": {"before": r.before.error, "after": r.after.error},
        "new_errors": r.new_errors,
        "cards": [
            {"kind": c.kind, "changed": c.changed, "regions_before": list(c.removed),
             "regions_after": list(c.added)}
            for c in item.cards
        ],
    }
    return facts


def report_facts(root: str, base: Base, items: Sequence[ReportItem], problems: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "root": root,
        "base": {"commit": base.commit, "label": base.label, "how": base.how},
        "count": len(items),
        "new_errors": sum(i.review.new_errors for i in items),
        "problems": list(problems),
        "items": [item_facts(i) for i in items],
    }


# --- HTML --------------------------------------------------------------------------------

_TEMPLATES = Templates(resource_path("review"))
_PREVIEW_TEMPLATES = Templates()


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _side(pair: CardPair, side: str) -> str:
    html_text = pair.before if side == "before" else pair.after
    if html_text is None:
        return f'<p class="absent">No {side} version</p>'
    if side == "before" and pair.once:
        return '<p class="same">The item has not changed: the card is as after.</p>'
    return f'<div class="{SCOPE} show-all">{html_text}</div>'


def _fields_html(facts: dict[str, Any]) -> str:
    if not facts["fields"]:
        return "<p>No field changed.</p>"
    rows = []
    for f in facts["fields"]:
        old = "" if f["kind"] == "added" else _e(_short(f["old"]))
        new = "" if f["kind"] == "removed" else _e(_short(f["new"]))
        # bgcolor as well as the class: Qt's rich text (Review mode's panel) has no stylesheet.
        rows.append(f'<tr><td><code>{_e(f["field"])}</code></td><td>{_e(f["kind"])}</td>'
                    f'<td class="old" bgcolor="#fde2e1">{old}</td><td class="new" bgcolor="#dcf3e2">{new}</td></tr>')
    return ("<table><thead><tr><th>Field</th><th>Change</th><th>Before</th><th>After</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _short(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_short(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_short(v)}" for k, v in value.items()) + "}"
    return "null" if value is None else str(value)


_CONTEXT = 160  # characters of unchanged body kept around each change


def _context(text: str, first: bool, last: bool) -> str:
    """Unchanged body text, shortened to what surrounds the changes."""
    if len(text) <= 2 * _CONTEXT + 20:
        return text
    head = "" if first else text[:_CONTEXT]
    tail = "" if last else text[-_CONTEXT:]
    return head + " … " + tail


def _body_html(facts: dict[str, Any]) -> str:
    body = facts["body"]
    if body is None:
        return "<p>Unchanged.</p>"
    parts = []
    segments = body["segments"]
    for i, s in enumerate(segments):
        if s["op"] == "=":
            parts.append(_e(_context(s["text"], i == 0, i == len(segments) - 1)))
            continue
        text = _e(s["text"])
        # Inline styles as well as del/ins: Qt's rich text (Review mode's panel) has no stylesheet.
        if s["op"] == "-":
            parts.append(f'<del style="background-color:#fde2e1;color:#8a1c1c">{text}</del>')
        else:
            parts.append(f'<ins style="background-color:#dcf3e2;color:#185c2c">{text}</ins>')
    summary = f'<p>{body["words_removed"]} words removed, {body["words_added"]} added.</p>'
    return summary + f'<div class="word-diff">{"".join(parts)}</div>'


def _lint_html(facts: dict[str, Any]) -> str:
    def items(found: list[dict[str, Any]]) -> str:
        return "".join(
            f'<li class="sev-{_e(f["severity"])}">{_e(f["severity"])} {_e(f["code"])} '
            f'<code>{_e(f["field"])}</code>: {_e(f["message"])}</li>'
            for f in found
        )

    out = []
    errors = [e for e in facts["parse_error"].values() if e]
    if errors:
        out.append("<ul class='lint-added'>" + "".join(f"<li>{_e(e)}</li>" for e in errors) + "</ul>")
    added, removed = facts["lint"]["added"], facts["lint"]["removed"]
    if added:
        out.append(f'<p>Added by this change:</p><ul class="lint-added">{items(added)}</ul>')
    if removed:
        out.append(f'<p>Fixed by this change:</p><ul class="lint-removed">{items(removed)}</ul>')
    return "".join(out) or "<p>No finding added or removed.</p>"


def _decision_text(facts: dict[str, Any]) -> str:
    words = STATE_WORDS.get(facts["state"], facts["state"])
    d = facts["decision"]
    return f"{words} ({d['reviewer']}, {d['time'][:10]})" if d else words


def _notes_html(facts: dict[str, Any]) -> str:
    notes = [n for n in facts["notes"] if n["note"]]
    if not notes:
        return ""
    lis = "".join(
        f"<li><b>{_e(n['reviewer'])}</b> ({_e(n['verdict'])}, {_e(n['time'][:10])}): {_e(n['note'])}</li>"
        for n in notes
    )
    return f'<ul class="notes">{lis}</ul>'


def _item_html(index: int, item: ReportItem, facts: dict[str, Any]) -> str:
    cards = []
    for pair in item.cards:
        cards.append(_TEMPLATES.fill(
            "card",
            kind=pair.kind,
            changed="yes" if pair.changed else "no",
            label=_e(CARD_LABELS.get(pair.kind, pair.kind)),
            changed_label='<span class="changed-label">changed</span>' if pair.changed
            else '<span class="same-label">unchanged</span>',
            before=_side(pair, "before"),
            after=_side(pair, "after"),
        ))
    reasons = item.review.entry.reasons
    return _TEMPLATES.fill(
        "item",
        anchor=f"item-{index}",
        state=_e(facts["state"]),
        path=_e(facts["path"]),
        new_errors=facts["new_errors"],
        title=_e(facts["title"]),
        reasons=_e(", ".join(reasons)),
        decision=_e(_decision_text(facts)),
        notes=_notes_html(facts),
        fields=_fields_html(facts),
        body=_body_html(facts),
        lint=_lint_html(facts),
        cards="".join(cards) or "<p>Cards were not rendered.</p>",
    )


def report_html(
    facts: dict[str, Any], items: Sequence[ReportItem], title: str = "Review report", images_css: str = ""
) -> str:
    """The whole report page; `facts` is report_facts() for the same items, `images_css`
    the embedder's stylesheet (every card image, once)."""
    _TEMPLATES.refresh()
    _PREVIEW_TEMPLATES.refresh()
    summary = "".join(
        f'<tr><td><a href="#item-{i}">{_e(f["title"])}</a><br><code>{_e(f["path"])}</code></td>'
        f'<td>{_e(", ".join(it.review.entry.reasons))}</td><td>{_e(_decision_text(f))}</td>'
        f'<td>{f["new_errors"]}</td></tr>'
        for i, (it, f) in enumerate(zip(items, facts["items"], strict=True))
    )
    problems = "".join(f'<p class="problems">{_e(p)}</p>' for p in facts["problems"])
    totals = f"{facts['count']} items, {facts['new_errors']} new errors"
    return _TEMPLATES.fill(
        "report",
        title=_e(title),
        css=_TEMPLATES.get("report.css").template,
        card_css=scoped_css(_PREVIEW_TEMPLATES.css() + "\n" + _TEMPLATES.get("cards.css").template),
        images_css=images_css,
        base=_e(f"Changes {facts['base']['label']}"),
        totals=_e(totals),
        problems=problems,
        summary=summary,
        items="".join(_item_html(i, it, f) for i, (it, f) in enumerate(zip(items, facts["items"], strict=True))),
    )


__all__ = ["CARD_KINDS", "CardPair", "ReportItem", "report_facts", "report_html"]


def detail_html(facts: dict[str, Any]) -> str:
    """One item's decision, notes, fields, body and lint as simple HTML (Review mode's panel)."""
    return (
        f"<h3>{_e(facts['title'])}</h3><p><code>{_e(facts['path'])}</code> · {_e(_decision_text(facts))}</p>"
        f"{_notes_html(facts)}<h4>Fields</h4>{_fields_html(facts)}<h4>Body</h4>{_body_html(facts)}"
        f"<h4>Lint</h4>{_lint_html(facts)}"
    )
