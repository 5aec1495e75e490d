"""The web-engine side of preview safety: a locked-down profile, page and request filter."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from curator_app.core.preview.addresses import is_public_host
from curator_app.core.preview.locator import SCHEME
from curator_app.gui.preview.schemes import ImageSchemeHandler, register_schemes

# What a preview page may request: its own images. Everything else (http, https, file, ws,
# ftp, blob...) is blocked; allowed remote images are fetched by the scheme handler instead.
_ALLOWED_SCHEMES = {SCHEME, "data", "about"}


class BlockingInterceptor(QWebEngineUrlRequestInterceptor):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt name)
        url = info.requestUrl()
        if url.scheme() not in _ALLOWED_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)


class PreviewPage(QWebEnginePage):
    """A page that never navigates: link clicks go to the user's browser (web links only)."""

    def acceptNavigationRequest(  # noqa: N802 (Qt name)
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            # a click is the user's choice, but never toward their own machine or network
            if url.scheme() in ("http", "https") and is_public_host(url.host()):
                QDesktopServices.openUrl(url)
            return False
        # setHtml() loads the page itself; nothing else may replace it or open frames.
        return is_main_frame and url.scheme() in ("data", "about", SCHEME)

    def createWindow(self, _type):  # noqa: N802
        return None

    def javaScriptConsoleMessage(self, *args) -> None:  # noqa: N802
        pass  # page scripts are off; nothing to report


def make_profile(
    parent: QObject, handler: ImageSchemeHandler
) -> tuple[QWebEngineProfile, BlockingInterceptor]:
    """An off-the-record profile (no cookies or storage on disk) with the guards installed."""
    register_schemes()
    profile = QWebEngineProfile(parent)
    interceptor = BlockingInterceptor(profile)
    profile.setUrlRequestInterceptor(interceptor)
    profile.installUrlSchemeHandler(SCHEME.encode(), handler)
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    s = profile.settings()
    off = (
        QWebEngineSettings.WebAttribute.JavascriptEnabled,
        QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows,
        QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard,
        QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
        QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls,
        QWebEngineSettings.WebAttribute.PluginsEnabled,
        QWebEngineSettings.WebAttribute.AutoLoadIconsForPage,
        QWebEngineSettings.WebAttribute.DnsPrefetchEnabled,
        QWebEngineSettings.WebAttribute.WebGLEnabled,
        QWebEngineSettings.WebAttribute.Accelerated2dCanvasEnabled,
        QWebEngineSettings.WebAttribute.PdfViewerEnabled,
        QWebEngineSettings.WebAttribute.NavigateOnDropEnabled,
    )
    for attr in off:
        s.setAttribute(attr, False)
    s.setUnknownUrlSchemePolicy(QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes)
    return profile, interceptor
