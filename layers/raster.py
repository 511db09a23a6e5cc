"""The raster layer: an image overlay embedded in the page, its legend, and a choropleth of zonal statistics.

The image goes into the map's HTML as a PNG data URL, so nothing is fetched,
from the internet or from the app; bench/bench_raster.py measures why an
image overlay is preferred to locally served tiles.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement, Template

from geo.raster.render import RasterClass, RasterImage
from layers.base import LayerSpec, Legend, LegendEntry, build_feature_group
from layers.i18n import tr

__all__ = ["RASTER_PANE", "raster_layer", "raster_legend", "choropleth_layer", "choropleth_classes"]

RASTER_PANE = "pa-raster-pane"

# A pane of its own: the layer control renumbers the z-index of every overlay in the overlay pane, where
# the SVG of the vector layers (the opaque offline background among them) would cover the image. 450 sits
# above that pane (400) and below the labels and markers (600); clicks pass through to the units.
_PANE_TEMPLATE = """
{% macro script(this, kwargs) %}
(function() {
  var map = {{ this._parent._parent.get_name() }};
  if (!map.getPane({{ this.pane_json }})) {
    var pane = map.createPane({{ this.pane_json }});
    pane.style.zIndex = 450;
    pane.style.pointerEvents = 'none';
  }
})();
{% endmacro %}
"""


class _RasterPane(MacroElement):
    """Creates the raster pane on the map before the image is added (first child of the layer's group)."""

    _template = Template(_PANE_TEMPLATE)

    def __init__(self) -> None:
        super().__init__()
        self._name = "RasterPane"
        self.pane_json = json.dumps(RASTER_PANE)


def raster_layer(image: RasterImage, *, name: str, opacity: float = 0.7, show: bool = True) -> folium.FeatureGroup:
    """A FeatureGroup (one entry of the layer control) holding the raster image."""
    group = folium.FeatureGroup(name=name, show=show, control=True)
    group.add_child(_RasterPane())
    url = "data:image/png;base64," + base64.b64encode(image.png).decode("ascii")
    folium.raster_layers.ImageOverlay(
        image=url,
        bounds=[list(image.bounds[0]), list(image.bounds[1])],
        opacity=max(0.0, min(1.0, float(opacity))),
        interactive=False,
        cross_origin=False,
        pane=RASTER_PANE,
        class_name="pa-raster",
    ).add_to(group)
    return group


def raster_legend(image: RasterImage, *, title: str, unit: str, note: str) -> Legend:
    """The legend of the raster: one row per class with the unit of measure; the source in ``note``."""
    entries = [LegendEntry(label=c.label(unit), color=c.color, fill_opacity=1.0) for c in image.classes]
    return Legend(f"{title} ({unit})", entries, note=note)


def choropleth_classes(values: pd.Series, *, count: int = 5) -> list[float]:
    """Up to ``count - 1`` quantile breaks of the known values (ties merged)."""
    known = values.dropna().to_numpy(dtype=float)
    if known.size == 0:
        return []
    breaks = np.unique(np.quantile(known, [i / count for i in range(1, count)]))
    return [float(b) for b in breaks if known.min() < b <= known.max()]


_PALETTE = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704", "#4a1402")


def choropleth_layer(
    units: gpd.GeoDataFrame, values: pd.Series, *, statistic: str, unit: str, lang: str
) -> tuple[folium.FeatureGroup, list[LegendEntry]]:
    """Units coloured by one zonal statistic (quantile classes); unknown values grey.

    ``values`` is indexed like ``units``. Returns the layer and its legend rows.
    """
    breaks = choropleth_classes(values)
    colours = _PALETTE[: len(breaks) + 1]
    frame = units[["code", "name", "geometry"]].copy()
    shown = values.reindex(units.index)
    frame["value"] = shown.map(lambda v: "" if pd.isna(v) else f"{v:,.4g}")
    frame["style_class"] = [
        -1 if pd.isna(v) else int(np.digitize([v], breaks)[0]) for v in shown
    ]
    unknown = "#bdbdbd"

    def style(props: Mapping[str, Any]) -> dict[str, Any]:
        klass = int(props.get("style_class", -1))
        return {"fillColor": colours[klass] if klass >= 0 else unknown, "color": "#444", "weight": 1,
                "fillOpacity": 0.75}

    spec = LayerSpec(
        name=tr("raster_choropleth_layer", lang, stat=statistic),
        style=style,
        tooltip_fields={"name": tr("name", lang), "code": tr("code", lang), "value": statistic},
        legend=[],
        id_field="code",
    )
    frame["style_class"] = frame["style_class"].astype(str)
    group = build_feature_group(spec, frame)
    edges: Sequence[float | None] = [None, *breaks, None]
    entries = [
        LegendEntry(label=RasterClass(edges[i], edges[i + 1], c).label(unit), color=c, fill_opacity=0.75)
        for i, c in enumerate(colours)
    ]
    entries.append(LegendEntry(label=tr("raster_unknown", lang), color=unknown, fill_opacity=0.75))
    return group, entries
