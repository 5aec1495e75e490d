"""The preview pane against a hostile item, in the real QtWebEngine (offscreen).

A TCP listener on 127.0.0.1 counts connections: whatever the item tries (scripts, handlers,
frames, remote and local URLs, an og:image pointing at the listener), nothing may reach it,
no page script may run, and only images inside the content folder may show.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from curator_app.gui.preview import register_schemes

register_schemes()  # before the QApplication exists (pytest-qt creates it lazily)

from PIL import Image  # noqa: E402
from PySide6.QtWebEngineCore import QWebEngineScript  # noqa: E402

from curator_app.core.document.document import Document  # noqa: E402
from curator_app.gui.preview.pane import PreviewPane  # noqa: E402


class Listener:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


def _hostile(root: Path, port: int) -> Path:
    item = root / "news" / "evil"
    item.mkdir(parents=True)
    Image.new("RGB", (64, 48), (200, 30, 30)).save(item / "good.png")
    Image.new("RGB", (64, 48), (0, 0, 0)).save(root.parent / "secret.png")
    (item / "escape.png").symlink_to(root.parent / "secret.png")
    base = f"http://127.0.0.1:{port}"
    body = f"""<p id="p1" onclick="document.title='clicked'">Hello</p>
<script>document.title = 'pwned';</script>
<img alt="on" src="nope.png" onerror="document.title='onerror'">
<a id="js" href="javascript:document.title='js'">js link</a>
<iframe src="{base}/frame"></iframe>
<img alt="net" src="{base}/img.png">
<img alt="file" src="file:///etc/passwd">
<img alt="up" src="../../../secret.png">
<img alt="link" src="escape.png">
<img alt="good" src="good.png">
<link rel="stylesheet" href="{base}/style.css">
<style>@import url({base}/import.css); body {{ background: url({base}/bg.png) }}</style>
<video src="{base}/v.mp4" autoplay></video><audio src="{base}/a.mp3" autoplay></audio>
<object data="{base}/obj"></object><embed src="{base}/embed">
<svg><image href="{base}/svg.png"/></svg>
<form action="{base}/form"><input name="q"></form>
<meta http-equiv="refresh" content="0;url={base}/refresh">
<p style="background-image:url({base}/style-attr.png)">styled</p>
"""
    front = f"""title: Hostile item
description: An item that tries everything
featuredImage:
  href: good.png
openGraphMetaData:
  ogimage: '{base}/og.png'
  ogurl: '{base}/page'
twitterMetaData:
  twitterimage: '{base}/tw.png'
  twittercard: summary_large_image
