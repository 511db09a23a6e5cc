"""A raster of the library on the print page (PNG, PDF), the GeoTIFF body and the slides, with its legend and source."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pyproj import Transformer

from geo.boundaries import select_units
from geo.config import PROJECT_ROOT
from geo.export import collect, export_file, resolve_locality
from geo.export.layout import render_page
from geo.raster.figure import PrintRaster
from geo.raster.library import add_raster, check_meta
from tests._rasters import EDITOR, NODATA, accounts_store, grid_over, write_raster

UTM48 = "EPSG:32648"
MARGIN_M = 3000.0
# viridis in four classes (breaks 0.5, 1, 1.5): the top class is viridis' last colour.
TOP_CLASS = (0xFD, 0xE7, 0x25)
LEGEND = ["< 0,5 m", "0,5 – 1 m", "1 – 1,5 m", "≥ 1,5 m"]
SOURCE_LINE = "Lớp raster Độ sâu ngập thử (m): nguồn Chi cục Thủy lợi (tệp thử), năm 2022."


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("rasters")


@pytest.fixture(scope="module")
def stored(national_units, library, tmp_path_factory):  # noqa: ANN201 - StoredRaster
    """Depth rising from 0 m (west edge) to 2 m (east edge) over Cai Lậy and 3 km around; the north fifth nodata."""
    units = select_units(national_units, district_code="817")
    transform, rows, cols = grid_over(units, UTM48, 50.0, margin=MARGIN_M)
    values = np.tile(np.linspace(0.0, 2.0, cols), (rows, 1))
    values[: rows // 5] = NODATA
    path = write_raster(tmp_path_factory.mktemp("src") / "depth.tif", values, crs=UTM48, transform=transform)
    meta = check_meta(name="Độ sâu ngập thử", unit="m", source="Chi cục Thủy lợi (tệp thử)", year=2022)
    store = accounts_store(tmp_path_factory.mktemp("store"))
    return add_raster(path, meta, store=store, user=EDITOR, root=library)


@pytest.fixture(scope="module")
def bundle(stored, export_inputs):  # noqa: ANN201 - ExportBundle
    raster = PrintRaster.of(stored, breaks=(0.5, 1.0, 1.5), opacity=1.0)
    locality = resolve_locality(district="817", units=export_inputs["units"])
    return collect(locality, **export_inputs, raster=raster)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("out")


def _east_of_the_units(bundle) -> tuple[float, float]:  # noqa: ANN001
    """A point in EPSG:3857 1.5 km east of the units' extent at mid height: inside the raster's top class."""
    minx, miny, maxx, maxy = bundle.units.to_crs(UTM48).total_bounds
    x, y = Transformer.from_crs(UTM48, 3857, always_xy=True).transform(maxx + MARGIN_M / 2, (miny + maxy) / 2)
    return float(x), float(y)


def _pixels_near(rgb: np.ndarray, colour: tuple[int, int, int], tolerance: int = 6) -> int:
    return int((np.abs(rgb[..., :3].astype(int) - np.array(colour)).max(axis=-1) <= tolerance).sum())


def test_the_page_draws_the_raster_in_the_body_with_its_classes(bundle) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = render_page(bundle)
    fig.set_dpi(100)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    body = fig.axes[0]
    legend = body.get_legend()
    assert legend.get_title().get_text() == "Độ sâu ngập thử (m)"
    assert [t.get_text() for t in legend.get_texts()] == LEGEND
    rgba = np.asarray(canvas.buffer_rgba())
    px, py = body.transData.transform(_east_of_the_units(bundle))
    row, col = int(round(rgba.shape[0] - py)), int(round(px))
    assert _pixels_near(rgba[row - 1 : row + 2, col - 1 : col + 2], TOP_CLASS) == 9


def test_without_a_raster_the_body_has_no_raster_legend(export_inputs) -> None:
    locality = resolve_locality(district="817", units=export_inputs["units"])
    fig = render_page(collect(locality, **export_inputs))
    assert fig.axes[0].get_legend() is None


def test_pdf_has_the_legend_and_the_source_line(bundle, out) -> None:
    from pypdf import PdfReader

    text = PdfReader(export_file(bundle, out / "raster.pdf")).pages[0].extract_text()
    assert "Độ sâu ngập thử (m)" in text
    for label in LEGEND:
        assert label in text
    assert SOURCE_LINE in text


def test_english_page_names_the_source_in_english(bundle, out) -> None:
    from pypdf import PdfReader

    text = PdfReader(export_file(bundle, out / "raster-en.pdf", lang="en")).pages[0].extract_text()
    assert "Raster layer Độ sâu ngập thử (m): source Chi cục Thủy lợi (tệp thử), 2022." in text
    assert "0.5 – 1 m" in text and "≥ 1.5 m" in text


def test_png_shows_the_raster(bundle, out) -> None:
    from PIL import Image

    with Image.open(export_file(bundle, out / "raster.png")) as image:
        assert image.size == (1754, 1240)
        assert _pixels_near(np.asarray(image.convert("RGB")), TOP_CLASS) > 20_000


def test_pptx_map_slide_shows_the_raster_and_names_its_source(bundle, out) -> None:
    from PIL import Image
    from pptx import Presentation

    slides = list(Presentation(str(export_file(bundle, out / "raster.pptx"))).slides)
    pictures = [shape for shape in slides[1].shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    with Image.open(io.BytesIO(pictures[0].image.blob)) as image:
        assert _pixels_near(np.asarray(image.convert("RGB")), TOP_CLASS) > 20_000
    notes = [shape.text_frame.text for shape in slides[1].shapes if shape.has_text_frame]
    assert any(SOURCE_LINE in note for note in notes)


def test_geotiff_body_carries_the_raster(bundle, out) -> None:
    import rasterio

    with rasterio.open(export_file(bundle, out / "raster.tif")) as dataset:
        rgb = np.moveaxis(dataset.read([1, 2, 3]), 0, -1)
    assert _pixels_near(rgb, TOP_CLASS) > 1_000


# --------------------------------------------------------------------------------------- command line


def run_export(*args: str, library: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANNING_ATLAS_RASTERS": str(library)}
    return subprocess.run(
        [sys.executable, "-m", "geo", "export", "--district", "817", *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip


def test_cli_export_with_a_raster(stored, library, out) -> None:
    from pypdf import PdfReader

    target = out / "cli.pdf"
    result = run_export("--raster", stored.id, "--raster-breaks", "0.5,1,1.5", "--out", str(target), library=library)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {target} (map snapshot (PDF, fonts embedded)).\n"
    text = PdfReader(target).pages[0].extract_text()
    assert SOURCE_LINE in text and "≥ 1,5 m" in text


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--raster", "nope", "--out", "x.png"], "No stored raster has the id 'nope'."),
        (["--raster", "{id}", "--out", "x.csv"], "--raster draws on a map: use .png, .pdf, .tif, .pptx, not .csv."),
        (["--raster-breaks", "1,2", "--out", "x.png"], "--raster-colormap and --raster-breaks need --raster ID."),
        (["--raster", "{id}", "--raster-breaks", "2,1", "--out", "x.png"],
         "The class breaks '2,1' must be finite and strictly increasing."),
        (["--raster", "{id}", "--raster-colormap", "jet", "--out", "x.png"],
         "Unknown colour map 'jet'; choose from viridis, Blues, YlGnBu, terrain, YlOrRd, RdYlGn, magma, Greys."),
        (["--raster", "{id}", "--raster-opacity", "1.5", "--out", "x.png"],
         "The raster's opacity must be between 0 and 1; got 1.5."),
    ],
    ids=["unknown-id", "data-format", "breaks-alone", "bad-breaks", "bad-colormap", "bad-opacity"],
)  # fmt: skip
def test_cli_raster_refusals_exit_2_and_write_nothing(args, sentence, stored, library, tmp_path) -> None:
    argv = [a.replace("{id}", stored.id) for a in args]
    argv[-1] = str(tmp_path / argv[-1])
    result = run_export(*argv, library=library)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [sentence]
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------------ page


def test_export_page_offers_the_raster_shown_on_the_rasters_page(stored, library, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from geo.export import bundle as export_bundle
    from geo.raster import library as raster_library

    monkeypatch.setattr(raster_library, "RASTER_DIR", library)
    drawn: list[object] = []
    real_collect = export_bundle.collect

    def collect_and_record(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        drawn.append(kwargs.get("raster"))
        return real_collect(*args, **kwargs)

    monkeypatch.setattr(export_bundle, "collect", collect_and_record)
    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / "export.py"), default_timeout=180)
    at.session_state["raster_shown"] = {"id": stored.id, "colormap": "viridis", "breaks": [0.5, 1.0, 1.5],
                                        "opacity": 1.0}
    at.run()
    assert not at.exception and not at.error
    box = at.checkbox(key="export_raster")
    assert box.label == "Vẽ lớp raster"
    assert any(c.value.endswith(": " + stored.caption()) for c in at.caption)
    assert box.value is False
    box.check().run()
    assert not at.exception and not at.error
    assert at.get("download_button")[0].label == "Tải PNG"
    rasters = [r for r in drawn if r is not None]
    assert rasters and {(r.path, r.breaks, r.opacity) for r in rasters} == {(stored.path, (0.5, 1.0, 1.5), 1.0)}


def test_export_page_without_a_shown_raster_offers_none(national_units) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / "export.py"), default_timeout=180).run()
    assert not at.exception and not at.error
    assert [c for c in at.checkbox if c.key == "export_raster"] == []
