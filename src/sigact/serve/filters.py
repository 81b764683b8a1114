"""The incident filters of the API's query string, parsed and checked in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from fastapi import Query

from sigact.serve.errors import ApiError
from sigact.serve.schemas import Basis, EventType

#: sort keys of /api/incidents: the store's own
SORTS = ("date", "-date", "n_reports", "-n_reports", "n_docs", "-n_docs", "country",
         "-country", "place", "-place", "id", "-id")


@dataclass(frozen=True, slots=True)
class IncidentFilters:
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    place: str | None = None
    event_type: str | None = None
    actor: str | None = None
    basis: str | None = None

    def as_dict(self) -> dict[str, str]:
        """Only the filters that are set."""
        return {k: v for k, v in asdict(self).items() if v is not None}


def incident_filters(
    date_from: dt.date | None = Query(None, description="first day, ISO (inclusive)"),
    date_to: dt.date | None = Query(None, description="last day, ISO (inclusive)"),
    country: str | None = Query(None, pattern=r"^[A-Za-z]{2}$",
                                description="ISO 3166-1 alpha-2, e.g. IQ"),
    place: str | None = Query(None, max_length=200,
                              description="place name or place id (substring)"),
    event_type: EventType | None = Query(None),
    actor: str | None = Query(None, max_length=200,
                              description="perpetrator name (substring, any case)"),
    basis: Basis | None = Query(None, description="how the perpetrator is known"),
) -> IncidentFilters:
    if date_from and date_to and date_from > date_to:
        raise ApiError(400, "bad-filter", "date_from is after date_to")
    return IncidentFilters(
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        country=country.upper() if country else None,
        place=place or None,
        event_type=event_type,
        actor=actor or None,
        basis=basis,
    )
