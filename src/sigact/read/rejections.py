"""One way to turn away input: a Rejection that is also logged."""

from __future__ import annotations

import logging

from sigact.models import Rejection

logger = logging.getLogger(__name__)


def reject(reason: str, source: str, detail: str = "", *, stage: str = "read") -> Rejection:
    """Build a Rejection and log it as a warning."""
    rejection = Rejection(stage=stage, reason=reason, source=source, detail=detail)
    logger.warning("%s", rejection)
    return rejection
