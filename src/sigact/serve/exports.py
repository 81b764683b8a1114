"""Helpers of the export endpoints: streaming a spooled file, and the basis filter that
the store's exports lack."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any


def keep_ids(fmt: str, text: str, ids: set[str]) -> str:
    """Only the incidents of ``ids`` from an export's text."""
    if fmt == "jsonl":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "".join(ln + "\n" for ln in lines if str(json.loads(ln).get("id")) in ids)
    if fmt == "geojson":
        geo = json.loads(text)
        geo["features"] = [ft for ft in geo.get("features", [])
                           if str((ft.get("properties") or {}).get("id")) in ids
                           or str(ft.get("id")) in ids]
        return json.dumps(geo, ensure_ascii=False)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    header, body = rows[0], rows[1:]
    col = next((n for n, h in enumerate(header) if h in ("id", "event_id_cnty", "event_id")), 0)
    # the store's CSV names an incident "IRQ" + the hash of its id "i-<hash>"
    tails = {i.split("-", 1)[-1] for i in ids}

    sizes = {len(t) for t in tails}

    def kept(cell: str) -> bool:
        return cell in ids or any(len(cell) - n <= 3 and cell[-n:] in tails for n in sizes)

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(r for r in body if r and kept(r[col]))
    return out.getvalue()


def chunks(spool: Any, size: int = 64 * 1024) -> Iterator[bytes]:
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()


class TextSink:
    """A minimal text stream over a binary file (what ``Ledger.export`` writes to)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def write(self, s: str) -> int:
        self.raw.write(s.encode("utf-8"))
        return len(s)

    def flush(self) -> None:
        pass
