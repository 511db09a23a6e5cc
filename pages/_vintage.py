"""UI state of the vintage switch: cached 2025 loaders, the switch, the 2025 picker, counterpart lines.

The vintage travels in the URL (``?vintage=2025&province=82``, ``?vintage=2025&commune=28439``);
without ``vintage`` a link is read in the legacy list, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import PlanningAtlasError
from geo.vintage import LEGACY, V2025
from geo.vintage.localities2025 import Locality2025
from layers.i18n import fmt_pct, tr

__all__ = [
    "vintage",
    "init_vintage_from_url",
    "vintage_switch",
    "picker_2025",
    "current_locality_2025",
    "cached_units_2025",
    "cached_frames",
    "cached_population_2025",
    "crosswalk_line",
    "counterparts_of_legacy",
    "cached_resolutions_2025",
]


@st.cache_resource(show_spinner=False)
def cached_units_2025() -> gpd.GeoDataFrame:
    """The 2025 layer simplified for the browser (read once per server process; never mutate)."""
    from geo.io import load_units_2025

    return load_units_2025(simplified=True)


@st.cache_resource(show_spinner=False)
def cached_frames() -> dict[str, pd.DataFrame]:
    """Plain frames for the crosswalk functions: legacy units, 2025 units, crosswalk, aliases."""
    from geo.io import load_aliases_2025, load_crosswalk_2025, load_units

    return {
        "legacy_units": pd.DataFrame(load_units(simplified=True).drop(columns="geometry")),
        "units_2025": pd.DataFrame(cached_units_2025().drop(columns="geometry")),
        "crosswalk": load_crosswalk_2025(),
        "aliases": load_aliases_2025(),
    }


@st.cache_resource(show_spinner=False)
def _shared_localities_2025() -> Mapping[str, Locality2025]:
    # Read-only: a locality opened by one user's link is kept in that user's session, not here.
    from geo.vintage.localities2025 import localities_2025

    f = cached_frames()
    found = localities_2025(f["units_2025"], legacy_units=f["legacy_units"], crosswalk=f["crosswalk"])
    return MappingProxyType({loc.key: loc for loc in found})


def _localities_2025() -> dict[str, Locality2025]:
    """The 2025 localities the picker offers (seeds, then the 34 provinces), then this session's linked one."""
    return {**_shared_localities_2025(), **st.session_state.get("linked_localities_2025", {})}


def cached_population_2025() -> pd.DataFrame:
    """Population of every 2025 unit from the figures of its legacy constituents (census and stored imports)."""
    from geo.store.register import store_stamp

    return _population_2025(store_stamp())


@st.cache_data(show_spinner=False)
def _population_2025(stamp: int) -> pd.DataFrame:
    # ``stamp`` moves on every save in any process, as for the legacy figures (pages._state).
    from geo.store.register import load_population
    from geo.vintage.metrics2025 import population_2025

    return population_2025(cached_frames()["crosswalk"], load_population())


@st.cache_data(show_spinner=False)
def cached_resolutions_2025() -> pd.DataFrame:
    """The arrangement resolutions of the seed provinces (``data/resolutions_2025.csv``)."""
    from geo.io import load_resolutions_2025

    return load_resolutions_2025()


def vintage() -> str:
    """The chosen vintage: 'legacy' (default) or '2025'."""
    return str(st.session_state.get("vintage", LEGACY))


def init_vintage_from_url() -> str:
    """On a fresh session, take the vintage from ``?vintage=``; return the current vintage."""
    if "vintage" not in st.session_state:
        st.session_state["vintage"] = V2025 if st.query_params.get("vintage") == V2025 else LEGACY
    return vintage()


def vintage_switch() -> str:
    """Sidebar radio 'Trước 1/7/2025' / 'Từ 1/7/2025'; returns the chosen vintage."""
    L = str(st.session_state.get("lang", "vi"))
    st.sidebar.radio(
        tr("vintage", L),
        options=[LEGACY, V2025],
        key="vintage",
        horizontal=True,
        format_func=lambda v: tr("vintage_2025" if v == V2025 else "vintage_legacy", L),
    )
    if vintage() == V2025:
        st.sidebar.caption(tr("other_pages_legacy", L))
    return vintage()


def _apply_params_2025() -> None:
    if "locality_2025_key" in st.session_state:
        return
    from geo.vintage.localities2025 import PARAMS_2025, locality_2025_from_params

    f = cached_frames()
    params = {k: st.query_params.get(k, "") for k in PARAMS_2025}
    try:
        locality = locality_2025_from_params(
            params, f["units_2025"], legacy_units=f["legacy_units"], crosswalk=f["crosswalk"]
        )
    except PlanningAtlasError as error:
        st.session_state["link_error"] = str(error)
        locality = None
    localities = _shared_localities_2025()
    if locality is not None and locality.key not in localities:
        st.session_state["linked_localities_2025"] = {locality.key: locality}  # one unit, or a non-seed area
    st.session_state["locality_2025_key"] = locality.key if locality else next(iter(localities))


def current_locality_2025() -> Locality2025:
    """The 2025 locality chosen in the picker (Cai Lậy's units until one is chosen)."""
    localities = _localities_2025()
    return localities.get(st.session_state.get("locality_2025_key", ""), next(iter(localities.values())))


def picker_2025() -> Locality2025:
    """Sidebar picker of the 2025 vintage (seeds, then the 34 provinces); keeps the URL in step."""
    _apply_params_2025()
    L = str(st.session_state.get("lang", "vi"))
    localities = _localities_2025()
    st.sidebar.selectbox(
        tr("locality", L),
        options=list(localities),
        key="locality_2025_key",
        format_func=lambda k: ("★ " if localities[k].kind == "seed" else "") + localities[k].name(L),
    )
    if error := st.session_state.pop("link_error", None):
        st.sidebar.warning(tr("bad_link", L, error=error))
    locality = current_locality_2025()
    wanted = locality.query_params()
    if dict(st.query_params) != wanted:
        st.query_params.clear()
        st.query_params.update(wanted)
    return locality


def crosswalk_line(row: dict[str, object], L: str) -> str:
    """One counterpart as a Markdown list item: code, name, where, and whole or which part."""
    if row["relation"] == "whole":
        how = tr("whole", L)
    elif row.get("share") is None:
        how = tr("part_unknown", L)
    else:
        how = tr("part", L, share=fmt_pct(float(row["share"]), L, digits=0))  # type: ignore[arg-type]
    where = row.get("district_name") if row["vintage"] == LEGACY else row.get("province_name")
    code = row["code"] if row["code"] is not None else row.get("district_code")
    return f"- `{code}` {row['name']}, {where} — {how}"


def counterparts_of_legacy(code: str, L: str) -> None:
    """Panel lines for a legacy unit: the 2025 unit(s) it went into."""
    from geo.vintage.crosswalk import legacy_to_2025

    f = cached_frames()
    try:
        out = legacy_to_2025(code, legacy_units=f["legacy_units"], units_2025=f["units_2025"], crosswalk=f["crosswalk"])
    except PlanningAtlasError:
        return
    st.markdown(f"**{tr('became', L)}**")
    st.markdown("\n".join(crosswalk_line(r, L) for r in out["became"]))