"""
    path = item / "index.md"
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def _js(qtbot, pane: PreviewPane, script: str):
    box: list = []
    pane.page.runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


_IMAGES = """JSON.stringify({
  title: document.title,
  images: Object.fromEntries(Array.from(document.querySelectorAll('img[alt]'))
      .map(i => [i.alt, [i.complete, i.naturalWidth, i.getAttribute('src')]])),
  iframes: document.querySelectorAll('iframe, object, embed, video, audio, form, svg').length,
  scripts: document.querySelectorAll('script').length,
  jslinks: Array.from(document.querySelectorAll('a')).filter(a => /^\\s*javascript:/i.test(a.getAttribute('href') || '')).length,
  handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
})"""


def _render(qtbot, pane: PreviewPane, action) -> None:
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000):
        action()


def _hostile_pane(qtbot, tmp_path: Path, port: int) -> PreviewPane:
    """A shown preview with the hostile item rendered (remote images off)."""
    root = tmp_path / "content"
    path = _hostile(root, port)
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.show()
    _render(qtbot, pane, lambda: pane.set_document(Document.load(path), root))
    return pane


@pytest.mark.parametrize("allow_remote", [False, True])
def test_hostile_item_reaches_nothing_and_runs_nothing(
    qtbot, tmp_path: Path, listener: Listener, allow_remote: bool
) -> None:
    root = tmp_path / "content"
    path = _hostile(root, listener.port)
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    pane.set_allow_remote_images(allow_remote)
    _render(qtbot, pane, lambda: pane.set_document(Document.load(path), root))

    def images_settled() -> bool:
        state = _js(qtbot, pane, _IMAGES)
        return all(done for done, _w, _s in state["images"].values())

    qtbot.waitUntil(images_settled, timeout=10000)
    qtbot.wait(500)  # give any stray request time to arrive at the listener
    state = _js(qtbot, pane, _IMAGES)

    assert listener.connections == 0
    assert state["title"] == "Curator preview"  # no page script ran
    assert state["scripts"] == 0 and state["iframes"] == 0
    assert state["jslinks"] == 0 and state["handlers"] == 0
    imgs = state["images"]
    assert imgs["good"][1] == 64 and imgs["good"][2].startswith("curator-img:local/")
    for refused in ("up", "link"):  # ../ escape and a symlink out of the folder: placeholders
        assert imgs[refused][2].startswith("curator-img:placeholder"), imgs[refused]
        assert "outside" in imgs[refused][2]
    assert imgs["net"][2].startswith("curator-img:placeholder"), imgs["net"]
    assert "local-network" in imgs["net"][2]
    assert imgs["file"][2] is None  # a file: URL loses its src entirely
    assert not any((s or "").startswith(("http", "file")) for _d, _w, s in imgs.values())


def test_scheme_handler_refuses_escapes_even_when_asked_directly(
    qtbot, tmp_path: Path, listener: Listener
) -> None:
    pane = _hostile_pane(qtbot, tmp_path, listener.port)
    # Inject forged URLs straight into the page, bypassing the core's locator.
    forged = [
        "curator-img:local/news/evil/good.png",
        "curator-img:local/../secret.png",
        "curator-img:local/news/evil/escape.png",
        "curator-img:local/%2e%2e/secret.png",
        f"curator-img:remote?u=http%3A%2F%2F127.0.0.1%3A{listener.port}%2Fx.png",
    ]
    script = (
        "document.getElementById('cards').innerHTML = "
        + json.dumps("".join(f'<img alt="f{i}" src="{u}">' for i, u in enumerate(forged)))
        + "; 0"
    )
    pane.page.runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)
    probe = "JSON.stringify(Array.from(document.images).map(i => [i.complete, i.naturalWidth]))"

    def settled() -> bool:
        got = _js(qtbot, pane, probe)
        return len(got) == len(forged) and all(c for c, _ in got)

    qtbot.waitUntil(settled, timeout=10000)
    widths = [w for _c, w in _js(qtbot, pane, probe)]
    assert widths[0] == 64
    assert widths[1:] == [0] * (len(forged) - 1)
    assert listener.connections == 0
    assert any("secret.png" in r for r in pane.handler.refused)


def test_guards_hold_even_if_the_sanitizer_missed_something(
    qtbot, tmp_path: Path, listener: Listener
) -> None:
    """Raw hostile HTML straight into the pane's page: page scripts stay off, requests blocked."""
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.show()
    base = f"http://127.0.0.1:{listener.port}"
    raw = f"""<html><head><title>raw</title><link rel="stylesheet" href="{base}/s.css"></head>
<body><script>document.title = 'pwned';</script>
<img src="{base}/i.png" onerror="document.title='onerror'"><iframe src="{base}/f"></iframe>
<img src="file:///etc/passwd"><div style="background:url({base}/bg.png)">x</div></body></html>"""
    with qtbot.waitSignal(pane.page.loadFinished, timeout=20000):
        pane.page.setHtml(raw)
    qtbot.wait(800)
    box: list = []
    pane.page.runJavaScript("document.title", QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    assert box[0] == "raw"
    assert listener.connections == 0
    assert any(f"127.0.0.1:{listener.port}" in u for u in pane.blocked_requests())


def test_allowed_remote_image_is_served_from_the_disk_cache(qtbot, tmp_path: Path) -> None:
    """An allowed remote og:image already in the cache shows without touching the network."""
    from curator_app.core.preview.locator import cache_name

    url = "https://images.example.org/og.png"
    cache = tmp_path / "cache"
    cache.mkdir()
    Image.new("RGB", (1200, 630), (10, 120, 60)).save(cache / cache_name(url), "PNG")
    root = tmp_path / "content"
    (root / "a").mkdir(parents=True)
    path = root / "a" / "index.md"
    path.write_text(f"---\ntitle: Cached\nopenGraphMetaData:\n  ogimage: '{url}'\n---\nx\n", "utf-8")
    pane = PreviewPane(cache_dir=cache)
    qtbot.addWidget(pane)
    pane.show()
    _render(qtbot, pane, lambda: pane.set_document(Document.load(path), root))
    probe = """JSON.stringify(Array.from(document.querySelectorAll('#card-facebook img'))
        .map(i => [i.complete, i.naturalWidth, i.getAttribute('src')]))"""
    assert "Remote images are off" in _js(qtbot, pane, "JSON.stringify(document.body.innerText)")
    _render(qtbot, pane, lambda: pane.set_allow_remote_images(True))

    def loaded() -> bool:
        got = _js(qtbot, pane, probe)
        return bool(got) and all(c for c, _w, _s in got)

    qtbot.waitUntil(loaded, timeout=10000)
    imgs = _js(qtbot, pane, probe)
    assert imgs[0][1] == 1200 and imgs[0][2].startswith("curator-img:remote?u=")
    assert pane.blocked_requests() == []
    # with the size known from the cache, the crop box is drawn
    assert "crop 1.91:1 · 1200×630" in _js(qtbot, pane, "JSON.stringify(document.body.innerText)")


def test_remote_images_on_never_reach_this_machine_by_any_spelling(
    qtbot, tmp_path: Path, listener: Listener
) -> None:
    """With remote images allowed, numeric spellings of 127.0.0.1 and a host name that
    resolves to it are all refused by address: 0 connections reach the listener."""
    import socket
    from urllib.parse import quote

    pane = _hostile_pane(qtbot, tmp_path, listener.port)
    pane.set_allow_remote_images(True)
    hosts = ["2130706433", "0x7f000001", "127.1", "0", "0177.0.0.1", "[::ffff:127.0.0.1]", "localhost."]
    name = socket.gethostname()
    try:
        if {i[4][0] for i in socket.getaddrinfo(name, 80)} <= {"127.0.0.1", "::1", "127.0.1.1"}:
            hosts.append(name)  # resolves to loopback: refused only after resolving
    except OSError:
        pass
    forged = [f"curator-img:remote?u={quote(f'http://{h}:{listener.port}/x.png', safe='')}" for h in hosts]
    before = len(pane.handler.refused)
    script = (
        "document.getElementById('cards').innerHTML = "
        + json.dumps("".join(f'<img alt="r{i}" src="{u}">' for i, u in enumerate(forged)))
        + "; 0"
    )
    pane.page.runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)
    qtbot.waitUntil(lambda: len(pane.handler.refused) - before >= len(forged), timeout=15000)
    probe = "JSON.stringify(Array.from(document.images).filter(i => i.alt.startsWith('r')).map(i => i.complete))"
    qtbot.waitUntil(lambda: all(_js(qtbot, pane, probe)), timeout=10000)
    assert listener.connections == 0
