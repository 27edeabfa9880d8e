"""Live preview speed: from a save to the refreshed page, for a 50-step procedure.

`sopmodel serve` runs warm (in this process, as it stays running for an author); headless
Chromium (Debian's, through Playwright) shows the procedure's page. Each save rewrites the
file by renaming a new version over it (as vim and many editors do) with a new step title;
the time runs from the write to the moment the reloaded page has the new text (the new
document's DOMContentLoaded, read from the page's own clock, which is the system's).
Target: under 0.3 s.

The same title saves are then timed with the procedure among --others procedures of 20 steps
(300 by default): a step's title is on its role's page, so the home, role and search pages are
rendered again after the procedure's own page.

Split of each save:
- detection: write -> the watcher reports it (watchfiles, batches end after 20 ms of quiet);
- rebuild: Handbook.rebuild of that file up to when the page is told (its own pages; the shared
  pages, when its summary changed, are rendered after);
- reload: the event sent -> the reloaded page's DOM is ready (event, reload, download, parse);
  the page is told as soon as its own page is written, before the shared pages.

Peers, measured in the same run:
- the cold path: a fresh `sopmodel site` process building the same procedure;
- `mkdocs serve` (pip install mkdocs, the bench extra): its live reload of the same procedure
  written as Markdown, timed the same way in the same browser.

Run: python benchmarks/serve.py [--saves N]. No figure here is asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import procedure
from sopmodel.model import Procedure
from sopmodel.preview import PreviewServer, Rebuild
from sopmodel.source import dump_yaml
from word import markdown

BIN = Path(sys.executable).parent
TARGET = 0.3
SHOWN = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + nav.domContentLoadedEventEnd;
}"""


def save(path: Path, text: str) -> float:
    """Write text over path by renaming a new file over it; return when (time.time())."""
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    written = time.time()
    os.replace(temporary, path)
    return written


def browser(playwright: Any) -> Any:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Chromium is missing: apt-get install chromium (make system)")
    return playwright.chromium.launch(
        executable_path=chromium,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    )


def open_page(chromium: Any, url: str) -> Any:
    page = chromium.new_page()
    # Nothing leaves the machine (mkdocs' theme may ask for a CDN): refuse it at once.
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
        ),
    )
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def shown_after(page: Any, text: str) -> float:
    """Wait until the reloaded page holds text; return when its DOM was ready."""
    page.wait_for_function(
        "text => document.body && document.body.innerText.includes(text)",
        arg=text,
        timeout=10_000,
        polling="raf",
    )
    return float(page.evaluate(SHOWN)) / 1000


def edits(original: str, saves: int, needle: str) -> list[tuple[str, str]]:
    """Return (new file text, text to wait for) for each save: a new title for one step."""
    return [
        (original.replace(needle, f"{needle} edit {n}", 1), f"{needle} edit {n}")
        for n in range(saves)
    ]


def measure_serve(chromium: Any, folder: Path, saves: int, needle: str) -> list[dict[str, float]]:
    document = folder / "procedure.yaml"
    records: list[Rebuild] = []
    with PreviewServer([str(folder)], port=0, on_rebuild=records.append) as server:
        page = open_page(chromium, server.url_of(str(document)))
        original = document.read_text(encoding="utf-8")
        rows = []
        for text, marker in edits(original, saves, needle):
            count = len(records)
            written = save(document, text)
            shown = shown_after(page, marker)
            _wait(lambda n=count: len(records) > n)  # type: ignore[misc]
            rebuild = records[count]
            rows.append(
                {
                    "total": shown - written,
                    "detection": rebuild.seen - written,
                    "rebuild": rebuild.sent - rebuild.started,
                    "reload": shown - rebuild.sent,
                }
            )
            time.sleep(0.2)  # a person does not save twice within a batch
        page.close()
    return rows


