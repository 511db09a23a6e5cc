"""The 2025 layer and the crosswalk, checked against vietnamadminunits itself."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.errors import InvalidInputError, UnknownCodeError
from geo.vintage import check_vintage
from geo.vintage.crosswalk import constituents_of, find_unit_2025, legacy_to_2025, units_holding
from geo.vintage.layer2025 import validate_pieces


@pytest.fixture(scope="module")
def frames(national_units) -> dict[str, pd.DataFrame]:
    from geo.io import load_aliases_2025, load_crosswalk_2025, load_units_2025

    return {
        "legacy_units": pd.DataFrame(national_units.drop(columns="geometry")),
        "units_2025": pd.DataFrame(load_units_2025().drop(columns="geometry")),
        "crosswalk": load_crosswalk_2025(),
        "aliases": load_aliases_2025(),
    }


@pytest.fixture(scope="module")
def admin_units() -> pd.DataFrame:
    from vietnamadminunits.database import query

    return pd.DataFrame.from_records(query("SELECT provinceCode, wardCode, ward FROM admin_units"))


def test_counts_per_province_match_admin_units_for_every_province(frames, admin_units) -> None:
    ours = frames["units_2025"].groupby("province_code").size()
    theirs = admin_units.groupby("provinceCode").size()
    assert len(theirs) == 34
    assert ours.to_dict() == theirs.to_dict()
    assert len(frames["units_2025"]) == 3321
    assert set(frames["units_2025"]["code"]) == set(admin_units["wardCode"])


def test_every_legacy_unit_reaches_a_2025_unit(frames) -> None:
    legacy = set(frames["legacy_units"]["code"])
    reached = set(frames["crosswalk"]["legacy_code"])
    assert len(legacy) == 10035
    assert legacy - reached == set()


def test_every_2025_unit_lists_constituents(frames) -> None:
    assert set(frames["units_2025"]["code"]) - set(frames["crosswalk"]["new_code"]) == set()


def test_merged_whole_constituents_map_back(frames) -> None:
    whole = frames["crosswalk"][frames["crosswalk"]["relation"] == "whole"]
    assert not whole["legacy_code"].dropna().duplicated().any()  # a whole unit goes to exactly one new unit
    sample = whole.dropna(subset=["legacy_code"]).sample(200, random_state=11)
    for row in sample.itertuples():
        back = legacy_to_2025(row.legacy_code, **{k: frames[k] for k in ("legacy_units", "units_2025", "crosswalk")})
        assert [b["code"] for b in back["became"]] == [row.new_code]
        built = constituents_of(row.new_code, **frames)
        assert row.legacy_code in [c["code"] for c in built["constituents"] if c["relation"] == "whole"]


def test_split_shares_sum_to_one(frames) -> None:
    parts = frames["crosswalk"][frames["crosswalk"]["relation"] == "part"].dropna(subset=["share"])
    sums = parts.groupby("legacy_code")["share"].sum()
    assert sums.between(0.999, 1.001).all()


def test_legacy_28435_goes_whole_into_my_phuoc_tay(frames) -> None:
    out = legacy_to_2025("28435", **{k: frames[k] for k in ("legacy_units", "units_2025", "crosswalk")})
    assert out["unit"]["vintage"] == "legacy"
    assert (out["unit"]["name"], out["unit"]["district_name"]) == ("Phường 1", "Thị xã Cai Lậy")
    assert [(b["vintage"], b["code"], b["name"], b["relation"]) for b in out["became"]] == [
        ("2025", "28435", "Phường Mỹ Phước Tây", "whole")
    ]


def test_my_phuoc_tay_holds_phuong_3_once_the_cao_lanh_piece_is_rejected(frames) -> None:
    out = constituents_of("28435", **frames)
    assert [(c["code"], c["name"], c["relation"]) for c in out["constituents"]] == [
        ("28435", "Phường 1", "whole"),
        ("28437", "Phường 3", "whole"),
        ("28447", "Xã Mỹ Phước Tây", "whole"),
        ("28453", "Xã Mỹ Hạnh Trung", "whole"),
    ]
    assert all(
        c["district_name"] == "Thị xã Cai Lậy" and c["province_name"] == "Tỉnh Tiền Giang" for c in out["constituents"]
    )


def test_code_28439_in_each_vintage(frames) -> None:
    new = constituents_of("28439", **frames)
    assert (new["unit"]["vintage"], new["unit"]["name"], new["unit"]["province_name"]) == (
        "2025",
        "Phường Cai Lậy",
        "Tỉnh Đồng Tháp",
    )
    assert [(c["code"], c["name"], c["relation"]) for c in new["constituents"]] == [
        ("28439", "Phường 4", "whole"),
        ("28440", "Phường 5", "whole"),
        ("28486", "Xã Long Khánh", "whole"),
    ]
    old = legacy_to_2025("28439", **{k: frames[k] for k in ("legacy_units", "units_2025", "crosswalk")})
    assert (old["unit"]["vintage"], old["unit"]["name"], old["unit"]["district_name"]) == (
        "legacy",
        "Phường 4",
        "Thị xã Cai Lậy",
    )


def test_the_other_lists_code_finds_the_unit(frames) -> None:
    row, alias_of = find_unit_2025("00073", frames["units_2025"], frames["aliases"])
    assert (row["code"], row["name"], alias_of) == ("00082", "Phường Cửa Nam", "00073")
    row, alias_of = find_unit_2025("00082", frames["units_2025"], frames["aliases"])
    assert (row["code"], alias_of) == ("00082", None)


def test_unknown_and_malformed_codes(frames) -> None:
    with pytest.raises(InvalidInputError, match="5 digits"):
        constituents_of("2843", **frames)
    with pytest.raises(UnknownCodeError, match="No commune-level unit has the code 28440 in the 2025 list"):
        constituents_of("28440", **frames)
    with pytest.raises(UnknownCodeError, match="in the legacy \\(2024\\) list"):
        legacy_to_2025("99999", **{k: frames[k] for k in ("legacy_units", "units_2025", "crosswalk")})
    with pytest.raises(InvalidInputError, match="'legacy' .* or '2025'"):
        check_vintage("2024")


def test_cai_lay_is_held_by_five_2025_units(frames) -> None:
    cai_lay = frames["legacy_units"].loc[frames["legacy_units"]["district_code"] == "817", "code"].tolist()
    assert len(cai_lay) == 16
    assert units_holding(cai_lay, frames["crosswalk"]) == ["28435", "28436", "28439", "28468", "28477"]


def test_coverage_and_approximate_flag() -> None:
    from geo.io import load_units_2025

    units = load_units_2025()
    assert units.geometry.notna().mean() >= 0.98
    flagged = units[units["approximate_boundary"]]
    assert (flagged["approximate_reason"].str.len() > 0).all()
    assert not units.loc[~units["approximate_boundary"], "approximate_reason"].astype(bool).any()


def test_build_report_lists_rejections_and_area_figures() -> None:
    from geo.build import REPORT_FILE

    text = REPORT_FILE.read_text(encoding="utf-8")
    assert "legacy 28437 (tinhtiengiang_thixacailay_phuong3) → 2025 29869 Phường Cao Lãnh" in text
    assert "legacy 28439 (tinhtiengiang_thixacailay_phuong4) → 2025 29869 Phường Cao Lãnh" in text
    assert "Units made only of whole legacy units:" in text and "Units with part of a split legacy unit:" in text
    assert "Phường Cửa Nam, Thành phố Hà Nội: 00082 vs 00073" in text


def _square(x: float, y: float, size: float = 1000.0) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


def test_validate_pieces_rejects_a_far_centre_and_keeps_a_near_one() -> None:
    # A 1 km square legacy unit in UTM 48N near Cai Lậy; one centre 600 m away, one ~55 km away.
    legacy = gpd.GeoSeries({"L1": _square(600000, 1157000)}, crs="EPSG:32648")
    near = gpd.GeoSeries([shapely.Point(601600, 1157500)], crs="EPSG:32648").to_crs(4326).iloc[0]
    far = gpd.GeoSeries([shapely.Point(546000, 1157500)], crs="EPSG:32648").to_crs(4326).iloc[0]
    pieces = pd.DataFrame(
        {
            "legacy_code": ["L1", "L1"],
            "new_code": ["N1", "N2"],
            "is_default": [True, False],
            "seed_lat": [near.y, far.y],
            "seed_lon": [near.x, far.x],
        }
    )
    accepted, rejected = validate_pieces(pieces, legacy, pd.Series({"N1": 10.0, "N2": 73.3}))
    assert accepted["new_code"].tolist() == ["N1"]
    assert rejected["new_code"].tolist() == ["N2"]
    assert rejected["distance_km"].iloc[0] == pytest.approx(54.0, abs=0.1)
    assert rejected["limit_km"].iloc[0] == pytest.approx(9.66, abs=0.01)  # 2 × √(73.3/π)


def test_lc_t09_names_van_hoa_and_cam_duong_now_held_by_two_phuong(frames) -> None:
    from geo.io import load_linked_targets

    target = load_linked_targets().set_index("id").loc["LC-T09"]
    assert sorted(target["linked_unit_codes"]) == ["02665", "02674"]
    holders = units_holding(list(target["linked_unit_codes"]), frames["crosswalk"])
    names = frames["units_2025"].set_index("code").loc[holders, "name"].tolist()
    assert list(zip(holders, names)) == [("02647", "Phường Lào Cai"), ("02671", "Phường Cam Đường")]


def test_projects_are_joined_to_2025_units_by_location(national_units) -> None:
    from geo.io import load_linked_projects, load_units_2025
    from geo.vintage.join2025 import projects_by_unit_2025

    joined = projects_by_unit_2025(load_linked_projects(), load_units_2025())
    assert joined["28439"] == ["CL-04", "CL-06", "CL-07"]
    assert joined["28435"] == ["CL-01", "CL-04", "CL-11", "CL-12"]
