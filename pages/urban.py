"""Urbanisation & ward ratio: upgrade scenarios checked against the legal standards."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from geo.errors import InvalidInputError, PlanningAtlasError
from geo.io import load_standards
from geo.metrics import urbanisation, ward_ratio
from geo.ratio_standards import ratio_checks
from geo.scenario import (
    LEGACY_AS_OF,
    apply_upgrades,
    minimum_upgrades,
    next_target_type,
    target_type_threshold,
    upgrades_needed,
)
from geo.standards import check, is_percentage
from layers.i18n import fmt_int, fmt_num, fmt_pct, tr
from layers.map import locality_map
from pages._state import (
    cached_outlines,
    cached_population,
    cached_units,
    current_locality,
    lang,
    show_map,
)

# NQ 112/2025/UBTVQH15 replaces NQ 1211 on this date.
NQ112_FROM = date(2026, 1, 1)
DISTRICT_TARGETS = ("thi_xa", "thanh_pho_thuoc_tinh", "quan")


@st.cache_resource(show_spinner=False)
def _standards():
    return load_standards()


@st.cache_resource(show_spinner=False, max_entries=32)
def _scenario_map(district_code: str, upgraded: frozenset[str], language: str):
    units = cached_units()
    scope = units[units["district_code"] == district_code]
    return locality_map(
        scope,
        lang=language,
        provinces=cached_outlines("province"),
        districts=cached_outlines("district"),
        upgraded=upgraded,
    )


def _toggle_from_click(map_key: str, candidates: set[str]) -> None:
    """A click on a xã/thị trấn adds or removes it from the scenario (before the widget is drawn)."""
    event = st.session_state.get(map_key) or {}
    code = ((event.get("last_active_drawing") or {}).get("properties") or {}).get("code")
    if not code or st.session_state.get("_last_scenario_click") == (map_key, code, id(event)):
        return
    st.session_state["_last_scenario_click"] = (map_key, code, id(event))
    if code in candidates:
        chosen = list(st.session_state.get("upgrade_codes", []))
        chosen = [c for c in chosen if c != code] if code in chosen else [*chosen, code]
        st.session_state["upgrade_codes"] = chosen


def _population_import(L: str, known_codes: set[str]) -> None:
    from geo.population_upload import read_population_upload
    from geo.upload import markdown_literal

    with st.expander(tr("import_title", L)):
        upload = st.file_uploader(
            "CSV / XLSX", type=["csv", "xlsx"], key="population_upload", label_visibility="collapsed"
        )
        if upload is not None and st.session_state.get("_imported_name") != (upload.name, upload.size):
            try:
                imported = read_population_upload(upload.getvalue(), upload.name, known_codes=known_codes)
            except InvalidInputError as error:
                st.error(markdown_literal(str(error)))
                problems = getattr(error, "problems", [])
                if problems:  # the file's own text is echoed: shown as plain text, never as Markdown
                    st.text("\n".join(f"• {problem}" for problem in problems))
            else:
                st.session_state["population_import"] = imported
                st.session_state["_imported_name"] = (upload.name, upload.size)
        if st.session_state.get("population_import") is not None:
            st.success(tr("import_ok", L, n=len(st.session_state["population_import"])))
            sheet = st.session_state["population_import"].attrs.get("sheet")
            if sheet:
                st.caption(markdown_literal(tr("import_sheet", L, sheet=sheet)))
            from pages._auth import persist_population

            persist_population(st.session_state["population_import"], L)
            if st.button(tr("import_clear", L)):
                st.session_state["population_import"] = None
                st.session_state.pop("_imported_name", None)
                st.rerun()


def _standards_table(
    code: str, target: str, scenario_units: pd.DataFrame, population: pd.DataFrame, L: str, as_of: date = LEGACY_AS_OF
) -> None:
    table = check(code, target, as_of, units=scenario_units, population=population, standards=_standards())

    def show(value: object, unit: str) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return "—"
        if isinstance(value, (list, tuple)):
            return ", ".join(map(str, value))
        if is_percentage(unit, value):
            return fmt_pct(float(value), L)
        return str(value)

    view = pd.DataFrame(
        {
            tr("criterion", L): table["label_vi"],
            tr("required", L): [show(v, u) for u, v in zip(table["unit"], table["required"])],
            tr("actual", L): [show(v, u) for u, v in zip(table["unit"], table["actual"])],
            tr("status", L): [tr(s, L) for s in table["status"]],
            tr("citation", L): table["citation"],
            tr("source", L): table["source"],
        }
    )
    st.markdown(f"**{tr('standards_table', L, date=as_of.strftime('%d/%m/%Y'))}**")
    st.dataframe(view, hide_index=True, width="stretch")


def main() -> None:
    L = lang()
    locality = current_locality()
    units = cached_units()
    population = cached_population()
    st.title(tr("urban_title", L))
    scope = units[units[f"{locality.level}_code"].isin(locality.codes)]
    districts = scope.drop_duplicates("district_code")[["district_code", "district_name", "district_type"]]
    if districts.empty:
        st.info(tr("not_district", L))
        return
    names = dict(zip(districts["district_code"], districts["district_name"]))
    c1, c2 = st.columns(2)
    district = c1.selectbox(tr("district_pick", L), list(names), format_func=names.get, key="urban_district")
    district_type = str(districts.set_index("district_code").loc[district, "district_type"])
    standards = _standards()
    next_key = next_target_type(district_type, standards=standards)
    options = list(DISTRICT_TARGETS)
    target = c2.selectbox(
        tr("target_type", L),
        options,
        index=options.index(next_key) if next_key in options else 1,
        format_func=lambda k: standards.target_types[k]["label_vi"],
        key=f"urban_target_{district}",
    )

    in_district = units[units["district_code"] == district]
    candidates = in_district[in_district["unit_type"] != "phường"]
    labels = dict(zip(candidates["code"], candidates["name"]))
    map_key = f"urban-map-{district}-{L}"
    if st.session_state.get("_urban_scope") != district:
        st.session_state["_urban_scope"] = district
        st.session_state["upgrade_codes"] = []
    _toggle_from_click(map_key, set(labels))

    threshold, citation = target_type_threshold(target, standards=standards, as_of=LEGACY_AS_OF)
    b1, b2, _ = st.columns([1, 1, 3])
    if b1.button(tr("suggest", L), disabled=threshold is None):
        plan = minimum_upgrades(district, threshold, units=units, population=population)
        st.session_state["upgrade_codes"] = plan.suggested["code"].head(plan.needed).tolist()
    if b2.button(tr("clear", L)):
        st.session_state["upgrade_codes"] = []
    upgrade = st.multiselect(
        tr("upgrade_pick", L), list(labels), format_func=labels.get, key="upgrade_codes", placeholder=tr("choose", L)
    )

    try:
        before, after = (
            ward_ratio(units, district_code=district),
            ward_ratio(units, district_code=district, upgrade=upgrade),
        )
        urb_before = urbanisation(units, population, district_code=district)
        urb_after = urbanisation(units, population, district_code=district, upgrade=upgrade)
    except PlanningAtlasError as error:
        st.error(str(error))
        return

    m1, m2 = st.columns(2)
    m1.metric(
        f"{tr('ward_ratio', L)} – {tr('after', L) if upgrade else tr('before', L)}",
        fmt_pct(after.ratio or 0, L),
        delta=f"{(after.ratio - before.ratio) * 100:+.1f} pt" if upgrade else None,
    )
    m1.caption(tr("ratio_caption", L, wards=after.wards, total=after.total))
    if urb_after.rate is None:
        m2.metric(tr("urban_rate", L), "—")
        m2.caption(tr("urban_missing", L, n=len(urb_after.missing), codes=", ".join(urb_after.missing[:8])))
    else:
        m2.metric(
            f"{tr('urban_rate', L)} – {tr('after', L) if upgrade else tr('before', L)}",
            fmt_pct(urb_after.rate, L),
            delta=f"{(urb_after.rate - (urb_before.rate or 0)) * 100:+.1f} pt" if upgrade else None,
        )
        m2.caption(
            tr(
                "urban_caption",
                L,
                year=", ".join(map(str, urb_after.population_years)),
                source="; ".join(urb_after.sources),
            )
            + f" ({fmt_int(urb_after.urban_population, L)} / "
            f"{fmt_int(urb_after.total_population, L)})"
        )

    if threshold is None:
        st.info(tr("no_threshold", L))
    else:
        needed = upgrades_needed(threshold, wards=after.wards, total=after.total)
        key = "needed_met" if needed == 0 else "needed"
        st.markdown(tr(key, L, n=needed, threshold=fmt_pct(threshold, L, digits=0), standard=citation))

    for judged in ratio_checks(district_type, after.wards, after.total, standards=standards, as_of=LEGACY_AS_OF):
        if not judged["verified"]:
            verdict = tr("unverified", L)
        elif judged["meets"]:
            verdict = tr("met", L)
        else:
            verdict = tr("ratio_check_short", L, n=judged["upgrades_needed"])
        st.markdown(
            tr(
                f"ratio_check_{judged['role']}",
                L,
                label=judged["label_vi"],
                threshold=fmt_pct(float(judged["threshold"]), L, digits=0),  # type: ignore[arg-type]
                standard=judged["standard"],
                verdict=verdict,
            )
        )

    left, right = st.columns([3, 2])
    with left:
        show_map(
            _scenario_map(district, frozenset(upgrade), L),
            key=map_key,
            height=520,
            returned_objects=["last_active_drawing"],
        )
    with right:
        if threshold is not None:
            plan = minimum_upgrades(district, threshold, units=units, population=population)
            st.markdown(f"**{tr('suggestion', L)}**")
            st.caption(plan.score_explanation)
            suggested = plan.suggested
            view = pd.DataFrame(
                {
                    "#": suggested["rank"],
                    tr("code", L): suggested["code"],
                    tr("name", L): suggested["name"],
                    tr("population", L) + " (2019)": suggested["population"].map(
                        lambda v: fmt_int(v, L) if pd.notna(v) else "—"
                    ),
                    tr("area", L): suggested["area_km2"].map(lambda v: fmt_num(v, L) if pd.notna(v) else "—"),
                    tr("density", L): suggested["density"].map(lambda v: fmt_int(v, L) if pd.notna(v) else "—"),
                }
            )
            st.dataframe(view, hide_index=True, width="stretch", height=300)
    scenario_units = apply_upgrades(units, upgrade, district_code=district) if upgrade else units
    _standards_table(district, target, scenario_units, population, L)
    _ward_standards_2026(labels, upgrade, units, population, L)
    _population_import(L, set(units["code"].dropna()))


def _ward_standards_2026(
    labels: dict[str, str], upgrade: list[str], units: pd.DataFrame, population: pd.DataFrame, L: str
) -> None:
    """One xã / thị trấn against the NQ 112 phường standards, each marked as resting on press summaries."""
    if not labels:
        return
    with st.expander(tr("standards_2026_title", L)):
        options = list(labels)
        code = st.selectbox(
            tr("standards_2026_pick", L),
            options,
            index=options.index(upgrade[0]) if upgrade and upgrade[0] in options else 0,
            format_func=labels.get,
            key=f"standards_2026_{options[0]}",
        )
        st.caption(tr("standards_2026_note", L))
        _standards_table(code, "phuong_2025", units, population, L, as_of=NQ112_FROM)


main()
