"""``python -m geo zonal`` and ``python -m geo raster``: zonal statistics of a raster, and the raster library.

``zonal`` reads the raster in place (never copies it) and prints one row per
unit of the locality, or per project with ``--projects``. ``raster add`` checks
a file and keeps it in ``var/rasters/`` with its name, unit, source and year,
for the account ``--user NAME`` of the store when it is an editor or admin.
Every refusal exits with status 2 and one sentence (4 for a missing
permission, as the store's commands); nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import InvalidInputError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["register", "run_zonal", "run_raster"]


def _statistics(text: str) -> list[str]:
    return [part for part in text.split(",") if part.strip()]


def _raster_path(text: str) -> tuple[Path, int | None]:
    """A file, or the id of a stored raster (then its chosen band)."""
    path = Path(text)
    if path.exists():
        return path, None
    from geo.raster import library

    if (library.RASTER_DIR / text / "meta.json").is_file():
        stored = library.get_raster(text)
        return stored.path, stored.band
    raise InvalidInputError(f"The raster '{text}' does not exist (neither a file nor a stored raster id).")


def _zones(args: argparse.Namespace) -> tuple[gpd.GeoDataFrame, list[str]]:
    from geo.boundaries import select_units
    from geo.codes import check_code
    from geo.io import load_units

    units = load_units()
    level, raw = ("district", args.district) if args.district else ("province", args.province)
    code = check_code(raw, level=level)
    chosen = select_units(units, district_code=code if level == "district" else None,
                          province_code=code if level == "province" else None)
    if not args.projects:
        return chosen[["code", "name", "geometry"]].reset_index(drop=True), ["code", "name"]
    from geo.io import load_linked_projects
    from geo.raster.zonal import project_zones
    from geo.spatial import locality_codes_of, locality_projects

    projects = locality_projects(
        load_linked_projects(),
        unit_codes=chosen["code"].tolist(),
        locality_codes=locality_codes_of(units, level=level, codes=[code]),
    )
    return project_zones(projects, buffer_m=args.buffer_m), ["code", "name", "basis"]


def run_zonal(args: argparse.Namespace) -> int:
    """Print the zonal statistics asked for by ``args``; return the exit status."""
    from geo.raster.validate import open_checked
    from geo.raster.zonal import check_statistics, zonal_stats

    if args.threshold is not None and args.direction is None:
        raise InvalidInputError("A threshold needs --above or --below.")
    if args.direction is not None and args.threshold is None:
        raise InvalidInputError(f"--{args.direction} needs --threshold VALUE.")
    if args.buffer_m is not None and not args.projects:
        raise InvalidInputError("--buffer-m applies to projects; add --projects.")
    statistics = check_statistics(_statistics(args.stat), threshold=args.threshold)
    path, stored_band = _raster_path(args.raster)
    info = open_checked(path, band=args.band or stored_band)
    zones, id_columns = _zones(args)
    table = zonal_stats(
        info.path, zones, band=info.band, statistics=statistics, threshold=args.threshold,
        above=args.direction != "below", id_columns=id_columns,
    )
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        json.dump(json.loads(table.to_json(orient="records", force_ascii=False)), sys.stdout, ensure_ascii=False,
                  indent=1)
        sys.stdout.write("\n")
    return 0


def run_raster(args: argparse.Namespace) -> int:
    """``raster add`` / ``raster list``."""
    from geo.raster.library import add_raster, check_meta, list_rasters

    if args.action == "list":
        for stored in list_rasters():
            print(f"{stored.id}\t{stored.caption()}\tband {stored.band}\t{stored.crs_name}")
        return 0
    if not args.file:
        raise InvalidInputError("raster add needs the FILE to add.")
    if not args.user:
        raise InvalidInputError("raster add needs --user NAME, the editor or admin who adds it.")
    meta = check_meta(name=args.name or "", unit=args.unit or "", source=args.source or "", year=args.year or "")
    from geo.store import open_store

    stored = add_raster(Path(args.file), meta, store=open_store(), user=args.user, band=args.band,
                        display_name=Path(args.file).name)
    print(f"Added {stored.id}: {stored.caption()}.")
    return 0


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return value


def _band(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a band number (1, 2, …)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a band number (1, 2, …)")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``zonal`` and ``raster`` subcommands to the ``python -m geo`` parser."""
    p = sub.add_parser(
        "zonal",
        help="zonal statistics of a raster per unit (or per project) of a locality",
        description="Statistics of a raster (GeoTIFF/COG, any CRS incl. VN-2000) over each commune-level unit of "
        "a district or province, or over each project of it (--projects), pixels cut by a boundary weighted by "
        "the covered fraction (exactextract). count is in pixels, sum in the raster's unit × pixels, share is the "
        "fraction (0–1) of the covered area with data above/below --threshold.",
    )
    p.add_argument("--raster", metavar="FILE", required=True, help="a raster file, or the id of a stored raster")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--district", metavar="CODE", help="GSO district-level code, 3 digits (e.g. 817)")
    group.add_argument("--province", metavar="CODE", help="GSO province code, 2 digits (e.g. 84)")
    p.add_argument("--stat", default="count,mean,min,max,sum", metavar="LIST",
                   help="comma-separated: count, mean, min, max, sum, share (default count,mean,min,max,sum)")
    p.add_argument("--threshold", type=_number, metavar="VALUE", help="threshold of the share statistic")
    direction = p.add_mutually_exclusive_group()
    direction.add_argument("--above", dest="direction", action="store_const", const="above")
    direction.add_argument("--below", dest="direction", action="store_const", const="below")
    p.add_argument("--projects", action="store_true", help="one row per project of the locality instead of per unit")
    p.add_argument("--buffer-m", type=_number, metavar="N", help="buffer in metres around each project (points, lines)")
    p.add_argument("--band", type=_band, metavar="N", help="band to use (required for a multi-band file)")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(func=run_zonal, direction=None)

    p = sub.add_parser(
        "raster",
        help="add a raster to the library (var/rasters/) or list the stored ones",
        description="add: check a raster and keep it with its name, unit of measure, source and year (all "
        "required); a refused file leaves nothing behind. list: the stored rasters, newest first.",
    )
    p.add_argument("action", choices=["add", "list"])
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--name", help="what the raster shows, e.g. 'Độ sâu ngập lũ 2022'")
    p.add_argument("--unit", help="unit of measure, e.g. m, người/pixel")
    p.add_argument("--source", help="who made it, e.g. Chi cục Thủy lợi Trà Vinh")
    p.add_argument("--year", help="year of the data")
    p.add_argument("--band", type=_band, metavar="N", help="band to use (required for a multi-band file)")
    p.add_argument("--user", metavar="NAME", help="add: the store's account adding it (editor or admin; required)")
    p.set_defaults(func=run_raster)
