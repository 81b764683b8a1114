"""The JSON API: /api/... routes. Thin: parse, call ``LedgerSource``, answer."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from sigact.models import Document
from sigact.serve.errors import ApiError
from sigact.serve.filters import SORTS, IncidentFilters, incident_filters
from sigact.serve.schemas import (
    DocumentDetail,
    DocumentSummary,
    ErrorBody,
    FacetsOut,
    GeoJSONOut,
    IncidentDetail,
    IncidentSummary,
    IngestRequest,
    IngestResult,
    Page,
    TalliesOut,
    TimelineOut,
)
from sigact.serve.settings import ServeSettings
from sigact.serve.source import LedgerSource

_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 404, 413, 422, 500)}
ID = r"^[^/]{1,300}$"


def get_source(request: Request) -> LedgerSource:
    return request.app.state.source


def get_settings(request: Request) -> ServeSettings:
    return request.app.state.settings


def _token_ok(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "unauthorized", "missing bearer token",
                       {"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "wrong bearer token",
                       {"WWW-Authenticate": 'Bearer error="invalid_token"'})
    return True


def check_read(request: Request, settings: ServeSettings = Depends(get_settings)) -> None:
    if settings.read_token_required and settings.token:
        _token_ok(request, settings.token)


def check_write(request: Request, settings: ServeSettings = Depends(get_settings)) -> None:
    if not settings.token:
        raise ApiError(403, "writes-disabled",
                       "POST is disabled: start `sigact serve` with --token or SIGACT_TOKEN")
    _token_ok(request, settings.token)


router = APIRouter(prefix="/api", responses=_ERRORS)
reads = APIRouter(dependencies=[Depends(check_read)])


class Paging:
    def __init__(self, request: Request,
                 limit: int | None = Query(None, ge=1, description="rows per page"),
                 offset: int = Query(0, ge=0, le=10_000_000)) -> None:
        settings: ServeSettings = request.app.state.settings
        self.limit = min(limit or settings.default_page_size, settings.max_page_size)
        self.offset = offset


@reads.get("/incidents", response_model=Page[IncidentSummary], summary="List incidents")
def list_incidents(
    filters: IncidentFilters = Depends(incident_filters),
    sort: str = Query("-date", description="one of: " + ", ".join(SORTS)),
    paging: Paging = Depends(),
    source: LedgerSource = Depends(get_source),
) -> dict:
    """Incidents matching the filters, one page at a time, with the total count."""
    if sort not in SORTS:
        raise ApiError(400, "bad-sort", f"sort must be one of {', '.join(SORTS)}")
    rows, total = source.incidents(filters, sort, paging.limit, paging.offset)
    for r in rows:
        r.pop("reports", None)
    return {"items": rows, "total": total, "limit": paging.limit, "offset": paging.offset}


@reads.get("/incidents.geojson", response_model=GeoJSONOut,
           summary="Incidents as GeoJSON points")
def incidents_geojson(request: Request, filters: IncidentFilters = Depends(incident_filters),
                      source: LedgerSource = Depends(get_source)) -> Response:
    """Every incident matching the filters that has a position, as compact points."""
    gz = "gzip" in request.headers.get("accept-encoding", "").lower()
    headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"} if gz else None
    return Response(source.geojson_bytes(filters, gzipped=gz), media_type="application/json",
                    headers=headers)


@reads.get("/incidents/{incident_id}", response_model=IncidentDetail, summary="One incident")
def get_incident(incident_id: str = Path(pattern=ID),
                 source: LedgerSource = Depends(get_source)) -> dict:
    """An incident with all its reports, their evidence sentences and marks, and the
    fields on which its reports disagree."""
    inc = source.incident(incident_id)
    if inc is None:
        raise ApiError(404, "not-found", f"no incident {incident_id!r}")
    return inc


@reads.get("/timeline", response_model=TimelineOut, summary="Incidents per day and country")
def timeline(filters: IncidentFilters = Depends(incident_filters),
             source: LedgerSource = Depends(get_source)) -> dict:
    return source.timeline(filters)


@reads.get("/facets", response_model=FacetsOut, summary="Counts of filter values")
def facets(filters: IncidentFilters = Depends(incident_filters),
           source: LedgerSource = Depends(get_source)) -> dict:
    return source.facets(filters)


@reads.get("/documents", response_model=Page[DocumentSummary], summary="List documents")
def list_documents(paging: Paging = Depends(),
                   source: LedgerSource = Depends(get_source)) -> dict:
    rows, total = source.documents(paging.limit, paging.offset)
    return {"items": rows, "total": total, "limit": paging.limit, "offset": paging.offset}


@reads.get("/documents/{doc_id}", response_model=DocumentDetail, summary="One document")
def get_document(doc_id: str = Path(pattern=ID),
                 source: LedgerSource = Depends(get_source)) -> dict:
    doc = source.document(doc_id)
    if doc is None:
        raise ApiError(404, "not-found", f"no document {doc_id!r}")
    return doc


@reads.get("/tallies", response_model=TalliesOut,
           summary="Stated cumulative counts beside the ledger's count")
def tallies(source: LedgerSource = Depends(get_source)) -> dict:
    return source.tallies()


def _download(chunks: Iterator[bytes], media_type: str, filename: str) -> StreamingResponse:
    return StreamingResponse(chunks, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@reads.get("/export.csv", summary="Incidents as CSV", response_class=Response,
           responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def export_csv(filters: IncidentFilters = Depends(incident_filters),
               source: LedgerSource = Depends(get_source)) -> StreamingResponse:
    """Every incident matching the filters, in the store's CSV columns."""
    return _download(source.export("csv", filters), "text/csv; charset=utf-8", "incidents.csv")


@reads.get("/export.jsonl", summary="Incidents as JSON lines", response_class=Response,
           responses={200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}})
def export_jsonl(filters: IncidentFilters = Depends(incident_filters),
                 source: LedgerSource = Depends(get_source)) -> StreamingResponse:
    """Every incident matching the filters, one JSON object a line (the scorer's schema
    plus n_reports, disagreements and evidence)."""
    return _download(source.export("jsonl", filters), "application/x-ndjson",
                     "incidents.jsonl")


router.include_router(reads)


@router.post("/documents", response_model=IngestResult, status_code=201,
             dependencies=[Depends(check_write)], summary="Add a document to the ledger")
def ingest_document(body: IngestRequest, source: LedgerSource = Depends(get_source)) -> dict:
    """Read, extract and merge one document (needs ``Authorization: Bearer <token>``)."""
    doc = Document(id=body.id, text=body.text, url=body.url, title=body.title,
                   outlet=body.outlet, published=body.published,
                   published_source="given" if body.published else None)
    return source.ingest(doc)
