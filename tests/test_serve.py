"""`sopmodel serve`: a live handbook on 127.0.0.1 that rebuilds on save (no browser here).

Each test starts a server on a free port, reads pages over HTTP and polls, with a bounded
wait, until a change shows; every server is stopped by its fixture.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from sopmodel.preview import EVENTS, LIVE_SCRIPT, PreviewServer
from sopmodel.preview.files import content_type, page_key
from sopmodel.preview.watch import documents_touched

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sales-opportunity.yaml"
STEP = "Book an FO with the decision-maker"
WAIT = 15.0
"""The longest wait for a change to show (seconds); a pass takes a fraction of one."""


def wait_for(condition: Callable[[], object], what: str, timeout: float = WAIT) -> object:
    """Poll until condition() is truthy; fail saying what did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"after {timeout} s: {what}")


def get(url: str, path: str = "", host: str | None = None) -> tuple[int, dict[str, str], str]:
    """GET a raw request target (sent as is, unnormalised); return status, headers, text."""
    address = url.removeprefix("http://").rstrip("/")
    name, port = address.split(":")
    connection = http.client.HTTPConnection(name, int(port), timeout=10)
    try:
        connection.putrequest("GET", path or "/", skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def page_text(server: PreviewServer, document: Path) -> str:
    url = server.url_of(str(document))
    if not url:
        return ""
    status, _headers, body = get(server.url, "/" + url.removeprefix(server.url))
    return body if status == 200 else ""


@pytest.fixture
def procedures(tmp_path: Path) -> Path:
    folder = tmp_path / "procedures"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return folder


@pytest.fixture
def serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., PreviewServer]]:
    """Start preview servers on free ports; stop them all, whatever the test did."""
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(private))
    servers: list[PreviewServer] = []

    def start(paths: Iterable[Path], **options: object) -> PreviewServer:
        server = PreviewServer([str(p) for p in paths], port=0, **options)  # type: ignore[arg-type]
        servers.append(server)
        server.start()
        return server

    try:
        yield start
    finally:
        for server in servers:
            server.stop()
        assert list(private.iterdir()) == [], "the private site folder was left behind"


