"""JSON Lines: one article an object, ``id`` and ``text`` required."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sigact.models import Document, Rejection
from sigact.read.decoding import looks_binary
from sigact.read.options import ReadOptions
from sigact.read.rejections import reject
from sigact.read.text import read_text_document


def _optional_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_jsonl_line(raw: bytes, source: str, options: ReadOptions) -> Document | Rejection | None:
    """One line of a JSONL file (None for a blank line)."""
    if len(raw) > options.max_bytes:
        return reject("too-large", source, f"line of {len(raw)} bytes > {options.max_bytes}")
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return reject("encoding", source, f"not UTF-8: {exc.reason} at byte {exc.start}")
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return reject("malformed-json", source, f"{exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return reject("malformed-json", source, f"a {type(record).__name__}, not an object")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return reject("missing-id", source, "no string 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        return reject("missing-text", source, "no string 'text'")
    published = record.get("published")
    return read_text_document(
        text,
        doc_id.strip(),
        url=_optional_str(record.get("url")),
        title=_optional_str(record.get("title")),
        outlet=_optional_str(record.get("outlet")),
        published=published if isinstance(published, str) else None,
        path=source,
        source=source,
        options=options,
    )


def iter_jsonl(path: Path, options: ReadOptions) -> Iterator[Document | Rejection]:
    """Documents of a JSONL file, streamed; a bad line is rejected and the rest goes on."""
    with path.open("rb") as handle:
        why = looks_binary(handle.read(8192))
        if why:
            yield reject("binary", str(path), why)
            return
        handle.seek(0)
        lineno = 0
        produced = False
        while True:
            raw = handle.readline(options.max_bytes + 1)
            if not raw:
                if not produced:  # blank lines only: say so rather than yield nothing
                    yield reject("empty", str(path), "no JSON line in the file")
                return
            lineno += 1
            if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                produced = True
                yield reject("too-large", f"{path}:{lineno}", f"line > {options.max_bytes} bytes")
                while raw and not raw.endswith(b"\n"):  # skip the rest, a chunk at a time
                    raw = handle.readline(1 << 20)
                continue
            item = read_jsonl_line(raw, f"{path}:{lineno}", options)
            if item is not None:
                produced = True
                yield item
