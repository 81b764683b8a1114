"""extract_document: one document in, its incidents (reports) and tallies out.

The stages, top to bottom:

    scan      sentences, codebook hits, places, dates          (scan.py, dates.py)
    frames    per sentence: event, places, agent, weapons...   (frames.py, roles.py,
                                                                agents.py, clauses.py)
    context   dates in context, anaphora, the document's story (context.py)
    group     one report per incident in the document          (incidents.py)
    tallies   cumulative counts                                (tallies.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sigact.codebook import Codebook, load_codebook
from sigact.extract.context import (
    adopt_story,
    build_mentions,
    default_perpetrator,
    resolve_dates,
    state_strikes,
)
from sigact.extract.frames import Frame, read_sentence
from sigact.extract.incidents import group_incidents, to_reports
from sigact.extract.lexicon import lexicon
from sigact.extract.scan import anchor_date, scan_document
from sigact.extract.tallies import read_tallies
from sigact.models import Document, Rejection, Report, Tally
from sigact.places import Gazetteer, load_gazetteer


@dataclass(slots=True)
class Extraction:
    document: Document
    reports: list[Report] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def extract_document(
    doc: Document, codebook: Codebook | None = None, gazetteer: Gazetteer | None = None
) -> Extraction:
    """The incidents a document tells of, each with the sentences that say so."""
    cb = codebook or load_codebook()
    lex = lexicon(cb)
    gaz = gazetteer or load_gazetteer()
    countries = set(cb.theatre.countries)
    # an undated text is read against its own full date (a caption's "December 8, 2023")
    anchor = None if doc.published is not None else anchor_date(doc.text, cb.theatre.period_start)
    scans = scan_document(doc.text, doc.published, lex, gaz, countries, anchor)

    frames: list[Frame] = []
    # for "the group" / "the Resistance": which actors were named before each sentence
    named_before: dict[int, tuple[str, ...]] = {}
    named: list[str] = []
    prev_block = -1
    for sc in scans:
        first_in_block = sc.sentence.block != prev_block
        prev_block = sc.sentence.block
        frame = read_sentence(sc, doc.text, lex, first_in_block, doc.published,
                              cb.theatre.background_days, cb.theatre.period_start)
        named_before[sc.sentence.index] = tuple(named)
        named.extend(h.value for h in sc.get("actor")
                     if lex.actor_kind.get(h.value) == "non_state")
        if frame is not None:
            frames.append(frame)

    dates = resolve_dates(frames, doc.published, anchor)
    mentions = build_mentions(frames, dates, named_before)
    adopt_story(mentions)
    default_perpetrator(mentions, frames, lex.descriptive, lex.defenders, lex.abroad)
    state_strikes(mentions, lex.actor_kind, lex.remote_fire, lex.ground)
    groups = group_incidents(mentions)
    out = Extraction(document=doc)
    out.reports = to_reports(groups, doc.id, doc.outlet, doc.published, lex.descriptive)
    out.tallies = read_tallies(scans, doc.id, doc.published)
    if not out.reports:
        out.rejections.append(Rejection("extract", "no-incident", doc.id,
                                        f"{len(frames)} event sentences, none placed"))
    return out
