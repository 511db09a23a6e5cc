"""Exports the system refuses, maps of a locality with no polygon, literal text, modes, links and SIGTERM.

Every refusal is one sentence on stderr, exit status 2, and no file (final or temporary) left behind.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.cli import main
from geo.config import CACHE_DIR, PROJECT_ROOT

CAI_LAY = "817"
TRUONG_SA = "576"  # Khánh Hòa: no commune of it has a polygon in the boundary sources


def _export(capsys, out: Path | str, *extra: str, district: str = CAI_LAY) -> tuple[int, str, str]:
    code = main(["export", "--district", district, "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------------------------------- refused paths


@pytest.mark.parametrize(
    ("folder", "words"),
    [("/proc", "kernel file system such as /proc"), ("/sys", "permission denied")],
)
def test_kernel_file_system_is_one_sentence(national_units, capsys, folder, words):
    code, out, err = _export(capsys, f"{folder}/cai-lay.csv")
    assert code == 2 and out == ""
    sentence = _one_sentence(err)
    assert sentence.startswith(f"Cannot write '{folder}/cai-lay.csv'") and words in sentence
    assert not [name for name in os.listdir(folder) if "cai-lay" in name]


def test_file_name_over_the_limit(national_units, capsys, tmp_path):
    name = "a" * 300 + ".csv"
    code, _, err = _export(capsys, tmp_path / name)
    assert code == 2
    assert "the file name is too long" in _one_sentence(err)
    assert list(tmp_path.iterdir()) == []


def test_file_name_just_under_the_limit_is_written(national_units, capsys, tmp_path):
    """The temporary name is cut, so a final name of 250 characters still works."""
    name = "b" * 246 + ".csv"
    code, _, _ = _export(capsys, tmp_path / name)
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.fixture
def full_disk(tmp_path):
    """A 16 KiB tmpfs mounted for the test (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], check=False).returncode:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("ext", [".pdf", ".gpkg", ".csv", ".zip"])
def test_full_disk_is_one_sentence(national_units, capsys, full_disk, ext):
    code, _, err = _export(capsys, full_disk / f"cai-lay{ext}")
    assert code == 2
    sentence = _one_sentence(err)
    assert sentence == f"Cannot write '{full_disk / f'cai-lay{ext}'}': the disk is full."
    assert list(full_disk.iterdir()) == []


def test_full_disk_keeps_the_previous_file(national_units, capsys, full_disk):
    previous = full_disk / "cai-lay.pdf"
    previous.write_bytes(b"old")
    code, _, err = _export(capsys, previous)
    assert code == 2 and "the disk is full" in err
    assert previous.read_bytes() == b"old" and list(full_disk.iterdir()) == [previous]


# ------------------------------------------------------------------------------------ no boundary data


@pytest.mark.parametrize("ext", [".png", ".pdf", ".tif"])
def test_locality_without_polygon_says_so(national_units, capsys, tmp_path, ext):
    code, _, err = _export(capsys, tmp_path / f"truong-sa{ext}", district=TRUONG_SA)
    assert code == 2
    sentence = _one_sentence(err)
    assert "Trường Sa" in sentence and "has no boundary data" in sentence
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------ literal text


@pytest.mark.parametrize("title", ["Chi phí $5 tỷ và $10 tỷ", r"Dự án $\frac{a$ và ^{x}_y $"])
def test_dollar_signs_are_drawn_literally(national_units, capsys, tmp_path, title):
    from pypdf import PdfReader

    out = tmp_path / "title.pdf"
    code, _, err = _export(capsys, out, "--title", title)
    assert code == 0, err
    text = PdfReader(out).pages[0].extract_text()
    assert title in text


# ----------------------------------------------------------------------------------- mode and symlinks


def test_replacing_keeps_a_private_mode(national_units, capsys, tmp_path):
    out = tmp_path / "private.csv"
    out.write_text("old")
    out.chmod(0o600)
    code, _, _ = _export(capsys, out)
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"\xef\xbb\xbflayer,")


def test_new_file_follows_the_umask(national_units, capsys, tmp_path):
    old = os.umask(0o027)
    try:
        code, _, _ = _export(capsys, tmp_path / "new.csv")
    finally:
        os.umask(old)
    assert code == 0 and stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


