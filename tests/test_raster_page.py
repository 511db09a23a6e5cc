"""The rasters page under AppTest: empty library, then a stored raster with its map, table and exports."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from geo.boundaries import select_units
from geo.config import PROJECT_ROOT
from geo.raster import library
from geo.raster.library import add_raster, check_meta
from tests._rasters import EDITOR, accounts_store, grid_over, write_raster

APP = str(PROJECT_ROOT / "streamlit_app.py")


def _open(*, account: tuple[str, str] | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if account is not None:
        # What a login leaves in the session (AppTest runs a page without the entry script's sidebar form).
        from geo.store.clock import utc_now

        at.session_state["account"], at.session_state["account_role"] = account
        at.session_state["account_seen"] = utc_now()
    at.switch_page("pages/raster.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_empty_library_asks_for_a_raster(national_units, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(library, "RASTER_DIR", tmp_path / "rasters")
    at = _open(district="817")
    assert at.title[0].value == "Lớp raster và thống kê theo vùng"
    assert [i.value for i in at.info] == [
        "Cần đăng nhập (biên tập viên hoặc quản trị) để thêm raster.",
        "Chưa có raster nào. Thêm một GeoTIFF ở trên.",
    ]
    assert [e.label for e in at.expander] == []


@pytest.mark.parametrize(
    ("account", "form"),
    [(("xem", "viewer"), False), (("bientap", "editor"), True), (("quantri", "admin"), True)],
    ids=["viewer", "editor", "admin"],
)
def test_the_upload_form_is_shown_only_to_an_editor_or_admin(national_units, tmp_path, monkeypatch, account,
                                                             form) -> None:
    monkeypatch.setattr(library, "RASTER_DIR", tmp_path / "rasters")
    at = _open(account=account, district="817")
    login = "Cần đăng nhập (biên tập viên hoặc quản trị) để thêm raster."
    assert [e.label for e in at.expander] == (["Thêm raster"] if form else [])
    assert (login in [i.value for i in at.info]) is not form


@pytest.fixture()
def stored(national_units, tmp_path, monkeypatch):  # noqa: ANN201
    root = tmp_path / "rasters"
    monkeypatch.setattr(library, "RASTER_DIR", root)
    units = select_units(national_units, district_code="817")
    transform, rows, cols = grid_over(units, "EPSG:32648", 50.0)
    values = np.tile(np.linspace(0.0, 2.0, cols), (rows, 1))
    path = write_raster(tmp_path / "depth.tif", values, crs="EPSG:32648", transform=transform)
    meta = check_meta(name="Độ sâu ngập thử", unit="m", source="Tệp thử nghiệm", year=2022)
    return add_raster(path, meta, store=accounts_store(tmp_path / "store"), user=EDITOR, root=root)


def test_a_stored_raster_gives_map_table_and_exports(stored) -> None:
    at = _open(district="817")
    assert at.selectbox(key="raster_id").value == stored.id
    table = at.dataframe[0].value
    assert list(table.columns) == ["code", "name", "count", "mean", "min", "max", "sum"]
    assert len(table) == 16 and table["mean"].between(0.0, 2.0).all()
    assert any("Độ sâu ngập thử (m) — Tệp thử nghiệm, 2022" in c.value for c in at.caption)
    at.checkbox(key="raster_use_threshold").check().run()
    assert "share" in at.dataframe[0].value.columns
    assert at.dataframe[0].value["share"].between(0.0, 1.0).all()
    at.radio(key="raster_map_shows").set_value("mean").run()
    assert not at.exception
    projects = at.dataframe[1].value
    assert list(projects.columns)[:3] == ["code", "name", "basis"]
    assert set(projects["basis"]) <= {"buffer 2000 m", "not located"}
