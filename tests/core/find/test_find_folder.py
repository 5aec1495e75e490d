"""Replace across a folder: plan with hits and diffs, all-or-nothing apply, undo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curator_app.core.errors import WriteConflictError
from curator_app.core.find.folder import CHUNK, PARALLEL_MIN, apply_plan, plan_replace, prepare
from curator_app.core.find.query import Query
from curator_app.core.library.bulk import undo


def _folder(tmp_path: Path) -> list[Path]:
    files = {
        "a.md": "---\ntitle: Genome news\n---\n<p>genome</p>\n",
        "b.md": "---\ntitle: Other\n---\n<p>nothing here</p>\n",
        "c.md": "---js\n{ title: 'genome' }\n---\n",
        "d.md": "---\ntitle: [unclosed\n---\ngenome\n",
    }
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text)
        paths.append(path)
    return paths


def test_plan_groups_hits_by_item_and_reports_bad_files(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    seen: list[tuple[int, int]] = []
    plan = plan_replace(paths, Query("genome", "exome"), progress=lambda n, total: seen.append((n, total)))
    assert seen[-1] == (4, 4) and plan.scanned == 4
    by_name = {item.path.name: item for item in plan.items}
    assert sorted(by_name) == ["a.md"]
    assert [h.label for h in by_name["a.md"].hits] == ["title", "body"]
    # ---js front matter is code: named, never rewritten
    assert len(plan.read_only) == 1 and plan.read_only[0].startswith(f"{paths[2]}: ") and "---js" in plan.read_only[0]
    assert len(plan.errors) == 1 and re.match(re.escape(str(paths[3])) + r":\d+:\d+: invalid YAML", plan.errors[0])
    assert plan.diff() == ""  # nothing prepared yet: the search alone parses, never edits
    prepare(plan)
    assert "-title: Genome news\n+title: exome news\n" in plan.diff()
    for p in paths:  # planning writes nothing
        assert "exome" not in p.read_text()


def test_apply_then_undo(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    before = paths[0].read_bytes()
    record = apply_plan(plan_replace(paths, Query("genome", "exome")))
    assert paths[0].read_text() == "---\ntitle: exome news\n---\n<p>exome</p>\n"
    undo(record)
    assert paths[0].read_bytes() == before


def test_nothing_is_written_when_a_file_changed_since_the_search(tmp_path: Path) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text("---\ntitle: genome 1\n---\n")
    two.write_text("---\ntitle: genome 2\n---\n")
    plan = plan_replace([one, two], Query("genome", "exome"))
    prepare(plan, plan.items[:1])  # the user looked at the first diff only
    two.write_text("---\ntitle: genome 2 edited elsewhere\n---\n")
    with pytest.raises(WriteConflictError, match="changed on disk since the search"):
        apply_plan(plan)
    assert one.read_text() == "---\ntitle: genome 1\n---\n"
    assert two.read_text() == "---\ntitle: genome 2 edited elsewhere\n---\n"


def test_progress_can_stop_the_search(tmp_path: Path) -> None:
    paths = []
    for n in range(3 * CHUNK):
        paths.append(tmp_path / f"{n:04}.md")
        paths[-1].write_text("---\ntitle: genome\n---\n")
    plan = plan_replace(paths, Query("genome"), progress=lambda n, _total: n < CHUNK)
    assert plan.stopped and plan.scanned == CHUNK and len(plan.items) == CHUNK


def test_large_folders_are_searched_and_prepared_in_worker_processes(tmp_path: Path) -> None:
    paths = []
    for n in range(PARALLEL_MIN + 50):
        path = tmp_path / f"{n:04}.md"
        path.write_text(f"---\ntitle: Item {n} genome\n---\n<p>{'genome' if n % 2 else 'other'}</p>\n")
        paths.append(path)
    plan = plan_replace(paths, Query("genome", "exome"))
    assert [item.path for item in plan.items] == paths  # file order kept across workers
    assert plan.hit_count == len(paths) + len(paths) // 2
    record = apply_plan(plan)
    assert len(record.files) == len(paths)
    assert paths[7].read_text() == "---\ntitle: Item 7 exome\n---\n<p>exome</p>\n"
