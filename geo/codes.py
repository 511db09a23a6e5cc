"""GSO code checks, in a module light enough for the command line's fast paths."""

from __future__ import annotations

from geo.errors import InvalidInputError, UnknownCodeError

__all__ = ["CODE_LENGTHS", "check_code", "unknown_code"]

CODE_LENGTHS: dict[str, int] = {"province": 2, "district": 3, "commune": 5}
_EXAMPLES = {"province": "84", "district": "817", "commune": "02665"}


def check_code(code: object, *, level: str) -> str:
    """Return ``code`` as a string if it has the shape of a GSO code of ``level``.

    Raises
    ------
    InvalidInputError
        When the code is not ``2`` (province), ``3`` (district) or ``5`` (commune) digits.
    """
    length = CODE_LENGTHS[level]
    text = str(code).strip() if code is not None else ""
    if not (text.isdigit() and len(text) == length):
        raise InvalidInputError(
            f"A {level} code is {length} digits with its leading zeros (e.g. {_EXAMPLES[level]}); got '{text}'."
        )
    return text


def unknown_code(code: str, *, level: str) -> UnknownCodeError:
    """The error for a well-formed code that names no unit of the official 2024 list."""
    what = {"province": "province", "district": "district-level unit", "commune": "commune-level unit"}[level]
    return UnknownCodeError(f"No {what} has the code {code} in the official 2024 list.")
