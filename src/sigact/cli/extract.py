"""`sigact extract`: documents in, one incident a line out (not merged across documents)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import typer

from sigact.cli import app, console


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt, .html, .jsonl, feeds, WARC."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write JSON Lines here (default: stdout)."),
    evidence: bool = typer.Option(True, "--evidence/--no-evidence", help="Include evidence spans."),
    tallies: Path | None = typer.Option(None, "--tallies", help="Also write tallies (JSON Lines) here."),
    workers: int = typer.Option(1, "--workers", "-w", help="Processes (>1 uses Dask)."),
) -> None:
    """Extract incidents from documents, one JSON object a line, in the scorer's schema."""
    from sigact.run import extract_paths

    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    tally_sink = tallies.open("w", encoding="utf-8") if tallies else None
    try:
        stats = extract_paths(paths, workers=workers)
        for ex in stats.extractions:
            for r in ex.reports:
                d = r.to_dict()
                if not evidence:
                    d.pop("evidence", None)
                sink.write(json.dumps(d, ensure_ascii=False) + "\n")
            if tally_sink is not None:
                for t in ex.tallies:
                    tally_sink.write(json.dumps(t.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
        if tally_sink is not None:
            tally_sink.close()
    # each skip was logged with its reason as it happened; here, the count by reason
    reasons = Counter(r.reason for r in stats.rejections)
    skipped = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
    console.print(
        f"{stats.n_documents} documents read, {len(stats.rejections)} skipped"
        + (f" ({skipped})" if skipped else "") + f", {stats.n_reports} incidents",
        highlight=False,
    )
    if stats.n_documents == 0:
        raise typer.Exit(code=1)
