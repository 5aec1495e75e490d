"""The live preview pane: cards, article and meta tags for the open document.

Edits call `document_changed()`. When no render is running, a snapshot of the document is
rendered at once on a worker thread (no debounce: an idle keystroke shows in one render,
~15 ms); edits arriving while a render runs are coalesced into one render started when it
finishes, so fast typing never queues stale work. The result replaces the page's cards in
place (no reload), so the scroll position stays and nothing flashes. Page scripts are disabled; the in-place
update runs in Qt's isolated application world, which the setting does not affect.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QGuiApplication, QResizeEvent
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from curator_app.core.preview.page import Preview
from curator_app.gui.a11y import named
from curator_app.gui.preview.chooser import CardChooser
from curator_app.gui.preview.fit import MIN_ZOOM, SCROLLBAR_PX, WIDEST_CARD_PX, fit_zoom, scale_note
from curator_app.gui.preview.guard import PreviewPage, make_profile
from curator_app.gui.preview.placeholder import BACKGROUND  # the page's own, shown before it paints
from curator_app.gui.preview.render_job import (
    RESULT_EVENT,
    RenderRequest,
    RenderResult,
    now,
    start_render,
    wait_for_renders,
)
from curator_app.gui.preview.schemes import ImageSchemeHandler, default_cache_dir

TABS = (
    ("all", "All"),
    ("site", "Site card"),
    ("article", "Article"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("linkedin", "LinkedIn"),
    ("slack", "Slack"),
    ("search", "Search"),
    ("meta", "Meta tags"),
)
BASE_URL = QUrl("curator-img:page")
PAINT_WAIT_MS = 1000  # a change that alters no pixel yields no frame: reported after this
_APP_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld


class PreviewPane(QWidget):
    sig_rendered = Signal(float)  # ms from the first edit a render shows to the page showing it
    sig_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, cache_dir: Path | None = None) -> None:
        super().__init__(parent)
        self._doc: Any = None
        self._content_root: Path | None = None
        self._generation = 0
        self._shown = "all"
        self._loaded = False  # the shell page has finished loading
        self._pending: tuple[RenderRequest, Preview] | None = None
        self._css: str | None = None
        self._head_html = ""
        self._shell_request: RenderRequest | None = None
        self._jobs = 0  # renders started and not yet back
        # Results come back in order (one worker). Each newer one is shown, even while the
        # next render runs, so continuous typing still updates the page; results from
        # before `_floor` (another document, other settings) are dropped.
        self._floor = 0
        self._applied = 0
        self.renders_started = 0
        self.painted_generation = 0
        self._changed_at: float | None = None  # first edit not yet sent to a render
        self._sections: dict[str, str] = {}  # kind → the section HTML the page shows now
        self._painting: list[RenderRequest] = []  # on the page, their frame not yet painted
        self._surface: QObject | None = None  # the widget the web view paints its frames in

        self.view = QWebEngineView(self)

        self.view.setAccessibleName("Preview")
        self.view.setAccessibleDescription("How the item looks as site cards, shared links and meta tags")
        self.setMinimumWidth(int(WIDEST_CARD_PX * MIN_ZOOM) + SCROLLBAR_PX + 4)

        self.tabs = CardChooser([label for _key, label in TABS], self)
        self.tabs.currentChanged.connect(self._on_tab)
        self.copy_button = QPushButton("Copy meta tags", self)
        self.copy_button.setToolTip("Copy the <head> tags this item produces")
        named(self.copy_button, "Copy meta tags", "Copy the <head> tags this item produces")
        self.copy_button.clicked.connect(self.copy_meta_tags)
        self.remote_box = QCheckBox("Remote images", self)
        self.remote_box.setToolTip("Download og:image and other remote images (cached on disk)")
        named(self.remote_box, "Remote images", "Download og:image and other remote images (cached on disk)")
        self.remote_box.toggled.connect(self.set_allow_remote_images)
        self.zoom = 1.0
        self.scale_label = QLabel(self)
        self.scale_label.setObjectName("previewScale")
        self.scale_label.setWordWrap(True)
        self.scale_label.setAccessibleName("Preview scale")
        self.scale_label.setToolTip("The pane is narrower than the widest card: every card is "
                                    "scaled down by the same factor. Widen the pane for full size.")
        self.scale_label.hide()

        # The chooser has a row to itself so a full-width pane shows every tab at once.
        bar = QVBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.setSpacing(2)
        bar.addWidget(self.tabs)
        tools = QHBoxLayout()
        tools.addWidget(self.scale_label)
        tools.addStretch(1)
        tools.addWidget(self.remote_box)
        tools.addWidget(self.copy_button)
        QWidget.setTabOrder(self.remote_box, self.copy_button)  # as they read, left to right
        bar.addLayout(tools)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        # Children are deleted in the order they joined (addWidget above re-appends the view):
        # the view and its page must go before the profile, or QtWebEngine complains.
        self.handler = ImageSchemeHandler(self, cache_dir or default_cache_dir())
        self.profile, self.interceptor = make_profile(self, self.handler)
        self.page = PreviewPage(self.profile, self.view)
        self.page.setBackgroundColor(QColor(BACKGROUND))
        self.view.setPage(self.page)
        self.page.loadFinished.connect(self._on_loaded)


    # -- public API ------------------------------------------------------------------------

    def set_document(self, doc: Any, content_root: Path) -> None:
        self._doc = doc
        self._content_root = Path(content_root)
        self.handler.content_root = self._content_root
        self._changed_at = None
        self._render_now()
        self._floor = self._generation

    def document_changed(self) -> None:
        if self._doc is None:
            return
        if self._changed_at is None:
            self._changed_at = now()
        if self._jobs == 0:
            self._render_now()
        # else: the render that is running finishes first, then one render takes every
        # edit made meanwhile (see event()).

    @property
    def rendering(self) -> bool:
        """A render is running on the worker thread."""
        return self._jobs > 0

    def set_allow_remote_images(self, allow: bool) -> None:
        if self.remote_box.isChecked() != allow:
            self.remote_box.setChecked(allow)  # re-enters through toggled
            return
        self.handler.allow_remote = allow
        if self._doc is not None:
            self._render_now()
            self._floor = self._generation

    def show_card(self, kind: str) -> None:
        keys = [k for k, _ in TABS]
        self.tabs.setCurrentIndex(keys.index(kind))

    def step_card(self, by: int) -> None:
        """The next (1) or previous (-1) card, wrapping: View ▸ Next Preview Card."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + by) % self.tabs.count())

    def copy_meta_tags(self) -> None:
        QGuiApplication.clipboard().setText(self._head_html)

    @property
    def meta_html(self) -> str:
        return self._head_html

    def blocked_requests(self) -> list[str]:
        return list(self.interceptor.blocked)

    # -- rendering -------------------------------------------------------------------------

    def _render_now(self) -> None:
        if self._doc is None:
            return
        self._generation += 1
        started = self._changed_at if self._changed_at is not None else now()
        self._changed_at = None
        path = getattr(self._doc, "path", None)
        request = RenderRequest(
            self._generation,
            self._doc.to_bytes(),
            Path(path) if path else None,
            self._content_root,
            self.handler.allow_remote,
            self.handler.cache_dir,
            started,
        )
        self._jobs += 1
        self.renders_started += 1
        start_render(request, self)

    def shutdown(self) -> None:
        """Before the pane goes: a render still running would post its result to a freed pane."""
        wait_for_renders()

    def event(self, event: QEvent) -> bool:
        if event.type() == RESULT_EVENT and isinstance(event, RenderResult):
            self._jobs -= 1
            if self._jobs == 0 and self._changed_at is not None:
                self._render_now()  # edits made while this one ran, in one render
            if event.preview is not None:
                self._on_rendered(event.request, event.preview)
            else:
                self._on_failed(event.request, event.error or "unknown error")
            return True
        return super().event(event)

    def _current(self, request: RenderRequest) -> bool:
        return request.generation >= self._floor and request.generation > self._applied

    def _on_rendered(self, request: RenderRequest, preview: Preview) -> None:
        if not self._current(request):
            return
        self._applied = request.generation
        self._head_html = preview.head_html
        if not self._loaded:
            self._pending = (request, preview)
            if self._css is None:
                self._css = preview.css
                self._shell_request = request
                self._sections = dict(preview.sections)
                self.page.setHtml(preview.page(self._shown), BASE_URL)
            return
        self._apply(request, preview)

    def _on_failed(self, request: RenderRequest, message: str) -> None:
        if not self._current(request):
            return
        self._applied = request.generation
        self.sig_failed.emit(message)
        body = (
            f'<section class="card-section" style="display:block"><p class="missing">'
            f"Preview unavailable: {html.escape(message)}</p></section>"
        )
        if self._loaded:
            self._sections = {}  # the page no longer shows any card
            self._run(f"document.getElementById('cards').innerHTML = {json.dumps(body)};")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        zoom = fit_zoom(self.width())
        self.zoom = zoom
        if abs(self.view.zoomFactor() - zoom) > 0.001:
            self.view.setZoomFactor(zoom)
        note = scale_note(zoom)
        self.scale_label.setText(note)
        self.scale_label.setVisible(bool(note))

    def _on_loaded(self, ok: bool) -> None:
        self._loaded = ok
        if ok:
            self._fit()  # a new page starts at the profile's default zoom
        if ok and self._pending is not None:
            request, preview = self._pending
            self._pending = None
            if request is self._shell_request:  # the shell already holds this render
                self._run("0", lambda _r: self._report(request))
            else:
                self._apply(request, preview)

    def _apply(self, request: RenderRequest, preview: Preview) -> None:
        script = _patch_script(self._sections, preview)
        self._sections = dict(preview.sections)
        if preview.css != self._css:  # a designer edited the stylesheet
            self._css = preview.css
            script += f"document.querySelector('style').textContent = {json.dumps(preview.css)};"
        self._run(script + "0", lambda _r: self._report(request))

    def _report(self, request: RenderRequest) -> None:
        """The page holds the render: reported once the view has painted the frame showing
        it (the web view's widget paints each new frame), or after PAINT_WAIT_MS when the
        change altered no pixel (a hidden card) and no frame comes."""
        if not shiboken6.isValid(self):  # a page's late callback after the pane was deleted
            return
        self._painting.append(request)
        surface = self.view.focusProxy()
        if surface is not None and surface is not self._surface:
            # Chromium may replace the widget it draws into (a new page, a renderer crash).
            surface.installEventFilter(self)
            self._surface = surface
        QTimer.singleShot(PAINT_WAIT_MS, self, lambda: self._painted(request))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched is self._surface and self._painting:
            # After this paint has been handled: the frame is in the window's back buffer.
            QTimer.singleShot(0, self, lambda request=self._painting[-1]: self._painted(request))
        return False

    def _painted(self, request: RenderRequest) -> None:
        """`request` and every render before it are on screen (a newer frame shows them)."""
        if request not in self._painting:
            return
        done = self._painting[: self._painting.index(request) + 1]
        del self._painting[: len(done)]
        for shown in done:
            self.painted_generation = shown.generation  # renders are numbered from 1
            self.sig_rendered.emit((now() - shown.started) * 1000.0)

    def _on_tab(self, index: int) -> None:
        self._shown = TABS[index][0]
        self.copy_button.setVisible(True)
        if self._loaded:
            self._run(f"document.body.className = {json.dumps('show-' + self._shown)}; 0")

    def _run(self, script: str, callback: Any = None) -> None:
        if callback is None:
            self.page.runJavaScript(script, _APP_WORLD)
        else:
            self.page.runJavaScript(script, _APP_WORLD, callback)


def _patch_script(shown: dict[str, str], preview: Preview) -> str:
    """The script that turns the page's cards (`shown`) into the preview's, replacing only the
    sections whose HTML changed: a keystroke in the body re-lays out the article alone, and
    images in unchanged cards are neither reloaded nor re-decoded (issue 20)."""
    if list(shown) != list(preview.sections):  # other cards, or none yet: all of them
        return f"document.getElementById('cards').innerHTML = {json.dumps(preview.cards_html)};"
    return "".join(
        f"document.getElementById({json.dumps('card-' + kind)}).outerHTML = {json.dumps(section)};"
        for kind, section in preview.sections.items()
        if shown[kind] != section
    )
