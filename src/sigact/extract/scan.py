"""One pass over a document: sentences, codebook hits, places and dates, per sentence.

Everything later stages look at is found here once, with offsets into the document, and
bucketed by sentence so that each sentence's analysis reads only its own hits.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from sigact.extract.dates import DateMention, find_dates
from sigact.extract.lexicon import Hit, Lexicon
from sigact.extract.sentences import Sentence, split_sentences
from sigact.places import Gazetteer, PlaceMention


@dataclass(slots=True)
class SentenceScan:
    """What one sentence contains. Offsets are document offsets."""

    sentence: Sentence
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)  # document offsets

    def get(self, name: str) -> list[Hit]:
        return self.hits.get(name, [])

    def has(self, name: str) -> bool:
        return bool(self.hits.get(name))

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def text(self) -> str:
        return self.sentence.text


def _bucket(starts: list[int], sentences: list[Sentence], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    if i < 0 or offset >= sentences[i].end:
        return None
    return i


def scan_document(
    text: str, published: date | None, lex: Lexicon, gaz: Gazetteer, countries: set[str]
) -> list[SentenceScan]:
    sentences = split_sentences(text)
    scans = [SentenceScan(s) for s in sentences]
    if not sentences:
        return scans
    starts = [s.start for s in sentences]
    for name, hits in lex.matcher.scan(text).items():
        for h in hits:
            i = _bucket(starts, sentences, h.start)
            if i is not None:
                scans[i].hits.setdefault(name, []).append(h)
    for m in gaz.mentions(text):
        if m.place.country not in countries:
            continue
        i = _bucket(starts, sentences, m.start)
        if i is not None:
            scans[i].places.append(m)
    # one pass of the date rules over the whole text, then bucketed (offsets stay absolute)
    for d in find_dates(text, published):
        i = _bucket(starts, sentences, d.start)
        if i is not None and d.end <= sentences[i].end:
            scans[i].dates.append(d)
    return scans
