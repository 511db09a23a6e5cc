"""``python -m geo export``: write a map snapshot, meeting pack or data file of one locality.

The format follows the extension of ``--out``. Every user error (unknown
extension, unwritable path, bad option, unknown code) exits with status 2 and
one sentence; nothing is left half-written.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from geo.errors import InvalidInputError

if TYPE_CHECKING:
    from geo.raster.figure import PrintRaster

__all__ = ["run", "register"]


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()] if text else []


# The formats that draw the map body, and so can show a raster layer.
RASTER_FORMATS = (".png", ".pdf", ".tif", ".pptx")


def _print_raster(args: argparse.Namespace, suffix: str) -> PrintRaster | None:
    """The raster of the library named by ``--raster ID`` with its display options; None without one."""
    if args.raster is None:
        if args.raster_colormap is not None or args.raster_breaks is not None:
            raise InvalidInputError("--raster-colormap and --raster-breaks need --raster ID.")
        return None
    if suffix not in RASTER_FORMATS:
        raise InvalidInputError(f"--raster draws on a map: use {', '.join(RASTER_FORMATS)}, not {suffix}.")
    from geo.raster.figure import PrintRaster
    from geo.raster.library import get_raster
    from geo.raster.render import check_breaks

    breaks = check_breaks(args.raster_breaks) if args.raster_breaks else None
    return PrintRaster.of(
        get_raster(args.raster), colormap=args.raster_colormap or "viridis", breaks=breaks, opacity=args.raster_opacity
    )


def run(args: argparse.Namespace) -> int:
    """Export the locality named by ``args`` to ``args.out``; return the exit status."""
    from pathlib import Path

    from geo.export import FORMATS, check_options, check_suffix, collect, export_file, resolve_locality
    from geo.io import load_meridians, load_outlines, load_population, load_units
    from geo.safe_write import write_refusal
    from geo.store.register import load_linked_register  # the baseline with the store's edits

    if getattr(args, "atlas", None) is not None:
        from geo.export.atlas_cli import run_atlas

        return run_atlas(args)
    out = Path(args.out)
    suffix = check_suffix(out)
    check_options(size=args.size, orientation=args.orientation, dpi=args.dpi, crs=args.crs)
    try:
        is_folder, parent_exists = out.is_dir(), out.parent.is_dir()
    except OSError as error:  # a name over the limit, a loop of links
        raise write_refusal(out, error) from None
    if is_folder:
        raise InvalidInputError(f"Cannot write '{out}': it is a folder.")
    if not parent_exists:
        raise InvalidInputError(f"Cannot write '{out}': the folder {out.parent} does not exist.")
    raster = _print_raster(args, suffix)
    units = load_units()
    locality = resolve_locality(district=args.district, province=args.province, units=units)
    bundle = collect(
        locality,
        units=units,
        population=load_population(),
        register=load_linked_register(),
        provinces=load_outlines("province"),
        districts=load_outlines("district"),
        meridians=load_meridians(),
        upgrade=_codes(args.upgrade),
        title=args.title,
        raster=raster,
    )
    export_file(bundle, out, size=args.size, orientation=args.orientation, dpi=args.dpi, crs=args.crs, lang=args.lang)
    print(f"Wrote {out} ({FORMATS[suffix]}).", file=sys.stderr if args.quiet else sys.stdout)
    return 0


def _dpi(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not 150 or 300") from None


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand to the ``python -m geo`` parser."""
    from geo.export import FORMATS

    p = sub.add_parser(
        "export",
        help="map snapshot (PNG/PDF/GeoTIFF), meeting pack (PPTX) or data of a locality",
        description="Export one locality: the format follows the extension of --out ("
        + ", ".join(f"{ext} {what}" for ext, what in FORMATS.items())
        + "). The page is drawn by the app from its layout template (no web tiles).",
    )
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--district", metavar="CODE[,CODE]", help="GSO district-level code(s), e.g. 817 or 868,869,870")
    group.add_argument("--province", metavar="CODE", help="GSO province code, e.g. 84")
    p.add_argument("--out", metavar="FILE", required=True, help="output file; its extension picks the format")
    p.add_argument("--title", help="page title (default: the locality's name)")
    p.add_argument("--size", choices=["A4", "A3"], default="A4")
    p.add_argument("--orientation", choices=["landscape", "portrait"], default="landscape")
    p.add_argument("--dpi", type=_dpi, choices=[150, 300], default=150)
    p.add_argument(
        "--crs",
        choices=["wgs84", "vn2000"],
        default="wgs84",
        help="vn2000: VN-2000 TM-3 with the province's central meridian (gpkg, zip, csv, tif, png, pdf)",
    )
    p.add_argument("--upgrade", metavar="CODE,CODE", help="commune codes to show as upgraded to phường (scenario)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the page's own text")
    p.add_argument("--quiet", action="store_true", help="print the confirmation on stderr")
    p.add_argument(
        "--atlas",
        metavar="units|projects",
        help="an atlas (.pdf or .pptx): cover, overview and index, then one page per unit or per project",
    )
    p.add_argument(
        "--raster", metavar="ID", help="a raster of the library (python -m geo raster list) drawn on the map"
    )
    p.add_argument("--raster-colormap", metavar="NAME", help="its colour map (default viridis)")
    p.add_argument("--raster-breaks", metavar="B,B", help="its class breaks, ascending (default: 5 equal classes)")
    p.add_argument("--raster-opacity", type=float, default=0.7, metavar="0-1", help="its opacity (default 0.7)")
    p.set_defaults(func=run)
