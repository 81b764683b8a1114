"""The objects the places stage hands out: Place, PlaceMention, PlaceMatch."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "PRECISION_OF_KIND", "Place", "PlaceMatch", "PlaceMention"]

# kind -> precision ("site" | "town" | "region").
PRECISION_OF_KIND: dict[str, str] = {
    "air_base": "site",
    "airport": "site",
    "oil_field": "site",
    "gas_field": "site",
    "camp": "site",
    "outpost": "site",
    "base": "site",
    "embassy": "site",
    "border_crossing": "site",
    "facility": "site",
    "dam": "site",
    "town": "town",
    "city": "town",
    "district": "region",
    "governorate": "region",
    "region": "region",
}
KINDS = frozenset(PRECISION_OF_KIND)


@dataclass(frozen=True, slots=True)
class Place:
    """One named place: a base, field, camp, town or governorate."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    precision: str
    aliases: tuple[str, ...] = ()
    source: str = ""
    parent: str | None = None
    hosts: tuple[str, ...] = ()  # forces based there (sites only)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in a text; `start`/`end` index the original text."""

    start: int
    end: int
    text: str
    place: Place
    score: float


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """What `Gazetteer.resolve` found for a name, and why."""

    place: Place
    score: float
    why: str
