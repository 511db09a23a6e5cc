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
    (version,) = history(store, target)[1:]
    assert version["after"]["actuals"]["2025"] == {
        "value": 12.5,
        "source": "Niên giám Thống kê Đồng Tháp 2025",
        "note": "",
    }
