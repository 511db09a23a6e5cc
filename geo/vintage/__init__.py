"""The 2025 two-tier units (34 provinces, 3,321 commune-level units) beside the legacy ones.

Since 1 July 2025 there is no district level. A code means nothing without its
vintage: ``legacy`` (the 2024 three-tier list) or ``2025`` (the list of the
units in force from 1 July 2025). Codes were reused across the two, e.g. 28439
is Phường 4 of thị xã Cai Lậy in the legacy list and Phường Cai Lậy of tỉnh
Đồng Tháp in the 2025 list.
"""

from __future__ import annotations

__all__ = ["VINTAGES", "LEGACY", "V2025", "check_vintage"]

LEGACY = "legacy"
V2025 = "2025"
VINTAGES: tuple[str, ...] = (LEGACY, V2025)


def check_vintage(vintage: object) -> str:
    """Return ``vintage`` if it is ``'legacy'`` or ``'2025'``; otherwise raise one sentence."""
    from geo.errors import InvalidInputError

    text = str(vintage).strip() if vintage is not None else ""
    if text not in VINTAGES:
        raise InvalidInputError(f"A vintage is 'legacy' (before 1/7/2025) or '2025' (from 1/7/2025); got '{text}'.")
    return text
