"""Pydantic models of the HTTP API's requests and answers (they make /openapi.json)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sigact.models import BASES, EVENT_TYPES

EventType = Literal["remote_attack", "air_strike", "armed_clash"]
Basis = Literal["claimed", "attributed", "unknown"]
assert set(EVENT_TYPES) == {"remote_attack", "air_strike", "armed_clash"}
assert set(BASES) == {"claimed", "attributed", "unknown"}

T = TypeVar("T")


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The one shape of every 4xx and 5xx answer."""

    error: ErrorDetail


class Mark(BaseModel):
    """Characters ``start``..``end`` of the evidence sentence matched ``label``."""

    start: int
    end: int
    label: str = ""


class EvidenceOut(BaseModel):
    doc_id: str
    start: int | None = None
    end: int | None = None
    text: str
    fields: list[str] = []
    marks: list[Mark] = []


class ReportOut(BaseModel):
    """One incident as one document tells it."""

    id: str
    doc_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    event_type: str
    date: str | None = None
    date_precision: str | None = None
    country: str | None = None
    place: str | None = None
    weapons: list[str] = []
    perpetrator: str | None = None
    perpetrator_basis: str = "unknown"
    target: str | None = None
    outcome: str = "unknown"
    killed: int | None = None
    injured: int | None = None
    confidence: float | None = None
    evidence: list[EvidenceOut] = []


class DisagreementValue(BaseModel):
    value: Any = None
    docs: list[str] = []


class Disagreement(BaseModel):
    """Reports of one incident that say different things about ``field``."""

    field: str
    values: list[DisagreementValue] = []


class IncidentSummary(BaseModel):
    id: str
    event_type: str
    date: str | None = None
    date_precision: str | None = None
    country: str | None = None
    place: str | None = None
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    weapons: list[str] = []
    perpetrator: str | None = None
    perpetrator_basis: str = "unknown"
    target: str | None = None
    outcome: str = "unknown"
    killed: int | None = None
    injured: int | None = None
    n_reports: int = 0
    n_docs: int | None = None
    docs: list[str] = []


class IncidentDetail(IncidentSummary):
    reports: list[ReportOut] = []
    disagreements: list[Disagreement] = []


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="rows matching the filters, over all pages")
    limit: int
    offset: int


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    content_hash: str | None = None
    ingested_at: str | None = None
    n_reports: int = 0


class TallyOut(BaseModel):
    """A cumulative count a document states, beside the ledger's own count for the same
    window (``window_since``..``as_of``: dated remote attacks in the tally's countries)."""

    doc_id: str
    as_of: str | None = None
    since: str | None = None
    window_since: str | None = None
    total: int
    by_country: dict[str, int] = {}
    source: str | None = None
    ledger_count: int | None = None
    ledger_by_country: dict[str, int] = {}
    evidence: list[EvidenceOut] = []


class DocumentDetail(DocumentSummary):
    text: str = ""
    reports: list[ReportOut] = []
    tallies: list[TallyOut] = []


class TalliesOut(BaseModel):
    items: list[TallyOut]
    ledger_total: int = Field(description="incidents in the ledger")


class TimelineRow(BaseModel):
    date: str
    country: str
    count: int


class TimelineOut(BaseModel):
    days: list[TimelineRow]
    undated: int = 0
    total: int


class Facet(BaseModel):
    value: str
    count: int


class FacetsOut(BaseModel):
    country: list[Facet]
    event_type: list[Facet]
    actor: list[Facet]
    basis: list[Facet]
    date_min: str | None = None
    date_max: str | None = None


class GeoJSONFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any]
    properties: dict[str, Any]


class GeoJSONOut(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[GeoJSONFeature]
    total: int = Field(description="incidents matching the filters (some may have no position)")


class IngestRequest(BaseModel):
    """A document to add to the ledger (the same fields as a JSONL input line)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-]*$")
    text: str = Field(min_length=1)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    published: dt.date | None = None
    outlet: str | None = Field(default=None, max_length=200)

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v is not None and not v.lower().startswith(("http://", "https://")):
            raise ValueError("url must be an http(s) URL")
        return v

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is blank")
        return v


class IngestResult(BaseModel):
    """What the ledger did with the document: ``added``, ``replaced`` (an earlier version,
    listed in ``replaced``), ``unchanged`` (same content already stored) or ``older``."""

    id: str
    status: str
    reports: int = 0
    tallies: int = 0
    incidents: list[str] = Field(default=[], description="incidents its reports belong to")
    replaced: list[str] = []
    rejections: list[str] = Field(default=[], description="stage:reason of what was skipped")
