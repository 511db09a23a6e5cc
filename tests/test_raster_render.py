"""The display image (warped, classed, nodata transparent), the map layer, its legend and the exports."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import matplotlib.image
import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine

from geo.errors import InvalidInputError
from geo.raster.render import RasterClass, auto_breaks, check_breaks, render_image
from geo.raster.table import table_csv, table_json
from layers.raster import choropleth_layer, raster_layer, raster_legend
from tests._rasters import NODATA, write_raster

UTM48 = "EPSG:32648"


@pytest.fixture()
def stepped(tmp_path):  # noqa: ANN201 - Path
    """200 × 200 pixels of 10 m near Cai Lậy: left half nodata, right half 0.2 above / 1.5 below."""
    values = np.full((200, 200), NODATA)
    values[:100, 100:] = 0.2
    values[100:, 100:] = 1.5
    return write_raster(tmp_path / "stepped.tif", values, crs=UTM48,
                        transform=Affine(10.0, 0.0, 620000.0, 0.0, -10.0, 1150000.0))


def _pixels(png: bytes) -> np.ndarray:
    return (matplotlib.image.imread(io.BytesIO(png)) * 255).round().astype(int)


def test_nodata_is_transparent_and_classes_take_their_colours(stepped) -> None:
    image = render_image(stepped, colormap="Blues", breaks=[0.5, 1.0])
    pixels = _pixels(image.png)
    assert pixels.shape[2] == 4 and (image.width, image.height) == (pixels.shape[1], pixels.shape[0])
    h, w = pixels.shape[:2]
    assert pixels[h // 2, w // 8, 3] == 0  # nodata half: fully transparent
    upper, lower = pixels[h // 4, 7 * w // 8], pixels[3 * h // 4, 7 * w // 8]
    assert upper[3] == 255 and lower[3] == 255
    colours = [c.color for c in image.classes]
    assert "#" + "".join(f"{v:02x}" for v in upper[:3]) == colours[0]
    assert "#" + "".join(f"{v:02x}" for v in lower[:3]) == colours[2]
    assert [c.label("m") for c in image.classes] == ["< 0.5 m", "0.5 – 1 m", "≥ 1 m"]
    (south, west), (north, east) = image.bounds
    assert 10.3 < south < north < 10.42 and 106.0 < west < east < 106.12
    assert image.valid_pixels == pytest.approx(w * h / 2, rel=0.02)


def test_reading_is_decimated_to_the_display_size(stepped) -> None:
    image = render_image(stepped, breaks=[1.0], max_side=50)
    assert max(image.width, image.height) == 50


def test_the_view_window_limits_what_is_read(stepped) -> None:
    whole = render_image(stepped, breaks=[1.0])
    with pytest.raises(InvalidInputError, match=r"^The raster does not cover this locality\.$"):
        render_image(stepped, breaks=[1.0], clip_lonlat=(105.0, 21.0, 105.1, 21.1))
    (south, west), (north, east) = whole.bounds
    half = render_image(stepped, breaks=[1.0], clip_lonlat=(west, south, (west + east) / 2, north))
    assert half.width == pytest.approx(whole.width / 2, abs=2)


def test_breaks_are_checked_and_made() -> None:
    assert check_breaks("0.5, 1; 2") == [0.5, 1.0, 2.0]
    with pytest.raises(InvalidInputError, match=r"^The class breaks '1, 1' must be finite and strictly increasing\.$"):
        check_breaks("1, 1")
    with pytest.raises(InvalidInputError, match=r"^The class breaks 'a' are not numbers"):
        check_breaks("a")
    assert auto_breaks(np.arange(101, dtype=float), 4) == [26.0, 50.0, 74.0]
    assert RasterClass(None, 2.0, "#000").label("người/ô") == "< 2 người/ô"


def test_layer_and_legend_reach_the_map_with_the_unit_and_source(stepped) -> None:
    import folium

    image = render_image(stepped, breaks=[0.5, 1.0])
    fmap = folium.Map(location=[10.35, 106.1], zoom_start=13, tiles=None)
    raster_layer(image, name="Độ sâu ngập (m)", opacity=0.6).add_to(fmap)
    fmap.add_child(raster_legend(image, title="Độ sâu <ngập>", unit="m", note="Nguồn: Thử nghiệm, 2022"))
    html = fmap.get_root().render()
    assert "data:image/png;base64," in html and '"opacity": 0.6' in html
    assert "Độ sâu &lt;ngập&gt; (m)" in html and "0.5 – 1 m" in html and "Nguồn: Thử nghiệm, 2022" in html
    assert "<ngập>" not in html


def test_choropleth_classes_and_unknown_units() -> None:
    units = gpd.GeoDataFrame(
        {"code": ["00001", "00002", "00003"], "name": ["A", "B", "C"]},
        geometry=[shapely.box(106, 10, 106.1, 10.1), shapely.box(106.1, 10, 106.2, 10.1),
                  shapely.box(106.2, 10, 106.3, 10.1)],
        crs=4326,
    )
    group, legend = choropleth_layer(units, pd.Series([1.0, 3.0, np.nan]), statistic="mean", unit="m", lang="vi")
    assert [e.label for e in legend][-1] == "Không có số liệu"
    assert len(legend) >= 2
    assert "Thống kê theo đơn vị: mean" in group.layer_name


def test_table_exports_neutralise_formulas_and_carry_a_bom() -> None:
    frame = pd.DataFrame({"code": ["28435"], "name": ["=HYPERLINK(\"x\")"], "mean": [1.5], "note": ["\tx"]})
    data = table_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["code,name,mean,note", "28435,\"'=HYPERLINK(\"\"x\"\")\",1.5,'\tx"]
    assert json.loads(table_json(pd.DataFrame({"code": ["1"], "mean": [np.nan]}))) == [{"code": "1", "mean": None}]


def test_the_print_body_gets_the_raster_warped_to_its_crs(stepped, tmp_path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from pyproj import CRS, Transformer

    from geo.raster.figure import draw_raster

    crs = CRS.from_epsg(3857)
    to_body = Transformer.from_crs(4326, crs, always_xy=True)
    image = render_image(stepped, breaks=[0.5, 1.0], colormap="Blues")
    (south, west), (north, east) = image.bounds
    x0, y0 = to_body.transform(west, south)
    x1, y1 = to_body.transform(east, north)
    fig, ax = plt.subplots(figsize=(4, 4), dpi=100)
    try:
        classes = draw_raster(ax, stepped, crs=crs, extent=(x0, y0, x1, y1), breaks=[0.5, 1.0], colormap="Blues",
                              alpha=1.0, max_side=200)
        drawn = ax.images[0].get_array()
    finally:
        plt.close(fig)
    assert [c.color for c in classes] == [c.color for c in image.classes]
    assert max(drawn.shape[:2]) == 200
    h, w = drawn.shape[:2]
    assert drawn[h // 2, w // 8, 3] == 0 and drawn[h // 4, 7 * w // 8, 3] == 255
    assert "#" + "".join(f"{v:02x}" for v in drawn[3 * h // 4, 7 * w // 8, :3]) == classes[2].color


def test_a_coarse_display_reads_the_coarsest_overview_finer_than_it(stepped) -> None:
    import rasterio
    from rasterio.enums import Resampling

    from geo.raster.render import _display_grid

    with rasterio.open(stepped, "r+") as dataset:
        dataset.build_overviews([2, 4, 8], Resampling.nearest)
    with rasterio.open(stepped) as source:
        assert _display_grid(source, None, 2000)[3] is None  # 200 px wide: full resolution
        _, width, _, level = _display_grid(source, None, 50)  # 4× coarser: the 4× overview (index 1)
        assert (width, level) == (50, 1)
    image = render_image(stepped, breaks=[0.5, 1.0], max_side=50)
    assert image.width == 50 and image.valid_pixels == pytest.approx(50 * image.height / 2, rel=0.05)
