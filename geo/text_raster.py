"""The texts of the rasters (page, map layer, print layout and slides), Vietnamese and English.

Pure data, merged into :data:`geo.text.TEXT` and :data:`geo.text.PRINT_TEXT` and looked up
there like every other text; kept in its own file because geo/text.py is at the size limit.
"""

from __future__ import annotations

__all__ = ["RASTER_TEXT", "RASTER_PRINT_TEXT"]

# The rasters page (geo.raster, layers.raster, pages/raster.py).
RASTER_TEXT: dict[str, dict[str, str]] = {
    "page_raster": {"vi": "Lớp raster", "en": "Rasters"},
    "raster_title": {"vi": "Lớp raster và thống kê theo vùng", "en": "Raster layers and zonal statistics"},
    "raster_intro": {
        "vi": "Đưa một GeoTIFF (kể cả COG, mọi hệ toạ độ, cả VN-2000) lên bản đồ: độ sâu ngập, cao độ, "
        "sử dụng đất, dân số theo ô lưới. Thống kê theo từng đơn vị và từng dự án; các ô bị ranh giới cắt "
        "được tính theo phần diện tích nằm trong vùng (exactextract).",
        "en": "Put a GeoTIFF (COG too, any CRS, VN-2000 included) on the map: flood depth, elevation, land use, "
        "gridded population. Statistics per unit and per project; pixels cut by a boundary count by the "
        "fraction inside (exactextract).",
    },
    "raster_add_title": {"vi": "Thêm raster", "en": "Add a raster"},
    "raster_file": {"vi": "Tệp GeoTIFF", "en": "GeoTIFF file"},
    "raster_name": {"vi": "Tên lớp (bắt buộc)", "en": "Layer name (required)"},
    "raster_unit": {"vi": "Đơn vị đo (bắt buộc), ví dụ m", "en": "Unit of measure (required), e.g. m"},
    "raster_source": {"vi": "Nguồn (bắt buộc)", "en": "Source (required)"},
    "raster_year": {"vi": "Năm của số liệu (bắt buộc)", "en": "Year of the data (required)"},
    "raster_band": {"vi": "Kênh (band)", "en": "Band"},
    "raster_band_help": {
        "vi": "0 = tệp một kênh. Tệp nhiều kênh phải chọn kênh (1, 2, …).",
        "en": "0 = a single-band file. A multi-band file needs its band (1, 2, …).",
    },
    "raster_add": {"vi": "Kiểm tra và lưu", "en": "Check and keep"},
    "raster_login_to_add": {
        "vi": "Cần đăng nhập (biên tập viên hoặc quản trị) để thêm raster.",
        "en": "Log in (editor or admin) to add a raster.",
    },
    "raster_no_file": {"vi": "Chưa chọn tệp GeoTIFF.", "en": "No GeoTIFF file was chosen."},
    "raster_added": {"vi": "Đã lưu: {caption}.", "en": "Kept: {caption}."},
    "raster_none": {
        "vi": "Chưa có raster nào. Thêm một GeoTIFF ở trên.",
        "en": "No raster yet. Add a GeoTIFF above.",
    },
    "raster_choose": {"vi": "Raster", "en": "Raster"},
    "raster_colormap": {"vi": "Bảng màu", "en": "Colour map"},
    "raster_breaks": {"vi": "Ngưỡng phân lớp", "en": "Class breaks"},
    "raster_breaks_help": {
        "vi": "Các số tăng dần, cách nhau bởi dấu phẩy (ví dụ 0.5, 1, 2). Để trống: 5 lớp đều nhau.",
        "en": "Increasing numbers separated by commas (e.g. 0.5, 1, 2). Empty: 5 equal classes.",
    },
    "raster_opacity": {"vi": "Độ mờ đục", "en": "Opacity"},
    "raster_use_threshold": {"vi": "Tỷ lệ diện tích theo ngưỡng", "en": "Share of area by threshold"},
    "raster_threshold": {"vi": "Ngưỡng", "en": "Threshold"},
    "raster_side": {"vi": "Phía", "en": "Side"},
    "raster_above": {"vi": "trên ngưỡng", "en": "above"},
    "raster_below": {"vi": "dưới ngưỡng", "en": "below"},
    "raster_buffer": {"vi": "Vùng đệm quanh dự án (m)", "en": "Buffer around projects (m)"},
    "raster_map_shows": {"vi": "Bản đồ hiển thị", "en": "The map shows"},
    "raster_stat_label": {"vi": "Bản đồ chuyên đề: {stat}", "en": "Choropleth: {stat}"},
    "raster_choropleth_layer": {"vi": "Thống kê theo đơn vị: {stat}", "en": "Statistic per unit: {stat}"},
    "raster_unknown": {"vi": "Không có số liệu", "en": "No data"},
    "raster_pixels": {"vi": "ô", "en": "pixels"},
    "raster_legend_source": {"vi": "Nguồn: {source}, {year}", "en": "Source: {source}, {year}"},
    "raster_caption": {"vi": "Raster: {caption}; hệ toạ độ gốc {crs}.", "en": "Raster: {caption}; its CRS {crs}."},
    "raster_units_table": {"vi": "Thống kê theo đơn vị hành chính", "en": "Statistics per unit"},
    "raster_projects_table": {
        "vi": "Thống kê theo dự án (vùng đệm {buffer} m quanh điểm và tuyến)",
        "en": "Statistics per project ({buffer} m buffer around points and lines)",
    },
    "raster_table_note": {
        "vi": "count: số ô có số liệu (ô bị cắt tính theo phần nằm trong); mean, min, max theo {unit}; "
        "sum = tổng giá trị × ô; share: tỷ lệ (0–1) diện tích có số liệu ở phía đã chọn của ngưỡng. "
        "Ô trống: không biết.",
        "en": "count: pixels with data (cut pixels by the fraction inside); mean, min, max in {unit}; "
        "sum = values summed over pixels; share: fraction (0–1) of the area with data on the chosen side of "
        "the threshold. Empty: unknown.",
    },
    "raster_csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "raster_json": {"vi": "Tải JSON", "en": "Download JSON"},
    "raster_geojson": {"vi": "Tải GeoJSON", "en": "Download GeoJSON"},
    "export_raster": {"vi": "Vẽ lớp raster", "en": "Draw the raster"},
    "export_raster_help": {
        "vi": "Lớp đang xem ở trang Lớp raster, cùng bảng màu, ngưỡng phân lớp và độ mờ đục: {caption}",
        "en": "The one shown on the Rasters page, with its colour map, class breaks and opacity: {caption}",
    },
}

# The raster layer on the print layout and the slides (geo.export).
RASTER_PRINT_TEXT: dict[str, dict[str, str]] = {
    "raster_legend": {"vi": "{name} ({unit})", "en": "{name} ({unit})"},
    "raster_source": {
        "vi": "Lớp raster {name} ({unit}): nguồn {source}, năm {year}.",
        "en": "Raster layer {name} ({unit}): source {source}, {year}.",
    },
}
