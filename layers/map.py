"""Assemble the locality map: background, units, labels, legend, layer control."""

from __future__ import annotations

import folium
import geopandas as gpd

from layers.assets import DrawnCounter
from layers.base import Legend, LegendEntry
from layers.basemap import base_map
from layers.i18n import tr
from layers.offline import localise_assets
from layers.units import (
    add_label_zoom,
    asset_labels_layer,
    asset_units_layer,
    labels_layer,
    units_layer,
    units_spec,
)

__all__ = ["locality_map", "locality_bounds"]


def locality_bounds(units: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the units that have a polygon, in degrees."""
    minx, miny, maxx, maxy = units[units.geometry.notna()].total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)


def locality_map(
    units: gpd.GeoDataFrame,
    *,
    lang: str,
    provinces: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    upgraded: frozenset[str] = frozenset(),
    extra_layers: list[folium.FeatureGroup] | None = None,
    extra_legend: list[LegendEntry] | None = None,
    from_assets: bool = False,
) -> folium.Map:
    """The full map of one locality, with every asset served locally.

    Parameters
    ----------
    units
        The locality's units (EPSG:4326), as from :func:`geo.localities.units_of`.
    upgraded
        Codes drawn as scenario upgrades (xã/thị trấn → phường).
    extra_layers, extra_legend
        Further layers (projects) and their legend rows.
    from_assets
        Draw the units from the build's per-province files (``units`` must then be a
        selection of the build's map layer): the map script stays a few kilobytes
        whatever the number of units, and the browser keeps each file between views.
        Otherwise the units are written into the map script (any frame will do).
    """
    fmap = base_map(locality_bounds(units), lang, provinces=provinces, districts=districts)
    if from_assets:
        asset_units_layer(units, lang, upgraded=upgraded).add_to(fmap)
        asset_labels_layer(units, lang).add_to(fmap)
    else:
        units_layer(units, lang, upgraded=upgraded).add_to(fmap)
        labels_layer(units, lang).add_to(fmap)
    for layer in extra_layers or []:
        layer.add_to(fmap)
    add_label_zoom(fmap)
    legend = list(units_spec(lang, with_upgrades=bool(upgraded)).legend) + list(extra_legend or [])
    fmap.add_child(Legend(tr("legend", lang), legend, note=tr("units_source", lang)))
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    if not from_assets:  # the asset layer marks the map itself once its files are drawn
        fmap.add_child(DrawnCounter("path.pa-unit"))
    return localise_assets(fmap)
