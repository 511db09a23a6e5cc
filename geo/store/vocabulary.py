"""The store's small vocabularies, importable without SQLAlchemy or shapely (the command line's parser uses them)."""

from __future__ import annotations

__all__ = ["ROLES", "EDIT_PRECISIONS"]

# Ordered from least to most allowed: a role may do what the roles before it may.
ROLES = ("viewer", "editor", "admin")
# A location given by a user is never "unknown": the precision says how it was obtained.
EDIT_PRECISIONS = ("surveyed", "approximate", "schematic", "commune-centroid")
