"""The command line: ``python -m geo <command> …``.

Every failure the user can cause ends with exit status 2 and one sentence on
stderr; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, NoReturn, TextIO

from geo.errors import PlanningAtlasError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["main", "build_parser", "UsageError"]

USAGE_EXIT = 2


class UsageError(PlanningAtlasError):
    """A bad command line: the message is printed as one sentence."""


class _Parser(argparse.ArgumentParser):
    """argparse prints a usage block and a message; we print one sentence."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message.rstrip('.')}. See '{self.prog} --help'.")


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    records: list[dict[str, object]] = json.loads(frame.to_json(orient="records", force_ascii=False))
    return records


def write_table(frame: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """Print a (Geo)DataFrame as csv, json (records, no geometry) or geojson (RFC 7946)."""
    import geopandas as gpd
    import pandas as pd

    if fmt == "geojson":
        if not isinstance(frame, gpd.GeoDataFrame):
            raise UsageError("This listing has no geometry; use --format csv or json.")
        out.write(frame.to_crs(4326).to_json(ensure_ascii=False, drop_id=True, to_wgs84=True))
        out.write("\n")
        return
    plain = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    if fmt == "csv":
        from geo.tabular_safety import neutralise_frame

        neutralise_frame(plain).to_csv(out, index=False, lineterminator="\n")
    else:
        json.dump(_records(plain), out, ensure_ascii=False, indent=1)
        out.write("\n")


def _cmd_build(args: argparse.Namespace) -> int:
    from geo.build import build

    result = build(force=args.force, report_limit=None if args.report == "full" else 40)
    if not result.rebuilt:
        print(
            f"Cache is current (checked in {result.seconds:.2f} s); nothing to rebuild. Use --force to rebuild anyway."
        )
    else:
        print(f"Built data/cache/ in {result.seconds:.1f} s.")
    if args.report != "none":
        print("\n".join(result.report_lines))
    return 0


UNIT_TABLE_COLUMNS = ("code", "name", "unit_type", "district_code", "district_name", "district_type",
                      "province_code", "province_name", "area_km2", "match")


def _units_table(args: argparse.Namespace) -> int:
    """csv/json straight from the cache with pyarrow: a query then needs no pandas import (~0.5 s)."""
    import csv

    from geo.codes import check_code, unknown_code
    from geo.io.unit_rows import read_unit_rows

    level: Literal["district", "province"] = "district" if args.district else "province"
    code = check_code(args.district if args.district else args.province, level=level)
    rows = read_unit_rows(level=level, code=code, columns=UNIT_TABLE_COLUMNS)
    if not rows:
        raise unknown_code(code, level=level)
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(UNIT_TABLE_COLUMNS), lineterminator="\n")
        writer.writeheader()
        from geo.tabular_safety import neutralise_row

        writer.writerows(neutralise_row(row) for row in rows)
    else:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


def _cmd_units(args: argparse.Namespace) -> int:
    if args.format in ("csv", "json"):
        return _units_table(args)
    from geo.boundaries import select_units
    from geo.io import load_units

    units = select_units(load_units(), district_code=args.district, province_code=args.province)
    units = units.drop(columns=["polygon_ids"])
    write_table(units, args.format, sys.stdout)
    return 0


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()] if text else []


def _print_json(payload: object) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _print_pairs(payload: dict[str, object]) -> None:
    for key, value in payload.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            # e.g. the ward-ratio checks: one indented line per item
            print(f"{key}:")
            for item in value:
                print("  " + "; ".join(f"{k}: {v}" for k, v in item.items()))
            continue
        print(f"{key}: {value}")


def _cmd_ratio(args: argparse.Namespace) -> int:
    from geo.cli_reports import ratio_report
    from geo.codes import check_code
    from geo.io import load_standards, load_units

    code = check_code(args.district, level="district")
    standards = load_standards()
    report = ratio_report(
        code,
        units=load_units(),
        standards=standards,
        upgrade=_codes(args.upgrade),
        threshold=args.threshold,
    )
    _print_json(report) if args.json else _print_pairs(report)
    return 0


def _cmd_urbanisation(args: argparse.Namespace) -> int:
    from geo.cli_reports import urbanisation_report
    from geo.codes import check_code
    from geo.io import load_population, load_units

    district = check_code(args.district, level="district") if args.district else None
    province = check_code(args.province, level="province") if args.province else None
    report = urbanisation_report(
        district, province_code=province, units=load_units(), population=load_population(), upgrade=_codes(args.upgrade)
    )
    _print_json(report) if args.json else _print_pairs(report)
    return 0


