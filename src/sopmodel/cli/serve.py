"""`sopmodel serve PATHS`: preview the handbook of PATHS, rebuilt and reloaded on every save."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

    from sopmodel.preview import Rebuild

__all__ = ["add_serve", "run_serve"]

MAX_FINDINGS = 10
"""Findings printed after a rebuild; the page shows them all."""


def add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `sopmodel serve` on the command line's sub-commands."""
    from sopmodel.cli.configuration import add_config_options

    serve = commands.add_parser(
        "serve",
        help="preview the handbook on http://127.0.0.1:PORT/: rebuilt on save, pages reload",
        description="Build the handbook of PATHS into a private temporary folder and serve it"
        " on 127.0.0.1 only. Saving a file rebuilds what changed and reloads the open page;"
        " each page shows its document's findings. Ctrl-C stops it.",
    )
    serve.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to preview")
    serve.add_argument(
        "--port",
        "-p",
        type=_port,
        default=8000,
        help="port on 127.0.0.1 (default: 8000; 0: a free one)",
    )
    serve.add_argument(
        "--language",
        "--lang",
        choices=("en", "fr"),
        help="the handbook's own words (default: most documents')",
    )
    add_config_options(serve)
    serve.set_defaults(run=run_serve)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


def run_serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C (or SIGTERM); 0 then, 2 when it cannot start."""
    from sopmodel.cli.configuration import project_config, refuse_missing
    from sopmodel.preview import PortError, PreviewServer, handbook

    refuse_missing(args.paths)
    config = project_config(args)  # UsageError: exit status 2
    server = PreviewServer(
        args.paths,
        port=args.port,
        builder=handbook(args.language, config),
        on_rebuild=_report,
    )
    with _stop_on_terminate():
        try:
            started = time.perf_counter()
            try:
                result = server.start()
            except PortError as error:
                sys.stderr.write(f"sopmodel: {error}\n")
                return 2
            seconds = time.perf_counter() - started
            count = len(result.problems)
            findings = f" ({count} findings: see the pages)" if count else ""
            sys.stderr.write(f"built the handbook in {seconds:.1f} s{findings}\n")
            sys.stdout.write(f"Serving the handbook on {server.url} (Ctrl-C to stop)\n")
            sys.stdout.flush()
            _wait()
        except KeyboardInterrupt:
            sys.stderr.write("stopped\n")
        finally:
            server.stop()
    return 0


def _wait() -> None:
    """Sleep until interrupted (short waits, so that a signal is handled at once)."""
    import threading  # here, not on every command's start-up path

    forever = threading.Event()
    while not forever.wait(3600):
        pass


@contextmanager
def _stop_on_terminate() -> Iterator[None]:
    """Treat SIGTERM as Ctrl-C, so that `kill` also removes the private folder."""
    import signal
    import threading

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(rebuild: Rebuild) -> None:
    """Print one line per rebuild (which pages, how long), then the findings of its files."""
    clock = time.strftime("%H:%M:%S", time.localtime(rebuild.finished))
    took = (rebuild.finished - rebuild.seen) * 1000
    if rebuild.error:
        sys.stderr.write(f"{clock} rebuild failed: {rebuild.error}\n")
        return
    pages = [u for u in rebuild.written if u.endswith(".html")]
    shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
    sys.stderr.write(f"{clock} rebuilt {shown or 'nothing (no page changed)'} in {took:.0f} ms\n")
    _findings(rebuild.problems)


def _findings(problems: Sequence[object]) -> None:
    for problem in problems[:MAX_FINDINGS]:
        sys.stderr.write(f"  {problem}\n")
    if len(problems) > MAX_FINDINGS:
        sys.stderr.write(f"  … and {len(problems) - MAX_FINDINGS} more (on the pages)\n")
