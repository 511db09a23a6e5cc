"""Map page (its body is :mod:`pages._map_view`, compiled once per process rather than on each visit)."""

from pages._map_view import main

main()
