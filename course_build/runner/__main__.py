"""``python -m course_build.runner``: render every snippet into the cache, and publish
figures, downloads and notebooks into docs/, without a site builder."""

import argparse
import logging
import sys
from pathlib import Path

from course_build.runner.publish import publish
from course_build.runner.render import SnippetFailure, render_all
from course_build.runner.settings import load_settings


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m course_build.runner", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding pyproject.toml (default: here)")
    parser.add_argument("--jobs", type=int, default=None, help="snippets run at once (default: one per core)")
    parser.add_argument("--no-cache", action="store_true", help="run every snippet, even unchanged ones")
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the pages' folder, below --root (default: docs)"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = load_settings(args.root)
    try:
        report = render_all(settings, workers=args.jobs, use_cache=not args.no_cache)
    except SnippetFailure as failure:
        print(failure.report.timing_table())
        print(failure, file=sys.stderr)
        return 1
    print(report.timing_table())
    for stale in report.stale_records:
        print(f"WARNING: {stale}", file=sys.stderr)
    publish(settings, settings.root / args.docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
