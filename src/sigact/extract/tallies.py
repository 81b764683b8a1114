"""Cumulative tallies: "at least 97 attacks since October 17, 45 in Iraq and 52 in Syria".

A tally is not an incident (ANNOTATION.md); it is kept so the ledger can be checked
against official counts.
"""

from __future__ import annotations

import re
from datetime import date

from sigact.extract.gates import Gated
from sigact.extract.scan import SentenceScan
from sigact.models import Evidence, Tally

_NUMBER = r"(\d{1,5})"
_TOTAL = Gated(
    re.compile(
        r"\b(?:at\s+least|more\s+than|over|some|nearly|about|a\s+total\s+of)?\s*" + _NUMBER
        + r"\s+(?:times|attacks|separate\s+attacks|drone\s+and\s+rocket\s+attacks|"
        r"rocket\s+and\s+drone\s+attacks|incidents)\b",
        re.IGNORECASE,
    ),
    "times", "attacks", "incidents",
    also=(re.compile(r"\d"),),
)
_BY_COUNTRY = re.compile(
    _NUMBER + r"\s+(?:(?:attacks|times)\s+)?in\s+(Iraq|Syria|Jordan)\b", re.IGNORECASE
)
_COUNTRY = {"iraq": "IQ", "syria": "SY", "jordan": "JO"}
_SOURCE = re.compile(
    r"\b((?:an?|the)\s+(?:senior\s+)?(?:US|U\.S\.|American|Pentagon|Defense\s+Department)"
    r"(?:\s+(?:military|defense|defence))?\s+(?:official|spokesperson|spokesman|officials))\b|"
    r"\b(the\s+Pentagon|CENTCOM|US\s+Central\s+Command)\b",
    re.IGNORECASE,
)


def read_tallies(scans: list[SentenceScan], doc_id: str, published: date | None) -> list[Tally]:
    """Tallies stated in the document; country breakdowns may sit in the next sentence."""
    out: list[Tally] = []
    for i, sc in enumerate(scans):
        text = sc.text
        if not (sc.dated or sc.has("cue:tally")):
            continue  # no date is read there, so no "since"
        since = next((d for d in sc.dates if d.kind == "since"), None)
        if not (since or sc.has("cue:tally")):
            continue
        m = _TOTAL.search(text)
        if not m:
            continue
        total = int(m.group(1))
        by_country: dict[str, int] = {}
        evidence = [sc]
        for other in (sc, *scans[i + 1:i + 3]):
            found = {_COUNTRY[c.lower()]: int(n) for n, c in _BY_COUNTRY.findall(other.text)}
            # "160 times in Iraq, Syria and Jordan" is the total, not Iraq's share
            if found and sum(found.values()) <= total and not (
                len(found) == 1 and next(iter(found.values())) == total):
                by_country = found
                if other is not sc:
                    evidence.append(other)
                break
        until = next((d for d in sc.dates if d.kind == "until" and d.value), None)
        as_of = until.value if until else published
        src = _SOURCE.search(text)
        out.append(Tally(
            doc_id=doc_id, as_of=as_of.isoformat() if as_of else None, total=total,
            by_country=by_country,
            since=since.value.isoformat() if since and since.value else None,
            source=(src.group(1) or src.group(2)) if src else None,
            evidence=[Evidence(doc_id=doc_id, start=e.start, end=e.sentence.end, text=e.text,
                               fields=["tally"]) for e in evidence],
        ))
    # a headline repeating the body's figure is the same tally: keep the fuller one
    best: dict[int, Tally] = {}
    for t in out:
        old = best.get(t.total)
        if old is None or (len(t.by_country), t.since is not None) > (
                len(old.by_country), old.since is not None):
            best[t.total] = t
    return [t for t in out if best[t.total] is t]
