"""Text to a Document: normalise, check length and language, find date and outlet."""

from __future__ import annotations

import logging
from datetime import date, datetime

from sigact.models import Document, Rejection
from sigact.read.dates import find_published_date, parse_date
from sigact.read.decoding import count_words, normalise_text
from sigact.read.language import language_profile
from sigact.read.options import ReadOptions
from sigact.read.outlets import find_outlet
from sigact.read.rejections import reject

logger = logging.getLogger(__name__)


def given_date(value: object, source: str) -> date | None:
    """A ``published`` value handed in (date, datetime or string), or None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    logger.warning("%s: ignored unreadable published value %r", source, value)
    return None


def build_document(
    text: str,
    doc_id: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    published_source: str | None = None,
    path: str | None = None,
    options: ReadOptions | None = None,
) -> Document | Rejection:
    """The common last step of every format: text checks, then header date and outlet."""
    opts = options or ReadOptions.from_env()
    text = normalise_text(text)
    if not text:
        return reject("empty", source, "no text")
    words = count_words(text)
    if words < opts.min_words:
        return reject("too-short", source, f"{words} words < {opts.min_words}")
    lang = None
    if opts.check_language:
        profile = language_profile(text)
        if not profile.english:
            return reject("not-english", source, profile.describe(), stage="language")
        lang = "en"
    if published is None:
        found, how = find_published_date(text, opts.header_lines, opts.header_chars)
        if found is not None:
            logger.debug("%s: published %s from the text header (%s)", source, found, how)
            published, published_source = found, "text-header"
    if outlet is None:
        outlet = find_outlet(text, opts.header_lines, opts.header_chars)
    return Document(
        id=doc_id,
        text=text,
        url=url or None,
        title=title or None,
        outlet=outlet or None,
        published=published,
        published_source=published_source if published is not None else None,
        path=path,
        lang=lang,
    )


def read_text_document(
    text: str,
    doc_id: str,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: date | str | None = None,
    path: str | None = None,
    source: str | None = None,
    options: ReadOptions | None = None,
) -> Document | Rejection:
    """A Document from in-memory text (JSONL lines, an HTTP POST body)."""
    source = source or path or doc_id
    if not isinstance(text, str):
        return reject("missing-text", source, f"text is {type(text).__name__}")
    if "\x00" in text[:8192] and text[:8192].count("\x00") > len(text[:8192]) * 0.01:
        return reject("binary", source, "NUL characters in text")
    day = given_date(published, source)
    return build_document(
        text,
        doc_id,
        source=source,
        url=url,
        title=title,
        outlet=outlet,
        published=day,
        published_source="given" if day is not None else None,
        path=path,
        options=options,
    )
