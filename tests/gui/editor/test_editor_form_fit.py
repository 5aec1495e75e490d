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
