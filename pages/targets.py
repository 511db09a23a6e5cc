"""Targets page: every target of the locality's documents, its status and its quote."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.progress import target_status
from geo.resolutions import CATEGORIES
from geo.text import localised, register_label
from layers.i18n import fmt_num, tr
from pages._state import current_locality, lang, locality_register

COMPARATOR_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
STATUS_ICONS = {"met": "✅", "not met": "⚠️", "no data": "…"}


def _value_text(row: pd.Series, L: str) -> str:
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    if row["kind"] == "milestone":
        return tr("milestone", L)
    if row["comparator"] == "range":
        return (
            f"{fmt_num(row['value_min'], L, digits=_digits(row['value_min']))}–"
            f"{fmt_num(row['value_max'], L, digits=_digits(row['value_max']))} {unit}".strip()
        )
    symbol = COMPARATOR_SYMBOLS.get(row["comparator"], row["comparator"])
    return f"{symbol} {fmt_num(row['value'], L, digits=_digits(row['value']))} {unit}".strip()


def _digits(value: float) -> int:
    return 0 if float(value).is_integer() else len(str(value).split(".")[1])


def _actual_text(row: pd.Series, L: str) -> str:
    if pd.isna(row["actual"]):
        return "—"
    if row["kind"] == "milestone":
        done = tr("milestone_done", L) if row["actual"] >= 1 else tr("milestone_not_yet", L)
        return f"{done} ({int(row['actual_year'])})"
    return f"{fmt_num(row['actual'], L, digits=_digits(row['actual']))} ({int(row['actual_year'])})"


def _progress_chart(target: pd.Series, actuals: pd.DataFrame, L: str) -> None:
    series = actuals[actuals["target_id"] == target["id"]].sort_values("year")
    if series.empty or target["kind"] == "milestone":
        return
    points = series.assign(label=tr("actual", L))
    if pd.notna(target["baseline_value"]) and pd.notna(target["baseline_year"]):
        points = pd.concat(
            [
                pd.DataFrame(
                    {
                        "year": [int(target["baseline_year"])],
                        "value": [target["baseline_value"]],
                        "label": [tr("baseline", L)],
                    }
                ),
                points,
            ],
            ignore_index=True,
        )
    base = (
        alt.Chart(points)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=tr("year", L)),
            y=alt.Y("value:Q", title=str(target["unit"] or "")),
            color=alt.Color("label:N", title=None),
        )
    )
    layers = [base]
    goal = target["value"] if pd.notna(target["value"]) else target["value_min"]
    if pd.notna(goal):
        rule = (
            alt.Chart(pd.DataFrame({"goal": [goal]})).mark_rule(strokeDash=[6, 4], color="#c0392b").encode(y="goal:Q")
        )
        layers.append(rule)
    st.markdown(
        f"**{tr('progress_chart', L)}** ({tr('target_value', L)}: {_value_text(target, L)}, "
        f"{int(target['target_year']) if pd.notna(target['target_year']) else ''})"
    )
    st.altair_chart(alt.layer(*layers), width="stretch")
    for row in series.itertuples():
        st.caption(
            f"{row.year}: {fmt_num(row.value, L, digits=_digits(row.value))} — {row.source}"
            + (f" ({row.note})" if isinstance(row.note, str) and row.note else "")
        )


def _document_header(doc: pd.Series, L: str) -> str:
    number = doc["number"] if isinstance(doc["number"], str) and doc["number"] else tr("no_number", L)
    date = (
        pd.Timestamp(doc["date"]).strftime("%d/%m/%Y")
        if isinstance(doc["date"], str) and doc["date"]
        else tr("no_date", L)
    )
    return tr("doc_meta", L, kind=doc["kind"], number=number, body=doc["issuing_body"], date=date, period=doc["period"])


def main() -> None:
    L = lang()
    locality = current_locality()
    register = locality_register(locality)
    st.title(tr("targets_title", L))
    st.caption(locality.name(L))
    targets = target_status(register["targets"], register["actuals"])
    if targets.empty:
        st.info(tr("targets_none", L))
        return
    c1, c2 = st.columns(2)
    categories = c1.multiselect(
        tr("category", L),
        list(CATEGORIES),
        key="targets_categories",
        placeholder=tr("choose", L),
        format_func=lambda c: register_label("category", c, L),
    )
    statuses = c2.multiselect(
        tr("status_filter", L),
        ["met", "not met", "no data"],
        key="targets_status",
        placeholder=tr("choose", L),
        format_func=lambda s: f"{STATUS_ICONS[s]} {tr(s, L)}",
    )
    if categories:
        targets = targets[targets["category"].isin(categories)]
    if statuses:
        targets = targets[targets["status"].isin(statuses)]
    st.caption(tr("actual_note", L))

    documents = register["documents"].set_index("id")
    for doc_id, doc_targets in targets.groupby("document_id", sort=False):
        doc = documents.loc[doc_id]
        counts = doc_targets["status"].value_counts()
        with st.expander(
            f"{doc['title_vi']} — {tr('targets_count', L, n=len(doc_targets))}", expanded=True
        ):
            st.caption(_document_header(doc, L))
            st.markdown(
                tr(
                    "status_counts",
                    L,
                    met=counts.get("met", 0),
                    notmet=counts.get("not met", 0),
                    nodata=counts.get("no data", 0),
                )
            )
            for category, rows in doc_targets.groupby("category", sort=False):
                st.markdown(f"**{register_label('category', str(category), L)}**")
                view = pd.DataFrame(
                    {
                        "ID": rows["id"],
                        tr("section", L): rows["section"],
                        tr("indicator", L): [localised(r, "label", L) for _, r in rows.iterrows()],
                        tr("target_value", L): [_value_text(r, L) for _, r in rows.iterrows()],
                        tr("year", L): rows["target_year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
                        tr("actual_year", L): [_actual_text(r, L) for _, r in rows.iterrows()],
                        tr("status", L): rows["status"].map(lambda s: f"{STATUS_ICONS[s]} {tr(s, L)}"),
                    }
                )
                event = st.dataframe(
                    view,
                    hide_index=True,
                    width="stretch",
                    on_select="rerun",
                    selection_mode="single-row",
                    key=f"targets-{doc_id}-{category}",
                )
                picked = event.selection.rows if event and event.selection else []
                if picked:
                    target = rows.iloc[picked[0]]
                    st.markdown(
                        f"**{tr('quote', L)}** — {doc['title_vi']}, {tr('section', L).lower()} {target['section']}"
                    )
                    st.markdown(f"> {target['quote']}")
                    if isinstance(target["note"], str) and target["note"]:
                        st.caption(target["note"])
                    _progress_chart(target, register["actuals"], L)
            st.caption(tr("pick_target", L))


main()
