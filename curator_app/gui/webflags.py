"""Chromium's command line for the preview, set before QtWebEngine starts.

QtWebEngine reads QTWEBENGINE_CHROMIUM_FLAGS once, when the first web profile is created.
The user's own flags come first and are kept; ours are appended only when missing.
"""

from __future__ import annotations

import os

ENV = "QTWEBENGINE_CHROMIUM_FLAGS"
NO_SANDBOX = "--no-sandbox"
# Without a sandbox there is nothing for Chromium's zygote (a pre-forked, pre-sandboxed
# template process) to do, yet creating the first profile blocks the GUI thread until the
# zygote has started: most of the 0.3-1 s stall after the window first paints (issue 20,
# strace: a blocking read on the zygote's socket). With --no-zygote the renderer is started
# from Chromium's launcher thread instead. Chromium refuses --no-zygote with the sandbox on,
# so it is only ever added where the sandbox is already off.
NO_ZYGOTE = "--no-zygote"


def chromium_flags(user_flags: str, *, as_root: bool, sandbox_disabled: bool = False) -> str:
    """`user_flags` with the flags the preview needs appended (none repeated).

    as_root: Chromium will not start its sandbox as root (CI, containers), so it is turned
    off there. sandbox_disabled: the user turned it off (QTWEBENGINE_DISABLE_SANDBOX)."""
    present = user_flags.split()
    added: list[str] = []
    if as_root and NO_SANDBOX not in present:
        added.append(NO_SANDBOX)
    if (NO_SANDBOX in present + added or sandbox_disabled) and NO_ZYGOTE not in present:
        added.append(NO_ZYGOTE)
    # Appended to the user's text as written: a quoted value with spaces stays one flag.
    return " ".join([user_flags.strip(), *added]).strip()


def apply_chromium_flags() -> None:
    """Set the flags in this process's environment (before the first web profile exists)."""
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    flags = chromium_flags(os.environ.get(ENV, ""), as_root=as_root,
                           sandbox_disabled=bool(os.environ.get("QTWEBENGINE_DISABLE_SANDBOX")))
    if flags:
        os.environ[ENV] = flags
