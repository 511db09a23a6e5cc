"""How the map reaches the browser: the per-province unit files, a locality's map script, and the served app's
compressed, cached static files (tools/compressed_static.py)."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import urllib.request
from pathlib import Path

import pytest
import shapely

from tests._browser import start_app, stop_app
from tools.compressed_static import IMMUTABLE, CompressedStatic

# --- the per-province unit files ------------------------------------------------------------------


def _province_file(code: str) -> list[dict]:
    from geo.config import STATIC_BUILD_DIR
    from geo.io import read_asset_manifest

    name = read_asset_manifest()["files"][f"units-p{code}"]
    return json.loads(gzip.decompress((STATIC_BUILD_DIR / name).read_bytes()))["features"]


def test_each_province_file_holds_exactly_that_provinces_drawn_units(national_units) -> None:
    from geo.io import load_units, read_asset_manifest

    map_layer = load_units(simplified=True)
    drawn = map_layer[map_layer.geometry.notna()]
    files = sorted(n for n in read_asset_manifest()["files"] if n.startswith("units-p"))
    assert len(files) == drawn["province_code"].nunique() == 63
    for code, in_province in drawn.groupby("province_code"):
        features = _province_file(str(code))
        assert [f["properties"]["c"] for f in features] == list(in_province["code"]), code
        assert {f["properties"]["d"] for f in features} == set(in_province["district_code"]), code


def test_cai_lay_file_entries_carry_name_type_area_and_a_label_point_inside(national_units) -> None:
    from geo.io import load_units

    cai_lay = load_units(simplified=True).query("district_code == '817'").set_index("code")
    features = {f["properties"]["c"]: f for f in _province_file("82") if f["properties"]["d"] == "817"}
    assert set(features) == set(cai_lay.index) and len(features) == 16
    for code, feature in features.items():
        props = feature["properties"]
        assert set(props) == {"c", "n", "t", "d", "a", "r"}
        assert (props["n"], props["t"]) == (cai_lay.loc[code, "name"], cai_lay.loc[code, "unit_type"])
        assert props["a"] == pytest.approx(cai_lay.loc[code, "area_km2"], abs=0.01)
        assert shapely.geometry.shape(feature["geometry"]).contains(shapely.Point(props["r"])), code


def test_a_locality_map_script_names_its_units_but_holds_no_geometry(national_units) -> None:
    from geo.io import load_outlines, load_units
    from layers.map import locality_map

    cai_lay = load_units(simplified=True).query("district_code == '817'")
    fmap = locality_map(
        cai_lay,
        lang="vi",
        provinces=load_outlines("province"),
        districts=load_outlines("district"),
        from_assets=True,
    )
    html = fmap.get_root().render()
    assert '"coordinates"' not in html
    assert all(f'"{code}"' in html for code in cai_lay["code"])
    assert re.search(r"/app/static/build/units-p82\.[0-9a-f]{12}\.json\.gz", html)
    assert len(html.encode()) < 60_000  # the units themselves (0.15 MB for Cai Lậy's province) are not in it


# --- the ASGI wrapper, on its own ---------------------------------------------------------------------


class _Recorder:
    """A stand-in for Streamlit's app: answers 200 "from-streamlit" and records the paths it was asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI callables
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"cache-control", b"no-cache")]})
        await send({"type": "http.response.body", "body": b"from-streamlit"})


