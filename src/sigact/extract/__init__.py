"""Extraction: documents in, evidence-backed incident reports out."""

from sigact.extract.pipeline import Extraction, extract_document

__all__ = ["Extraction", "extract_document"]
