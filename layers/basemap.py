"""The map frame: an offline background drawn from the boundary data, optional web tiles."""

from __future__ import annotations

from typing import cast

import folium
import geopandas as gpd
import shapely
from branca.element import Figure, MacroElement, Template

from geo.config import OSM_ATTRIBUTION, OSM_TILES
from layers.assets import background_group
from layers.i18n import tr

__all__ = ["BACKGROUND_MARGIN_DEG", "base_map", "background_layer"]


class _MetricScale(MacroElement):
    """A metric-only scale bar (Leaflet's default also shows miles)."""

    _template = Template("""
{% macro script(this, kwargs) %}
L.control.scale({metric: true, imperial: false, position: 'bottomleft', maxWidth: 160})
  .addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"


# Neighbouring provinces within this margin of the locality are drawn as context.
BACKGROUND_MARGIN_DEG = 1.0


def background_layer(
    provinces: gpd.GeoDataFrame, districts: gpd.GeoDataFrame, bounds: tuple[float, float, float, float], lang: str
) -> folium.FeatureGroup:
    """Province and district outlines around ``bounds`` (minx, miny, maxx, maxy), not interactive."""
    minx, miny, maxx, maxy = bounds
    window = shapely.box(
        minx - BACKGROUND_MARGIN_DEG,
        miny - BACKGROUND_MARGIN_DEG,
        maxx + BACKGROUND_MARGIN_DEG,
        maxy + BACKGROUND_MARGIN_DEG,
    )
    group = folium.FeatureGroup(name=tr("background_layer", lang), overlay=False, control=True, show=True)
    near_provinces = provinces[provinces.intersects(window)][["province_code", "geometry"]]
    near_districts = districts[districts.intersects(window)][["district_code", "geometry"]]
    # Outside Vietnam (sea or a neighbouring country) stays the neutral container grey:
    # the boundary data cannot tell the two apart, so the map does not pretend to.
    folium.GeoJson(
        near_provinces,
        style_function=lambda _: {"fillColor": "#f7f4ec", "fillOpacity": 1, "color": "#9a8f7a", "weight": 1.2},
        interactive=False,
    ).add_to(group)
    folium.GeoJson(
        near_districts,
        style_function=lambda _: {"fillOpacity": 0, "color": "#b9b0a0", "weight": 0.6, "dashArray": "3 3"},
        interactive=False,
    ).add_to(group)
    return group


def base_map(
    bounds: tuple[float, float, float, float], lang: str, *, provinces: gpd.GeoDataFrame, districts: gpd.GeoDataFrame
) -> folium.Map:
    """A map fitted to ``bounds`` with the offline background and OpenStreetMap as a choice.

    The offline background is the default base layer, so the map is complete
    with no network; OpenStreetMap tiles load only when chosen and online.
    """
    minx, miny, maxx, maxy = bounds
    fmap = folium.Map(
        location=((miny + maxy) / 2, (minx + maxx) / 2),
        zoom_start=11,
        tiles=None,
        control_scale=False,
        prefer_canvas=False,
    )
    fmap.add_child(_MetricScale())
    # folium.Map always sits in a branca Figure; get_root() is typed as the base Element.
    # A clicked unit is shown by its panel and its hover outline; Chromium's focus ring would
    # add a rectangle around the unit's bounding box, which reads as a selection box.
    cast(Figure, fmap.get_root()).header.add_child(
        folium.Element(
            "<style>.leaflet-container{background:#e4e4e0;font-family:'Noto Sans',Arial,sans-serif}"
            "path.leaflet-interactive:focus{outline:none}</style>"
        )
    )
    # By URL, not inline: the outline files are fetched once and kept by the browser.
    background_group(bounds, name=tr("background_layer", lang), margin=BACKGROUND_MARGIN_DEG).add_to(fmap)
    folium.TileLayer(
        OSM_TILES,
        attr=OSM_ATTRIBUTION,
        name=tr("osm_layer", lang),
        overlay=False,
        control=True,
        show=False,
        max_zoom=19,
    ).add_to(fmap)
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    return fmap
