"""sigact: news reports in, an evidence-backed ledger of conflict incidents out."""

import logging

from sigact import _native

_native.check()  # before any extraction module is imported: compiled ones, unless stale

from sigact.models import Document, Evidence, Rejection, Report, Tally  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Document", "Evidence", "Rejection", "Report", "Tally", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
