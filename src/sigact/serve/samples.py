"""Sample documents with ready-made extractions, written for sigact's own tests, its
benchmark and a demo ledger (no sentence here comes from a real article).

``sample_items()`` gives a handful of reports across Iraq, Syria and Jordan, two of which
tell one incident differently (so the ledger shows a disagreement), one stated tally, and
one document whose title and text carry script payloads. ``synthetic_items(n)`` makes
``n`` one-report documents at known places, for load tests.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from sigact.models import Document, Evidence, Report, Tally

XSS_TITLE = "<script>alert(1)</script> Outpost <img src=x onerror=alert(1)> shelled"
XSS_OUTLET = "<img src=x onerror=alert(2)>"

#: (place, place id, country, lat, lon)
PLACES = (
    ("Ain al-Asad Air Base", "test-ain-al-asad", "IQ", 33.786, 42.441),
    ("Erbil Air Base", "test-erbil-ab", "IQ", 36.237, 43.963),
    ("Harir Air Base", "test-harir", "IQ", 36.537, 44.352),
    ("Al-Tanf garrison", "test-al-tanf", "SY", 33.507, 38.662),
    ("Conoco gas field", "test-conoco", "SY", 35.393, 40.322),
    ("Rumalyn Landing Zone", "test-rumalyn", "SY", 36.897, 41.721),
    ("Tower 22", "test-tower-22", "JO", 33.318, 38.691),
)
ACTORS = (("Islamic Resistance in Iraq", "claimed"), ("Kataib Hezbollah", "attributed"),
          (None, "unknown"), ("United States", "claimed"))


@dataclass
class Extraction:
    """The shape ``Ledger.ingest_document`` takes in place of running the extractor."""

    reports: list[Report] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    rejections: list = field(default_factory=list)


def _evidence(doc_id: str, text: str, sentence: str, words: dict[str, str]) -> Evidence:
    start = text.index(sentence)
    marks = []
    for word, label in words.items():
        at = sentence.find(word)
        if at >= 0:
            marks.append((at, at + len(word), label))
    return Evidence(doc_id=doc_id, start=start, end=start + len(sentence), text=sentence,
                    fields=sorted(set(words.values())), marks=sorted(marks))


def _report(doc: Document, place: tuple, day: str, sentence: str, words: dict[str, str],
            event_type: str = "remote_attack", perpetrator: str | None = None,
            basis: str = "unknown", outcome: str = "unknown", weapons: tuple = ("drone",),
            seq: int = 0) -> Report:
    name, pid, country, lat, lon = place
    return Report(
        doc_id=doc.id, event_type=event_type, date=day, date_precision="day",
        country=country, place=name, lat=lat, lon=lon, geo_precision="site", place_id=pid,
        weapons=list(weapons), perpetrator=perpetrator, perpetrator_basis=basis,
        target="US forces" if event_type == "remote_attack" else None, outcome=outcome,
        evidence=[_evidence(doc.id, doc.text, sentence, words)], seq=seq,
        outlet=doc.outlet, published=doc.published.isoformat() if doc.published else None,
    )


def sample_items() -> list[tuple[Document, Extraction]]:
    """Six small documents: (document, extraction) pairs."""
    items: list[tuple[Document, Extraction]] = []
    p = {pl[1]: pl for pl in PLACES}

    s1 = "Two attack drones flew at Ain al-Asad Air Base late on Sunday and one hit a hangar."
    d1 = Document(id="sample-asad-a", text=f"Desk note.\n\n{s1}\n\nNo one was hurt.",
                  url="https://one.example/asad", title="Drones reach western Iraq base",
                  outlet="Sample Wire", published=dt.date(2024, 1, 8))
    items.append((d1, Extraction([_report(
        d1, p["test-ain-al-asad"], "2024-01-07", s1,
        {"drones": "weapon", "Ain al-Asad Air Base": "place", "Sunday": "date", "hit": "outcome"},
        perpetrator="Islamic Resistance in Iraq", basis="claimed", outcome="hit")])))

    s2 = "A militia umbrella group said its drones targeted Ain al-Asad Air Base on Sunday."
    d2 = Document(id="sample-asad-b", text=f"{s2} Officials said both were shot down.",
                  url="https://two.example/asad", title="Group claims strike on air base",
                  outlet="Example Daily", published=dt.date(2024, 1, 8))
    items.append((d2, Extraction([_report(
        d2, p["test-ain-al-asad"], "2024-01-07", s2,
        {"drones": "weapon", "Ain al-Asad Air Base": "place", "Sunday": "date",
         "said": "perpetrator"},
        perpetrator="Islamic Resistance in Iraq", basis="claimed", outcome="intercepted")])))

    s3 = "Officials blamed an Iran-aligned militia for the drone that struck Tower 22 on Sunday."
    d3 = Document(id="sample-tower", text=s3, url="https://three.example/t22",
                  title="Deadly drone strike in Jordan", outlet="Sample Wire",
                  published=dt.date(2024, 1, 29))
    items.append((d3, Extraction([_report(
        d3, p["test-tower-22"], "2024-01-28", s3,
        {"drone": "weapon", "struck": "event_type", "Tower 22": "place"},
        perpetrator="Kataib Hezbollah", basis="attributed", outcome="hit")])))

    s4 = "Rockets landed near the Al-Tanf garrison on Friday; nobody has said who fired them."
    d4 = Document(id="sample-tanf", text=s4, url=None, title="Rockets near Syrian garrison",
                  outlet="Example Daily", published=dt.date(2023, 11, 11))
    items.append((d4, Extraction([_report(
        d4, p["test-al-tanf"], "2023-11-10", s4,
        {"Rockets": "weapon", "Al-Tanf garrison": "place", "Friday": "date"},
        weapons=("rocket",))])))

    s5 = "American jets bombed a depot near the Conoco gas field on Thursday, officials said."
    d5 = Document(id="sample-strike", text=s5, url="https://four.example/strike",
                  title="US jets hit depot in east Syria", outlet="Gulf Sample",
                  published=dt.date(2023, 11, 10))
    s5b = "Since mid-October, bases in Iraq and Syria have been attacked at least 46 times."
    d5 = Document(id=d5.id, text=f"{s5} {s5b}", url=d5.url, title=d5.title,
                  outlet=d5.outlet, published=d5.published)
    tally = Tally(doc_id=d5.id, as_of="2023-11-09", total=46, since="2023-10-17",
                  source="officials",
                  evidence=[_evidence(d5.id, d5.text, s5b, {"46 times": "total"})])
    items.append((d5, Extraction([_report(
        d5, p["test-conoco"], "2023-11-09", s5,
        {"jets": "weapon", "bombed": "event_type", "Conoco gas field": "place"},
        event_type="air_strike", perpetrator="United States", basis="claimed",
        weapons=("aircraft",))], [tally])))

    s6 = "Mortar rounds fell on the Harir Air Base on Tuesday <script>alert(1)</script>."
    d6 = Document(id="sample-xss", text=f"<img src=x onerror=alert(1)> {s6}",
                  url="javascript:alert(1)", title=XSS_TITLE, outlet=XSS_OUTLET,
                  published=dt.date(2023, 12, 13))
    items.append((d6, Extraction([_report(
        d6, p["test-harir"], "2023-12-12", s6,
        {"Mortar": "weapon", "Harir Air Base": "place", "<script>": "place"},
        weapons=("mortar",))])))
    return items


def synthetic_items(n: int, seed: int = 7) -> Iterator[tuple[Document, Extraction]]:
    """``n`` one-report documents that stay ``n`` distinct incidents: made-up sites on a
    grid about 100 km apart over Iraq, Syria and Jordan, each visited every other day
    (so no two reports fall within the merge window of one another)."""
    rnd = random.Random(seed)
    sites = [(31.0 + 0.9 * a, 38.6 + 0.9 * b) for a in range(7) for b in range(9)]
    start = dt.date(2023, 10, 17)
    for k in range(n):
        s, visit = k % len(sites), k // len(sites)
        lat, lon = sites[s]
        country = "JO" if lat < 32.3 and lon < 39.2 else ("SY" if lon < 41.5 and lat > 32.3
                                                          else "IQ")
        day = start + dt.timedelta(days=2 * visit)
        name = f"Site {s:02d}"
        sentence = f"Drones were reported over {name} in item {k}."
        doc = Document(id=f"synthetic-{k:06d}", text=sentence,
                       url=f"https://synthetic.example/{k}", title=f"Synthetic item {k}",
                       outlet="Synthetic", published=day + dt.timedelta(days=1))
        actor, basis = ACTORS[rnd.randrange(len(ACTORS))]
        place = (name, f"synthetic-site-{s:02d}", country, lat, lon)
        yield doc, Extraction([_report(doc, place, day.isoformat(), sentence,
                                       {"Drones": "weapon", name: "place"},
                                       perpetrator=actor, basis=basis)])


def fill(ledger: object, items: Iterator[tuple[Document, Extraction]] | list) -> int:
    """Ingest ``items`` into ``ledger``; answers how many were stored."""
    n = 0
    for doc, extraction in items:
        ledger.ingest_document(doc, extraction)  # type: ignore[attr-defined]
        n += 1
    return n
