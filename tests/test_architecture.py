"""The shape of the code: one-way imports, one reader of data/, small modules, one home for text."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "layers", "pages")
MAX_LINES = 500
# The paths of data/ and data/cache/ as geo.config names them.
DATA_PATHS = {
    "DATA_DIR", "CACHE_DIR", "UNITS_CACHE", "UNITS_MAP_CACHE", "BUILD_MANIFEST", "PROVINCES_CACHE",
    "DISTRICTS_CACHE", "PROJECTS_CACHE", "TARGETS_CACHE", "DOCUMENTS_FILE", "TARGETS_FILE", "ACTUALS_FILE",
    "PROJECTS_FILE", "POPULATION_CSV", "STANDARDS_YAML", "CROSSWALK_FILE", "OFFICIAL_AREAS_FILE",
    "MERIDIANS_FILE", "REPORT_FILE",
}  # fmt: skip
READ_CALLS = {
    "open", "read_parquet", "read_csv", "read_excel", "read_file", "read_dataframe", "read_table", "read_text",
    "read_bytes", "safe_load", "load", "load_workbook",
}  # fmt: skip
# Readers of other things than data/: the installed registry packages, and a user's uploaded bytes
# (geo.upload and geo.population_upload read an upload; geo.store.cli reads the file a user names on the
# command line, geo.store.geometry a user's uploaded GeoPackage from a temporary folder; none is under data/).
NON_DATA_READERS = {"geo.sources", "geo.population_upload", "geo.upload", "geo.store.cli", "geo.store.geometry"}
# A user's rasters: geo.raster.library reads its own meta.json beside each raster a user added (the
# git-ignored raster library, geo.config.RASTER_DIR); the others open only the raster path they are
# given (a user's file or a library entry). None of them reads a curated file or the build cache.
NON_DATA_READERS |= {"geo.raster.library", "geo.raster.validate", "geo.raster.zonal", "geo.raster.render",
                     "geo.raster.figure"}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    found["streamlit_app"] = ROOT / "streamlit_app.py"
    return found


MODULES = _modules()


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def _imports(name: str) -> set[str]:
    """Project modules ``name`` imports anywhere (top level, inside functions, under TYPE_CHECKING)."""
    out: set[str] = set()
    for node in ast.walk(_tree(name)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        out.update(t for t in targets if t in MODULES and t != name)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_project_modules() -> None:
    graph = {name: _imports(name) for name in MODULES}
    assert _cycle(graph) is None


def test_a_cycle_is_found_when_there_is_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_geo_imports_no_presentation_layer() -> None:
    offenders = {
        name: sorted(i for i in _imports(name) if not i.startswith("geo"))
        for name in MODULES
        if name.startswith("geo")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert [n for n in MODULES if n.startswith("geo") and "streamlit" in MODULES[n].read_text(encoding="utf-8")] == []


def _data_path_names(name: str) -> set[str]:
    return {node.id for node in ast.walk(_tree(name)) if isinstance(node, ast.Name) and node.id in DATA_PATHS}


def _read_calls(name: str) -> set[str]:
    calls = set()
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            modes = [a.value for a in [*node.args, *(k.value for k in node.keywords)] if isinstance(a, ast.Constant)]
            writing = called == "open" and any(isinstance(m, str) and m[:1] in ("w", "a", "x") for m in modes)
            if called in READ_CALLS and not writing:
                calls.add(called)
    return calls


def test_only_geo_io_reads_data_and_the_cache() -> None:
    outside = [n for n in MODULES if n.startswith("geo") and not n.startswith("geo.io")]
    readers = {n: sorted(_read_calls(n)) for n in outside if n not in NON_DATA_READERS and _read_calls(n)}
    assert readers == {}
    # geo.build writes the cache and hashes its inputs through geo.io; nothing else names a data path.
    named = {n: sorted(_data_path_names(n)) for n in outside if n not in ("geo.config", "geo.build")}
    assert {n: v for n, v in named.items() if v} == {}
    assert _read_calls("geo.io.curated") >= {"read_csv", "safe_load"}


def test_no_module_reaches_the_size_limit() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in sizes.items() if n >= MAX_LINES} == {}


def _language_branches(name: str) -> list[int]:
    lines = []
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in ("vi", "en") for s in sides):
                lines.append(node.lineno)
    return lines


def test_no_inline_language_branch_outside_the_text_module() -> None:
    found = {name: _language_branches(name) for name in MODULES if name != "geo.text"}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_a_language_branch_is_detected(tmp_path: Path) -> None:
    tree = ast.parse('x = "a" if lang == "vi" else "b"')
    assert [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Compare)] == [1]
    MODULES["_probe"] = tmp_path / "probe.py"
    MODULES["_probe"].write_text('label = "x" if L != "en" else "y"\n', encoding="utf-8")
    try:
        assert _language_branches("_probe") == [1]
    finally:
        del MODULES["_probe"]


@pytest.mark.parametrize(
    "code",
    [
        "import geo.cli, geo.codes",
        "from geo.cli import main; main(['units', '--district', '817', '--format', 'csv'])",
    ],
    ids=["import", "units-csv"],
)
def test_the_command_line_fast_path_imports_no_geopandas(code: str) -> None:
    probe = f"{code}\nimport sys\nprint(sorted(m for m in ('geopandas', 'shapely') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