def _get(app: CompressedStatic, path: str, headers: dict[str, str] | None = None) -> tuple[dict[bytes, bytes], bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    asyncio.run(app(scope, receive, send))
    return dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture()
def frontend(tmp_path: Path) -> Path:
    """Streamlit's frontend folder in miniature, with a secret beside it and a link from inside to it."""
    root = tmp_path / "frontend"
    (root / "static" / "js").mkdir(parents=True)
    (root / "static" / "js" / "main.0123abcd.js").write_text("console.log('bundle');\n" * 200)
    (root / "static" / "js" / "tiny.js").write_text("1;")
    (tmp_path / "secret.js").write_text("secret;\n" * 500)
    (root / "static" / "js" / "linked.js").symlink_to(tmp_path / "secret.js")
    return root


def test_a_bundle_script_is_sent_gzip_and_immutable(frontend: Path) -> None:
    inner = _Recorder()
    app = CompressedStatic(inner, frontend)
    assert app.files == {"static/js/main.0123abcd.js"}  # not the tiny file, not the link out of the folder
    headers, body = _get(app, "/static/js/main.0123abcd.js", {"Accept-Encoding": "br, gzip;q=0.8"})
    assert headers[b"content-encoding"] == b"gzip"
    assert headers[b"cache-control"] == IMMUTABLE
    assert gzip.decompress(body) == (frontend / "static" / "js" / "main.0123abcd.js").read_bytes()
    assert inner.paths == []


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/static/js/main.0123abcd.js", {}),  # the browser did not offer gzip
        ("/static/js/main.0123abcd.js", {"Accept-Encoding": "gzip;q=0, br"}),  # offered, then refused
        ("/static/js/main.0123abcd.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-9"}),
        ("/static/js/main.0123abcd.js", {"Accept-Encoding": "gzip", "If-None-Match": '"x"'}),
        ("/static/js/tiny.js", {"Accept-Encoding": "gzip"}),  # too small to gain
        ("/static/js/../../../secret.js", {"Accept-Encoding": "gzip"}),  # outside the bundle
        ("/static/js/linked.js", {"Accept-Encoding": "gzip"}),  # a link leading out of the bundle
        ("/static/js/main\x00.js", {"Accept-Encoding": "gzip"}),  # no file system accepts the name
        ("/static/js/absent.js", {"Accept-Encoding": "gzip"}),
    ],
)
def test_everything_else_goes_to_streamlit_untouched(frontend: Path, path: str, headers: dict[str, str]) -> None:
    inner = _Recorder()
    app = CompressedStatic(inner, frontend)
    sent_headers, body = _get(app, path, headers)
    assert (inner.paths, body, sent_headers) == ([path], b"from-streamlit", {b"cache-control": b"no-cache"})
    assert app._compressed == {}  # nothing kept for a request it did not answer


def test_hashed_build_files_become_immutable_and_other_app_files_do_not(frontend: Path) -> None:
    app = CompressedStatic(_Recorder(), frontend)
    headers, _ = _get(app, "/app/static/build/units-p82.0123456789ab.json.gz")
    assert headers == {b"cache-control": IMMUTABLE}
    headers, _ = _get(app, "/app/static/js/pa-map.js")
    assert headers == {b"cache-control": b"no-cache"}


# --- the served app -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(national_units):  # noqa: ANN201 - yields the app's URL
    process, url = start_app()
    yield url
    stop_app(process)


def _fetch(url: str, headers: dict[str, str]) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_the_served_app_compresses_streamlits_bundle_and_keeps_build_files(served: str) -> None:
    from streamlit import file_util

    from geo.io import read_asset_manifest

    page = _fetch(f"{served}/", {})[1].decode()
    script = re.search(r'src="\.?/?(static/js/index\.[A-Za-z0-9_-]+\.js)"', page)
    assert script, "Streamlit's index.html names its bundle script"
    headers, body = _fetch(f"{served}/{script.group(1)}", {"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (Path(file_util.get_static_dir()) / script.group(1)).read_bytes()
    assert len(body) < len(gzip.decompress(body)) / 2

    name = read_asset_manifest()["files"]["units-p82"]
    headers, body = _fetch(f"{served}/app/static/build/{name}", {"Accept-Encoding": "gzip"})
    assert headers["cache-control"] == IMMUTABLE.decode()
    assert "content-encoding" not in headers  # already gzip: the browser inflates it (pa-map.js)
    assert len(json.loads(gzip.decompress(body))["features"]) == len(_province_file("82"))
