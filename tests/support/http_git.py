"""An HTTP git endpoint on 127.0.0.1 that asks for a login and refuses every one."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer


class _RefusingGitServer(BaseHTTPRequestHandler):
    seen: list[str | None]  # Authorization headers received

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.seen.append(self.headers.get("Authorization"))
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="git"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def refusing_git_server() -> Iterator[tuple[str, list[str | None]]]:
    """(repository URL, list of Authorization headers seen) while the server runs."""
    seen: list[str | None] = []
    server = HTTPServer(("127.0.0.1", 0), type("Handler", (_RefusingGitServer,), {"seen": seen}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/repo.git", seen
    finally:
        server.shutdown()
        server.server_close()
