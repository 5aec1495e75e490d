"""Chromium's flags for the preview: the user's kept as written, ours appended once, and
the zygote left out only where the sandbox is off (Chromium refuses otherwise)."""

from __future__ import annotations

import os

from curator_app.gui.webflags import chromium_flags, prepare_web_engine


def test_as_root_the_sandbox_and_the_zygote_are_off() -> None:
    assert chromium_flags("", as_root=True) == "--no-sandbox --no-zygote"


def test_a_user_keeps_the_sandbox_and_so_the_zygote() -> None:
    assert chromium_flags("", as_root=False) == ""
    assert chromium_flags("--lang=en-GB", as_root=False) == "--lang=en-GB"


def test_the_users_flags_come_first_as_written_and_nothing_is_repeated() -> None:
    users = '--user-agent="Curator preview" --no-sandbox'
    assert chromium_flags(users, as_root=True) == f"{users} --no-zygote"
    assert chromium_flags(f"{users} --no-zygote", as_root=True) == f"{users} --no-zygote"


def test_a_sandbox_the_user_turned_off_drops_the_zygote_too() -> None:
    assert chromium_flags("--no-sandbox", as_root=False) == "--no-sandbox --no-zygote"
    assert chromium_flags("", as_root=False, sandbox_disabled=True) == "--no-zygote"


def test_the_environment_gets_a_software_scene_graph_unless_the_user_chose_one(monkeypatch) -> None:
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--lang=en-GB")
    prepare_web_engine()
    assert os.environ["QT_QUICK_BACKEND"] == "software"
    assert os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].startswith("--lang=en-GB")
    monkeypatch.setenv("QT_QUICK_BACKEND", "rhi")
    prepare_web_engine()
    assert os.environ["QT_QUICK_BACKEND"] == "rhi"
