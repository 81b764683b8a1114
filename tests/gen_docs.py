"""Synthetic news articles about attacks on bases, with the reports they should yield.

Written for the store's tests and benchmark: varied wording (our own), several outlets
per incident, date slips of a day, week-precision and region-level reports, undated
reprints, two incidents in one article.  ``generate(n_docs)`` returns ``GenDoc``s; each
has the ``Document`` and the ``Extraction``-like result a perfect extractor would give,
so the ledger can be tested without the real extractor.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from sigact.models import Document, Evidence, Report, Tally

# (place id, name, country, lat, lon, precision, admin1) — public coordinates, rounded
SITES = [
    ("gen:ain-al-asad", "Ain al-Asad Air Base", "IQ", 33.800, 42.441, "site", "Al Anbar"),
    ("gen:erbil-ab", "Erbil Air Base", "IQ", 36.237, 43.963, "site", "Erbil"),
    ("gen:harir", "Harir Air Base", "IQ", 36.536, 44.355, "site", "Erbil"),
    ("gen:victory", "Victory Base Complex", "IQ", 33.262, 44.234, "site", "Baghdad"),
    ("gen:tanf", "Al-Tanf garrison", "SY", 33.498, 38.618, "site", "Homs"),
    ("gen:conoco", "Conoco gas field", "SY", 35.336, 40.309, "site", "Deir ez-Zor"),
    ("gen:omar", "Al-Omar oil field", "SY", 35.152, 40.576, "site", "Deir ez-Zor"),
    ("gen:shaddadi", "Al-Shaddadi base", "SY", 36.061, 40.730, "site", "Al-Hasakah"),
    ("gen:rmelan", "Rmelan landing zone", "SY", 36.967, 41.960, "site", "Al-Hasakah"),
    ("gen:kharab-al-jir", "Kharab al-Jir airstrip", "SY", 37.010, 42.190, "site", "Al-Hasakah"),
    ("gen:tower-22", "Tower 22", "JO", 33.317, 38.692, "site", "Mafraq"),
    ("gen:green-village", "Green Village", "SY", 35.257, 40.455, "site", "Deir ez-Zor"),
]
# far-apart synthetic outposts (for large runs), laid on a grid over the desert
GRID = [(f"gen:outpost-{i:03d}", f"Outpost {i}", "IQ" if i % 2 else "SY",
         31.0 + (i // 12) * 0.6, 38.5 + (i % 12) * 0.6, "site", None) for i in range(96)]
REGIONS = {"IQ": ("gen:anbar", "Anbar Governorate", 33.4, 42.0),
           "SY": ("gen:deir-ez-zor", "Deir ez-Zor Governorate", 35.3, 40.2),
           "JO": ("gen:mafraq", "Mafraq Governorate", 32.5, 37.8)}
OUTLETS = ["Desert Wire", "River Post", "Frontline Daily", "Levant Ledger", "Tigris Times",
           "Crescent News", "Plains Herald", "Northern Monitor"]
WEAPON_SETS = [["drone"], ["rocket"], ["drone", "rocket"], ["missile"], ["mortar"],
               ["ballistic_missile"], ["drone"], ["rocket"]]
GROUPS = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat al-Nujaba", None]
OPENERS = [
    "{weapon} attack reported at {place}.",
    "Officials confirm a {weapon} strike on {place}.",
    "{place} came under {weapon} fire, sources say.",
    "A {weapon} assault targeted {place}, according to local monitors.",
]
BODIES = [
    "The {weapon} attack on {place} in {country} took place on {when}, a defence "
    "spokesperson told reporters.",
    "On {when}, forces stationed at {place} ({country}) were targeted with {weapon}s.",
    "Monitors said {place} was struck by {weapon}s on {when}; the extent of the damage "
    "was not immediately known.",
    "Coalition personnel at {place} reported {weapon} fire on {when}.",
]
CLOSERS = [
    "{claim}",
    "No injuries were reported and an investigation is under way. {claim}",
    "The base's air defences engaged the threat. {claim}",
    "{claim} Analysts expect further strikes in the coming weeks.",
]
BACKGROUND = [
    "It is one of many such attacks that have been reported in the region since the war "
    "in Gaza began, and it was not the first time that this base has been hit.",
    "The United States has about two thousand five hundred troops in Iraq and nine hundred "
    "in Syria, where they are part of the mission against the Islamic State group.",
    "There was no immediate comment from the government, which has said that it is "
    "trying to keep the country out of the wider conflict in the region.",
]
COUNTRY_NAMES = {"IQ": "Iraq", "SY": "Syria", "JO": "Jordan"}


@dataclass
class GenDoc:
    doc: Document
    reports: list[Report]
    tallies: list[Tally] = field(default_factory=list)

    @property
    def extraction(self) -> SimpleNamespace:
        return SimpleNamespace(reports=self.reports, tallies=self.tallies, rejections=[])


@dataclass
class Truth:
    n: int
    site: tuple
    day: date
    weapons: list[str]
    group: str | None
    outcome: str


def _incidents(n: int, rng: random.Random, per_day: float, sites: list[tuple]) -> list[Truth]:
    start = date(2023, 10, 17)
    span = max(30, int(n / per_day))
    out = []
    for i in range(n):
        out.append(Truth(i, rng.choice(sites), start + timedelta(days=rng.randrange(span)),
                         rng.choice(WEAPON_SETS), rng.choice(GROUPS),
                         rng.choice(["hit", "intercepted", "unknown"])))
    return out


def _report(t: Truth, doc_id: str, seq: int, rng: random.Random, outlet: str,
            published: date, text_start: int, text: str) -> Report:
    pid, name, cc, lat, lon, prec, admin1 = t.site
    day, dprec = t.day, "day"
    roll = rng.random()
    if roll < 0.08:
        day = t.day + timedelta(days=rng.choice([-1, 1]))  # a slip of a day
    elif roll < 0.12:
        dprec, day = "week", t.day + timedelta(days=rng.randrange(0, 2))
    if rng.random() < 0.06 and cc in REGIONS:
        pid, name, lat, lon = REGIONS[cc]
        prec = "region"
    basis = "unknown"
    perp = t.group
    if perp:
        basis = rng.choice(["claimed", "attributed"])
    return Report(
        doc_id=doc_id, event_type="remote_attack", date=day.isoformat(),
        date_precision=dprec, country=cc, place=name, lat=lat, lon=lon,
        geo_precision=prec, place_id=pid, admin1=admin1, weapons=list(t.weapons),
        perpetrator=perp, perpetrator_basis=basis, target="US forces",
        outcome=t.outcome if rng.random() > 0.1 else "unknown",
        killed=None, injured=rng.choice([None, None, None, 1, 2]),
        confidence=0.8, seq=seq, outlet=outlet, published=published.isoformat(),
        evidence=[Evidence(doc_id, text_start, text_start + len(text), text,
                           ["event_type", "place", "date"])],
    )


def _sentence(t: Truth, rng: random.Random) -> str:
    _pid, name, cc, *_ = t.site
    weapon = t.weapons[0].replace("_", " ")
    claim = (f"The {t.group} later said it carried out the operation." if t.group
             else "No group has claimed responsibility.")
    when = f"{t.day:%B} {t.day.day}, {t.day.year}"
    return " ".join([
        rng.choice(OPENERS).format(weapon=weapon.capitalize(), place=name),
        rng.choice(BODIES).format(weapon=weapon, place=name, country=COUNTRY_NAMES[cc],
                                  when=when),
        rng.choice(CLOSERS).format(claim=claim),
    ])


def generate(n_docs: int, seed: int = 7, per_day: float = 3.0,
             many_sites: bool = False) -> list[GenDoc]:
    """``n_docs`` articles about ~0.45·n_docs incidents (``per_day`` incidents a day)."""
    rng = random.Random(seed)
    sites = SITES + GRID if many_sites else SITES
    truths = _incidents(max(1, int(n_docs * 0.45)), rng, per_day, sites)
    out: list[GenDoc] = []
    for k in range(n_docs):
        doc_id = f"gen-{seed}-{k:06d}"
        t = truths[rng.randrange(len(truths))]
        incs = [t]
        if rng.random() < 0.1:  # a second incident in the same article
            incs.append(rng.choice(truths))
        if rng.random() < 0.03:  # the same base hit twice that day: two incidents
            incs.append(Truth(t.n, t.site, t.day, ["rocket"], t.group, "unknown"))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        published = max(i.day for i in incs) + timedelta(days=rng.randrange(0, 3))
        parts = [f"{outlet} report {k}."]
        reports = []
        for seq, inc in enumerate(incs):
            s = _sentence(inc, rng)
            start = len(" ".join(parts)) + 1
            parts.append(s)
            reports.append(_report(inc, doc_id, seq, rng, outlet, published, start, s))
        undated = rng.random() < 0.03
        if undated:  # a reprint with no date anywhere
            for r in reports:
                r.date, r.date_precision = None, "unknown"
        parts.append(rng.choice(BACKGROUND))
        text = " ".join(parts)
        doc = Document(id=doc_id, text=text, url=f"https://example.org/{outlet[:5]}/{k}",
                       title=parts[1][:60], outlet=outlet,
                       published=None if undated else published)
        out.append(GenDoc(doc, reports))
    return out


def write_jsonl(docs: list[GenDoc], folder: Path, per_file: int = 100) -> list[Path]:
    """Write the documents as JSONL files (the reader's input) plus ``truth.json`` (the
    reports by document id, for a stand-in extractor)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(0, len(docs), per_file):
        p = folder / f"batch-{i // per_file:04d}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for g in docs[i:i + per_file]:
                fh.write(json.dumps({
                    "id": g.doc.id, "text": g.doc.text, "url": g.doc.url,
                    "title": g.doc.title, "outlet": g.doc.outlet,
                    "published": g.doc.published.isoformat() if g.doc.published else None,
                }) + "\n")
        paths.append(p)
    truth = {g.doc.id: [r.to_dict() for r in g.reports] for g in docs}
    (folder.parent / f"{folder.name}-truth.json").write_text(json.dumps(truth))
    return paths


def truth_extractor(truth_path: Path):  # type: ignore[no-untyped-def]
    """An extractor that returns the generated reports of a document (by id)."""
    truth = json.loads(Path(truth_path).read_text())

    def extract(doc: Document) -> SimpleNamespace:
        reps = []
        for d in truth.get(doc.id, []):
            d = {k: v for k, v in d.items() if k not in ("id", "docs")}
            d["evidence"] = [Evidence(**{**e, "marks": [tuple(m) for m in e["marks"]]})
                             for e in d["evidence"]]
            reps.append(Report(**d))
        return SimpleNamespace(reports=reps, tallies=[], rejections=[])

    return extract


PG_ENV = "SIGACT_TEST_PG_URL"


@contextmanager
def pg_database(admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"sigact_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
