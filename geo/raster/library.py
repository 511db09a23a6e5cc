"""Where accepted rasters are kept: one folder per raster under ``var/rasters/`` (git-ignored).

Each folder holds ``raster.tif`` (the file as given, byte for byte) and
``meta.json`` (name, unit of measure, source, year, band, what the checks
learnt). A raster is checked in a private staging folder and moved into place
with one ``rename``: a refused or interrupted upload leaves nothing behind.
Adding a raster is a write: the acting account's role is checked in the store
(editor or admin) before anything is written, as every write of the store is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from geo.config import RASTER_DIR
from geo.errors import InvalidInputError
from geo.raster.validate import MAX_RASTER_BYTES, RasterInfo, RasterRefusedError, format_size, open_checked

if TYPE_CHECKING:
    from geo.store.engine import Store

__all__ = [
    "RASTER_DIR", "RasterMeta", "StoredRaster", "add_raster", "list_rasters", "get_raster", "check_meta",
    "require_raster_editor", "ADD_RASTER_ROLE",
]  # fmt: skip

RASTER_FILE: Final[str] = "raster.tif"
META_FILE: Final[str] = "meta.json"
_STAGING_PREFIX: Final[str] = ".staging-"
# The store's role a raster upload needs: the same as a change to the register.
ADD_RASTER_ROLE: Final[str] = "editor"


@dataclass(frozen=True)
class RasterMeta:
    """What the user must say about a raster: what it measures, in what unit, from whom, of when."""

    name: str
    unit: str
    source: str
    year: int


@dataclass(frozen=True)
class StoredRaster:
    """A raster in the library: its id, file, metadata and checked description."""

    id: str
    path: Path
    meta: RasterMeta
    band: int
    crs_name: str
    bounds_lonlat: tuple[float, float, float, float]
    width: int
    height: int
    nodata: float | None
    added: str

    def caption(self) -> str:
        """The raster's source line: name (unit), source, year."""
        return f"{self.meta.name} ({self.meta.unit}) — {self.meta.source}, {self.meta.year}"


def check_meta(*, name: str, unit: str, source: str, year: object) -> RasterMeta:
    """The metadata, trimmed; one sentence when a field is missing or the year is not a year."""
    fields = {"name": name, "unit of measure": unit, "source": source}
    missing = [label for label, value in fields.items() if not str(value or "").strip()]
    if missing:
        pronoun = "them" if len(missing) > 1 else "it"
        raise InvalidInputError(f"A raster needs its {', '.join(missing)}; give {pronoun}.")
    try:
        number = int(str(year).strip())
    except ValueError:
        raise InvalidInputError(f"The year '{year}' is not a year (e.g. 2024).") from None
    if not 1900 <= number <= datetime.now(UTC).year + 1:
        raise InvalidInputError(f"The year {number} is not between 1900 and {datetime.now(UTC).year + 1}.")
    return RasterMeta(name=name.strip(), unit=unit.strip(), source=source.strip(), year=number)


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_ = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40] or "raster"


def _stored(folder: Path) -> StoredRaster:
    data = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return StoredRaster(
        id=folder.name,
        path=folder / RASTER_FILE,
        meta=RasterMeta(**data["meta"]),
        band=int(data["band"]),
        crs_name=data["crs_name"],
        bounds_lonlat=tuple(data["bounds_lonlat"]),
        width=int(data["width"]),
        height=int(data["height"]),
        nodata=data["nodata"],
        added=data["added"],
    )


def require_raster_editor(store: Store, user: str) -> None:
    """Nothing if ``user`` may add a raster; else the store's PermissionDeniedError (one sentence, exit 4)."""
    from geo.store.auth import require_role

    with store.reading() as session:
        require_role(session, user, ADD_RASTER_ROLE)


def add_raster(
    source: Path | bytes,
    meta: RasterMeta,
    *,
    store: Store,
    user: str,
    band: int | None = None,
    display_name: str | None = None,
    root: Path | None = None,
    max_bytes: int = MAX_RASTER_BYTES,
) -> StoredRaster:
    """Check a raster and keep it with its metadata, or refuse it and keep nothing.

    Parameters
    ----------
    source
        A file path (copied) or the uploaded bytes.
    meta
        From :func:`check_meta`.
    store, user
        The store holding the accounts and the acting account's name: a viewer or an unknown name is
        refused with :class:`geo.store.PermissionDeniedError` before anything is written.
    band
        1-based band; required for a multi-band file.
    root
        The library folder (:data:`RASTER_DIR` when None).

    Raises
    ------
    PermissionDeniedError, RasterRefusedError, InvalidInputError
        One sentence; the library is as it was.
    """
    require_raster_editor(store, user)
    if isinstance(source, bytes) and len(source) > max_bytes:
        name = display_name or "upload"
        raise RasterRefusedError(
            f"The raster '{name}' is {format_size(len(source))}, over the limit of {format_size(max_bytes)}."
        )
    root = root or RASTER_DIR
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root))
    try:
        staged = staging / RASTER_FILE
        if isinstance(source, bytes):
            staged.write_bytes(source)
        else:
            if not Path(source).is_file():
                label = display_name or Path(source).name
                raise InvalidInputError(f"The raster '{label}' does not exist or is not a file.")
            shutil.copyfile(source, staged)
        info: RasterInfo = open_checked(
            staged, band=band, display_name=display_name or (source.name if isinstance(source, Path) else None),
            max_bytes=max_bytes,
        )
        added = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = {
            "meta": asdict(meta),
            "band": info.band,
            "crs_name": info.crs_name,
            "bounds_lonlat": list(info.bounds_lonlat),
            "width": info.width,
            "height": info.height,
            "nodata": info.nodata,
            "added": added,
            "original_name": display_name or "",
        }
        (staging / META_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        target = root / f"{stamp}-{_slug(meta.name)}-{os.urandom(3).hex()}"
        os.rename(staging, target)  # atomic on one file system: the raster appears whole or not at all
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(root.iterdir()):
            root.rmdir()  # a refused first raster leaves not even the folder
        raise
    return _stored(target)


def list_rasters(root: Path | None = None) -> list[StoredRaster]:
    """Every raster in the library, newest first (staging folders and broken entries skipped)."""
    root = root or RASTER_DIR
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir(), reverse=True):
        if folder.name.startswith(_STAGING_PREFIX) or not (folder / META_FILE).is_file():
            continue
        try:
            found.append(_stored(folder))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def get_raster(raster_id: str, root: Path | None = None) -> StoredRaster:
    """The stored raster ``raster_id``; one sentence when there is none."""
    root = root or RASTER_DIR
    folder = root / raster_id
    if "/" in raster_id or raster_id.startswith(".") or not (folder / META_FILE).is_file():
        raise InvalidInputError(f"No stored raster has the id '{raster_id}'.")
    return _stored(folder)
