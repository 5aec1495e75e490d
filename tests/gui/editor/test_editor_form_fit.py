"""Form rows keep their inputs usable: long keys are elided (full text on hover and for
screen readers), and the counter under a description wraps instead of widening the form."""

from __future__ import annotations

from pathlib import Path

LONG_KEY = "uspto-patent-family-members-publication-numbers"


def test_long_key_label_never_squeezes_its_input(open_pane, tmp_path: Path) -> None:
    item = tmp_path / "item.md"
    item.write_text(f"---\ntitle: Patents\n{LONG_KEY}: US1234567B2\n---\nBody\n", encoding="utf-8")
    pane, _session = open_pane(item)
    pane.resize(520, 700)
    pane.form.ensure_built()
    row = pane.form.row_for((LONG_KEY,))
    assert row is not None and row.label is not None
    label = row.label
    assert "…" in label.text()
    assert LONG_KEY in label.toolTip() and label.accessibleName().lower() == LONG_KEY
    assert label.sizeHint().width() < 200
    editor = row.editor.focus_target()
    assert editor.accessibleName().lower() == LONG_KEY
    pane.form.widget().adjustSize()
    assert pane.form.widget().minimumSizeHint().width() <= pane.form.viewport().width()
    assert editor.width() >= 100


def test_description_counter_wraps_in_a_narrow_pane(open_pane, seed_copy: Path) -> None:
    pane, _session = open_pane(seed_copy)
    pane.resize(480, 700)
    row = pane.form.row_for(("description",))
    assert row is not None
    assert row.minimumSizeHint().width() < 300


def test_problem_summary_lists_errors_then_warnings_then_infos(open_pane, tmp_path: Path) -> None:
    item = tmp_path / "item.md"
    # An info-level finding comes first in the file, an error last.
    item.write_text("---\nvia: ' '\ntitle: 'Double  space'\ndate: not-a-date\n---\nBody\n", encoding="utf-8")
    pane, _session = open_pane(item)
    pane.run_lint()
    text = pane.problems_label.text()
    positions = [text.find(word) for word in ("error", "warning", "info") if word in text]
    assert len(positions) >= 2 and positions == sorted(positions), text


def test_markdown_body_opens_as_markdown_source(open_pane, tmp_path: Path) -> None:
    item = tmp_path / "doc.md"
    item.write_text("---\ntitle: Doc\n---\n## Install\n\n- run `hugo`\n- see [docs](https://gohugo.io)\n",
                    encoding="utf-8")
    pane, session = open_pane(item)
    body = pane.body
    assert body.tabs.tabText(1) == "Markdown" and body.tabs.currentIndex() == 1
    assert not body.tabs.isTabEnabled(0)
    assert not body.highlighter.active
    assert "Markdown" in body.notice.text() and "HTML" not in body.notice.text()
    assert not session.is_dirty()
    html_item = tmp_path / "html.md"
    html_item.write_text("---\ntitle: Page\n---\n<p>Hello <b>there</b></p>\n", encoding="utf-8")
    pane2, _ = open_pane(html_item)
    assert pane2.body.tabs.tabText(1) == "HTML source" and pane2.body.highlighter.active


def test_item_outside_the_schema_has_no_required_marks_or_empty_badges(open_pane, tmp_path: Path) -> None:
    item = tmp_path / "page.md"
    item.write_text("---\ntitle: Install Hugo\nweight: 10\ndescription: How to install\n---\nText\n",
                    encoding="utf-8")
    pane, _session = open_pane(item)
    pane.form.ensure_built()
    pane.form.refresh_linked()
    labels = [row.label.text() for row in pane.form.rows.values() if row.label is not None]
    assert labels and not any(text.endswith("*") for text in labels), labels
    badges = [row.badge for row in pane.form.rows.values() if row.badge is not None]
    assert not any(b.isVisibleTo(pane) and b.text().startswith("0 ") for b in badges)
