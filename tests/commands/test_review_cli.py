"""`curator review` as users and CI run it: queue, report files, JSON facts, exit status."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import paths
from support.git_repos import ITEM, OTHER, make_content_repo, save_edit
from support.review_html import parse

from curator_app.core.git.commit import commit_items

NEW_TITLE = "Genomics plan for the UK: what changes"
NEW_DESCRIPTION = "A new, shorter description of the plan."
KINDS = ["site", "article", "x", "facebook", "linkedin", "slack", "search"]


def curator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curator_app.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str], str]:
    """The seed retitled and redescribed in a commit, reviewed since the commit before."""
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    tmp = tmp_path_factory.mktemp("seed-review")
    cr = make_content_repo(tmp, paths.SEED.read_bytes())
    first = str(cr.repo.head.target)
    save_edit(cr.folder / ITEM, title=NEW_TITLE, description=NEW_DESCRIPTION)
    commit_items(cr, [cr.folder / ITEM], "Retitle the genome item")
    out = tmp / "report"
    result = curator("review", "--since", first, "--out", str(out), "--format", "json", cwd=cr.folder)
    return out, result, first


def test_report_files_and_exit_status(seed_report) -> None:
    out, result, first = seed_report
    assert result.returncode == 0, result.stderr
    assert "[1/1] content/news/genome-uk.md" in result.stderr  # progress
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    facts = json.loads(result.stdout)
    assert facts == json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert facts["base"]["commit"] == first and facts["count"] == 1 and facts["new_errors"] == 0
    [item] = facts["items"]
    assert {f["field"]: f["new"] for f in item["fields"]} == {"title": NEW_TITLE, "description": NEW_DESCRIPTION}
    assert [c["kind"] for c in item["cards"]] == KINDS
    # The title shows on the site card, the article and the search result: marked there.
    changed = {c["kind"] for c in item["cards"] if c["changed"]}
    assert {"site", "article", "search"} <= changed
    assert all(NEW_TITLE in c["regions_after"] for c in item["cards"] if c["kind"] in {"site", "article", "search"})
    assert "printing report.pdf" in result.stderr


def test_report_html_is_self_contained_with_all_seven_cards_before_and_after(seed_report) -> None:
    out, _result, _ = seed_report
    text = (out / "report.html").read_text(encoding="utf-8")
    root = parse(text)
    [item] = root.find_all("article", "item")
    assert item.attrs["data-path"] == "content/news/genome-uk.md"
    pairs = item.find_all("figure", "card-pair")
    assert [p.attrs["data-kind"] for p in pairs] == KINDS
    for pair in pairs:
        [before] = pair.find_all("div", "before")
        [after] = pair.find_all("div", "after")
        # Every card as the preview's HTML on both sides.
        for side in (before, after):
            [card] = side.find_all("section", "card-section")
            assert card.attrs["data-kind"] == pair.attrs["data-kind"]
    site = pairs[0]
    assert site.attrs["data-changed"] == "yes"
    assert next(m.all_text() for m in site.find_all("div", "after")[0].find_all("mark", "chg")) == NEW_TITLE
    # Nothing is fetched: every src is a data: URI and the page forbids the rest.
    srcs = [el.attrs["src"] for el in root.find_all() if "src" in el.attrs]
    assert all(s.startswith("data:") for s in srcs)
    assert all(u.startswith(('url("data:', "url(data:")) for u in re.findall(r"url\([^)]{0,10}", text))
    assert "default-src 'none'" in text and "@media print" in text
    fields = item.find_all("section", "fields")[0].all_text()
    assert NEW_TITLE in fields and "UK Launch  Implementation Plan" in fields


def test_new_errors_exit_1_and_text_queue(tmp_path: Path) -> None:
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    cr = make_content_repo(tmp_path, paths.SEED.read_bytes())
    save_edit(cr.folder / ITEM, title="")
    save_edit(cr.folder / OTHER, status="review")
    commit_items(cr, [cr.folder / OTHER], "Ask for a review")
    result = curator("review", "--since", "HEAD", cwd=cr.folder)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2 items to review uncommitted edits"
    assert "content/news/genome-uk.md" in lines[1] and "+1 errors" in lines[1]
    assert "status: review" in lines[2] and "content/news/other.md" in lines[2]
    data = json.loads(curator("review", "--since", "HEAD", "--format", "json", cwd=cr.folder).stdout)
    assert data["new_errors"] == 1
    assert [f["code"] for f in data["items"][0]["lint"]["added"] if f["severity"] == "error"] == ["CC102"]


def test_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    cr = make_content_repo(tmp_path, b"---\ntitle: x\n---\n")
    result = curator("review", "--since", "no-such-tag", cwd=cr.folder)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("unknown revision 'no-such-tag' (a commit, tag or branch such as origin/main)")
    assert len(result.stderr.strip().splitlines()) == 1
    plain = tmp_path / "plain"
    plain.mkdir()
    result = curator("review", str(plain), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not a git repository" in result.stderr


def test_report_without_pdf_needs_no_browser(tmp_path: Path) -> None:
    """report.html and report.json are made without Qt: a CI box needs no QtWebEngine."""
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    cr = make_content_repo(tmp_path, paths.SEED.read_bytes())
    save_edit(cr.folder / ITEM, title=NEW_TITLE)
    out = tmp_path / "report"
    script = (
        "import sys\nfrom curator_app.cli import main\n"
        f"rc = main(['review', '--since', 'HEAD', '--out', {str(out)!r}, '--no-pdf'])\n"
        "print(rc, sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cr.folder, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"
    assert not (out / "report.pdf").exists()
    assert NEW_TITLE in (out / "report.html").read_text(encoding="utf-8")
