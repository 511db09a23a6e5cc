"""Tests for geo.cli_reports: the dicts the ratio and urbanisation commands print."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.cli_reports import ratio_report, urbanisation_report
from geo.errors import InvalidInputError
from geo.io import load_population, load_standards
from tests._legacy_units import legacy_units

L1211 = "NQ 1211/2016/UBTVQH13, sửa đổi bởi NQ 27/2022/UBTVQH15 (hợp nhất: 19/VBHN-VPQH)"


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return legacy_units()


@pytest.fixture(scope="module")
def pop() -> pd.DataFrame:
    return load_population()


@pytest.fixture(scope="module")
def std():
    return load_standards()


def test_ratio_report_refuses_a_bad_threshold(units, std):
    with pytest.raises(InvalidInputError, match=r"^The ward-ratio threshold must be a number in \(0, 1\]"):
        ratio_report("817", units=units, standards=std, threshold=1.5)


def test_ratio_report_cai_lay(units, std):
    assert ratio_report("817", units=units, standards=std) == {
        "district_code": "817",
        "district_name": "Thị xã Cai Lậy",
        "wards": 6,
        "communes": 10,
        "townships": 0,
        "total": 16,
        "ratio": 0.375,
        "upgraded": [],
        "threshold": 0.65,
        "standard": f"{L1211}, Điều 5 khoản 3 điểm b",
        "meets": False,
        "upgrades_needed": 5,
        "checks": [
            {
                "role": "own",
                "target_type": "thi_xa",
                "label_vi": "Thị xã",
                "threshold": 0.5,
                "standard": f"{L1211}, Điều 6 khoản 3 điểm b",
                "verified": False,
                "meets": None,
                "upgrades_needed": None,
            },
            {
                "role": "next",
                "target_type": "thanh_pho_thuoc_tinh",
                "label_vi": "Thành phố thuộc tỉnh",
                "threshold": 0.65,
                "standard": f"{L1211}, Điều 5 khoản 3 điểm b",
                "verified": True,
                "meets": False,
                "upgrades_needed": 5,
            },
        ],
    }


def test_ratio_report_lao_cai_scenario_and_override(units, std):
    got = ratio_report("080", units=units, upgrade=["02665", "02674"], standards=std)
    assert (got["wards"], got["total"], got["ratio"], got["upgraded"]) == (12, 17, 12 / 17, ["02665", "02674"])
    # A thành phố is judged against its own type's rule (NQ 1211 Art. 5 cl. 3b), 12 of 17 = 70.6 % ≥ 65 %.
    assert (got["threshold"], got["standard"], got["meets"], got["upgrades_needed"]) == (
        0.65, f"{L1211}, Điều 5 khoản 3 điểm b", True, 0,
    )  # fmt: skip
    over = ratio_report("080", units=units, upgrade=["02665", "02674"], threshold=0.8, standards=std)
    assert (over["threshold"], over["standard"], over["meets"], over["upgrades_needed"]) == (
        0.8, "ngưỡng do người dùng nhập", False, 2,
    )  # fmt: skip


def test_ratio_report_huyen_has_no_verified_next_standard(units, std):
    got = ratio_report("870", units=units, standards=std)
    assert (got["ratio"], got["threshold"], got["meets"]) == (0.0, None, None)


def test_urbanisation_report(units, pop):
    assert urbanisation_report("817", units=units, population=pop) == {
        "urban_population": 35303,
        "total_population": 125615,
        "rate": 35303 / 125615,
        "population_year": 2019,
        "source": "TCTK, Tổng điều tra dân số và nhà ở 1/4/2019, dân số cấp xã "
        "(http://portal.thongke.gov.vn/khodulieudanso2019)",
        "missing": [],
    }
    scen = urbanisation_report("080", units=units, population=pop, upgrade=["02665", "02674"])
    assert (scen["urban_population"], scen["total_population"]) == (98368 + 4338 + 5693, 132615)
