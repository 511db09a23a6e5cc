"""A district-level unit is judged against its own type's ward-ratio standard and the next type's."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from geo.cli_reports import ratio_report
from geo.config import PROJECT_ROOT
from geo.io import load_standards
from geo.ratio_standards import judge, ratio_checks, ward_ratio_standards
from tests._legacy_units import legacy_units

ART5 = "NQ 1211/2016/UBTVQH13, sửa đổi bởi NQ 27/2022/UBTVQH15 (hợp nhất: 19/VBHN-VPQH), Điều 5 khoản 3 điểm b"


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return legacy_units()


@pytest.fixture(scope="module")
def std():
    return load_standards()


def test_a_thanh_pho_has_its_own_standard(std) -> None:
    found = ward_ratio_standards("thành phố", standards=std)
    assert [(s.role, s.target_type, s.threshold, s.citation, s.verified) for s in found] == [
        ("own", "thanh_pho_thuoc_tinh", 0.65, ART5, True)
    ]


def test_a_thi_xa_has_its_own_and_the_next_standard(std) -> None:
    found = ward_ratio_standards("thị xã", standards=std)
    assert [(s.role, s.target_type, s.threshold, s.verified) for s in found] == [
        ("own", "thi_xa", 0.5, False),
        ("next", "thanh_pho_thuoc_tinh", 0.65, True),
    ]


def test_judge_uses_exact_decimals() -> None:
    assert judge(10, 17, 0.65) == (False, 2)  # ceil(11.05) = 12 phường needed, 10 exist
    assert judge(12, 17, 0.65) == (True, 0)
    assert judge(12, 20, 0.65) == (False, 1)  # 0.65 × 20 is 13, not 14


def test_lao_cai_now_and_with_its_upgrade(units, std) -> None:
    now = ratio_report("080", units=units, standards=std)
    assert (now["wards"], now["total"], round(now["ratio"], 3)) == (10, 17, 0.588)
    assert (now["threshold"], now["standard"], now["meets"], now["upgrades_needed"]) == (0.65, ART5, False, 2)
    after = ratio_report("080", units=units, upgrade=["02665", "02674"], standards=std)
    assert round(after["ratio"], 3) == 0.706
    assert (after["threshold"], after["meets"], after["upgrades_needed"]) == (0.65, True, 0)
    assert after["checks"] == ratio_checks("thành phố", 12, 17, standards=std)
    assert [c["role"] for c in after["checks"]] == ["own"]


def test_cli_lao_cai_upgrade_is_judged() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo", "ratio", "--district", "080", "--upgrade", "02665,02674", "--json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["threshold"], report["meets"], report["upgrades_needed"]) == (0.65, True, 0)
    assert report["standard"] == ART5
    assert report["checks"][0]["label_vi"] == "Thành phố thuộc tỉnh"


def test_urban_page_judges_lao_cai_against_its_own_type(national_units) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120)
    at.query_params["district"] = "080"
    at.run()
    at.switch_page("pages/urban.py").run()
    assert not at.exception, [e.value for e in at.exception]
    own = f"Theo loại hiện tại (Thành phố thuộc tỉnh): cần 65 % phường ({ART5}) – chưa đạt, cần thêm 2 phường."
    assert own in [m.value for m in at.markdown]
    # The picker lives in streamlit_app.py, which AppTest does not rerun after switch_page: set its state.
    at.session_state["locality_key"] = "district=080"
    at.multiselect(key="upgrade_codes").set_value(["02665", "02674"]).run()
    assert f"Theo loại hiện tại (Thành phố thuộc tỉnh): cần 65 % phường ({ART5}) – Đạt." in [
        m.value for m in at.markdown
    ]


def test_cli_text_lists_each_check_on_its_own_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo", "ratio", "--district", "817"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-3] == "checks:"
    assert lines[-2].startswith("  role: own; target_type: thi_xa; label_vi: Thị xã; threshold: 0.5;")
    assert lines[-1].endswith("verified: True; meets: False; upgrades_needed: 5")
