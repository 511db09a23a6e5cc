"""The national map: every commune-level unit of one vintage, coloured by an indicator.

The units and outlines are static files fetched by URL (:mod:`layers.assets`);
the map script carries only the colours, the legend, the seed localities and
the archipelago labels, a few tens of kilobytes whatever the number of units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import folium
import pandas as pd
from branca.element import Figure, Template

from geo.archipelagos import ARCHIPELAGOS
from geo.national import URBAN_SHARE_BREAKS, WARD_RATIO_BREAKS, SeedOutlines, classify
from geo.style import UNIT_2025_COLORS, UNIT_COLORS
from layers.assets import AssetCall, asset_url
from layers.base import _LEGEND_TEMPLATE, Legend, LegendEntry, MarkerBatch, escape
from layers.basemap import _MetricScale
from layers.i18n import fmt_pct, tr, unit_type_label
from layers.offline import localise_assets

__all__ = ["NATIONAL_BOUNDS", "SEED_COLOR", "NO_DATA_COLOR", "Colouring", "colouring", "national_map"]

# Mainland, Hoàng Sa and Trường Sa (ARCHIPELAGOS) in one view: (south, west), (north, east); the
# open sea east of 115° E holds the legend, clear of both archipelagos' names.
NATIONAL_BOUNDS: tuple[tuple[float, float], tuple[float, float]] = ((7.6, 102.1), (23.4, 120.5))
SEED_COLOR = "#1f5f8b"
NO_DATA_COLOR = "#d9d9d9"
SEED_LABEL_WEST_OF = 105.8
# Sequential ramps (ColorBrewer YlOrRd and PuBu, 5 classes); "no ward" is the palest.
_WARD_RAMP = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
_URBAN_RAMP = ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d")


@dataclass(frozen=True)
class Colouring:
    """How the browser colours each unit: by property ``key`` through ``colours``, else ``fallback``."""

    key: str  # "t" (unit type), "d" (district code) or "p" (province code, 2025) of the unit file
    colours: Mapping[str, str]
    fallback: str
    legend: tuple[LegendEntry, ...]
    note: str


def _class_legend(breaks: tuple[float, ...], ramp: tuple[str, ...], lang: str, *, zero_class: bool) -> list[str]:
    labels = []
    lower = 0.0
    for i, upper in enumerate(breaks):
        if zero_class and i == 0:
            labels.append(tr("no_ward", lang))
            continue
        labels.append(f"{fmt_pct(lower, lang, digits=0)} – {fmt_pct(upper, lang, digits=0)}")
        lower = upper
    return labels


def colouring(indicator: str, lang: str, *, by_district: pd.Series | None = None, vintage: str = "legacy") -> Colouring:
    """The colours of ``indicator`` ("unit_type", "ward_ratio" or "urban_share").

    ``by_district`` holds the indicator's value per district code (ratios in [0, 1])
    for the two district indicators; a district without a value is drawn as "no data".
    In the 2025 vintage, which has no districts, it holds the ward ratio per province code.
    """
    if indicator == "unit_type":
        palette = UNIT_2025_COLORS if vintage == "2025" else UNIT_COLORS
        legend = tuple(LegendEntry(unit_type_label(t, lang), c, fill_opacity=0.75) for t, c in palette.items())
        source = tr("units_2025_source" if vintage == "2025" else "units_source", lang)
        return Colouring("t", dict(palette), NO_DATA_COLOR, legend, source)
    if by_district is None:
        raise ValueError(f"The indicator {indicator} needs its values per district.")
    key = "d"
    if indicator == "ward_ratio" and vintage == "2025":
        breaks, ramp, zero, note, key = WARD_RATIO_BREAKS, _WARD_RAMP, True, tr("ward_ratio_2025_source", lang), "p"
    elif indicator == "ward_ratio":
        breaks, ramp, zero, note = WARD_RATIO_BREAKS, _WARD_RAMP, True, tr("ward_ratio_source", lang)
    elif indicator == "urban_share" and vintage == "2025":
        raise ValueError("The 2019 urban share is not drawn for the 2025 units: no census figure is a 2025 unit's own.")
    elif indicator == "urban_share":
        breaks, ramp, zero = URBAN_SHARE_BREAKS, _URBAN_RAMP, False
        note = tr("urban_share_source", lang, n=int(by_district.notna().sum()))
    else:
        raise ValueError(f"Unknown indicator {indicator}.")
    classes = classify(by_district, breaks)
    colours = {str(code): ramp[int(k)] for code, k in classes.items() if k >= 0}
    labels = _class_legend(breaks, ramp, lang, zero_class=zero)
    legend = tuple(LegendEntry(label, colour, fill_opacity=0.75) for label, colour in zip(labels, ramp))
    legend += (LegendEntry(tr("no_data", lang), NO_DATA_COLOR, fill_opacity=0.75),)
    return Colouring(key, colours, NO_DATA_COLOR, legend, note)


def _archipelago_layer(lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=tr("archipelago_note", lang), control=False)
    labels = []
    for key, (name, admin, points) in ARCHIPELAGOS.items():
        for lon, lat in points:
            folium.CircleMarker(
                (lat, lon),
                radius=2,
                color="#333333",
                weight=1,
                fill=True,
                fill_opacity=1,
                interactive=False,
                class_name="pa-archipelago-point",
            ).add_to(group)
        # Hoàng Sa's name goes under its islands: above them the legend could cover it.
        below = key == "hoang_sa"
        lat = min(p[1] for p in points) - 0.3 if below else max(p[1] for p in points) + 0.35
        lon = sum(p[0] for p in points) / len(points)
        shift = "translate(-50%,0)" if below else "translate(-50%,-100%)"
        labels.append(
            (
                lat,
                lon,
                '<div class="pa-archipelago" style="font:600 11px Arial,sans-serif;color:#1a1a1a;text-align:center;'
                f'white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff;transform:{shift};">'
                f"{escape(name)}<br>{escape(admin)}</div>",
                None,
            )
        )
    group.add_child(MarkerBatch(labels, class_name="pa-archipelago-icon"))
    return group


def _seed_labels(seeds: SeedOutlines, lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=tr("seed_outline", lang), control=False)
    rows = []
    for lat, lon, seed in seeds.labels:
        # West of the Mekong the label goes left of its point, so the delta's three seeds do not collide.
        shift = "translate(calc(-100% - 8px),-50%)" if lon < SEED_LABEL_WEST_OF else "translate(8px,-50%)"
        rows.append(
            (
                lat,
                lon,
                f'<div class="pa-seed-label" style="font:700 11px Arial,sans-serif;color:{SEED_COLOR};'
                f'white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;transform:{shift};">'
                f"★ {escape(seed.name(lang).split(' (')[0])}</div>",
                None,
            )
        )
    group.add_child(MarkerBatch(rows, class_name="pa-seed-icon"))
    return group


class _TopRightLegend(Legend):
    """The legend at the top right: at the bottom right it would cover Trường Sa."""

    _template = Template(_LEGEND_TEMPLATE.replace("position: 'bottomright'", "position: 'topright'"))


def national_map(colour: Colouring, seeds: SeedOutlines, *, lang: str, vintage: str = "legacy") -> folium.Map:
    """The whole country: units of ``vintage`` coloured by ``colour``, outlines, seeds, archipelagos.

    ``vintage`` names the unit file built by ``python -m geo build`` (``units-<vintage>``);
    another vintage is another file with the same properties.
    """
    fmap = folium.Map(
        location=(15.8, 108.0), zoom_start=6, tiles=None, control_scale=False, prefer_canvas=False, zoom_snap=0.25
    )
    cast(Figure, fmap.get_root()).header.add_child(
        folium.Element("<style>.leaflet-container{background:#dfe8ee;font-family:'Noto Sans',Arial,sans-serif}</style>")
    )
    fmap.add_child(_MetricScale())
    units = folium.FeatureGroup(name=tr("units_layer", lang), control=False)
    units.add_child(
        AssetCall(
            "national",
            {
                "units_url": asset_url(f"units-{vintage}"),
                # The 2025 provinces outline the 2025 units; the seed localities are legacy areas,
                # drawn from the legacy outlines in either vintage.
                "outlines_url": asset_url("outlines-2025" if vintage == "2025" else "outlines-national"),
                "seeds_url": asset_url("outlines-national"),
                "colour": {"key": colour.key, "map": dict(colour.colours), "fallback": colour.fallback},
                "seeds": {"districts": list(seeds.districts), "provinces": list(seeds.provinces), "colour": SEED_COLOR},
            },
        )
    )
    units.add_to(fmap)
    _seed_labels(seeds, lang).add_to(fmap)
    _archipelago_layer(lang).add_to(fmap)
    legend = [
        *colour.legend,
        LegendEntry(tr("province_outline", lang), "#222222", shape="line"),
        LegendEntry(tr("seed_outline", lang), SEED_COLOR, shape="line"),
    ]
    fmap.add_child(_TopRightLegend(tr("legend", lang), legend, note=colour.note))
    fmap.fit_bounds(list(NATIONAL_BOUNDS))
    return localise_assets(fmap)
