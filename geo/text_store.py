"""The texts of the store's pages (accounts, project edits, history, actuals), merged into :data:`geo.text.TEXT`.

Kept apart only for size; pages read them through :func:`geo.text.tr` and
:func:`geo.text.register_label` like every other text. Times are shown in
Vietnam time.
"""

from __future__ import annotations

__all__ = ["STORE_TEXT", "HISTORY_ACTIONS"]

STORE_TEXT: dict[str, dict[str, str]] = {
    "page_edit": {"vi": "Cập nhật dự án", "en": "Edit projects"},
    "page_actuals": {"vi": "Số liệu thực hiện", "en": "Actuals"},
    "account": {"vi": "Tài khoản", "en": "Account"},
    "user_name": {"vi": "Tên đăng nhập", "en": "User name"},
    "password": {"vi": "Mật khẩu", "en": "Password"},
    "login": {"vi": "Đăng nhập", "en": "Log in"},
    "logout": {"vi": "Đăng xuất", "en": "Log out"},
    "logged_in_as": {"vi": "Đang đăng nhập: {name} ({role})", "en": "Logged in: {name} ({role})"},
    "viewer_mode": {
        "vi": "Chế độ xem: đăng nhập để cập nhật sổ đăng ký.",
        "en": "Viewing only: log in to change the register.",
    },
    "session_expired": {
        "vi": "Phiên đăng nhập đã hết hạn do không hoạt động; hãy đăng nhập lại.",
        "en": "The login expired after inactivity; log in again.",
    },
    "login_to_edit": {
        "vi": "Cần đăng nhập (biên tập viên hoặc quản trị) để lưu thay đổi.",
        "en": "Log in (editor or admin) to save changes.",
    },
    "edit_pick": {"vi": "Dự án", "en": "Project"},
    "version_now": {
        "vi": "Phiên bản {v} · sửa lần cuối: {who}, {when}",
        "en": "Version {v} · last changed by {who}, {when}",
    },
    "version_baseline": {"vi": "Phiên bản 1 (dữ liệu gốc đã rà soát)", "en": "Version 1 (reviewed baseline)"},
    "field_status": {"vi": "Tình trạng", "en": "Status"},
    "field_target_year": {"vi": "Năm hoàn thành", "en": "Target year"},
    "field_precision": {"vi": "Độ chính xác vị trí", "en": "Location precision"},
    "field_source": {
        "vi": "Nguồn (văn bản, quyết định, khảo sát) *",
        "en": "Source (document, decision, survey) *",
    },
    "field_reason": {"vi": "Ghi chú / lý do", "en": "Note / reason"},
    "location_draw": {
        "vi": "Vị trí: vẽ điểm, đường hoặc vùng trên bản đồ (hình vẽ cuối cùng được dùng), hoặc tải tệp lên.",
        "en": "Location: draw a point, line or polygon on the map (the last drawing is used), or upload a file.",
    },
    "location_upload": {
        "vi": "Tệp vị trí (GeoJSON, KML, GeoPackage)",
        "en": "Location file (GeoJSON, KML, GeoPackage)",
    },
    "location_drawn": {"vi": "Đã vẽ: {kind} {coords}", "en": "Drawn: {kind} {coords}"},
    "save": {"vi": "Lưu", "en": "Save"},
    "saved_version": {"vi": "Đã lưu: {id} phiên bản {v}.", "en": "Saved: {id} version {v}."},
    "conflict_keep": {
        "vi": "Dữ liệu bạn nhập vẫn còn trên màn hình; tải lại phiên bản mới rồi áp dụng lại.",
        "en": "Your input is still on screen; load the new version and apply it again.",
    },
    "reload_version": {"vi": "Tải phiên bản mới", "en": "Load the new version"},
    "history": {"vi": "Lịch sử thay đổi", "en": "History of changes"},
    "history_version": {"vi": "Phiên bản", "en": "Version"},
    "history_when": {"vi": "Thời gian (giờ Việt Nam, UTC+7)", "en": "When (Vietnam time, UTC+7)"},
    "history_who": {"vi": "Người sửa", "en": "By"},
    "history_action": {"vi": "Thao tác", "en": "Action"},
    "history_changes": {"vi": "Thay đổi", "en": "Changes"},
    "history_source": {"vi": "Nguồn", "en": "Source"},
    "history_reason": {"vi": "Lý do", "en": "Reason"},
    "history_baseline": {"vi": "dữ liệu gốc", "en": "baseline"},
    "restore_to": {"vi": "Khôi phục về phiên bản", "en": "Restore version"},
    "restore": {"vi": "Khôi phục", "en": "Restore"},
    "disagreement": {
        "vi": "Dữ liệu gốc mới khác với bản sửa ở trường {field}: gốc hiện nay {now}, bản sửa {edited}.",
        "en": "The new baseline differs from the edit in {field}: baseline now {now}, edit {edited}.",
    },
    "actual_single": {"vi": "Nhập một số liệu", "en": "Enter one actual"},
    "actual_batch": {
        "vi": "Nhập hàng loạt (CSV/XLSX: target_id, value, year, source)",
        "en": "Batch (CSV/XLSX: target_id, value, year, source)",
    },
    "field_target": {"vi": "Chỉ tiêu", "en": "Target"},
    "field_value": {"vi": "Giá trị", "en": "Value"},
    "field_year": {"vi": "Năm", "en": "Year"},
    "field_note": {"vi": "Ghi chú", "en": "Note"},
    "batch_saved": {"vi": "Đã lưu {n} số liệu trong một giao dịch.", "en": "Saved {n} actuals in one transaction."},
    "target_history": {"vi": "Lịch sử số liệu của chỉ tiêu", "en": "History of a target's actuals"},
    "actuals_table": {"vi": "Số liệu thực hiện (gốc và đã nhập)", "en": "Actuals (baseline and entered)"},
    "population_persist": {"vi": "Lưu vào cơ sở dữ liệu", "en": "Save to the store"},
    "population_persisted": {
        "vi": "Đã lưu dân số của {n} đơn vị (còn lại sau khi đóng trang).",
        "en": "Saved the population of {n} units (kept after the tab closes).",
    },
    "add_project": {
        "vi": "Thêm dự án có trong văn bản nhưng chưa có trong danh mục",
        "en": "Add a project a document names but the register lacks",
    },
    "field_project_id": {"vi": "Mã dự án (ví dụ DT-90)", "en": "Project id (e.g. DT-90)"},
    "field_name": {"vi": "Tên dự án (theo văn bản)", "en": "Name (as the document writes it)"},
    "field_kind": {"vi": "Loại", "en": "Kind"},
    "field_document": {"vi": "Văn bản", "en": "Document"},
    "field_section": {"vi": "Mục", "en": "Section"},
    "field_point": {
        "vi": "Vị trí: điểm KINH ĐỘ,VĨ ĐỘ (không bắt buộc)",
        "en": "Location: a point LON,LAT (optional)",
    },
    "add_field_status": {"vi": "Tình trạng của dự án mới", "en": "Status of the new project"},
    "add_field_year": {"vi": "Năm hoàn thành của dự án mới", "en": "Target year of the new project"},
    "add_field_precision": {"vi": "Độ chính xác vị trí của dự án mới", "en": "Location precision of the new project"},
    "add_field_upload": {
        "vi": "Tệp vị trí của dự án mới (GeoJSON, KML, GeoPackage)",
        "en": "Location file of the new project (GeoJSON, KML, GeoPackage)",
    },
    "add_field_source": {
        "vi": "Nguồn nêu dự án mới (văn bản, quyết định) *",
        "en": "Source naming the new project (document, decision) *",
    },
    "add_field_reason": {"vi": "Ghi chú về dự án mới", "en": "Note on the new project"},
    "add_save": {"vi": "Thêm dự án", "en": "Add the project"},
    "added_project": {"vi": "Đã thêm: {id} phiên bản {v}.", "en": "Added: {id} version {v}."},
    "retire_confirm": {
        "vi": "Thôi theo dõi dự án này (rời bản đồ và danh sách, lịch sử vẫn giữ; dùng nguồn và lý do ở trên)",
        "en": "Retire this project (it leaves the map and the lists, its history stays; uses the source and "
        "reason above)",
    },
    "retire_project": {"vi": "Thôi theo dõi", "en": "Retire"},
    "retired_projects": {
        "vi": "Dự án đã thôi theo dõi ({n}): lịch sử và khôi phục",
        "en": "Retired projects ({n}): history and restore",
    },
    "retired_pick": {"vi": "Dự án đã thôi theo dõi", "en": "Retired project"},
    "retired_restore": {
        "vi": "Khôi phục phiên bản {v} (trước khi thôi theo dõi)",
        "en": "Restore version {v} (before retiring)",
    },
    "retired_project": {
        "vi": "Đã thôi theo dõi {id} (phiên bản {v}); lịch sử vẫn được giữ.",
        "en": "Retired {id} (version {v}); its history is kept.",
    },
}

# What a version in the history did (the ``action`` column of the store's changes).
HISTORY_ACTIONS: dict[str, dict[str, str]] = {
    "action.baseline": {"vi": "Dữ liệu gốc", "en": "Baseline"},
    "action.edit": {"vi": "Sửa", "en": "Edit"},
    "action.create": {"vi": "Thêm mới", "en": "New"},
    "action.retire": {"vi": "Thôi theo dõi (giữ lịch sử)", "en": "Retired (history kept)"},
    "action.restore": {"vi": "Khôi phục", "en": "Restore"},
    "action.actual": {"vi": "Nhập số liệu thực hiện", "en": "Actual entered"},
    "action.population": {"vi": "Nhập dân số", "en": "Population import"},
}