def measure_mkdocs(
    chromium: Any, folder: Path, data: dict[str, Any], saves: int, needles: list[str]
) -> list[float]:
    docs = folder / "docs"
    docs.mkdir()
    (folder / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme:\n  name: mkdocs\n  highlightjs: false\n", encoding="utf-8"
    )
    text = "# " + markdown(data).removeprefix("% ")
    page_file = docs / "index.md"
    page_file.write_text(text, encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait(lambda: _answers(port), timeout=60)
        page = open_page(chromium, url)
        totals = []
        for needle in needles:
            for new, marker in edits(text, saves, needle):
                written = save(page_file, new)
                totals.append(shown_after(page, marker) - written)
                time.sleep(0.2)
        page.close()
    finally:
        process.terminate()
        process.wait(10)
    return totals


def measure_cold(folder: Path, runs: int = 3) -> float:
    """Median wall time of a fresh `sopmodel site` process building the procedure."""
    times = []
    for run in range(runs + 1):
        out = folder / f"site-{run}"
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "sopmodel"), "site", str(folder / "procedure.yaml"), "-o", str(out)],
            check=True,
            capture_output=True,
        )
        if run:  # the first run warms the disk cache and the bytecode
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _wait(condition: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the benchmark waited too long")
        time.sleep(0.01)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    ninth = ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]  # the 90th percentile (nearest rank)
    return (
        f"median {statistics.median(ordered) * 1000:6.0f} ms   p90 {ninth * 1000:6.0f} ms"
        f"   worst {ordered[-1] * 1000:6.0f} ms"
    )


KINDS = {
    "details": "a step's details (the flowchart is unchanged)",
    "title": "a step's title (the flowchart is drawn again)",
    "crowded": "a step's title, among {others} other procedures",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10, help="saves of each kind (default 10)")
    parser.add_argument(
        "--others", type=int, default=300, help="procedures beside it, last kind (default 300)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = procedure(0, steps=50)
    step = data["steps"][1]  # type: ignore[index]
    step["details"] = "Benchmark marker. " + step["details"]
    needles = {"details": "Benchmark marker.", "title": step["title"]}
    with tempfile.TemporaryDirectory(prefix="sopmodel-bench-serve-") as temporary:
        root = Path(temporary)
        served = root / "served"
        served.mkdir()
        text = dump_yaml(Procedure.model_validate(data))
        (served / "procedure.yaml").write_text(text, encoding="utf-8")
        with sync_playwright() as playwright:
            chromium = browser(playwright)
            try:
                rows = {k: measure_serve(chromium, served, args.saves, needles[k]) for k in needles}
                for n in range(args.others):
                    other = dump_yaml(Procedure.model_validate(procedure(n + 1, steps=20)))
                    (served / f"other-{n:04}.yaml").write_text(other, encoding="utf-8")
                rows["crowded"] = measure_serve(chromium, served, args.saves, needles["title"])
                mkdocs: list[float] | None = None
                if (BIN / "mkdocs").exists():
                    (root / "mkdocs").mkdir()
                    mkdocs = measure_mkdocs(
                        chromium, root / "mkdocs", data, args.saves, list(needles.values())
                    )
            finally:
                chromium.close()
        for other in served.glob("other-*.yaml"):
            other.unlink()
        cold = measure_cold(served)
    print(f"sopmodel serve, warm: a 50-step procedure, {args.saves} saves of each kind")
    for kind, what in KINDS.items():
        totals = [r["total"] for r in rows[kind]]
        median, worst = statistics.median(totals), max(totals)
        verdict = ", ".join(
            f"{name} {'met' if value < TARGET else 'MISSED'}"
            for name, value in (("median", median), ("worst", worst))
        )
        over = sum(value >= TARGET for value in totals)
        verdict += f" ({over} of {len(totals)} saves at or over it)"
        print(f"  saving {what.format(others=args.others)}: target < {TARGET} s: {verdict}")
        print(f"    save -> page shows the new text   {_ms(totals)}")
        for part in ("detection", "rebuild", "reload"):
            print(f"      {part:31} {_ms([r[part] for r in rows[kind]])}")
    print(f"  peer: cold `sopmodel site`           {cold * 1000:6.0f} ms (median of 3 processes)")
    if mkdocs is None:
        print("  peer: mkdocs serve                   not installed (pip install mkdocs)")
    else:
        print(f"  peer: mkdocs serve (same, as .md)    {_ms(mkdocs)}")


if __name__ == "__main__":
    main()
