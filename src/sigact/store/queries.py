"""Read side of the ledger: filters, sorting and the row shapes the API returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sigact.store.errors import UnknownFormat

#: sort keys accepted by ``Ledger.incidents`` ("-" prefix = descending)
SORTS = ("date", "-date", "n_reports", "-n_reports", "n_docs", "-n_docs", "country",
         "-country", "place", "-place", "id", "-id")


@dataclass(slots=True)
class IncidentFilter:
    """What ``Ledger.incidents`` / ``Ledger.export`` keep.  Every field is optional (None =
    no constraint) and they combine with AND.

    - ``date_from`` / ``date_to``: inclusive ISO days (``date`` objects are accepted);
      undated incidents are dropped as soon as either bound is set.
    - ``country``: ISO2 code (``IQ``, ``SY``, ``JO``), case-insensitive.
    - ``place``: case-insensitive substring of the incident's place name, or its exact
      place id (e.g. a gazetteer id).
    - ``event_type``: ``remote_attack`` | ``air_strike`` | ``armed_clash``.
    - ``actor``: case-insensitive substring of the perpetrator (or the target).
    - ``doc_id``: only incidents reported by that document.
    - ``min_reports``: at least that many reports (2 = corroborated across documents).
    - ``weapon``: incidents whose reconciled weapons include it (e.g. ``drone``).
    - ``disputed``: True = only incidents with disagreements, False = only without.
    """

    date_from: str | date | None = None
    date_to: str | date | None = None
    country: str | None = None
    place: str | None = None
    event_type: str | None = None
    actor: str | None = None
    doc_id: str | None = None
    min_reports: int | None = None
    weapon: str | None = None
    disputed: bool | None = None

    def normalised(self) -> IncidentFilter:
        """A copy with ISO-string dates and an upper-case country; raises UnknownFormat
        on a malformed date."""
        def iso(v: str | date | None) -> str | None:
            if v is None or v == "":
                return None
            if isinstance(v, date):
                return v.isoformat()
            try:
                return date.fromisoformat(str(v)[:10]).isoformat()
            except ValueError as e:
                raise UnknownFormat(f"not an ISO date: {v!r}") from e
        return IncidentFilter(
            date_from=iso(self.date_from), date_to=iso(self.date_to),
            country=self.country.upper() if self.country else None,
            place=self.place or None, event_type=self.event_type or None,
            actor=self.actor or None, doc_id=self.doc_id or None,
            min_reports=self.min_reports, weapon=self.weapon or None,
            disputed=self.disputed,
        )
