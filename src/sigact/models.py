"""The objects that flow through the pipeline.

read/     -> Document (+ Rejection for what could not be read)
extract/  -> Report  (one incident as one document tells it, with Evidence) and Tally
merge     -> Incident (reports of one use of force, across documents)

They are plain dataclasses: cheap to build (extraction runs hundreds of articles a
second) and easy to turn into JSON. ``to_dict`` gives the scorer's schema
(``../shared/corpus/score.py``) plus sigact's own fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

EVENT_TYPES = ("remote_attack", "air_strike", "armed_clash")
WEAPONS = (
    "drone", "rocket", "missile", "ballistic_missile", "mortar", "artillery", "aircraft",
    "small_arms",
)
BASES = ("claimed", "attributed", "unknown")
OUTCOMES = ("hit", "intercepted", "unknown")
DATE_PRECISIONS = ("day", "week", "month", "unknown")
GEO_PRECISIONS = ("site", "town", "region")


def content_hash(text: str) -> str:
    """Stable hash of a document's text (whitespace-normalised)."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """One article, as read from a file, a JSONL line, a feed entry or a WARC record."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    #: where the publication date came from: "given" (JSONL/feed field), "html-meta",
    #: "text-header", or None when it was not found
    published_source: str | None = None
    path: str | None = None
    lang: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class Rejection:
    """Something dropped on the way, with the stage and the reason: never silent loss."""

    stage: str  # "read", "language", "extract", ...
    reason: str  # short machine-friendly reason, e.g. "binary", "empty", "not-english"
    source: str  # path, path:line, or document id
    detail: str = ""

    def __str__(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.source}: skipped at {self.stage}: {self.reason}{extra}"


@dataclass(slots=True)
class Evidence:
    """A sentence of a document that supports some fields of a report."""

    doc_id: str
    start: int  # character offsets into Document.text
    end: int
    text: str
    fields: list[str] = field(default_factory=list)  # e.g. ["event_type", "place", "date"]
    #: character spans (relative to ``start``) of the words that matched, for highlighting
    marks: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One incident as one document describes it (the unit of `sigact extract`)."""

    doc_id: str
    event_type: str
    date: str | None  # ISO day, or None when the document cannot date it
    date_precision: str
    country: str | None
    place: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None
    place_id: str | None = None
    admin1: str | None = None
    weapons: list[str] = field(default_factory=list)
    perpetrator: str | None = None
    perpetrator_basis: str = "unknown"
    target: str | None = None
    outcome: str = "unknown"
    killed: int | None = None
    injured: int | None = None
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    #: position of this incident among the document's incidents (stable, for ids)
    seq: int = 0
    outlet: str | None = None
    published: str | None = None

    @property
    def id(self) -> str:
        key = f"{self.doc_id}|{self.seq}|{self.event_type}|{self.place_id}|{self.date}"
        return "r-" + hashlib.sha1(key.encode()).hexdigest()[:12]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        d["docs"] = [self.doc_id]
        return d


@dataclass(slots=True)
class Tally:
    """A cumulative count stated in a document ("at least 97 attacks since 17 October")."""

    doc_id: str
    as_of: str | None
    total: int
    by_country: dict[str, int] = field(default_factory=dict)
    since: str | None = None
    source: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)
