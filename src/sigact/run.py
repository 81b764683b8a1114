"""Run extraction over many paths: in this process, or on a Dask cluster.

``extract_paths(paths)`` is what `sigact extract` calls; ``workers > 1`` (or a
``scheduler`` address) spreads documents over Dask workers with ``dask.bag``, for corpora
that outgrow one process. Results come back in document order either way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sigact.extract import Extraction, extract_document
from sigact.models import Document, Rejection
from sigact.read import iter_documents

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunResult:
    extractions: list[Extraction] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def n_documents(self) -> int:
        return len(self.extractions)

    @property
    def n_reports(self) -> int:
        return sum(len(e.reports) for e in self.extractions)


def _extract_one(doc: Document) -> Extraction:
    """One document's extraction; an extractor bug on one document is a logged skip of that
    document, with the reason, and the run goes on."""
    try:
        return extract_document(doc)
    except Exception as e:  # any failure is this document's, not the run's
        reason = f"{type(e).__name__}: {e}"
        log.warning("skipped %s: extraction failed (%s)", doc.id, reason)
        return Extraction(document=doc, rejections=[Rejection("extract", "error", doc.id, reason)])


def extract_paths(
    paths: Iterable[str | Path], workers: int = 1, scheduler: str | None = None,
    partition_size: int = 200,
) -> RunResult:
    """Read and extract every document under ``paths``."""
    result = RunResult()
    docs: list[Document] = []
    for item in iter_documents(paths):
        if isinstance(item, Rejection):
            result.rejections.append(item)
        else:
            docs.append(item)
    if workers <= 1 and scheduler is None:
        result.extractions = [_extract_one(d) for d in docs]
    else:
        result.extractions = _extract_dask(docs, workers, scheduler, partition_size)
    result.rejections += [r for e in result.extractions for r in e.rejections if r.reason == "error"]
    return result


def _extract_dask(
    docs: list[Document], workers: int, scheduler: str | None, partition_size: int
) -> list[Extraction]:
    try:
        import dask.bag as db
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("workers > 1 needs Dask: pip install 'sigact[dask]'") from e
    bag = db.from_sequence(docs, partition_size=max(1, partition_size))
    if scheduler:
        from distributed import Client

        with Client(scheduler):
            return list(bag.map(_extract_one).compute())
    return list(bag.map(_extract_one).compute(scheduler="processes", num_workers=workers))
