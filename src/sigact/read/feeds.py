"""RSS and Atom feeds through feedparser: each entry a Document."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from sigact.models import Document, Rejection
from sigact.read.html import html_to_text
from sigact.read.options import ReadOptions
from sigact.read.rejections import reject
from sigact.read.text import build_document

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)


def looks_like_feed(head: bytes) -> bool:
    """True when a file's first bytes open an RSS, Atom or RDF feed."""
    return bool(_FEED_ROOT.search(head[:4096]))


def url_id(url: str) -> str:
    """A stable document id from a URL (or any entry id)."""
    return hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:16]


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _entry_html(entry: Any) -> str:
    """The fullest text the entry carries: its content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def iter_feed(
    data: bytes, source: str, options: ReadOptions, path: str | None = None
) -> Iterator[Document | Rejection]:
    """Documents of a feed; an entry without a link or id is rejected."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f"{parsed.get('bozo_exception')!r}" if parsed.get("bozo") else "no entries"
        yield reject("malformed-feed" if parsed.get("bozo") else "empty", source, why)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for index, entry in enumerate(parsed.entries):
        link = (entry.get("link") or "").strip()
        key = link or (entry.get("id") or "").strip()
        entry_source = f"{source}#{key or index}"
        if not key:
            yield reject("missing-id", entry_source, "entry has no link and no id")
            continue
        title = " ".join((entry.get("title") or "").split()) or None
        text = html_to_text(_entry_html(entry))
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        published = _entry_date(entry)
        yield build_document(
            text,
            url_id(key),
            source=entry_source,
            url=link or None,
            title=title,
            outlet=outlet,
            published=published,
            published_source="given" if published is not None else None,
            path=path,
            options=options,
        )
