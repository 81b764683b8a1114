"""Read the shipped place files: codebook sites, sourced localities, GeoNames towns, ISO
governorates."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from sigact.places.model import PRECISION_OF_KIND, Place

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "Record",
    "load_records",
    "read_governorates",
    "read_localities",
    "read_sites",
    "read_towns",
]


@dataclass(slots=True)
class Record:
    """A place and the names that point at it, by how much context each needs."""

    place: Place
    bare: list[str] = field(default_factory=list)  # name alone is enough
    with_kind: list[str] = field(default_factory=list)  # needs "base"/"field"/"crossing"...
    guarded: list[str] = field(default_factory=list)  # needs place context ("in Hit")
    geonames: int | None = None
    population: int = 0
    flags: frozenset[str] = frozenset()


def _pkg_file(*parts: str) -> Path:
    return Path(str(resources.files("sigact").joinpath(*parts)))


def sites_path() -> Path:
    return _pkg_file("codebook", "sites.yaml")


def towns_path() -> Path:
    return _pkg_file("places", "data", "towns.tsv.gz")


def localities_path() -> Path:
    return _pkg_file("places", "data", "localities.yaml")


def governorates_path() -> Path:
    return _pkg_file("places", "data", "governorates.yaml")


def read_sites(path: Path | None = None) -> list[Record]:
    """Rows of `codebook/sites.yaml` (curated bases, fields, camps and key towns)."""
    raw = yaml.load((path or sites_path()).read_text(encoding="utf-8"), Loader=_Loader)
    out: list[Record] = []
    for row in raw["sites"]:
        kind = row["kind"]
        if kind not in PRECISION_OF_KIND:
            raise ValueError(f"{path or sites_path()}: site {row.get('id')!r} has kind {kind!r}; "
                             f"known kinds: {', '.join(sorted(PRECISION_OF_KIND))}")
        aliases = tuple(str(a) for a in row.get("aliases") or ())
        with_kind = [str(a) for a in row.get("with_kind") or ()]
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=kind,
            country=row["country"],
            admin1=row.get("admin1"),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision=PRECISION_OF_KIND[kind],
            aliases=aliases + tuple(with_kind),
            source=row["source"],
            parent=row.get("parent"),
            hosts=tuple(row.get("hosts") or ()),
        )
        out.append(
            Record(
                place,
                bare=[place.name, *aliases],
                with_kind=with_kind,
                geonames=row.get("geonames"),
                flags=frozenset(row.get("guards") or ()),
            )
        )
    return out


def read_localities(path: Path | None = None) -> list[Record]:
    """Rows of `places/data/localities.yaml`: sourced towns and villages GeoNames lacks."""
    p = path or localities_path()
    if not p.exists():
        return []
    raw = yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader)
    out: list[Record] = []
    for row in raw["localities"]:
        aliases = tuple(str(a) for a in row.get("aliases") or ())
        guarded = [str(a) for a in row.get("guarded") or ()]
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=row.get("kind", "town"),
            country=row["country"],
            admin1=row["admin1"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision="town",
            aliases=aliases + tuple(guarded),
            source=row["source"],
        )
        out.append(
            Record(
                place,
                bare=[place.name, *(a for a in aliases if a != place.name)],
                guarded=guarded,
                geonames=row.get("geonames"),
            )
        )
    return out


def read_governorates(path: Path | None = None) -> list[Record]:
    """Governorates (ISO 3166-2 via pycountry) with a seat position (GeoNames)."""
    p = path or governorates_path()
    if not p.exists():
        return []
    raw = yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader)
    out: list[Record] = []
    for row in raw["governorates"]:
        names = [str(n) for n in row.get("aliases") or ()]
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=row.get("kind", "governorate"),
            country=row["country"],
            admin1=row["admin1"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision="region",
            aliases=tuple(names),
            source=row["source"],
            parent=row.get("parent"),
        )
        # Bare governorate names are weak (Hasakah is also a city): the index ranks
        # them below towns; "X governorate/province" picks them explicitly.
        out.append(Record(place, bare=[place.name, *names]))
    return out


def read_towns(path: Path | None = None) -> list[Record]:
    """GeoNames towns of IQ, SY, JO from the shipped `towns.tsv.gz`."""
    p = path or towns_path()
    if not p.exists():
        return []
    out: list[Record] = []
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        source_line = ""
        for line in fh:
            if line.startswith("#"):
                source_line = source_line or line
                continue
            if line.startswith("geonameid\t"):
                continue
            gid, name, cc, admin1, lat, lon, pop, aliases = line.rstrip("\n").split("\t")
            names = [a for a in aliases.split("|") if a]
            population = int(pop or 0)
            kind = "city" if population >= 100_000 else "town"
            place = Place(
                id=f"gn-{gid}",
                name=name,
                kind=kind,
                country=cc,
                admin1=admin1 or None,
                lat=float(lat),
                lon=float(lon),
                precision="town",
                aliases=tuple(names),
                source=f"https://www.geonames.org/{gid}",
            )
            out.append(Record(place, bare=[name, *names], geonames=int(gid), population=population))
    return out


def load_records() -> list[Record]:
    """All records: sites, then localities; a row of either with `geonames` absorbs that
    town's names."""
    sites = read_sites()
    localities = read_localities()
    govs = read_governorates()
    towns = read_towns()
    by_gid = {r.geonames: r for r in towns}
    absorbed: set[int] = set()
    for rec in (*sites, *localities):
        if rec.geonames and rec.geonames in by_gid:
            town = by_gid[rec.geonames]
            rec.bare.extend(n for n in town.bare if n not in rec.bare)
            rec.population = town.population
            absorbed.add(rec.geonames)
    return [*sites, *localities, *govs, *(t for t in towns if t.geonames not in absorbed)]
