"""Hoàng Sa and Trường Sa, Vietnam's archipelagos, as every map of the country shows them.

Shared by the print locator (:mod:`geo.export.furniture`) and the national web
map (:mod:`layers.national`), so both name and place them the same way.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ARCHIPELAGOS"]

# Hoàng Sa and Trường Sa: (label, [(lon, lat), …]) — a few well-known features of each
# archipelago, rounded to ~0.05°, as given by public gazetteers (the Wikipedia/GeoNames
# coordinates of Đảo Hoàng Sa 16°32′N 111°37′E, Đảo Phú Lâm 16°50′N 112°20′E, Đảo Tri Tôn
# 15°47′N 111°12′E; Đảo Trường Sa Lớn 8°38′N 111°55′E, Đảo Song Tử Tây 11°26′N 114°20′E,
# Đảo Sinh Tồn 9°53′N 114°20′E, Đảo Nam Yết 10°11′N 114°22′E, Đảo An Bang 7°53′N 112°55′E).
# Administrative attachment: huyện Hoàng Sa (TP Đà Nẵng), huyện Trường Sa (tỉnh Khánh Hòa).
ARCHIPELAGOS: Final[dict[str, tuple[str, str, tuple[tuple[float, float], ...]]]] = {
    "hoang_sa": (
        "Quần đảo Hoàng Sa",
        "(TP Đà Nẵng)",
        ((111.62, 16.53), (112.33, 16.83), (111.20, 15.78), (111.75, 16.45), (112.55, 16.55)),
    ),
    "truong_sa": (
        "Quần đảo Trường Sa",
        "(tỉnh Khánh Hòa)",
        (
            (111.92, 8.64),
            (114.33, 11.43),
            (114.33, 9.88),
            (114.36, 10.18),
            (112.92, 7.89),
            (113.40, 9.20),
            (114.80, 10.60),
            (115.50, 9.00),
        ),
    ),
}
