"""Whether a path can take an export, checked before any work (so a refusal leaves nothing behind)."""

from __future__ import annotations

from pathlib import Path

from geo.errors import InvalidInputError

__all__ = ["check_writable"]


def check_writable(path: Path) -> None:
    """Refuse, before any work, a path that is a folder, in a missing folder, or in one we cannot write.

    Raises
    ------
    InvalidInputError
        With one sentence naming the path.
    """
    import tempfile

    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InvalidInputError(f"Cannot write '{path}': it is a folder.")
    if not parent.is_dir():
        raise InvalidInputError(f"Cannot write '{path}': the folder {parent} does not exist.")
    try:
        with tempfile.TemporaryFile(dir=parent):
            pass
    except OSError as error:
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error)).lower()
        raise InvalidInputError(f"Cannot write '{path}': {reason}.") from None
