"""WARC archives through warcio: each HTML response record a Document."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sigact.models import Document, Rejection
from sigact.read.feeds import url_id
from sigact.read.html import decode_html, read_html
from sigact.read.options import ReadOptions
from sigact.read.rejections import reject

logger = logging.getLogger(__name__)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def iter_warc(path: Path, options: ReadOptions) -> Iterator[Document | Rejection]:
    """Documents of a WARC file (plain or gzipped), streamed record by record; an archive
    that gives none (no HTML response in it, or a gzip stream with no record) is a
    rejection, never silence."""
    count = 0
    for item in _iter_warc(path, options):
        count += 1
        yield item
    if not count:
        yield reject("no-articles", str(path), "no HTML response record in the archive")


def _iter_warc(path: Path, options: ReadOptions) -> Iterator[Document | Rejection]:
    with path.open("rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    logger.debug("%s: skipped %s (%s)", path, uri, content_type or "no type")
                    continue
                source = f"{path}#{uri}"
                status = record.http_headers.get_statuscode() or ""
                if not status.startswith("2"):
                    if not status.startswith("3"):  # a redirect has no article: not a loss
                        yield reject("http-error", source, f"HTTP status {status}")
                    continue
                if not uri:
                    yield reject("missing-id", source, "response record without a target URI")
                    continue
                data = record.content_stream().read(options.max_bytes + 1)
                if len(data) > options.max_bytes:
                    yield reject("too-large", source, f"record > {options.max_bytes} bytes")
                    continue
                missing = getattr(record.raw_stream, "limit", 0)
                if missing:
                    yield reject("malformed-warc", source, f"truncated record: {missing} bytes short")
                    continue
                html, encoding = decode_html(data, _charset(content_type))
                if html is None:
                    yield reject("encoding", source, encoding)
                    continue
                yield read_html(html, url_id(uri), source=source, url=uri, path=str(path), options=options)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
            yield reject("malformed-warc", str(path), f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # warcio trips over some damaged headers (AttributeError)
            yield reject("malformed-warc", str(path), f"{type(exc).__name__}: {exc}")
