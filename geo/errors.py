"""The few error classes of the library.

Each carries one sentence meant for a user; the CLI and the pages print
``str(error)`` and nothing else.
"""

from __future__ import annotations

__all__ = [
    "PlanningAtlasError",
    "UnknownCodeError",
    "InvalidInputError",
    "DataValidationError",
    "CacheMissingError",
]


class PlanningAtlasError(Exception):
    """Base class: the message is one sentence a user can act on."""


class UnknownCodeError(PlanningAtlasError, KeyError):
    """A GSO code that is malformed or names no unit."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class InvalidInputError(PlanningAtlasError, ValueError):
    """A parameter, file or value that cannot be used as given."""


class DataValidationError(PlanningAtlasError, ValueError):
    """A curated data file breaks its schema; the message names file, row and field."""


class CacheMissingError(PlanningAtlasError, FileNotFoundError):
    """The build cache has not been built yet."""
