"""The second published 2025 list (``vietnam-provinces``) checked against the one the app uses.

The app's 2025 codes are those of ``vietnamadminunits``: they agree with the
list of Quyết định 19/2025/QĐ-TTg as transcribed by an independent database
that follows that decision (see README, "Which 2025 list"). ``vietnam-provinces``
took its codes from the General Statistics Office's draft list; where the two
disagree, the other list's code is kept as an alias so a search by it still
finds the unit.
"""

from __future__ import annotations

import json

import pandas as pd

from geo.names import nfc, tone_key

__all__ = ["read_second_list", "compare_lists", "SECOND_LIST"]

SECOND_LIST = "vietnam-provinces"


def read_second_list() -> pd.DataFrame:
    """The 2025 list of ``vietnam-provinces``: ``code``, ``name``, ``province_code``, ``province_name``."""
    import vietnam_provinces

    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    rows = [
        {
            "code": f"{w['code']:05d}",
            "name": nfc(w["name"]),
            "province_code": f"{p['code']:02d}",
            "province_name": nfc(p["name"]),
        }
        for p in data
        for w in p["wards"]
    ]
    return pd.DataFrame(rows)


def _key(name: str) -> str:
    # Typographic variants only: curly apostrophe, en dash, tone placement (Hoà/Hòa), spacing.
    return tone_key(nfc(name.replace("\u2019", "'").replace("\u2013", "-")))


def compare_lists(ours: pd.DataFrame, other: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Pair the two lists by province and name; list every disagreement.

    Returns
    -------
    dict
        ``code_differs``: same unit (province + name), different code (``code``, ``other_code``,
        ``name``, ``province_name``); ``name_differs``: same province and code but a name that
        differs beyond typography (``code``, ``name``, ``other_name``); ``spelling``: same code, names
        equal only after typographic folding; ``unpaired``: units of either list with no partner.
    """
    a = ours.assign(key=ours["province_code"] + "|" + ours["name"].map(_key))
    b = other.assign(key=other["province_code"] + "|" + other["name"].map(_key))
    paired = a.merge(b[["key", "code", "name"]], on="key", suffixes=("", "_other"))
    code_differs = paired[paired["code"] != paired["code_other"]].rename(
        columns={"code_other": "other_code", "name_other": "other_name"}
    )[["province_code", "province_name", "code", "other_code", "name", "other_name"]]
    by_code = a.merge(
        b[["code", "province_code", "name", "key"]], on=["code", "province_code"], suffixes=("", "_other")
    )
    spelling = by_code[(by_code["name"] != by_code["name_other"]) & (by_code["key"] == by_code["key_other"])]
    spelling = spelling.rename(columns={"name_other": "other_name"})[["province_code", "code", "name", "other_name"]]
    name_differs = by_code[by_code["key"] != by_code["key_other"]].rename(columns={"name_other": "other_name"})
    name_differs = name_differs[["province_code", "province_name", "code", "name", "other_name"]]
    unpaired = pd.concat(
        [
            a[~a["key"].isin(b["key"])][["province_code", "code", "name"]].assign(list="vietnamadminunits"),
            b[~b["key"].isin(a["key"])][["province_code", "code", "name"]].assign(list=SECOND_LIST),
        ],
        ignore_index=True,
    )
    return {
        "code_differs": code_differs.sort_values(["province_code", "code"]).reset_index(drop=True),
        "name_differs": name_differs.sort_values(["province_code", "code"]).reset_index(drop=True),
        "spelling": spelling.sort_values(["province_code", "code"]).reset_index(drop=True),
        "unpaired": unpaired,
    }
