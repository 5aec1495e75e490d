"""The web engine's environment for the preview, set before QtWebEngine starts.

QtWebEngine reads QTWEBENGINE_CHROMIUM_FLAGS once, when the first web profile is created.
The user's own flags come first and are kept; ours are appended only when missing. The
user's own QT_QUICK_BACKEND is kept too.
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
# The web view draws through Qt Quick. With its scene graph on OpenGL, every new frame of
# the preview had the whole window composited through OpenGL, which with a software GL
# (Mesa's llvmpipe: Xvfb, virtual machines, remote desktops) was a third or more of keystroke ->
# painted; Chromium's own flags (--disable-gpu, --disable-gpu-compositing, no vsync) changed
# nothing measurable (issue 20, third pass). In software the window stays a plain raster
# window and Chromium hands over finished frames. A page of cards needs no GPU either way.
QUICK_BACKEND = ("QT_QUICK_BACKEND", "software")


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


def prepare_web_engine() -> None:
    """Set this process's environment for QtWebEngine (before QApplication exists)."""
    os.environ.setdefault(*QUICK_BACKEND)
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    flags = chromium_flags(os.environ.get(ENV, ""), as_root=as_root,
                           sandbox_disabled=bool(os.environ.get("QTWEBENGINE_DISABLE_SANDBOX")))
    if flags:
        os.environ[ENV] = flags
