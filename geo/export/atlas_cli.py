"""``python -m geo export --atlas units|projects``: the atlas of a locality, with progress on stderr.

Every user error (unknown kind, wrong extension, unwritable path, unknown
code) exits with status 2 and one sentence, before any page is drawn; the
file appears only when the last page is written.
"""

from __future__ import annotations

import argparse
import sys

from geo.text import ATLAS_TEXT, lookup

__all__ = ["run_atlas", "print_progress"]


def print_progress(number: int, total: int, what: str, *, lang: str = "vi") -> None:
    """One line per page on stderr: 'Trang 3/18: Phường 1'."""
    print(lookup(ATLAS_TEXT, "progress_page", lang, n=number, total=total, what=what), file=sys.stderr, flush=True)


def run_atlas(args: argparse.Namespace) -> int:
    """Write the ``args.atlas`` atlas of the locality to ``args.out``; return the exit status."""
    from pathlib import Path

    from geo.errors import InvalidInputError
    from geo.export import check_options, collect, resolve_locality
    from geo.export.atlas import ATLAS_FORMATS, check_atlas_kind, check_writable, export_atlas
    from geo.io import load_meridians, load_outlines, load_population, load_units
    from geo.store.register import load_linked_register  # the baseline with the store's edits

    kind = check_atlas_kind(args.atlas)
    out = Path(args.out)
    if out.suffix.lower() not in ATLAS_FORMATS:
        raise InvalidInputError(f"Cannot write an atlas to '{out.name}': the extension must be .pdf or .pptx.")
    check_options(size=args.size, orientation=args.orientation, dpi=args.dpi, crs="wgs84")
    if args.crs != "wgs84":
        raise InvalidInputError("The atlas is drawn in WGS 84 / Pseudo-Mercator; leave out --crs.")
    if args.upgrade:
        raise InvalidInputError("An atlas shows the units as they are; leave out --upgrade.")
    check_writable(out)
    units = load_units()
    locality = resolve_locality(district=args.district, province=args.province, units=units)
    population = load_population()
    bundle = collect(
        locality,
        units=units,
        population=population,
        register=load_linked_register(),
        provinces=load_outlines("province"),
        districts=load_outlines("district"),
        meridians=load_meridians(),
        title=args.title,
    )
    plan = export_atlas(
        bundle,
        out,
        kind=kind,
        size=args.size,
        orientation=args.orientation,
        lang=args.lang,
        dpi=args.dpi,
        population=population,
        progress=lambda n, total, what: print_progress(n, total, what, lang=args.lang),
    )
    print(f"Wrote {out} ({plan.total} pages).", file=sys.stderr if args.quiet else sys.stdout)
    return 0
