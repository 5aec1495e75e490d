"""Start-up as a user sees it: process start → first visible window with the seed open.

    python -m benchmarks.bench_startup [--quick]

Under Xvfb with Qt's xcb platform (a real X server, not offscreen), Curator and ReText
(Debian's `retext`, the peer) open the same copy of the seed item, interleaved round by
round so both meet the same machine load. "Visible" is read from the X server itself: the
first top-level window that is mapped, viewable and titled with the item (its title for
Curator, its file name for ReText; python-xlib, polled every 2 ms), for both programs
alike, with the CPU time each process had used by then (/proc: the figure the machine's load disturbs least). Curator also
reports when its preview has painted the item and the longest event-loop stall from the
window until then (CURATOR_BENCH_STARTUP, see gui/app.py).

The floor for the preview, in the same rounds: a bare QWebEngineView (no Curator code
but the app's web engine settings, gui/webflags.py) from process start to its first page
having painted "hello" (`--floor`); Curator's preview cannot paint before QtWebEngine
itself can.

Targets (issue 20): Curator's window ≤ 1.2 × ReText's (medians), preview painted ≤ 1.0 s,
no stall over 100 ms from the window on.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "curated-content-genome-uk.md"
ROUNDS = 7


def _xvfb() -> tuple[subprocess.Popen[bytes], str]:
    for n in range(150, 400):
        if Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            continue
        display = f":{n}"
        proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return proc, display
            time.sleep(0.02)
        proc.kill()
    raise RuntimeError("no free X display for Xvfb")


def _visible_titles(display: Any) -> list[str]:
    from Xlib import X
    from Xlib.error import XError

    titles = []
    stack = list(display.screen().root.query_tree().children)
    while stack:
        win = stack.pop()
        try:
            if win.get_attributes().map_state != X.IsViewable:
                continue
            # _NET_WM_NAME (UTF-8) first: WM_NAME cannot carry "—" and may be unset.
            prop = win.get_full_property(display.intern_atom("_NET_WM_NAME"), 0)
            name = prop.value if prop is not None else win.get_wm_name()
            if name:
                titles.append(name if isinstance(name, str) else bytes(name).decode("utf-8", "replace"))
            # Reparenting window managers would put the client one level down; Xvfb has
            # none, but look one level deeper anyway.
            stack.extend(c for c in win.query_tree().children if c.get_attributes().map_state == X.IsViewable)
        except XError:
            continue  # a window that went away while we looked
    return titles


def _cpu_seconds(pid: int) -> float | None:
    """CPU time the process has used so far (all its threads): on a shared machine the
    wall-clock time depends on everyone else's load, this far less."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _launch(cmd: list[str], env: dict[str, str], x: Any, needle: str,
            preview: bool, timeout: float = 60.0) -> dict[str, float]:
    start = time.time()
    env = dict(env, CURATOR_BENCH_STARTUP=f"{start:.6f}", CURATOR_BENCH_STAY="1")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE if preview else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, text=True)
    out: dict[str, float] = {}
    try:
        while time.time() - start < timeout:
            if any(needle in " ".join(t.split()) for t in _visible_titles(x)):
                out["window_s"] = time.time() - start
                cpu = _cpu_seconds(proc.pid)
                if cpu is not None:
                    out["window_cpu_s"] = cpu
                break
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before showing a window")
            time.sleep(0.002)
        if preview and proc.stdout is not None:
            for line in proc.stdout:  # the app prints its marks as they happen
                if line.startswith("preview-painted"):
                    fields = line.split()
                    out["preview_s"] = float(fields[1])
                    if len(fields) > 2:
                        out["stall_ms"] = float(fields[2])
                    break
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if "window_s" not in out:
        raise RuntimeError(f"{cmd[0]}: no visible window titled {needle!r} within {timeout} s")
    return out


