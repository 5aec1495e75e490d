"""The `curator-img:` scheme: the only way preview pages get images.

- `curator-img:local/<path>`: a file inside the content folder (re-checked here: `..` and
  symlinks that leave the folder are refused, whatever the page asked for).
- `curator-img:remote?u=<url>`: a remote image, only while the user allows remote images;
  fetched once with Qt's network stack (not the web engine's) into the platform cache dir.
- `curator-img:placeholder?u=…&why=…&w=…&h=…`: an inert SVG naming what was not loaded.
"""

from __future__ import annotations

import mimetypes
import threading
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import QBuffer, QByteArray, QObject, QUrl, Signal
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from curator_app.core.document.reading import read_regular
from curator_app.core.errors import CuratorError
from curator_app.core.preview.addresses import is_public_host, resolves_public
from curator_app.core.preview.locator import (
    SCHEME,
    cache_name,
    contained_file,
    placeholder_request,
    placeholder_svg,
)

MAX_REMOTE_BYTES = 10 * 1024 * 1024
MAX_LOCAL_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 3
_registered = False


def register_schemes() -> None:
    """Declare curator-img: to QtWebEngine. Must run before the QApplication is created."""
    global _registered
    if _registered:
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    # Secure (like https) so a page may show its images; not CSP-exempt: the page's policy
    # still names it explicitly.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("curator", appauthor=False)) / "preview-images"


class ImageSchemeHandler(QWebEngineUrlSchemeHandler):
    # (url, target QUrl, redirects left, every address public): from the resolver thread
    _resolved = Signal(str, object, int, bool)

    def __init__(self, parent: QObject | None = None, cache_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.content_root: Path | None = None
        self.allow_remote = False
        self.cache_dir = cache_dir or default_cache_dir()
        self.refused: list[str] = []  # what was asked for and refused (tests, diagnostics)
        self._net: QNetworkAccessManager | None = None
        self._pending: dict[str, list[QWebEngineUrlRequestJob]] = {}
        self._resolved.connect(self._on_resolved)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        url = job.requestUrl().toString()
        parts = urlsplit(url)
        path, query = parts.path, parse_qs(parts.query)
        if path.startswith("local/"):
            self._local(job, unquote(path[len("local/") :]))
        elif path == "remote":
            self._remote(job, query.get("u", [""])[0])
        elif path == "placeholder":
            self._reply(job, b"image/svg+xml", placeholder_svg(*placeholder_request(query)))
        else:
            self._refuse(job, url)

    def _local(self, job: QWebEngineUrlRequestJob, relative: str) -> None:
        found = contained_file(self.content_root, relative) if self.content_root else None
        if found is None:
            self._refuse(job, relative)
            return
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if not mime.startswith("image/"):
            self._refuse(job, relative)
            return
        try:
            data = read_regular(found, MAX_LOCAL_BYTES)
        except CuratorError:
            self._refuse(job, relative)
            return
        self._reply(job, mime.encode(), data)

    def _remote(self, job: QWebEngineUrlRequestJob, url: str) -> None:
        parts = urlsplit(url)
        target = QUrl(url)
        # Both parsers must agree the host is public: Qt's reading is the one that connects.
        if (
            not self.allow_remote
            or parts.scheme not in ("http", "https")
            or target.scheme() not in ("http", "https")
            or not is_public_host(parts.hostname or "")
            or not is_public_host(target.host())
        ):
            self._refuse(job, url)
            return
        cached = self.cache_dir / cache_name(url)
        if cached.is_file():
            self._reply(job, _sniff(cached.read_bytes()), cached.read_bytes())
            return
        waiting = self._pending.setdefault(url, [])
        waiting.append(job)
        if len(waiting) > 1:
            return
        self._check_then_get(url, target, MAX_REDIRECTS)

    def _check_then_get(self, url: str, target: QUrl, redirects_left: int) -> None:
        """Resolve the host off the GUI thread; fetch only if every address is public."""
        host, port = target.host(), target.port(443 if target.scheme() == "https" else 80)

        def work() -> None:
            self._resolved.emit(url, target, redirects_left, resolves_public(host, port))

        threading.Thread(target=work, name="curator-resolve", daemon=True).start()

    def _on_resolved(self, url: str, target: QUrl, redirects_left: int, public: bool) -> None:
        if public:
            self._get(url, target, redirects_left)
        else:
            self.refused.append(target.toString())
            self._finish(url, b"", b"")

    def _get(self, url: str, target: QUrl, redirects_left: int) -> None:
        if self._net is None:
            self._net = QNetworkAccessManager(self)
        request = QNetworkRequest(target)
        # Redirects are followed by hand so every hop is checked against local addresses.
        request.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.ManualRedirectPolicy,
        )
        request.setTransferTimeout(15000)
        reply = self._net.get(request)
        reply.finished.connect(lambda: self._fetched(url, reply, redirects_left))

    def _fetched(self, url: str, reply: QNetworkReply, redirects_left: int) -> None:
        redirect = reply.attribute(QNetworkRequest.Attribute.RedirectionTargetAttribute)
        if isinstance(redirect, QUrl) and not redirect.isEmpty():
            nxt = reply.url().resolved(redirect)
            reply.deleteLater()
            if redirects_left > 0 and nxt.scheme() in ("http", "https") and is_public_host(nxt.host()):
                self._check_then_get(url, nxt, redirects_left - 1)
            else:
                self._finish(url, b"", b"")
            return
        data = bytes(reply.readAll().data())
        ok = reply.error() == QNetworkReply.NetworkError.NoError and 0 < len(data) <= MAX_REMOTE_BYTES
        reply.deleteLater()
        mime = _sniff(data)
        if ok and mime.startswith(b"image/"):
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_dir / (cache_name(url) + ".part")
            tmp.write_bytes(data)
            tmp.replace(self.cache_dir / cache_name(url))
        else:
            data = b""
        self._finish(url, mime, data)

    def _finish(self, url: str, mime: bytes, data: bytes) -> None:
        for job in self._pending.pop(url, []):
            try:
                if data:
                    self._reply(job, mime, data)
                else:
                    self._refuse(job, url)
            except RuntimeError:  # the page went away while the image was downloading
                pass

    def _refuse(self, job: QWebEngineUrlRequestJob, what: str) -> None:
        self.refused.append(what)
        job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, mime: bytes, data: bytes) -> None:
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        job.reply(mime, buf)


def _sniff(data: bytes) -> bytes:
    signatures = (
        (b"\xff\xd8\xff", b"image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", b"image/png"),
        (b"GIF8", b"image/gif"),
        (b"RIFF", b"image/webp"),
    )
    for magic, mime in signatures:
        if data.startswith(magic):
            return mime
    return b"application/octet-stream"
