"""``python -m geo crosswalk`` and the 2025 listing of ``python -m geo units --vintage 2025``.

A code is read in the vintage the command names (``--vintage legacy`` or
``--vintage 2025``); an unknown or malformed code, or a code that does not
exist in that vintage, exits with status 2 and one sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, cast

from geo.vintage import LEGACY, V2025, VINTAGES

__all__ = ["register", "run_crosswalk", "units_2025_listing", "UNIT_2025_COLUMNS"]

UNIT_2025_COLUMNS = (
    "vintage",
    "code",
    "name",
    "unit_type",
    "province_code",
    "province_name",
    "area_km2",
    "official_km2",
    "approximate_boundary",
    "approximate_reason",
)


def _in_other_vintage(code: str, vintage: str) -> bool:
    """True when ``code`` exists in the other vintage (for the hint of the error sentence)."""
    from geo.io import load_units, load_units_2025

    units = load_units_2025() if vintage == LEGACY else load_units()
    return bool((units["code"] == code).any())


def run_crosswalk(args: argparse.Namespace) -> int:
    """Print the crosswalk of one code in its vintage."""
    from geo.errors import UnknownCodeError
    from geo.io import load_aliases_2025, load_crosswalk_2025, load_units, load_units_2025
    from geo.vintage.crosswalk import constituents_of, legacy_to_2025

    frames = {
        "legacy_units": load_units().drop(columns="geometry"),
        "units_2025": load_units_2025().drop(columns="geometry"),
        "crosswalk": load_crosswalk_2025(),
    }
    try:
        if args.vintage == LEGACY:
            payload = legacy_to_2025(args.code, **frames)
        else:
            payload = constituents_of(args.code, aliases=load_aliases_2025(), **frames)
    except UnknownCodeError as error:
        code = str(args.code).strip()
        if _in_other_vintage(code, args.vintage):
            other = V2025 if args.vintage == LEGACY else LEGACY
            raise UnknownCodeError(f"{error} It is a code of the {other} list: use --vintage {other}.") from None
        raise
    if args.json:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    unit = cast("dict[str, Any]", payload["unit"])
    rows = cast("list[dict[str, Any]]", payload.get("became", payload.get("constituents", [])))
    where = f", {unit['district_name']}" if unit["vintage"] == LEGACY else ""
    print(f"{unit['vintage']} {unit['code']} {unit['name']}{where}, {unit['province_name']}")
    for row in rows:
        share = "" if row["relation"] == "whole" or row["share"] is None else f" ({row['share']:.0%} of the area)"
        if row["vintage"] == LEGACY and row["code"] is None:
            print(
                f"  whole: legacy district {row['district_code']} {row['name']} (no commune level), "
                f"{row['province_name']}"
            )
            continue
        where = f", {row['district_name']}" if row["vintage"] == LEGACY else ""
        print(
            f"  {row['relation']}{share}: {row['vintage']} {row['code']} {row['name']}{where}, {row['province_name']}"
        )
    return 0


def units_2025_listing(args: argparse.Namespace) -> Any:  # noqa: ANN401 - a GeoDataFrame (geopandas loaded late)
    """``units --vintage 2025 --province CODE``: the units of a 2025 province, for ``geo.cli`` to print."""
    from geo.codes import check_code
    from geo.errors import InvalidInputError, UnknownCodeError
    from geo.io import load_units_2025

    if args.district:
        raise InvalidInputError("There are no districts in the 2025 vintage; give a province with --province.")
    code = check_code(args.province, level="province")
    units = load_units_2025()
    chosen = units[units["province_code"] == code].sort_values("code").reset_index(drop=True)
    if chosen.empty:
        raise UnknownCodeError(f"No province has the code {code} in the 2025 list (34 provinces).")
    chosen.insert(0, "vintage", V2025)
    return chosen[[*UNIT_2025_COLUMNS, "geometry"]]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``crosswalk`` subcommand to the ``python -m geo`` parser."""
    p = sub.add_parser(
        "crosswalk",
        help="what a legacy unit became from 1/7/2025, or what a 2025 unit is made of",
        description="The crosswalk between the legacy (2024, three-tier) and the 2025 (two-tier) "
        "commune-level units. --vintage legacy: the 2025 unit(s) the legacy unit went into, whole or "
        "which part (share of its area; split lines are approximate). --vintage 2025: the legacy "
        "constituents with their legacy district and province.",
    )
    p.add_argument("--vintage", choices=list(VINTAGES), required=True, help="the list the code belongs to")
    p.add_argument("--code", required=True, metavar="CODE", help="5-digit commune-level code, e.g. 28439")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run_crosswalk)
