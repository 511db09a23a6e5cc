"""The store's pages under AppTest (both back ends): login, a viewer refused, an editor's save, a conflict."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_ROOT
from geo.store import edit_project, history

APP = str(PROJECT_ROOT / "streamlit_app.py")


@pytest.fixture
def open_app(store, monkeypatch: pytest.MonkeyPatch, national_units):
    """The app on the test store; logs in (sidebar of the entry script), then opens the edit page."""
    monkeypatch.setenv("ATLAS_DATABASE_URL", store.url)
    from pages._auth import cached_store
    from pages._state import _edited_register, _locality_register

    # Each test's store starts its change ids afresh, so a cache keyed on them is emptied between tests.
    cached_store.clear()
    _edited_register.clear()
    _locality_register.clear()

    def open_as(name: str | None = None, password: str = "") -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["district"] = "870"
        at.run()
        if name is not None:
            # AppTest reruns the page without the entry script's sidebar, so the login form cannot be
            # clicked here (the browser test does that); the session holds what a login leaves behind.
            from geo.store import authenticate
            from geo.store.clock import utc_now

            role = authenticate(store, name, password)
            at.session_state["account"], at.session_state["account_role"] = name, role
            at.session_state["account_seen"] = utc_now()
        # AppTest runs a switched-to page on its own, so the locality is carried over by hand.
        at.session_state["locality_key"] = "district=870"
        at.switch_page("pages/edit.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_as


def _run(at: AppTest) -> None:
    # AppTest runs the page without the entry script, whose locality widget would keep this.
    at.session_state["locality_key"] = "district=870"
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def _fill(at: AppTest, *, status: str, source: str) -> None:
    at.selectbox(key="edit_pid").set_value("DT-11")
    _run(at)
    at.selectbox(key="edit_status_DT-11").set_value(status)
    at.text_input(key="edit_source_DT-11").set_value(source)
    at.button(key="edit_save_DT-11").click()
    _run(at)


def test_without_login_the_save_button_is_disabled(open_app) -> None:
    app = open_app()
    app.selectbox(key="edit_pid").set_value("DT-11")
    _run(app)
    assert app.button(key="edit_save_DT-11").disabled
    assert "Cần đăng nhập (biên tập viên hoặc quản trị) để lưu thay đổi." in [i.value for i in app.info]


def test_a_viewer_is_refused_by_the_store_through_the_page(open_app, store) -> None:
    app = open_app("viewer", "viewer-pass-1")
    _fill(app, status="under construction", source="QĐ 1/2025")
    assert [e.value for e in app.error] == ["viewer is a viewer; this change needs the editor role."]
    assert len(history(store, "DT-11")) == 1


def test_an_editor_saves_and_a_conflict_keeps_the_input(open_app, store) -> None:
    app = open_app("editor", "editor-pass-1")
    _fill(app, status="under construction", source="QĐ 1/2025")
    assert [s.value for s in app.success] == ["Đã lưu: DT-11 phiên bản 2."]
    assert [v["version"] for v in history(store, "DT-11")] == [1, 2]
    edit_project(store, "DT-11", user="admin", source="QĐ 9/2025", target_year=2029)
    _fill(app, status="operating", source="QĐ 2/2025")
    (error,) = app.error
    assert error.value.startswith("DT-11 was changed by admin at ")
    assert "your edit started from version 2, so it was not saved." in error.value
    assert app.text_input(key="edit_source_DT-11").value == "QĐ 2/2025"
    assert app.selectbox(key="edit_status_DT-11").value == "operating"
    assert [v["version"] for v in history(store, "DT-11")] == [1, 2, 3]
    app.button(key="edit_reload_DT-11").click()
    _run(app)
    app.button(key="edit_save_DT-11").click()
    _run(app)
    assert [s.value for s in app.success] == ["Đã lưu: DT-11 phiên bản 4."]
    assert [v["after"].get("status") for v in history(store, "DT-11")][-1] == "operating"


def test_an_actual_entered_on_the_page_is_kept_with_its_history(open_app, store) -> None:
    app = open_app("editor", "editor-pass-1")
    app.switch_page("pages/actuals.py")
    _run(app)
    target = app.selectbox[0].value
    app.text_input[0].set_value("12.5")
    app.text_input[1].set_value("Niên giám Thống kê Đồng Tháp 2025")
    next(b for b in app.button if b.label == "Lưu").click()
    _run(app)
    assert [s.value for s in app.success] == [f"Đã lưu: {target} phiên bản 2."]
    shown = app.dataframe[-1].value  # the target's history under the actuals table
    assert (list(shown["Phiên bản"]), list(shown["Người sửa"])) == ([1, 2], ["", "editor"])
    (version,) = history(store, target)[1:]
    assert version["after"]["actuals"]["2025"] == {
        "value": 12.5,
        "source": "Niên giám Thống kê Đồng Tháp 2025",
        "note": "",
    }


def _fill_new_project(at: AppTest, *, project_id: str, source: str) -> None:
    at.text_input(key="add_id").set_value(project_id)
    at.text_input(key="add_name").set_value("Cầu Thường Phước 2")
    at.selectbox(key="add_kind").set_value("bridge")
    at.selectbox(key="add_status").set_value("planned")
    at.selectbox(key="add_document").set_value("dongthap-border-2021-2025")
    at.text_input(key="add_section").set_value("II.3")
    at.number_input(key="add_year").set_value(2030)
    at.text_input(key="add_point").set_value("105.2,10.88")
    at.selectbox(key="add_precision").set_value("approximate")
    at.text_input(key="add_source").set_value(source)
    at.button(key="add_save").click()
    _run(at)


def test_the_add_form_checks_adds_a_project_and_retire_keeps_its_history(open_app, store) -> None:
    viewer = open_app("viewer", "viewer-pass-1")
    _fill_new_project(viewer, project_id="DT-90", source="KL 2021, mục II.3")
    assert [e.value for e in viewer.error] == ["viewer is a viewer; this change needs the editor role."]

    app = open_app("editor", "editor-pass-1")
    _fill_new_project(app, project_id="DT-11", source="KL 2021, mục II.3")
    assert [e.value for e in app.error] == ["The register already has a project 'DT-11'; edit it instead."]
    assert app.text_input(key="add_name").value == "Cầu Thường Phước 2"  # the input stays to be corrected
    app.text_input(key="add_id").set_value("DT-90")
    app.button(key="add_save").click()
    _run(app)
    assert [s.value for s in app.success] == ["Đã thêm: DT-90 phiên bản 2."]
    assert app.selectbox(key="edit_pid").value == "DT-90"
    assert "DT-90" in app.selectbox(key="edit_pid").options[-1]
    assert app.text_input(key="add_id").value == ""
    (created,) = history(store, "DT-90")
    assert (created["action"], created["user"], created["after"]["geometry"]) == (
        "create",
        "editor",
        {"type": "Point", "coordinates": [105.2, 10.88]},
    )

    assert app.button(key="edit_retire_DT-90").disabled  # until confirmed
    app.checkbox(key="edit_retire_ok_DT-90").check()
    _run(app)
    app.button(key="edit_retire_DT-90").click()
    _run(app)
    assert [e.value for e in app.error] == [
        "Every edit needs a source (the document, decision or survey it comes from)."
    ]
    app.text_input(key="edit_source_DT-90").set_value("NQ 5/2025")
    app.button(key="edit_retire_DT-90").click()
    _run(app)
    assert [s.value for s in app.success] == ["Đã thôi theo dõi DT-90 (phiên bản 3); lịch sử vẫn được giữ."]
    assert not [o for o in app.selectbox(key="edit_pid").options if o.startswith("DT-90")]
    assert [(v["version"], v["action"]) for v in history(store, "DT-90")] == [(2, "create"), (3, "retire")]
    # Retired projects keep their history on the page and can be brought back (a new version).
    assert app.selectbox(key="retired_pid").value == "DT-90"
    assert list(app.dataframe[-1].value["Thao tác"]) == ["Thêm mới", "Thôi theo dõi (giữ lịch sử)"]
    assert app.button(key="retired_restore").label == "Khôi phục phiên bản 2 (trước khi thôi theo dõi)"
    app.button(key="retired_restore").click()
    _run(app)
    assert [s.value for s in app.success] == ["Đã lưu: DT-90 phiên bản 4."]
    assert app.selectbox(key="edit_pid").value == "DT-90"
    assert [v["action"] for v in history(store, "DT-90")] == ["create", "retire", "restore"]
