"""The edited register as pure functions on tiny frames: edits applied, retired left out, disagreements shown."""

from __future__ import annotations

from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd
import shapely

from geo.edited_register import apply_actual_edits, apply_population_edits, apply_project_edits, disagreements

WHEN = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def _edit(key: str, kind: str = "project", **values) -> dict:
    base = {
        "kind": kind,
        "key": key,
        "version": 2,
        "fields": {},
        "based_on": {},
        "geometry": None,
        "retired": False,
        "is_new": False,
        "updated_by": "editor",
        "updated_at": WHEN,
    }
    return {**base, **values}


def _projects() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": ["AA-1", "AA-2"],
            "name_vi": ["Cảng", "Đường"],
            "status": ["planned", "planned"],
            "target_year": pd.array([2030, None], dtype="Int64"),
            "precision": ["approximate", "unknown"],
            "precision_note": ["x" * 5, "y" * 5],
            "sources": [["QĐ 1"], []],
            "document_ids": [["d"], ["d"]],
            "sections": [["I"], ["II"]],
            "target_ids": [[], []],
            "unit_codes": [["00001"], []],
            "linked_target_ids": [[], []],
        },
        geometry=[shapely.Point(105.0, 10.0), None],
        crs="EPSG:4326",
    )


def test_edits_new_and_retired_projects() -> None:
    edits = [
        _edit(
            "AA-2",
            fields={"status": "under construction", "precision": "surveyed", "source": "QĐ 9"},
            geometry={"type": "Point", "coordinates": [106.0, 11.0]},
            version=3,
        ),
        _edit("AA-1", retired=True),
        _edit(
            "AA-9",
            is_new=True,
            fields={
                "name_vi": "Cầu mới",
                "status": "planned",
                "target_year": 2028,
                "precision": "unknown",
                "sources": ["NQ 5"],
                "document_ids": ["d"],
            },
        ),
    ]
    out = apply_project_edits(_projects(), edits)
    assert list(out["id"]) == ["AA-2", "AA-9"]
    row = out.set_index("id").loc["AA-2"]
    assert (row["status"], row["precision"], row["version"]) == ("under construction", "surveyed", 3)
    assert row["sources"] == ["QĐ 9"] and row.geometry.equals(shapely.Point(106.0, 11.0))
    new = out.set_index("id").loc["AA-9"]
    assert (new["name_vi"], new["target_year"], new["version"], new.geometry) == ("Cầu mới", 2028, 2, None)
    assert out.crs == "EPSG:4326"
    assert list(_projects()["status"]) == ["planned", "planned"]  # the input is not changed


def test_no_edits_returns_the_baseline_with_version_1() -> None:
    out = apply_project_edits(_projects(), [])
    assert list(out["version"]) == [1, 1]


def test_a_baseline_that_moved_under_an_edit_shows_both_values() -> None:
    edit = _edit(
        "AA-1", fields={"status": "operating", "target_year": 2029}, based_on={"status": "planned", "target_year": 2030}
    )
    now = {"AA-1": {"status": "under construction", "target_year": 2030}}
    found = disagreements(now, [edit])
    assert found.to_dict("records") == [
        {
            "id": "AA-1",
            "field": "status",
            "baseline_when_edited": "planned",
            "baseline_now": "under construction",
            "edited": "operating",
            "version": 2,
        }
    ]


def test_stored_actuals_replace_the_same_year_and_add_new_years() -> None:
    actuals = pd.DataFrame({"target_id": ["T-T1"], "value": [1.0], "year": [2024], "source": ["a"], "note": [""]})
    edit = _edit(
        "T-T1",
        kind="target",
        fields={
            "actuals": {
                "2024": {"value": 2.0, "source": "b", "note": ""},
                "2025": {"value": 3.0, "source": "c", "note": ""},
            }
        },
    )
    out = apply_actual_edits(actuals, [edit])
    assert out[["value", "year", "source"]].to_dict("records") == [
        {"value": 2.0, "year": 2024, "source": "b"},
        {"value": 3.0, "year": 2025, "source": "c"},
    ]


def test_persisted_population_wins_over_the_census() -> None:
    census = pd.DataFrame(
        {
            "code": ["00001", "00002"],
            "name": ["A", "B"],
            "district_code": ["001", "001"],
            "population": [10, 20],
            "year": [2019, 2019],
            "source": ["census"] * 2,
            "note": ["", ""],
            "origin": ["census"] * 2,
        }
    )
    edit = _edit("00002", kind="population", fields={"population": 25, "year": 2024, "source": "NGTK 2024"})
    out = apply_population_edits(census, [edit])
    assert out[["code", "population", "year", "origin"]].to_dict("records") == [
        {"code": "00001", "population": 10, "year": 2019, "origin": "census"},
        {"code": "00002", "population": 25, "year": 2024, "origin": "imported"},
    ]