def _locality_filter(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """Locality codes a register entry may name, and the unit codes, of --district/--province."""
    from geo.boundaries import select_units
    from geo.io import load_units
    from geo.spatial import locality_codes_of

    units = load_units()
    chosen = select_units(units, district_code=args.district, province_code=args.province)
    level, code = ("district", args.district) if args.district else ("province", args.province)
    return locality_codes_of(units, level=level, codes=[code]), chosen["code"].tolist()


def _cmd_projects(args: argparse.Namespace) -> int:
    from geo.spatial import locality_projects
    from geo.store.register import load_linked_projects  # the baseline with the store's edits

    projects = load_linked_projects()
    if args.district or args.province:
        localities, unit_codes = _locality_filter(args)
        projects = locality_projects(projects, unit_codes=unit_codes, locality_codes=localities)
    out = projects.copy()
    for column in ("document_ids", "sections", "target_ids", "sources", "unit_codes", "linked_target_ids"):
        if args.format == "csv":
            out[column] = out[column].map(";".join)
    if args.format == "csv":
        out["wkt"] = out.geometry.map(lambda g: g.wkt if g is not None else "")
        out = out.drop(columns="geometry")
    write_table(out, args.format, sys.stdout)
    return 0


def _cmd_targets(args: argparse.Namespace) -> int:
    from geo.io import load_documents
    from geo.spatial import locality_targets
    from geo.store.register import load_targets_with_actuals as load_linked_targets  # with the stored actuals

    targets = load_linked_targets()
    if args.document:
        known = set(load_documents()["id"])
        if args.document not in known:
            raise UsageError(f"No document has the id '{args.document}'; known ids: {', '.join(sorted(known))}.")
        targets = targets[targets["document_id"] == args.document]
    elif args.district or args.province:
        localities, _ = _locality_filter(args)
        targets = locality_targets(targets, locality_codes=localities)
    import pandas as pd

    out = pd.DataFrame(targets)
    if args.format == "csv":
        for column in ("linked_unit_codes", "linked_project_ids"):
            out[column] = out[column].map(";".join)
    write_table(out, args.format, sys.stdout)
    return 0


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number between 0 and 1") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 (exclusive) and 1")
    return value


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

    p = sub.add_parser(
        "build",
        help="build data/cache/ from the sources (only when a source changed)",
        description="Build the national boundary layer into data/cache/ and print a coverage "
        "report. Returns at once when no source changed.",
    )
    p.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    p.add_argument(
        "--report",
        choices=["short", "full", "none"],
        default="short",
        help="coverage report: short (lists cut at 40 rows), full, or none",
    )
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "units",
        help="list the commune-level units of a district or province",
        description="List the legacy (2024) commune-level units of one district-level unit or "
        "province, with type, area (km², geodesic) and, for geojson, the polygons.",
    )
    _add_locality(p, required=True)
    p.add_argument("--format", choices=["csv", "json", "geojson"], default="csv")
    p.set_defaults(func=_cmd_units)

    p = sub.add_parser(
        "projects",
        help="the planned projects of the resolutions, with the units they touch",
        description="List the project register (data/projects.geojson) joined to the units: "
        "unit_codes are the communes a project lies in or passes through. Items whose location "
        "is not known have no geometry and precision 'unknown'.",
    )
    _add_locality(p, required=False)
    p.add_argument("--format", choices=["geojson", "csv", "json"], default="geojson")
    p.set_defaults(func=_cmd_projects)

    p = sub.add_parser(
        "targets",
        help="the numeric targets and milestones of the resolutions",
        description="List the targets (data/targets.csv) of one document or locality, with the "
        "units and projects they link to and the verbatim quote of the document.",
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--document", metavar="ID", help="document id, e.g. laocai-2024")
    group.add_argument("--district", metavar="CODE", help="GSO district-level code (e.g. 080)")
    group.add_argument("--province", metavar="CODE", help="GSO province code (e.g. 84)")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(func=_cmd_targets)

    p = sub.add_parser(
        "ratio",
        help="ward ratio of a district-level unit, with an upgrade scenario",
        description="Ward ratio (phường / all commune-level units) of one district-level unit, "
        "optionally after upgrading xã/thị trấn to phường, against the legal threshold of the "
        "next unit type (NQ 1211/2016 as amended by NQ 27/2022) or --threshold.",
    )
    p.add_argument("--district", metavar="CODE", required=True, help="GSO district-level code (e.g. 817)")
    p.add_argument("--upgrade", metavar="CODE,CODE", help="commune codes to count as phường (scenario)")
    p.add_argument("--threshold", type=_threshold, metavar="0-1", help="override the legal threshold (e.g. 0.65)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_ratio)

    p = sub.add_parser(
        "urbanisation",
        help="urban population share (census definition) of a locality",
        description="Urban population (phường + thị trấn, the census definition of 'thành thị') "
        "over total population, from data/population.csv (2019 census). Units lacking a figure "
        "are listed under 'missing' and no rate is computed.",
    )
    _add_locality(p, required=True)
    p.add_argument("--upgrade", metavar="CODE,CODE", help="commune codes to count as urban (scenario)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_urbanisation)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


# Other modules add their subcommands here (projects, targets, ratio, …).
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []
from geo.export.cli import register as _register_export  # noqa: E402  (the export subcommand)

_EXTRA_COMMANDS.append(_register_export)
from geo.store.cli import register as _register_store  # noqa: E402  (users, edit, import, history, …)

_EXTRA_COMMANDS.append(_register_store)
from geo.raster.cli import register as _register_raster  # noqa: E402  (the zonal and raster subcommands)

_EXTRA_COMMANDS.append(_register_raster)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            print(f"{parser.prog}: a command is required. See '{parser.prog} --help'.", file=sys.stderr)
            return USAGE_EXIT
        return int(args.func(args))
    except PlanningAtlasError as error:
        print(str(error), file=sys.stderr)
        return int(getattr(error, "exit_status", USAGE_EXIT))
    except BrokenPipeError:
        return 0

from geo.report.cli import register as _register_report  # noqa: E402  (the report subcommand)

_EXTRA_COMMANDS.append(_register_report)