def save_by_rename(path: Path, text: str) -> None:
    """Save as vim and many editors do: write a new file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_serves_the_handbook_on_loopback_only_with_no_store(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    server = serve([procedures])
    assert server.url.startswith("http://127.0.0.1:")
    assert server._http is not None and server._http.server_address[0] == "127.0.0.1"
    status, headers, body = get(server.url, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert "Sales opportunity" in body or "SALES-001" in body
    status, headers, script = get(server.url, LIVE_SCRIPT)
    assert (status, headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    assert "EventSource" in script
    page = page_text(server, procedures / EXAMPLE.name)
    assert f'<script src="{LIVE_SCRIPT}" defer>' in page
    assert get(server.url, "/favicon.ico")[0] == 204  # browsers ask: no 404 in the console


def test_a_saved_change_shows_on_the_page(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    document = procedures / EXAMPLE.name
    server = serve([procedures])
    text = document.read_text(encoding="utf-8")
    assert "Book an FO with the decision-maker" in page_text(server, document)
    document.write_text(
        text.replace("Book an FO with the decision-maker", "Book an FO with the buyer"), "utf-8"
    )
    wait_for(
        lambda: "Book an FO with the buyer" in page_text(server, document), "in-place save shown"
    )
    save_by_rename(
        document, text.replace("Book an FO with the decision-maker", "Book an FO by phone")
    )
    wait_for(lambda: "Book an FO by phone" in page_text(server, document), "rename save shown")
    assert "Book an FO with the buyer" not in page_text(server, document)


def test_a_single_file_is_watched_through_its_folder(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    document = procedures / EXAMPLE.name
    (procedures / "neighbour.yaml").write_text("not: a procedure\n", encoding="utf-8")
    server = serve([document])
    save_by_rename(document, document.read_text("utf-8").replace(STEP, "Book an FO today"))
    wait_for(lambda: "Book an FO today" in page_text(server, document), "the saved file shown")
    assert server.url_of(str(procedures / "neighbour.yaml")) == ""


def test_a_broken_file_shows_its_finding_and_the_server_keeps_running(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    document = procedures / EXAMPLE.name
    server = serve([procedures])
    text = document.read_text(encoding="utf-8")
    save_by_rename(document, text.replace("title:", "title: [unclosed", 1))
    wait_for(lambda: "YAML001" in page_text(server, document), "the finding shown")
    assert re.search(rf"{re.escape(str(document))}:\d+:\d+", page_text(server, document))
    assert get(server.url, "/")[0] == 200  # still answering
    save_by_rename(document, text)
    wait_for(
        lambda: "Book an FO with the decision-maker" in page_text(server, document),
        "fixed page back",
    )
    assert "YAML001" not in page_text(server, document)


def test_new_and_deleted_files_in_a_watched_folder(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    server = serve([procedures])
    text = EXAMPLE.read_text(encoding="utf-8")
    added = procedures / "sub" / "second.yaml"
    added.parent.mkdir()
    added.write_text(text.replace("SALES-001", "SALES-002"), encoding="utf-8")
    wait_for(lambda: "SALES-002" in page_text(server, added), "the new file's page")
    url = server.url_of(str(added)).removeprefix(server.url)
    added.unlink()
    wait_for(lambda: get(server.url, "/" + url)[0] == 404, "the deleted file's page gone")
    _status, _headers, body = get(server.url, "/" + url)
    assert LIVE_SCRIPT in body  # the not-found page reloads when the page comes back


@pytest.mark.parametrize(
    "target",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/.sopmodel-site.json",
        "/outside/secret.txt",
        "/%00index.html",
        "/%ff%fe",
    ],
)
def test_only_files_under_the_site_folder_are_served(
    serve: Callable[..., PreviewServer], procedures: Path, tmp_path: Path, target: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me", encoding="utf-8")
    server = serve([procedures])
    assert server.folder is not None
    (server.folder / "outside").symlink_to(tmp_path)  # a link out of the site
    status, _headers, body = get(server.url, target)
    assert status == 404
    assert "root:" not in body and "do not serve me" not in body and '"files"' not in body


def test_another_host_name_is_refused(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    server = serve([procedures])
    port = server.url.rstrip("/").rsplit(":", 1)[1]
    assert get(server.url, "/", host=f"localhost:{port}")[0] == 200
    assert get(server.url, "/", host=f"attacker.example:{port}")[0] == 403


def test_a_failing_rebuild_is_reported_and_serving_goes_on(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    from sopmodel.preview import handbook

    class Failing:
        def __init__(self, *args: object) -> None:
            self.book = handbook()(*args)  # type: ignore[arg-type]

        def build(self) -> object:
            return self.book.build()

        def rebuild(self, changed: object, shown: object = None) -> object:
            raise RuntimeError("a page template broke")

        def url_of(self, path: str) -> str:
            return self.book.url_of(path)

    server = serve([procedures], builder=Failing)
    (procedures / EXAMPLE.name).write_text(EXAMPLE.read_text("utf-8") + "\n", "utf-8")
    wait_for(lambda: server.history, "a rebuild")
    assert server.history[0].error == "RuntimeError: a page template broke"
    assert get(server.url, "/")[0] == 200


def test_page_keys_and_content_types() -> None:
    assert page_key("/") == "index.html"
    assert page_key("/procedures/X.html?x=1#a") == "procedures/X.html"
    assert page_key("/roles/") == "roles/index.html"
    assert page_key("/a/../b") is None
    assert page_key("/.git/config") is None
    assert content_type("a.svg") == "image/svg+xml"
    assert content_type("a.css") == "text/css; charset=utf-8"
    assert content_type("a.unknown-kind") == "application/octet-stream"


def test_which_documents_a_change_touches(tmp_path: Path) -> None:
    known = [str(tmp_path / "a.yaml"), str(tmp_path / "sub" / "b.yaml"), str(tmp_path / "c.yaml")]
    picture = str(tmp_path / "img" / "x.png")
    assert documents_touched([str(tmp_path / "new.yml")], known) == [str(tmp_path / "new.yml")]
    assert documents_touched([picture], known) == [known[0], known[2]]  # pages that may show it
    assert documents_touched([str(tmp_path / "sub")], known) == [known[1]]  # folder gone
    assert documents_touched([str(tmp_path / "notes.md")], known) == []


# -- the command ------------------------------------------------------------------------


def _command(*args: str, tmp: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "sopmodel", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_the_command_prints_its_url_and_stops_cleanly_on_ctrl_c(
    procedures: Path, tmp_path: Path
) -> None:
    private = tmp_path / "tmp"
    private.mkdir()
    process = _command("--port", "0", str(procedures), tmp=private)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Serving the handbook on http://127.0.0.1:"), line
        url = line.split()[4]
        assert get(url, "/")[0] == 200
        assert len(list(private.iterdir())) == 1
        process.send_signal(signal.SIGINT)
        _out, errors = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "Traceback" not in errors
    assert list(private.iterdir()) == []


def test_a_port_in_use_is_one_line(procedures: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _command("--port", str(port), str(procedures), tmp=tmp_path)
        out, errors = process.communicate(timeout=WAIT)
    assert process.returncode == 2
    assert errors == (
        f"sopmodel: port {port} is in use on 127.0.0.1: choose another with --port,"
        " or --port 0 for a free one\n"
    )
    assert out == ""


def test_the_event_stream_tells_the_edited_page_before_the_shared_pages(
    serve: Callable[..., PreviewServer], procedures: Path
) -> None:
    document = procedures / EXAMPLE.name
    server = serve([procedures])
    page = server.url_of(str(document)).removeprefix(server.url)
    port = int(server.url.rstrip("/").rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as stream:
        stream.sendall(
            f"GET {EVENTS}?page={page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        )
        received = b""
        while b"event: hello" not in received:
            received += stream.recv(4096)
        assert b"text/event-stream" in received and b"no-store" in received
        wait_for(lambda: server.hub.listeners == 1, "the stream subscribed")
        text = document.read_text(encoding="utf-8")
        document.write_text(text.replace(STEP, "Book a meeting"), "utf-8")  # roles list steps
        while received.count(b"event: rebuilt") < 2 or not received.endswith(b"\n\n"):
            received += stream.recv(4096)
    first, second = (
        re.search(rb"data: (.*)", event).group(1)  # type: ignore[union-attr]
        for event in received.split(b"event: rebuilt")[1:3]
    )
    assert f'"{page}"'.encode() in first and b"roles/" not in first
    assert b"roles/" in second and f'"{page}"'.encode() not in second
    wait_for(lambda: server.history, "the rebuild recorded")
    record = server.history[-1]
    assert record.sent < record.finished and page in record.written


def test_a_stopped_server_gives_back_the_thread_switch_interval(procedures: Path) -> None:
    before = sys.getswitchinterval()
    first, second = PreviewServer([str(procedures)]), PreviewServer([str(procedures)])
    first.port = second.port = 0
    first.start()
    second.start()
    try:
        assert sys.getswitchinterval() < before
        first.stop()
        assert sys.getswitchinterval() < before  # the second one still runs
    finally:
        first.stop()
        second.stop()
    assert sys.getswitchinterval() == before


def test_the_hub_waits_for_a_told_page_to_come_back() -> None:
    from sopmodel.preview.events import EventHub

    hub = EventHub()
    first = hub.stream(b"hello", page="procedures/A.html")
    next(first, None)  # the stream is open
    assert hub.open_pages() == {"procedures/A.html"}
    before = hub.arrivals({"procedures/A.html"})
    started = time.monotonic()
    assert hub.wait_for_return(before, 0.2) is False  # nobody reloaded: it gives up in time
    assert 0.15 < time.monotonic() - started < 2.0
    first.close()

    def reload() -> None:
        time.sleep(0.1)
        next(hub.stream(b"hello", page="procedures/A.html"))

    threading.Thread(target=reload).start()
    started = time.monotonic()
    assert hub.wait_for_return(before, 5.0) is True
    assert time.monotonic() - started < 2.0
    hub.close()
