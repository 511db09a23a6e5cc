"""The texts of the national view (map page, ``?country=VN``), merged into :data:`geo.text.TEXT`.

Kept apart only for size; pages read them through :func:`geo.text.tr` like every other text.
"""

from __future__ import annotations

__all__ = ["NATIONAL_TEXT"]

NATIONAL_TEXT: dict[str, dict[str, str]] = {
    "country_title": {"vi": "Cả nước", "en": "Whole country"},
    "national_indicator": {"vi": "Tô màu theo", "en": "Colour by"},
    "indicator_unit_type": {"vi": "Loại đơn vị", "en": "Unit type"},
    "indicator_ward_ratio": {"vi": "Tỷ lệ phường của cấp huyện", "en": "District's ward ratio"},
    "indicator_urban_share": {
        "vi": "Tỷ lệ dân số đô thị 2019 của cấp huyện",
        "en": "District's 2019 urban population share",
    },
    "no_data": {"vi": "Không có số liệu", "en": "No data"},
    "no_ward": {"vi": "Không có phường", "en": "No ward"},
    "ward_ratio_source": {
        "vi": "Tỷ lệ phường: số phường / tổng số ĐVHC cấp xã của cấp huyện, danh mục ĐVHC 2024 (vietnamadminunits).",
        "en": "Ward ratio: wards / all commune-level units of the district, 2024 unit list (vietnamadminunits).",
    },
    "indicator_ward_ratio_2025": {"vi": "Tỷ lệ phường của tỉnh", "en": "Province's ward share"},
    "ward_ratio_2025_source": {
        "vi": "Tỷ lệ phường: số phường / tổng số ĐVHC cấp xã (phường, xã, đặc khu) của tỉnh, danh sách đơn vị "
        "từ 1/7/2025 (vietnamadminunits, mã theo QĐ 19/2025/QĐ-TTg).",
        "en": "Ward share: wards / all commune-level units (wards, communes, special zones) of the province, "
        "unit list from 1/7/2025 (vietnamadminunits, codes of QĐ 19/2025/QĐ-TTg).",
    },
    "national_counts_2025": {
        "vi": "{drawn} đơn vị cấp xã có ranh giới trên bản đồ (trong {total} đơn vị từ 1/7/2025); "
        "viền xanh đậm là địa bàn cũ của các nghị quyết.",
        "en": "{drawn} commune-level units with a boundary on the map (of {total} from 1/7/2025); "
        "the dark blue outlines are the resolutions' legacy localities.",
    },
    "urban_share_source": {
        "vi": "Dân số đô thị (phường + thị trấn) / tổng dân số, TCTK Tổng điều tra 1/4/2019; "
        "chỉ có số liệu cho {n} cấp huyện, nơi khác để trống.",
        "en": "Urban (phường + thị trấn) over total population, GSO census 1/4/2019; "
        "figures cover {n} districts only, elsewhere no data.",
    },
    "national_counts": {
        "vi": "{drawn} đơn vị cấp xã có ranh giới trên bản đồ (trong {total} đơn vị của danh mục 2024).",
        "en": "{drawn} commune-level units with a boundary on the map (of {total} in the 2024 list).",
    },
    "seed_outline": {"vi": "Địa bàn của các nghị quyết", "en": "Localities of the resolutions"},
    "province_outline": {"vi": "Ranh giới tỉnh", "en": "Province boundary"},
    "district_outline": {"vi": "Ranh giới cấp huyện", "en": "District boundary"},
    "archipelago_note": {
        "vi": "Quần đảo Hoàng Sa (TP Đà Nẵng) và Trường Sa (tỉnh Khánh Hòa) của Việt Nam; "
        "vị trí các đảo theo danh bạ địa danh công khai.",
        "en": "Vietnam's Hoàng Sa (Đà Nẵng city) and Trường Sa (Khánh Hòa province) archipelagos; "
        "island positions from public gazetteers.",
    },
    "export_country": {
        "vi": "Xuất bản đồ theo từng địa bàn: hãy chọn một tỉnh hoặc một đơn vị cấp huyện.",
        "en": "Maps are exported per locality: choose a province or a district.",
    },
    "national_click_hint": {
        "vi": "Bấm vào một đơn vị trên bản đồ để xem thông tin.",
        "en": "Click a unit on the map to see its details.",
    },
}
