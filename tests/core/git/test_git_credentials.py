"""Credential lookup without a git binary: helper programs and the store file, for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator_app.core.git.credentials import helper_credentials
from curator_app.core.git.repo import init_repository


def test_helpers_work_without_a_git_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no git on PATH, as in a packaged install
    cr = init_repository(tmp_path / "r")
    url = "https://git.example.org/team/content.git"

    store = tmp_path / "creds"
    store.write_text("https://someone:nope@other.example.org\nhttps://curator:s%40cret@git.example.org\n")
    cr.repo.config["credential.helper"] = f"store --file {store}"
    assert helper_credentials(cr.repo.config, url, None) == ("curator", "s@cret")
    assert helper_credentials(cr.repo.config, url, "someone") is None

    cr.repo.config["credential.helper"] = (
        '!f() { test "$1" = get && echo username=u1 && echo password=p1; }; f'
    )
    assert helper_credentials(cr.repo.config, url, None) == ("u1", "p1")

    cr.repo.config["credential.helper"] = "does-not-exist"
    assert helper_credentials(cr.repo.config, url, None) is None