def run(quick: bool = False) -> dict[str, Any]:
    if not SEED.is_file() or shutil.which("Xvfb") is None:
        return {"skipped": 1}
    # An installed app starts from compiled bytecode (Debian's ReText does too); a checkout
    # run with PYTHONDONTWRITEBYTECODE would compile every module on every start.
    compileall.compile_dir(str(ROOT / "curator_app"), quiet=1)
    retext = shutil.which("retext")
    rounds = 3 if quick else ROUNDS
    from Xlib import display as xdisplay

    xvfb, display = _xvfb()
    x = xdisplay.Display(display)
    curator: list[dict[str, float]] = []
    peer: list[dict[str, float]] = []
    floor: list[dict[str, float]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="curator-startup-") as t:
            tmp = Path(t)
            item = tmp / "site" / "content" / "news" / SEED.name
            item.parent.mkdir(parents=True)
            shutil.copy(SEED, item)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
            if os.geteuid() == 0:
                env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
            for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
                (tmp / var).mkdir()
                env[var] = str(tmp / var)
            needle = item.name
            # Curator names its window by the item's title (ReText and the floor by the file name).
            from curator_app.core.document.document import Document

            # Its first words: the window collapses spaces and cuts a long title at a word.
            titled = " ".join(str(Document.load(item).get(("title",))).split()[:4])
            for _ in range(rounds):
                curator.append(_launch([sys.executable, "-m", "curator_app.cli", str(item)], env,
                                       x, titled, preview=True))
                if retext:
                    peer.append(_launch([retext, str(item)], env, x, needle, preview=False))
                floor.append(_launch([sys.executable, "-m", "benchmarks.bench_startup", "--floor", str(item)],
                                     env, x, needle, preview=True))
    finally:
        x.close()
        xvfb.terminate()
        xvfb.wait()
    out: dict[str, Any] = {
        "rounds": rounds,
        "curator_window_ms": round(statistics.median(r["window_s"] for r in curator) * 1000, 1),
        "curator_window_all_ms": [round(r["window_s"] * 1000) for r in curator],
    }
    cpu = [r["window_cpu_s"] for r in curator if "window_cpu_s" in r]
    if cpu:
        out["curator_window_cpu_ms"] = round(statistics.median(cpu) * 1000, 1)
    painted = [r["preview_s"] for r in curator if "preview_s" in r]
    if painted:
        out["curator_preview_ms"] = round(statistics.median(painted) * 1000, 1)
        out["curator_preview_all_ms"] = [round(p * 1000) for p in painted]
    stalls = [r["stall_ms"] for r in curator if "stall_ms" in r]
    if stalls:
        out["curator_longest_stall_ms"] = round(statistics.median(stalls), 1)
        out["curator_longest_stall_all_ms"] = [round(s) for s in stalls]
    floors = [r["preview_s"] for r in floor if "preview_s" in r]
    if floors:
        out["webengine_floor_painted_ms"] = round(statistics.median(floors) * 1000, 1)
        out["webengine_floor_window_ms"] = round(statistics.median(r["window_s"] for r in floor) * 1000, 1)
    targets: dict[str, list[Any]] = {"curator_preview_ms": [1000, "<"], "curator_longest_stall_ms": [100, "<"]}
    if peer:
        out["retext_window_ms"] = round(statistics.median(r["window_s"] for r in peer) * 1000, 1)
        out["retext_window_all_ms"] = [round(r["window_s"] * 1000) for r in peer]
        out["window_ratio"] = round(out["curator_window_ms"] / out["retext_window_ms"], 2)
        peer_cpu = [r["window_cpu_s"] for r in peer if "window_cpu_s" in r]
        if cpu and peer_cpu:
            out["retext_window_cpu_ms"] = round(statistics.median(peer_cpu) * 1000, 1)
            out["window_cpu_ratio"] = round(out["curator_window_cpu_ms"] / out["retext_window_cpu_ms"], 2)
        targets["window_ratio"] = [1.2, "<"]
    out["targets"] = targets
    return out


def _floor(item: Path) -> int:
    """A bare QWebEngineView titled like the item: process start to "hello" painted."""
    t0 = float(os.environ["CURATOR_BENCH_STARTUP"])
    # The web engine set up as the app sets it (flags, scene graph): the floor for its preview.
    from curator_app.gui.webflags import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtWebEngineWidgets import QWebEngineView

    app = QApplication(sys.argv[:1])
    view = QWebEngineView()
    view.setWindowTitle(f"{item.name} — floor")
    view.resize(800, 600)

    def painted(_result: object) -> None:
        print(f"preview-painted {time.time() - t0:.4f}", flush=True)

    # As Curator's pane reports a paint: a script run after the page has loaded.
    view.loadFinished.connect(lambda _ok: view.page().runJavaScript("0", 0, painted))
    view.setHtml("<h1>hello</h1>")
    view.show()
    return int(app.exec())


if __name__ == "__main__":
    if "--floor" in sys.argv:
        sys.exit(_floor(Path(sys.argv[-1])))
    print(json.dumps(run("--quick" in sys.argv), indent=2))
