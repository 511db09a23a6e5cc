"""The store's library on both back ends: migrations, edits, conflicts, roles, history, restore, logins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import shapely
from sqlalchemy import inspect, text

from geo.store import (
    ConflictError,
    LoginError,
    PermissionDeniedError,
    StoreInputError,
    add_user,
    authenticate,
    changes_csv,
    current_edits,
    edit_project,
    history,
    import_population,
    record_actual,
    record_actuals,
    record_version,
    restore,
    retire_project,
    session_expired,
)
from geo.store.engine import Store, current_revision, migrate

POINT = shapely.Point(105.2, 10.88)


def test_migrations_upgrade_empty_to_head_and_down_again(store_url: str) -> None:
    engine = Store(store_url).engine
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == "0001"
    assert {"users", "records", "changes"} <= set(inspect(engine).get_table_names())
    migrate(engine, "base", down=True)
    assert current_revision(engine) is None
    assert not {"users", "records", "changes"} & set(inspect(engine).get_table_names())
    migrate(engine)
    assert current_revision(engine) == "0001"
    engine.dispose()


def test_first_edit_is_version_2_and_a_stale_save_names_who_and_when(store) -> None:
    assert record_version(store, "project", "DT-11") == 1
    version = edit_project(
        store,
        "DT-11",
        user="editor",
        source="QĐ 1/2025",
        status="under construction",
        geometry=POINT,
        precision="approximate",
        expect_version=1,
    )
    assert version == 2
    with pytest.raises(ConflictError) as caught:
        edit_project(store, "DT-11", user="editor", source="QĐ 1/2025", status="planned", expect_version=1)
    assert caught.value.exit_status == 3
    assert caught.value.current == 2 and caught.value.by == "editor"
    assert str(caught.value).startswith("DT-11 was changed by editor at ")
    assert "(UTC+7) (now version 2); your edit started from version 1, so it was not saved." in str(caught.value)
    assert record_version(store, "project", "DT-11") == 2


def test_history_oldest_first_with_baseline_as_version_1_and_restore_is_a_new_version(store) -> None:
    edit_project(store, "DT-11", user="editor", source="QĐ 1/2025", status="under construction", reason="site visit")
    edit_project(store, "DT-11", user="editor", source="QĐ 2/2025", target_year=2027)
    versions = history(store, "DT-11")
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert versions[0]["action"] == "baseline" and versions[0]["after"]["status"] == "planned"
    assert versions[1]["before"] == {"source": None, "status": "planned"}
    assert versions[1]["after"] == {"source": "QĐ 1/2025", "status": "under construction"}
    assert versions[1]["user"] == "editor" and versions[1]["reason"] == "site visit"
    assert datetime.fromisoformat(versions[1]["at"]).utcoffset() == timedelta(0)
    assert versions[2]["after"] == {"source": "QĐ 2/2025", "target_year": 2027}
    assert restore(store, "DT-11", version=1, user="editor") == 4
    after = history(store, "DT-11")[-1]
    assert after["action"] == "restore"
    assert after["after"] == {"source": None, "status": "planned", "target_year": None}
    assert current_edits(store)[0]["fields"] == {}
    assert restore(store, "DT-11", version=2, user="editor") == 5
    assert current_edits(store)[0]["fields"] == {"source": "QĐ 1/2025", "status": "under construction"}


@pytest.mark.parametrize(
    "write",
    [
        lambda s, u: edit_project(s, "DT-11", user=u, source="QĐ 1/2025", status="planned"),
        lambda s, u: retire_project(s, "DT-11", user=u, source="QĐ 1/2025"),
        lambda s, u: record_actual(s, "LC-T08", value=1, year=2025, source="Cục Thống kê", user=u),
        lambda s, u: record_actuals(
            s, [{"target_id": "LC-T08", "value": "1", "year": "2025", "source": "CTK"}], user=u
        ),
        lambda s, u: add_user(s, "intruder", role="admin", password="long-enough", by=u),
    ],
    ids=["edit", "retire", "actual", "actuals", "add-user"],
)
def test_a_viewer_cannot_write_through_the_library(store, write) -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        write(store, "viewer")
    assert caught.value.exit_status == 4
    with pytest.raises(PermissionDeniedError, match="There is no account named 'nobody'"):
        write(store, "nobody")
    with store.reading() as session:
        assert session.execute(text("SELECT count(*) FROM changes")).scalar() == 0


def test_a_viewer_cannot_import_population(store) -> None:
    import pandas as pd

    figures = pd.DataFrame({"code": ["28435"], "population": [9000], "year": [2024], "source": ["CTK 2024"]})
    with pytest.raises(PermissionDeniedError, match="viewer is a viewer; this change needs the editor role."):
        import_population(store, figures, user="viewer")
    assert import_population(store, figures, user="editor", dry_run=True) == 1
    assert current_edits(store) == []
    assert import_population(store, figures, user="editor") == 1
    assert current_edits(store)[0]["fields"] == {"population": 9000, "year": 2024, "source": "CTK 2024"}


def test_history_is_append_only_in_the_database(store) -> None:
    edit_project(store, "DT-11", user="editor", source="QĐ 1/2025", status="planned", target_year=2030)
    from sqlalchemy.exc import DatabaseError

    for statement in ("UPDATE changes SET user_name = 'x'", "DELETE FROM changes"):
        with pytest.raises(DatabaseError, match="append-only"), store.transaction() as session:
            session.execute(text(statement))
    assert len(history(store, "DT-11")) == 2


def test_an_actuals_batch_lists_the_first_20_problems_and_writes_nothing(store) -> None:
    rows = [{"target_id": "LC-T08", "value": "8000", "year": "2025", "source": "Cục Thống kê"}]
    rows += [{"target_id": "XX-T99", "value": "1", "year": "2025", "source": "Cục Thống kê"}] * 24
    rows += [{"target_id": "LC-T08", "value": "abc", "year": "2025", "source": "Cục Thống kê"}]
    with pytest.raises(StoreInputError) as caught:
        record_actuals(store, rows, user="editor")
    message = str(caught.value)
    assert message.startswith("The actuals were not saved, nothing was written: row 3: 'XX-T99' is not a target id")
    assert message.count("row ") == 20
    assert message.endswith("(and 5 more problems).")
    assert current_edits(store) == []
    good = [dict(rows[0]), {**rows[0], "year": "2026", "value": "8100,5"}]
    assert record_actuals(store, good, user="editor") == 2
    edit = current_edits(store)[0]
    assert edit["version"] == 3
    assert edit["fields"]["actuals"]["2026"] == {"value": 8100.5, "source": "Cục Thống kê", "note": ""}


def test_changes_csv_has_a_bom_and_neutralises_formulas(store) -> None:
    record_actual(store, "LC-T08", value=1, year=2025, source='=HYPERLINK("x")', user="editor")
    edit_project(store, "DT-11", user="editor", source="@cmd", status="operating")
    csv_text = changes_csv(store)
    assert csv_text.startswith("\ufeffkind,id,version,field,baseline,edited,source,changed_by,changed_at_utc\r\n")
    assert "'@cmd" in csv_text and "'=HYPERLINK" in csv_text
    assert "project,DT-11,2,status,planned,operating,'@cmd,editor," in csv_text
    assert 'target,LC-T08,2,actual_2025,,1.0,"\'=HYPERLINK(""x"")",editor,' in csv_text


def test_logins_slow_down_then_lock_and_reset_on_success(store) -> None:
    from geo.store import auth

    assert authenticate(store, "editor", "editor-pass-1", sleep=False) == "editor"
    assert auth._delay(2) == 0.0 and auth._delay(3) == 0.5 and auth._delay(4) == 1.0
    now = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    for _ in range(auth.LOCK_AFTER):
        with pytest.raises(LoginError, match="^The name or the password is wrong.$"):
            authenticate(store, "editor", "wrong", now=now, sleep=False)
    with pytest.raises(LoginError, match=r"locked after repeated failed logins until 2026-12-02 15:15 \(UTC\+7\)"):
        authenticate(store, "editor", "editor-pass-1", now=now, sleep=False)
    later = now + auth.LOCK_FOR + timedelta(seconds=1)
    assert authenticate(store, "editor", "editor-pass-1", now=later, sleep=False) == "editor"
    with store.reading() as session:
        hashes = session.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert all(h.startswith("$argon2id$") and "pass" not in h for h in hashes)


def test_session_expiry_after_inactivity() -> None:
    start = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert not session_expired(start, now=start + timedelta(minutes=29))
    assert session_expired(start, now=start + timedelta(minutes=31))
    assert session_expired(None, now=start)


def test_first_admin_only_from_the_operator_and_passwords_are_checked(store_url: str) -> None:
    from geo.store import open_store

    opened = open_store(store_url)
    with pytest.raises(StoreInputError, match="at least 8 characters"):
        add_user(opened, "admin", role="admin", password="short", by=None)
    with pytest.raises(StoreInputError, match="'owner' is not a role"):
        add_user(opened, "admin", role="owner", password="long-enough", by=None)
    with pytest.raises(StoreInputError, match=r"is not an account name \(2 to 80 letters"):
        add_user(opened, "[x](javascript:alert(1))", role="admin", password="long-enough", by=None)
    add_user(opened, "admin", role="admin", password="long-enough", by=None)
    with pytest.raises(StoreInputError, match="An account named 'admin' already exists."):
        add_user(opened, "admin", role="admin", password="long-enough", by=None)


def test_a_retired_project_leaves_the_register_but_not_the_history(store) -> None:
    from geo.edited_register import apply_project_edits
    from geo.io import load_linked_projects

    assert retire_project(store, "DT-11", user="editor", source="NQ 5/2025", reason="merged into DT-12") == 2
    with pytest.raises(StoreInputError, match="DT-11 is already retired."):
        retire_project(store, "DT-11", user="editor", source="NQ 5/2025")
    baseline = load_linked_projects()
    shown = apply_project_edits(baseline, current_edits(store))
    assert len(shown) == len(baseline) - 1 and "DT-11" not in set(shown["id"])
    assert [v["action"] for v in history(store, "DT-11")] == ["baseline", "retire"]


NEW_PROJECT = {
    "name_vi": "Cầu Thường Phước 2",
    "kind": "bridge",
    "status": "planned",
    "target_year": 2030,
    "document_ids": ["dongthap-border-2021-2025"],
    "sections": ["II.3"],
}


@pytest.mark.parametrize(
    ("project_id", "changes", "geometry", "message"),
    [
        ("DT-90", {"document_ids": ["nq-99"]}, None,
         "The document 'nq-99' is not in documents.yaml; a new project cites a known one."),
        ("DT-90", {"kind": "castle"}, None, "'castle' is not a project kind; choose industrial_cluster, "),
        ("DT-90", {"status": "done"}, None,
         "'done' is not a status; choose planned, under construction, operating, unknown."),
        ("DT-90", {"sections": [" "]}, None, "A new project cites the section of the document that names it."),
        ("DT-90", {"name_vi": ""}, None, "A new project needs its name as the resolution writes it."),
        ("DT-90", {"target_year": 1800}, None, "The target year 1800 is not between 1990 and 2100."),
        ("DT-11", {}, None, "The register already has a project 'DT-11'; edit it instead."),
        ("dt 90", {}, None, "'dt 90' is not a project id: two capital letters, an optional digit, a hyphen and a "
         "number (for example DT-90)."),
        ("DT-90", {}, POINT, "A new location needs its precision (surveyed, approximate, schematic or "
         "commune-centroid)."),
        ("DT-90", {"precision": "surveyed"}, None,
         "The precision 'surveyed' needs a location; give a point or a geometry file."),
    ],
)  # fmt: skip
def test_a_new_project_is_refused_with_one_sentence(store, project_id, changes, geometry, message) -> None:
    from geo.store import add_project

    with pytest.raises(StoreInputError) as refused:
        add_project(
            store, project_id, user="editor", source="KL 2021, II.3", properties={**NEW_PROJECT, **changes},
            geometry=geometry,
        )  # fmt: skip
    assert str(refused.value).startswith(message)
    assert current_edits(store) == []


def test_a_new_project_is_validated_like_the_register_and_shown(store) -> None:
    from geo.edited_register import apply_project_edits
    from geo.io import load_linked_projects
    from geo.store import add_project

    with pytest.raises(PermissionDeniedError, match="viewer is a viewer; this change needs the editor role."):
        add_project(store, "DT-90", user="viewer", source="KL 2021, II.3", properties=NEW_PROJECT)
    props = {**NEW_PROJECT, "precision": "approximate"}
    assert add_project(store, "DT-90", user="editor", source="KL 2021, II.3", properties=props, geometry=POINT) == 2
    with pytest.raises(StoreInputError, match="The store already has a project 'DT-90'; edit it instead."):
        add_project(store, "DT-90", user="editor", source="KL 2021, II.3", properties=props, geometry=POINT)
    shown = apply_project_edits(load_linked_projects(), current_edits(store)).set_index("id")
    assert shown.loc["DT-90", "name_vi"] == "Cầu Thường Phước 2"
    assert shown.loc["DT-90", "precision"] == "approximate" and shown.loc["DT-90"].geometry.equals(POINT)
    # The locality of its document, so that the locality's pages list it.
    assert shown.loc["DT-90", "locality_code"] == "868;869;870"
    assert [v["action"] for v in history(store, "DT-90")] == ["create"]
    assert add_project(store, "DT-91", user="editor", source="KL 2021, II.4", properties=NEW_PROJECT) == 2
    unlocated = apply_project_edits(load_linked_projects(), current_edits(store)).set_index("id").loc["DT-91"]
    assert unlocated["precision"] == "unknown" and unlocated.geometry is None
    assert retire_project(store, "DT-91", user="editor", source="NQ 5/2025") == 3
    assert "DT-91" not in set(apply_project_edits(load_linked_projects(), current_edits(store))["id"])
    assert [(v["version"], v["action"]) for v in history(store, "DT-91")] == [(2, "create"), (3, "retire")]


def test_actual_entries_name_who_entered_each_actual_in_force(store) -> None:
    from geo.store.versions import actual_entries

    record_actual(store, "LC-T08", value=9100, year=2025, source="Cục Thống kê 2026", user="editor")
    record_actual(store, "LC-T08", value=9200, year=2025, source="Cục Thống kê 2026, sửa", user="admin")
    record_actual(store, "LC-T08", value=7000, year=2024, source="Cục Thống kê 2025", user="editor")
    entries = [(e["target_id"], e["year"], e["value"], e["source"], e["user"]) for e in actual_entries(store)]
    assert entries == [
        ("LC-T08", 2024, 7000.0, "Cục Thống kê 2025", "editor"),
        ("LC-T08", 2025, 9200.0, "Cục Thống kê 2026, sửa", "admin"),
    ]
    assert all(e["at"].tzinfo is not None for e in actual_entries(store))
    restore(store, "LC-T08", version=1, user="editor")
    assert actual_entries(store) == []


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_postgis_holds_a_real_geometry_for_qgis(store) -> None:
    edit_project(store, "DT-11", user="editor", source="QĐ 1/2025", geometry=POINT, precision="approximate")
    with store.reading() as session:
        row = session.execute(text("SELECT ST_AsText(geom), ST_SRID(geom) FROM records WHERE key = 'DT-11'")).one()
        assert tuple(row) == ("POINT(105.2 10.88)", 4326)
        indexed = session.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_records_geom'")).scalar()
        assert "USING gist (geom)" in indexed
