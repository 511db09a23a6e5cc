"""Writing a file so that nothing is ever left half-written.

:func:`atomic_write` hands a writer a temporary file beside the target and
renames it into place only when the writer has finished. On top of the plain
write-then-rename it

- keeps the mode of the file it replaces (a 0600 file stays 0600; a new file
  gets the usual ``0666 & ~umask``);
- writes through a symbolic link: the file the link points to is replaced,
  the link stays a link;
- removes its temporary file on SIGTERM as on any exception, and names its
  temporaries so that :func:`remove_stale_temporaries` can recognise the ones
  a killed process left behind (the pid in the name is no longer running);
- turns an operating-system refusal (permission, full disk, read-only or
  kernel file system, a file name over the limit) into one
  :class:`~geo.errors.InvalidInputError` sentence naming the path.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Final

from geo.errors import InvalidInputError, PlanningAtlasError

__all__ = [
    "TEMP_MARKER",
    "atomic_write",
    "write_refusal",
    "remove_stale_temporaries",
    "is_temporary",
]

TEMP_MARKER: Final[str] = ".partial"
# ".<name>.<pid>-<random>.partial<suffix>"; the name part is cut so the temporary fits NAME_MAX
# whenever the final name does.
_TEMP_NAME: Final[re.Pattern[str]] = re.compile(r"^\..*\.(\d+)-[0-9a-f]{8}\.partial(\.[^.]*)?$")
_NAME_ROOM: Final[int] = 120
LEGACY_STALE_SECONDS: Final[int] = 600
# Below this much free space after a writer's failure, the failure is taken to be the full disk.
_NEARLY_FULL_BYTES: Final[int] = 1024 * 1024
_SIGTERM_EXIT: Final[int] = 128 + signal.SIGTERM

_live: set[Path] = set()
_live_lock = threading.Lock()

_REASONS: Final[dict[int, str]] = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOENT: "the folder does not accept new files (a missing folder or a kernel file system such as /proc)",
    errno.EXDEV: "the folder is on another device",
    errno.ELOOP: "it is a loop of symbolic links",
    errno.EINVAL: "the file system refuses this name",
    errno.EFBIG: "the file is too large for this file system",
}


def write_refusal(path: Path | str, error: OSError) -> InvalidInputError:
    """One sentence for an operating-system refusal to write ``path``."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or "the system refused it").rstrip(".").lower()
    return InvalidInputError(f"Cannot write '{path}': {reason}.")


def is_temporary(path: Path) -> bool:
    """True for a temporary file named by :func:`atomic_write` (live or stale)."""
    return bool(_TEMP_NAME.match(path.name))


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path, *, legacy_names: tuple[str, ...] = ()) -> list[Path]:
    """Delete the temporaries of :func:`atomic_write` in ``folder`` whose process is gone.

    ``legacy_names`` are file names whose temporaries of the earlier scheme
    (``.<name>.<8 random characters><suffix>``, no pid) are removed once they are
    older than :data:`LEGACY_STALE_SECONDS`.

    Returns the paths removed (empty when ``folder`` does not exist).
    """
    import time

    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    legacy = [
        re.compile(rf"^\.{re.escape(name)}\.[a-z0-9_]{{8}}{re.escape(Path(name).suffix)}$") for name in legacy_names
    ]
    now = time.time()
    for entry in folder.iterdir():
        match = _TEMP_NAME.match(entry.name)
        stale = bool(match) and not _pid_alive(int(match.group(1))) if match else False
        if not match and any(p.match(entry.name) for p in legacy):
            try:
                stale = now - entry.stat().st_mtime > LEGACY_STALE_SECONDS
            except OSError:
                continue
        if stale:
            _discard(entry)
            if not entry.exists():
                removed.append(entry)
    return removed


def _temp_path(target: Path) -> Path:
    suffix = target.suffix if len(target.suffix) <= 16 else ""
    stem = target.name[:_NAME_ROOM]
    return target.with_name(f".{stem}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_MARKER}{suffix}")


def _remove_live() -> None:
    with _live_lock:
        paths = list(_live)
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                import shutil

                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass


@contextmanager
def _cleanup_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM removes the live temporaries and exits with status 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: FrameType | None) -> None:
        _remove_live()
        if callable(previous):
            previous(signum, frame)
        raise SystemExit(_SIGTERM_EXIT)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _disk_full(folder: Path) -> bool:
    try:
        fs = os.statvfs(folder)
    except OSError:
        return False
    return fs.f_bavail * fs.f_frsize < _NEARLY_FULL_BYTES


def _final_target(path: Path) -> Path:
    """The file a write of ``path`` replaces: the end of a chain of links, else ``path``."""
    if not path.is_symlink():
        return path
    resolved = Path(os.path.realpath(path))
    if resolved.is_dir():
        raise InvalidInputError(f"Cannot write '{path}': it is a link to a folder.")
    if not resolved.parent.is_dir():
        raise InvalidInputError(f"Cannot write '{path}': it is a link to '{resolved}', whose folder does not exist.")
    return resolved


def atomic_write(
    path: Path | str,
    write: Callable[[Path], object],
    *,
    mode: int | None = None,
    create_parent: bool = False,
) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    Parameters
    ----------
    path
        The file to write. A symbolic link is written through (its target is replaced).
    write
        Called with the temporary path (which exists, empty); whatever it returns is ignored.
        It may delete and recreate the file (GDAL drivers do).
    mode
        Permission bits of a new file; an existing file keeps its own. ``0666 & ~umask`` when None.
    create_parent
        Create missing folders (the build cache) instead of refusing.

    Returns
    -------
    pathlib.Path
        The file actually replaced (the link's target for a link).

    Raises
    ------
    InvalidInputError
        The system refused the write (one sentence naming ``path``); nothing was written.
    """
    path = Path(path)
    try:
        target = _final_target(path)
        if target.is_dir():
            raise InvalidInputError(f"Cannot write '{path}': it is a folder.")
        existing = target.stat().st_mode if target.exists() else None
    except OSError as error:
        raise write_refusal(path, error) from None
    if existing is not None:
        keep = stat.S_IMODE(existing)
    elif mode is not None:
        keep = mode
    else:
        umask = os.umask(0)
        os.umask(umask)
        keep = 0o666 & ~umask
    tmp = _temp_path(target)
    with _cleanup_on_sigterm():
        try:
            if create_parent:
                target.parent.mkdir(parents=True, exist_ok=True)
            with _live_lock:
                _live.add(tmp)
            tmp.touch(mode=0o600, exist_ok=False)  # O_CREAT | O_EXCL: never an existing file or link
            write(tmp)
            os.chmod(tmp, keep)
            os.replace(tmp, target)
        except OSError as error:
            _discard(tmp)
            raise write_refusal(path, error) from None
        except PlanningAtlasError:
            _discard(tmp)
            raise
        except Exception as error:
            # GDAL and SQLite report a full disk as their own error ("no such table" when the
            # journal could not be written): look at the free space before the temporary is removed.
            full = _disk_full(target.parent) or "No space left" in str(error)
            _discard(tmp)
            if full:
                raise write_refusal(path, OSError(errno.ENOSPC, "No space left on device")) from None
            raise
        except BaseException:
            _discard(tmp)
            raise
        finally:
            with _live_lock:
                _live.discard(tmp)
    return target


def _discard(tmp: Path) -> None:
    try:
        if tmp.is_dir() and not tmp.is_symlink():
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
    except OSError:
        pass