def test_symbolic_link_is_written_through(national_units, capsys, tmp_path):
    real = tmp_path / "real" / "cai-lay.csv"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _, _ = _export(capsys, link)
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"\xef\xbb\xbflayer,")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real"]
    assert [p.name for p in real.parent.iterdir()] == ["cai-lay.csv"]


def test_link_to_a_folder_is_refused(national_units, capsys, tmp_path):
    (tmp_path / "folder").mkdir()
    link = tmp_path / "to-folder.csv"
    link.symlink_to(tmp_path / "folder")
    code, _, err = _export(capsys, link)
    assert code == 2 and "Cannot write" in _one_sentence(err) and "folder" in err
    assert list((tmp_path / "folder").iterdir()) == []


# ------------------------------------------------------------------------------------------------ SIGTERM


def _wait_for_temporary(folder: Path, process: subprocess.Popen[bytes], timeout: float = 120) -> Path | None:
    def is_temporary(path: Path) -> bool:  # a name of geo.safe_write's scheme or of the earlier mkstemp one
        return path.name.startswith(".") and path.name != ".gitignore"

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        found = [p for p in folder.iterdir() if is_temporary(p)]
        if found:
            return found[0]
        time.sleep(0.005)
    return None


def test_sigterm_during_export_removes_the_temporary(national_units, tmp_path):
    out = tmp_path / "cai-lay.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", "export", "--district", CAI_LAY, "--out", str(out), "--dpi", "300"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    temporary = _wait_for_temporary(tmp_path, process)
    assert temporary is not None, "the export finished before a temporary file was seen"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_sigterm_in_atomic_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old")
    script = (
        "import time, sys\n"
        "from pathlib import Path\n"
        "from geo.safe_write import atomic_write\n"
        "def slow(tmp):\n"
        "    tmp.write_text('half')\n"
        "    time.sleep(60)\n"
        f"atomic_write(Path({str(target)!r}), slow)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, stderr=subprocess.PIPE)
    assert _wait_for_temporary(tmp_path, process) is not None
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    assert process.returncode == 143
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"] and target.read_text() == "old"


# ------------------------------------------------------------------------------------- stale temporaries


def test_stale_temporaries_are_removed_and_live_ones_kept(tmp_path):
    from geo.safe_write import remove_stale_temporaries

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".units.parquet.{dead_pid}-0123abcd.partial.parquet"
    live = tmp_path / f".units.parquet.{os.getpid()}-89abcdef.partial.parquet"
    legacy = tmp_path / ".units.parquet.k3j_x9a2.parquet"
    young_legacy = tmp_path / ".targets.parquet.abcdefgh.parquet"
    kept = tmp_path / "units.parquet"
    for path in (stale, live, legacy, young_legacy, kept):
        path.write_bytes(b"x")
    os.utime(legacy, (time.time() - 3600, time.time() - 3600))
    removed = remove_stale_temporaries(tmp_path, legacy_names=("units.parquet", "targets.parquet"))
    assert sorted(p.name for p in removed) == sorted([stale.name, legacy.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, young_legacy.name, kept.name])


def test_build_removes_stale_temporaries_from_the_cache(national_units):
    from geo.build import build

    stale = CACHE_DIR / ".units.parquet.999999999-0123abcd.partial.parquet"
    stale.write_bytes(b"half a parquet file")
    try:
        result = build()
        assert not result.rebuilt
        assert not stale.exists()
    finally:
        stale.unlink(missing_ok=True)


def test_sigterm_during_build_force_leaves_no_temporary(national_units):
    from geo.io import load_units

    before = {p.name for p in CACHE_DIR.iterdir()}
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", "build", "--force", "--report", "none"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    temporary = _wait_for_temporary(CACHE_DIR, process, timeout=300)
    assert temporary is not None, "the build finished before a temporary file was seen"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143 and b"Traceback" not in err
    assert {p.name for p in CACHE_DIR.iterdir()} == before
    assert len(load_units()) == len(national_units)


def test_atomic_write_refusal_is_invalid_input(tmp_path):
    from geo.errors import InvalidInputError
    from geo.safe_write import atomic_write

    with pytest.raises(InvalidInputError, match=r"^Cannot write '/proc/x': .*/proc\)\.$"):
        atomic_write(Path("/proc/x"), lambda p: p.write_text("x"))
