"""The command line: ``python -m geo <command> …``.

Every failure the user can cause ends with exit status 2 and one sentence on
stderr; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import geopandas as gpd
import pandas as pd

from geo.errors import PlanningAtlasError

__all__ = ["main", "build_parser", "UsageError"]

USAGE_EXIT = 2


class UsageError(PlanningAtlasError):
    """A bad command line: the message is printed as one sentence."""


class _Parser(argparse.ArgumentParser):
    """argparse prints a usage block and a message; we print one sentence."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message.rstrip('.')}. See '{self.prog} --help'.")


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def write_table(frame: pd.DataFrame, fmt: str, out: io.TextIOBase) -> None:
    """Print a (Geo)DataFrame as csv, json (records, no geometry) or geojson (RFC 7946)."""
    if fmt == "geojson":
        if not isinstance(frame, gpd.GeoDataFrame):
            raise UsageError("This listing has no geometry; use --format csv or json.")
        out.write(frame.to_crs(4326).to_json(ensure_ascii=False, drop_id=True, to_wgs84=True))
        out.write("\n")
        return
    plain = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    if fmt == "csv":
        plain.to_csv(out, index=False, lineterminator="\n")
    else:
        json.dump(_records(plain), out, ensure_ascii=False, indent=1)
        out.write("\n")


def _cmd_build(args: argparse.Namespace) -> int:
    from geo.build import build

    result = build(force=args.force, report_limit=None if args.report == "full" else 40)
    if not result.rebuilt:
        print(f"Cache is current (checked in {result.seconds:.2f} s); nothing to rebuild. "
              "Use --force to rebuild anyway.")
    else:
        print(f"Built data/cache/ in {result.seconds:.1f} s.")
    if args.report != "none":
        print("\n".join(result.report_lines))
    return 0


def _cmd_units(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units, select_units

    units = select_units(load_units(), district_code=args.district, province_code=args.province)
    units = units.drop(columns=["polygon_ids"])
    write_table(units, args.format, sys.stdout)
    return 0


def _add_locality(parser: argparse.ArgumentParser, *, required: bool) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--district", metavar="CODE", help="GSO district-level code, 3 digits (e.g. 817)")
    group.add_argument("--province", metavar="CODE", help="GSO province code, 2 digits (e.g. 84)")


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand; ``python -m geo --help`` prints it."""
    parser = _Parser(
        prog="python -m geo",
        description="Planning Atlas data tools: build the cache and query units, projects, targets and ratios.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("build", help="build data/cache/ from the sources (only when a source changed)",
                       description="Build the national boundary layer into data/cache/ and print a coverage "
                       "report. Returns at once when no source changed.")
    p.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    p.add_argument("--report", choices=["short", "full", "none"], default="short",
                   help="coverage report: short (lists cut at 40 rows), full, or none")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("units", help="list the commune-level units of a district or province",
                       description="List the legacy (2024) commune-level units of one district-level unit or "
                       "province, with type, area (km², geodesic) and, for geojson, the polygons.")
    _add_locality(p, required=True)
    p.add_argument("--format", choices=["csv", "json", "geojson"], default="csv")
    p.set_defaults(func=_cmd_units)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


# Other modules add their subcommands here (projects, targets, ratio, …).
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return USAGE_EXIT
        return int(args.func(args))
    except PlanningAtlasError as error:
        print(str(error), file=sys.stderr)
        return USAGE_EXIT
    except BrokenPipeError:
        return 0
