"""sigact: news reports in, an evidence-backed ledger of conflict incidents out."""

import logging

from sigact.models import Document, Evidence, Rejection, Report, Tally

__version__ = "0.1.0"
__all__ = ["Document", "Evidence", "Rejection", "Report", "Tally", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
