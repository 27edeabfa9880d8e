"""`sopmodel site`: build the HTML handbook of the procedures and plans found in paths."""

from __future__ import annotations

import argparse
import os
import sys

__all__ = ["add_parser", "run_site"]

SITE_EXIT_STATUS = """\
exit status:
  0  the handbook was written and no file has a finding at or above --fail-on
  1  the handbook was written, but some files did not load (they have no page) or have
     findings at or above --fail-on (their pages are written anyway)
  2  bad usage, a missing path, or an output folder that cannot be used (not empty and not
     a handbook sopmodel wrote, or holding one of the input files)
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `site` to the command line."""
    from sopmodel.cli.configuration import add_config_options

    site = commands.add_parser(
        "site",
        help="build an HTML handbook (static site) of procedures and plans",
        description="Build a static HTML handbook: a page per procedure, plan and role, an"
        " index, and a search that works offline. Open OUT/index.html in a browser.",
        epilog=SITE_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    site.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    site.add_argument("-o", "--output", required=True, metavar="OUT", help="the site's folder")
    site.add_argument(
        "--language",
        "--lang",
        choices=("en", "fr"),
        help="the site's own words (default: most documents')",
    )
    site.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="lowest severity of a finding reported and failing the run (default: error)",
    )
    site.add_argument(
        "--findings", action="store_true", help="also show validation findings on each page"
    )
    add_config_options(site)
    site.set_defaults(run=run_site)


def run_site(args: argparse.Namespace) -> int:
    """Build the handbook; report files that do not load and findings; return the status."""
    from sopmodel.cli import UsageError
    from sopmodel.cli.configuration import project_config, refuse_missing
    from sopmodel.diagnostics import Severity
    from sopmodel.exporters.site import Handbook, SiteOptions, SiteWriteError

    refuse_missing(args.paths)
    config = project_config(args)
    options = SiteOptions(language=args.language, findings=args.findings, check=True, config=config)
    book = Handbook(args.paths, args.output, options)
    try:
        result = book.build()
    except SiteWriteError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"{args.output}: cannot write: {error.strerror or error}") from None
    threshold = Severity[args.fail_on]
    failed = 0
    for file in book.files.values():
        shown = [p for p in file.problems if file.failed or p.severity >= threshold]
        for problem in shown:
            sys.stderr.write(f"{problem}\n")
        failed += bool(shown)
    pages = sum(1 for f in book.files.values() if f.entry is not None)
    sys.stderr.write(
        f"wrote {pages} documents to {args.output}"
        f" ({len(result.written)} files changed, {len(result.removed)} removed);"
        f" open {os.path.join(args.output, 'index.html')}\n"
    )
    return 1 if failed else 0
