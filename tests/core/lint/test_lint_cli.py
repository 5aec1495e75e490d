"""`curator validate` on files and folders: exit codes, recursion, parse errors."""

from __future__ import annotations

from pathlib import Path

from curator_app.cli import main

CLEAN = "---\ntitle: Hello world\ndate: 2020-01-02\n---\nSome body text.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(tmp_path, capsys):
    f = write(tmp_path / "a.md", CLEAN)
    assert main(["validate", str(f)]) == 0
    assert "error" not in capsys.readouterr().out


def test_folder_recurses_md_markdown_mdx_and_html_with_front_matter(tmp_path, capsys):
    bad = CLEAN.replace("Hello world", "Hello  world")
    write(tmp_path / "a.md", bad)
    write(tmp_path / "sub" / "b.markdown", bad)
    write(tmp_path / "sub" / "deep" / "c.mdx", bad)
    write(tmp_path / "d.html", bad)
    write(tmp_path / "e.html", "<html><body>Hello  world</body></html>\n")
    write(tmp_path / ".git" / "f.md", bad)
    write(tmp_path / "notes.txt", bad)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    reported = {line.split(":")[0] for line in out.splitlines() if "CC301" in line}
    assert reported == {
        str(tmp_path / "a.md"),
        str(tmp_path / "sub" / "b.markdown"),
        str(tmp_path / "sub" / "deep" / "c.mdx"),
        str(tmp_path / "d.html"),
    }


def test_parse_error_exits_2_with_one_line_message(tmp_path, capsys):
    f = write(tmp_path / "broken.md", "---\ntitle: [unclosed\ndate: x\n---\nbody\n")
    assert main(["validate", str(f)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{f}:")
    assert err[0].split(":")[1].isdigit() and err[0].split(":")[2].isdigit()
    assert "Traceback" not in err[0]


def test_parse_error_in_a_folder_still_reports_the_other_files(tmp_path, capsys):
    write(tmp_path / "broken.md", "---\ntitle: [unclosed\n---\n")
    write(tmp_path / "ok.md", CLEAN.replace("Hello world", "Hello  world"))
    assert main(["validate", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "CC301" in captured.out
    assert "broken.md" in captured.err


def test_missing_path_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.md")]) == 2
    assert "nope.md" in capsys.readouterr().err


def test_info_findings_do_not_fail(tmp_path, capsys):
    f = write(tmp_path / "a.md", "---\ntitle: Hello world\ndate: 2020-01-02\nvia: ' '\n---\nbody\n")
    assert main(["validate", str(f)]) == 0
    assert "info CC302" in capsys.readouterr().out


def test_parallel_folder_run_matches_the_serial_one(tmp_path, capsys, monkeypatch):
    from curator_app.commands import validate

    for i in range(6):
        write(tmp_path / f"item{i}.md", CLEAN.replace("Hello world", f"Hello  world {i}"))
    write(tmp_path / "broken.md", "---\ntitle: [x\n---\n")
    assert main(["validate", str(tmp_path)]) == 2
    serial = capsys.readouterr()
    monkeypatch.setattr(validate, "PARALLEL_MIN_FILES", 2)
    assert main(["validate", str(tmp_path)]) == 2
    parallel = capsys.readouterr()
    assert parallel.out == serial.out and parallel.err == serial.err
    assert parallel.out.count("CC301") == 6
