"""No edit writes a file that reads back differently: the exact bytes to be written are
split and parsed again, for every format, before anything touches the disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator_app.core.document.document import Document
from curator_app.core.errors import EditError

TOML_AOT = "+++\ntitle = \"x\"\n[[arr]]\na = 1\n[[arr]]\na = 2\n+++\nbody\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_toml_array_of_tables_set_to_a_scalar(tmp_path: Path, run_cli, newline: str) -> None:
    path = tmp_path / "item.md"
    path.write_bytes(TOML_AOT.replace("\n", newline).encode())
    res = run_cli("set", str(path), "arr=x")
    assert res.returncode == 0, res.stderr
    assert path.read_bytes() == '+++\ntitle = "x"\narr = "x"\n+++\nbody\n'.replace("\n", newline).encode()
    doc = Document.load(path)
    assert doc.data == {"title": "x", "arr": "x"} and doc.body == f"body{newline}"


@pytest.mark.parametrize(
    "body",
    [
        "---\ntitle: injected\n",  # would open a YAML block that is never closed
        "---\ntitle: injected\n---\nrest\n",  # would read as front matter
        '{"title": "injected"}\nrest\n',  # would read as JSON front matter
    ],
)
def test_body_that_would_not_read_back_is_refused(tmp_path: Path, body: str) -> None:
    path = tmp_path / "page.md"
    raw = b"plain page, no front matter\n"
    path.write_bytes(raw)
    doc = Document.load(path)
    doc.body = body
    with pytest.raises(EditError, match="would not read back"):
        doc.save()
    assert path.read_bytes() == raw
    assert list(tmp_path.iterdir()) == [path]


def test_every_format_checks_the_written_bytes(tmp_path: Path) -> None:
    files = {
        "y.md": "---\ntitle: a\n---\nbody\n",
        "t.md": '+++\ntitle = "a"\n+++\nbody\n',
        "j.md": '{\n  "title": "a"\n}\nbody\n',
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text)
        doc = Document.load(path)
        body = doc.body
        doc.set("title", "b\n+++\n---\n}")  # fences inside a value stay inside it
        doc.save()
        again = Document.load(path)
        assert again.get("title") == "b\n+++\n---\n}", name
        assert again.body == body, name
