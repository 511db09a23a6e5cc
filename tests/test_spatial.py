"""Joins between projects, units and targets, on tiny hand-made geometries."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.spatial import link_projects, link_targets, project_units, projects_for_unit, targets_for_unit


def _units(geometries) -> gpd.GeoDataFrame:
    # Two 0.1° squares side by side near Cai Lậy; a third far away in another district.
    return gpd.GeoDataFrame(
        {
            "code": ["00001", "00002", "00003"],
            "district_code": ["001", "001", "002"],
            "province_code": ["01", "01", "01"],
        },
        geometry=[geometries["valid"], geometries["neighbour"], geometries["far"]],
        crs="EPSG:4326",
    )


def _projects() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": ["P-1", "P-2", "P-3", "P-4", "P-5"], "target_ids": [["T-1"], [], [], [], []]},
        geometry=[
            shapely.Point(106.05, 10.45),  # inside 00001
            shapely.LineString([(106.05, 10.45), (106.15, 10.45)]),  # crosses 00001 and 00002
            shapely.Point(106.205, 10.45),  # ~550 m east of 00002: nearest
            shapely.Point(108.5, 12.0),  # far from everything
            None,  # location not known
        ],
        crs="EPSG:4326",
    )


def test_project_units_inside_crossing_nearest_and_unknown(geometries) -> None:
    joined = project_units(_projects(), _units(geometries))
    assert joined["unit_codes"].to_dict() == {
        "P-1": ["00001"],
        "P-2": ["00001", "00002"],
        "P-3": ["00002"],
        "P-4": [],
        "P-5": [],
    }
    assert joined["unit_relation"].to_dict() == {
        "P-1": "inside",
        "P-2": "inside",
        "P-3": "nearest",
        "P-4": "",
        "P-5": "",
    }


def test_targets_link_named_units_or_the_whole_locality_and_projects_both_ways(geometries) -> None:
    units, projects = _units(geometries), _projects()
    targets = pd.DataFrame(
        {
            "id": ["T-1", "T-2", "T-3"],
            "unit_codes": ["00002", "", ""],
            "locality_code": ["001", "001", "01"],
            "project_ids": ["", "P-2", ""],
        }
    )
    linked = link_targets(targets, projects, units).set_index("id")
    assert linked.loc["T-1", "linked_unit_codes"] == ["00002"] and linked.loc["T-1", "unit_scope"] == "named"
    assert linked.loc["T-2", "linked_unit_codes"] == ["00001", "00002"]
    assert linked.loc["T-3", "linked_unit_codes"] == ["00001", "00002", "00003"]
    assert linked.loc["T-1", "linked_project_ids"] == ["P-1"]  # from the project's target_ids
    assert linked.loc["T-2", "linked_project_ids"] == ["P-2"]  # from the target's project_ids
    joined = project_units(projects, units)
    both = link_projects(projects, targets, joined).set_index("id")
    assert both.loc["P-2", "linked_target_ids"] == ["T-2"]
    assert both.loc["P-1", "linked_target_ids"] == ["T-1"]
    assert targets_for_unit("00002", linked.reset_index(), scope="named")["id"].tolist() == ["T-1"]
    assert targets_for_unit("00003", linked.reset_index())["id"].tolist() == ["T-3"]
    assert projects_for_unit("00002", both.reset_index())["id"].tolist() == ["P-2", "P-3"]
