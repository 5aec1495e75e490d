"""`curator replace` as users run it: dry run, apply, JSON, field scope, errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from support import paths


def curator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curator_app.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def _site(tmp_path: Path) -> Path:
    news = tmp_path / "content" / "news"
    news.mkdir(parents=True)
    shutil.copyfile(paths.seed(), news / "genome.md")
    (news / "other.md").write_text("---\ntitle: Other\n---\n<p>Nothing</p>\n")
    return tmp_path


def test_dry_run_lists_hits_and_diff_and_writes_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    before = (site / "content/news/genome.md").read_bytes()
    result = curator("replace", "Matt Hancock", "The Secretary", ".", "--dry-run", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "content/news/genome.md:132: body: " in result.stdout
    assert "content/news/genome.md:28: description: " in result.stdout
    assert "+++ content/news/genome.md" in result.stdout
    assert "\nWould replace 2 matches in 1 item (2 checked)\n" in result.stdout
    assert (site / "content/news/genome.md").read_bytes() == before


def test_apply_with_field_scope_and_json(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = curator(
        "replace", "genomic", "GENOMIC", ".", "--field", "title", "--ignore-case", "--word", "--format", "json",
        cwd=site,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["applied"] is True and report["checked"] == 2 and report["hits"] == 1
    hit = report["items"][0]["hits"][0]
    assert hit["field"] == "title" and hit["line"] == 116 and hit["match"] == "Genomic"
    text = (site / "content/news/genome.md").read_text()
    assert "title: UK Launch  Implementation Plan For GENOMIC Healthcare System\n" in text
    # only the title line changed
    old = paths.seed().read_text().splitlines()
    new = text.splitlines()
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [115]


def test_no_match_exits_1_and_bad_regex_exits_2(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert curator("replace", "zzzz-not-there", "x", ".", cwd=site).returncode == 1
    bad = curator("replace", "(oops", "x", ".", "--regex", cwd=site)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "<pattern>:1:1: invalid regular expression '(oops': missing ), unterminated subpattern"
    assert "Traceback" not in bad.stderr
