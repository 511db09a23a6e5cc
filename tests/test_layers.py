"""Layers build as plain folium, escape every name, and point only at local assets."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely

from geo.config import PROJECT_ROOT
from layers.base import LegendEntry, escape
from layers.basemap import base_map
from layers.map import locality_map
from layers.offline import LOCAL_CSS, LOCAL_JS, localise_assets, vendored_files
from layers.projects import project_id_from_tooltip, projects_layer, projects_legend

HOSTILE = "<img src=x onerror=alert(1)>"


def _units(geometries, name: str = "Xã An") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "code": ["00001", "00002"],
            "name": [name, "Phường 1"],
            "unit_type": ["xã", "phường"],
            "area_km2": [12.5, 3.0],
            "district_code": ["001", "001"],
            "province_code": ["01", "01"],
        },
        geometry=[geometries["valid"], geometries["neighbour"]],
        crs="EPSG:4326",
    )


def _outlines(geometries, level: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({f"{level}_code": ["01"]}, geometry=[geometries["region"]], crs="EPSG:4326")


def _projects(name: str = "Cảng A") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": ["XX-01", "XX-02", "XX-03"],
            "name_vi": [name, "Đường B", "Khu C"],
            "kind": ["port", "road", "economic_zone"],
            "precision": ["commune-centroid", "schematic", "unknown"],
            "area_ha": [None, None, 500.0],
        },
        geometry=[shapely.Point(106.05, 10.45), shapely.LineString([(106.0, 10.41), (106.2, 10.49)]), None],
        crs="EPSG:4326",
    )


def _render(geometries, units: gpd.GeoDataFrame, projects: gpd.GeoDataFrame) -> str:
    fmap = locality_map(
        units,
        lang="vi",
        provinces=_outlines(geometries, "province"),
        districts=_outlines(geometries, "district"),
        extra_layers=[projects_layer(projects, "vi", name="Dự án")],
        extra_legend=projects_legend(projects, "vi"),
    )
    return fmap.get_root().render()


def test_escape() -> None:
    assert escape(HOSTILE) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape(None) == "" and escape(float("nan")) == ""


def test_hostile_names_are_shown_as_text_never_as_markup(geometries) -> None:
    html = _render(geometries, _units(geometries, HOSTILE), _projects(HOSTILE))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_map_uses_only_local_assets(geometries) -> None:
    html = _render(geometries, _units(geometries), _projects())
    assert "cdn.jsdelivr.net" not in html and "cdnjs" not in html and "code.jquery.com" not in html
    assert "/app/static/vendor/leaflet-1.9.3/leaflet.js" in html
    for path in vendored_files(PROJECT_ROOT):
        assert path.is_file() and path.stat().st_size > 1000, path


def test_localise_assets_leaves_folium_defaults_untouched_for_other_maps(geometries) -> None:
    import folium

    before = list(folium.Map.default_js)
    localise_assets(
        base_map(
            (106, 10, 107, 11),
            "vi",
            provinces=_outlines(geometries, "province"),
            districts=_outlines(geometries, "district"),
        )
    )
    assert folium.Map.default_js == before
    assert LOCAL_JS[0][1].startswith("/app/static/") and LOCAL_CSS[0][1].startswith("/app/static/")


def test_legend_lists_exactly_what_is_drawn() -> None:
    rows = projects_legend(_projects(), "vi")
    assert [r.label for r in rows] == [
        "C – Cảng, logistics",
        "Đường",
        "Sơ đồ, không phải tuyến thực",
        "Chỉ biết đến cấp xã (tâm xã)",
    ]
    assert all(isinstance(r, LegendEntry) for r in rows)


def test_unlocated_projects_are_not_drawn(geometries) -> None:
    html = _render(geometries, _units(geometries), _projects())
    assert "Khu C" not in html
    assert "XX-01" in html
    assert json.dumps("Đường B")[1:-1] in html  # folium writes GeoJSON with \\u escapes


def test_project_id_is_read_back_from_a_marker_tooltip() -> None:
    assert project_id_from_tooltip("<b>DT-01</b> · Cửa khẩu quốc tế Dinh Bà<br>Cửa khẩu") == "DT-01"
    assert project_id_from_tooltip("<table><tr><td>Xã An</td></tr></table>") is None
    assert project_id_from_tooltip(None) is None


def test_units_layer_skips_units_without_polygon(geometries) -> None:
    units = pd.concat(
        [
            _units(geometries),
            gpd.GeoDataFrame(
                {
                    "code": ["00003"],
                    "name": ["Xã Không Có"],
                    "unit_type": ["xã"],
                    "area_km2": [float("nan")],
                    "district_code": ["001"],
                    "province_code": ["01"],
                },
                geometry=[None],
                crs="EPSG:4326",
            ),
        ]
    )
    html = _render(geometries, gpd.GeoDataFrame(units, crs="EPSG:4326"), _projects())
    assert "Xã Không Có" not in html
