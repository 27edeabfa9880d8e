"""The HTTP side of the preview: the site's files, the live script and the event stream.

Only GET and HEAD; only files under the site folder; every answer says `Cache-Control:
no-store`, so the browser always shows the latest build; requests naming another host than
127.0.0.1 or localhost are refused (a web page elsewhere cannot reach the preview through a
DNS name that points here).
"""

from __future__ import annotations

import errno
import http.server
import os
import socketserver
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sopmodel.preview.events import EventHub, encode
from sopmodel.preview.files import content_type, site_file

__all__ = ["EVENTS", "HOST", "LIVE_SCRIPT", "PortError", "PreviewHTTPServer"]

HOST = "127.0.0.1"
"""The only address the preview listens on."""
LIVE_SCRIPT = "/__sopmodel/live.js"
EVENTS = "/__sopmodel/events"
RETRY_MS = 500
"""How soon a page reconnects after the stream broke (the server restarted)."""

NOT_FOUND = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>Not found</title><script src="{script}" defer></script></head>
<body><main><h1>Not found</h1><p>No page of the handbook is at this address (yet).
This page reloads when one is written here. <a href="/">The handbook’s home page</a>.</p>
<p lang="fr">Aucune page du manuel à cette adresse (pour l’instant). Cette page se recharge
quand une page y est écrite. <a href="/">L’accueil du manuel</a>.</p></main>
</body></html>
"""


class PortError(OSError):
    """The port cannot be listened on; the message says why in one line."""


class PreviewHTTPServer(http.server.ThreadingHTTPServer):
    """Serve one site folder on 127.0.0.1, with the live script and the event stream."""

    daemon_threads = True

    def __init__(self, site: Path, hub: EventHub, port: int = 0) -> None:
        self.site = site.resolve()
        self.hub = hub
        self.live_script = (files("sopmodel.preview") / "live.js").read_bytes()
        try:
            super().__init__((HOST, port), PreviewHandler)
        except OSError as error:
            raise PortError(_port_message(port, error)) from None

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks for the host's fully qualified name (a DNS lookup).
        socketserver.TCPServer.server_bind(self)
        self.server_name = HOST
        self.server_port = self.server_address[1]

    @property
    def port(self) -> int:
        """The port listened on (the one chosen by the system when asked for 0)."""
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The handbook's home page."""
        return f"http://{HOST}:{self.port}/"


def _port_message(port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} is in use on {HOST}: choose another with --port,"
            " or --port 0 for a free one"
        )
    if error.errno == errno.EACCES:
        return f"cannot listen on port {port}: permission denied (ports below 1024 need root)"
    return f"cannot listen on {HOST}:{port}: {error.strerror or error}"


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """One request: a site file, the live script, or the event stream."""

    server: PreviewHTTPServer
    server_version = "sopmodel-serve"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing about each request (the terminal shows rebuilds)."""

    def _answer(self, body: bool) -> None:
        if not self._host_allowed():
            self._send(403, "text/plain; charset=utf-8", b"Forbidden: unknown host\n", body)
            return
        path = urlsplit(self.path).path
        if path == LIVE_SCRIPT:
            self._send(200, "text/javascript; charset=utf-8", self.server.live_script, body)
        elif path == EVENTS:
            self._events(body)
        else:
            self._file(body)

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host")
        if host is None:
            return True
        return host in {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}

    def _file(self, body: bool) -> None:
        found = site_file(self.server.site, self.path)
        if found is None and urlsplit(self.path).path == "/favicon.ico":
            self._send(204, "image/x-icon", b"", body)  # browsers ask; a site may have none
            return
        if found is None:
            page = NOT_FOUND.format(script=LIVE_SCRIPT).encode()
            self._send(404, "text/html; charset=utf-8", page, body)
            return
        try:
            data = found.read_bytes()
        except OSError:  # replaced or removed by a rebuild between the look-up and the read
            self._send(503, "text/plain; charset=utf-8", b"Rebuilding, reload the page\n", body)
            return
        self._send(200, content_type(found), data, body)

    def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self._common_headers()
        self.end_headers()
        if body:
            self._write(data)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # the tab was closed: broken pipe, reset, time-out
            return False
        return True

    def _events(self, body: bool) -> None:
        """Stream rebuild events; the first one says when the asking page was last written."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self._common_headers()
        self.end_headers()
        if not body:
            return
        page = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
        hello = f"retry: {RETRY_MS}\n\n".encode() + encode(
            "hello", {"written": self._written(page)}
        )
        self.close_connection = True
        stream = self.server.hub.stream(hello, page=page)
        try:
            for chunk in stream:
                if not self._write(chunk):
                    break
        finally:
            stream.close()

    def _written(self, page: str) -> float:
        """Return when a site page was last written (ms since the epoch), 0 if it is not."""
        found = site_file(self.server.site, "/" + page.lstrip("/"))
        if found is None:
            return 0.0
        try:
            return os.stat(found).st_mtime_ns / 1e6
        except OSError:
            return 0.0
