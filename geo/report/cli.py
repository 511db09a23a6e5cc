"""``python -m geo report --document ID --out FILE.pdf|.docx|.xlsx``: the progress report of one document.

An unknown document, a wrong extension or an unwritable path exits with
status 2 and one sentence before anything is written; progress goes to stderr.
The report is of the edited register: actuals entered in the store count, and
are listed with who entered them and when (:func:`geo.store.register.load_edited_report`).
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["run", "register"]


def run(args: argparse.Namespace) -> int:
    """Write the report of ``args.document`` to ``args.out``; return the exit status."""
    from pathlib import Path

    from geo.report import REPORT_FORMATS, check_report_path, export_report
    from geo.store.register import load_edited_report
    from geo.text import ATLAS_TEXT, lookup

    out = Path(args.out)
    suffix = check_report_path(out)
    data = load_edited_report(args.document)

    def progress(number: int, total: int, what: str) -> None:
        print(lookup(ATLAS_TEXT, "progress_page", args.lang, n=number, total=total, what=what), file=sys.stderr)

    export_report(data, out, lang=args.lang, progress=progress)
    print(f"Wrote {out} ({REPORT_FORMATS[suffix]}, {len(data.targets)} targets).", file=sys.stdout)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand to the ``python -m geo`` parser."""
    from geo.report import REPORT_FORMATS

    p = sub.add_parser(
        "report",
        help="progress report of a document's targets (PDF, DOCX or XLSX)",
        description="For each target of the document: the verbatim quote, comparator and value, target year, "
        "latest actual with year and source, and the status (met / not met / no data yet), with counts by "
        "status and category. The format follows the extension of --out ("
        + ", ".join(f"{ext} {what}" for ext, what in REPORT_FORMATS.items())
        + ").",
    )
    p.add_argument(
        "--document", metavar="ID", required=True, help="document id of data/documents.yaml, e.g. laocai-2024"
    )
    p.add_argument("--out", metavar="FILE", required=True, help="output file; its extension picks the format")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the report's own text")
    p.set_defaults(func=run)
