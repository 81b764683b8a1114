"""Paths in, Documents and Rejections out: folder walking and format dispatch."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sigact.models import Document, Rejection
from sigact.read.decoding import decode_bytes, is_gzip, looks_binary
from sigact.read.feeds import iter_feed, looks_like_feed
from sigact.read.html import decode_html, read_html
from sigact.read.jsonl import iter_jsonl
from sigact.read.options import ReadOptions
from sigact.read.rejections import reject
from sigact.read.text import build_document
from sigact.read.warc import iter_warc

logger = logging.getLogger(__name__)

Item = Document | Rejection

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
_HEAD = 8192


def _doc_id(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz",):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _kind(path: Path, head: bytes) -> str:
    """The reader for a file: by its name, else by its first bytes."""
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/"):
        return "warc"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if looks_like_feed(stripped):
        return "feed"
    if suffix in FEED_SUFFIXES:
        return "xml"  # an XML file that is not a feed
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<body" in stripped[:_HEAD]:
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"


def _read_bytes(path: Path, size: int, options: ReadOptions) -> bytes | Rejection:
    """The whole file, after the size check (so a huge file is never read)."""
    if size == 0:
        return reject("empty", str(path), "0 bytes")
    if size > options.max_bytes:
        return reject("too-large", str(path), f"{size} bytes > {options.max_bytes}")
    try:
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except OSError as exc:
        return reject("unreadable", str(path), f"{type(exc).__name__}: {exc.strerror or exc}")
    if len(data) > options.max_bytes:  # grew since stat
        return reject("too-large", str(path), f"more than {options.max_bytes} bytes")
    return data


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Item]:
    """Documents and Rejections of one file."""
    opts = options or ReadOptions.from_env()
    source = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except FileNotFoundError:
        yield reject("not-found", source, "no such file")
        return
    except OSError as exc:
        yield reject("unreadable", source, f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    kind = _kind(path, head)
    try:
        if kind == "warc":
            if not head:
                yield reject("empty", source, "0 bytes")
            elif not (is_gzip(head) or head.startswith(b"WARC/")):
                yield reject("malformed-warc", source, "not a WARC file")
            else:
                yield from iter_warc(path, opts)
            return
        if kind == "jsonl":
            if size == 0:
                yield reject("empty", source, "0 bytes")
            else:
                yield from iter_jsonl(path, opts)
            return
        data = _read_bytes(path, size, opts)
        if isinstance(data, Rejection):
            yield data
            return
        why = looks_binary(data[:_HEAD])
        if why:
            yield reject("binary", source, why)
            return
        if kind == "feed":
            yield from iter_feed(data, source, opts, path=source)
        elif kind == "xml":
            yield reject("unsupported-format", source, "XML that is not an RSS/Atom feed")
        elif kind == "html":
            html, encoding = decode_html(data)
            if html is None:
                yield reject("encoding", source, encoding)
            else:
                yield read_html(html, _doc_id(path), source=source, path=source, options=opts)
        else:
            text, encoding = decode_bytes(data)
            if text is None:
                yield reject("encoding", source, encoding)
            else:
                yield build_document(text, _doc_id(path), source=source, path=source, options=opts)
    except OSError as exc:  # a file that fails midway through a stream
        yield reject("unreadable", source, f"{type(exc).__name__}: {exc.strerror or exc}")


def _walk(folder: Path) -> Iterator[Path | Rejection]:
    """Files under ``folder``, depth first, sorted by name; hidden entries skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield reject("unreadable", str(folder), f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            logger.debug("skipped hidden %s", entry.path)
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.is_symlink():
                logger.debug("skipped symlinked folder %s", path)
                continue
            yield from _walk(path)
        else:
            yield path


def _iter_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield reject("unreadable", str(path), f"{type(exc).__name__}: {exc}")
        return
    if not exists:
        yield reject("not-found", str(path), "no such file or folder")
        return
    if not is_dir:
        yield from read_file(path, options)
        return
    for found in _walk(path):
        if isinstance(found, Rejection):
            yield found
        else:
            yield from read_file(found, options)


def iter_documents(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """Documents and Rejections from files and folders, in a deterministic order.

    Folders are walked recursively in name order. A document whose id was already
    given out is rejected as "duplicate-id".
    """
    opts = options or ReadOptions.from_env()
    seen: dict[str, str] = {}
    for raw in paths:
        for item in _iter_path(Path(raw), opts):
            if isinstance(item, Document):
                first = seen.setdefault(item.id, item.path or item.id)
                if first != (item.path or item.id):
                    yield reject(
                        "duplicate-id",
                        item.path or item.id,
                        f"id {item.id!r} already read from {first}",
                    )
                    continue
            yield item


def read_paths(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> tuple[list[Document], list[Rejection]]:
    """All Documents and all Rejections from ``paths``, as two lists."""
    docs: list[Document] = []
    rejections: list[Rejection] = []
    for item in iter_documents(paths, options):
        (docs if isinstance(item, Document) else rejections).append(item)
    return docs, rejections
