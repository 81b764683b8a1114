"""One pass over a document: sentences, codebook hits, places and dates, per sentence.

Everything later stages look at is found here once, with offsets into the document, and
bucketed by sentence so that each sentence's analysis reads only its own hits. A
sentence's dates are read the first time they are asked for (once), as most sentences of
force are turned away before their dates matter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from sigact.extract.dates import DateMention, find_dates
from sigact.extract.gates import Led
from sigact.extract.lexicon import Hit, Lexicon
from sigact.extract.sentences import Sentence, split_sentences
from sigact.places import Gazetteer, Place, PlaceMention, haversine_km


@dataclass(slots=True)
class SentenceScan:
    """What one sentence contains. Offsets are document offsets."""

    sentence: Sentence
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    places: list[PlaceMention] = field(default_factory=list)
    start: int = field(init=False)  # the sentence's (read often)
    text: str = field(init=False)
    _dates: list[DateMention] | None = field(default=None, repr=False)
    _date_reader: _DateReader | None = field(default=None, repr=False)

    # written out (dataclass keeps it): compiled, it is a direct call, where the generated
    # __init__ runs as interpreted Python
    def __init__(
        self, sentence: Sentence, hits: dict[str, list[Hit]] | None = None,
        places: list[PlaceMention] | None = None, _dates: list[DateMention] | None = None,
        _date_reader: _DateReader | None = None,
    ) -> None:
        self.sentence = sentence
        self.hits = {} if hits is None else hits
        self.places = [] if places is None else places
        self.start = sentence.start
        self.text = sentence.text
        self._dates = _dates
        self._date_reader = _date_reader

    @property
    def dated(self) -> bool:
        """Whether the sentence's dates are read at all (a sentence of force or of a tally)."""
        return self._date_reader is not None

    @property
    def dates(self) -> list[DateMention]:
        """The sentence's date phrases (document offsets), read the first time they are asked
        for: most sentences of force are turned away before their dates matter."""
        if self._dates is None:
            self._dates = self._date_reader.read(self.sentence) if self._date_reader else []
        return self._dates

    def get(self, name: str) -> list[Hit]:
        return self.hits.get(name, [])

    def has(self, name: str) -> bool:
        return bool(self.hits.get(name))


def _bucket(starts: list[int], sentences: list[Sentence], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    if i < 0 or offset >= sentences[i].end:
        return None
    return i


def scan_document(
    text: str, published: date | None, lex: Lexicon, gaz: Gazetteer, countries: set[str],
    anchor: date | None = None,
) -> list[SentenceScan]:
    """Every sentence scanned once. Dates are read against ``published``, or in an undated
    text against ``anchor`` (its own full date, see :func:`anchor_date`)."""
    sentences = split_sentences(text)
    scans = [SentenceScan(s) for s in sentences]
    if not sentences:
        return scans
    starts = [s.start for s in sentences]
    n = len(sentences)
    for name, hits in lex.matcher.scan(text).items():
        # a list's hits are in order, as the sentences (which do not overlap): the sentence
        # of each is found walking on from the last one's (as _bucket finds it)
        k = 0
        for h in hits:
            while k < n and sentences[k].end <= h.start:
                k += 1
            if k < n and sentences[k].start <= h.start:
                scans[k].hits.setdefault(name, []).append(h)
    # places and dates matter only in sentences that tell of force or state a tally: the
    # gazetteer and the date rules read those (runs of them at once; offsets stay absolute)
    # (and a sentence just after one of force that says where its target lies: "the safe
    # house, located in the Bulbul district of Mayadin, ...")
    # (or just before one: "the explosion at the Kalsu camp in northern Babil ... three
    # missiles targeted the brigade's headquarters")
    wanted = [sc for i, sc in enumerate(scans) if sc.hits.get("trigger") or sc.hits.get("cue:tally") or (
        any(scans[j].hits.get("trigger") for j in range(max(0, i - 2), min(len(scans), i + 3)) if j != i)
        and bool(LOCATING_LED.search(sc.text)))]
    found: list[tuple[int, PlaceMention, list]] = []
    homonyms: dict[tuple[str, int], list[Place]] = {}  # one look-up per name and place in the text
    for lo, hi in _runs(wanted):
        for m in gaz.mentions_at(text, lo, hi):
            i = _bucket(starts, sentences, m.start)
            if i is not None:
                key = (m.text, id(m.place))
                alts = homonyms.get(key)
                if alts is None:
                    alts = homonyms[key] = gaz.homonyms(m)
                found.append((i, m, alts))
    # a name that several places share is the one nearest the text's other places
    sure = [m.place for _, m, alts in found if len(alts) == 1]
    for i, m, alts in found:
        if len(alts) > 1 and sure:
            best = min(alts, key=lambda p: sum(haversine_km(p.lat, p.lon, q.lat, q.lon) for q in sure))
            m = PlaceMention(m.start, m.end, m.text, best, m.score)
        if m.place.country in countries:
            scans[i].places.append(m)
    reader = _DateReader(text, published if published is not None else anchor, around=published is None)
    for sc in wanted:
        sc._date_reader = reader
    return scans


@dataclass(slots=True, frozen=True)
class _DateReader:
    """Reads a sentence's dates against the document's anchor date."""

    text: str
    anchor: date | None
    around: bool

    def read(self, s: Sentence) -> list[DateMention]:
        out = []
        for d in find_dates(s.text, self.anchor, around=self.around):
            d = _date_mention(DateMention, (d.start + s.start, d.end + s.start, *d[2:]))  # d._replace(...)
            if not _publication_date(self.text, d):
                out.append(d)
        return out


_date_mention = tuple.__new__  # a DateMention without the Python-level _replace and __new__


def anchor_date(text: str, period_start: date | None) -> date | None:
    """The date an undated text is read against: its own latest full date near the top
    ("Sunday, Jan. 28, 2024" in a caption), within the codebook's period and not a file
    photo's; None when it names none."""
    full = [d.value for d in find_dates(text[:_ANCHOR_ZONE], None)
            if d.kind == "day" and d.explicit and d.value is not None
            and (period_start is None or d.value >= period_start)
            and not _CREDIT.search(text, max(0, d.start - 150), d.start)]
    return max(full) if full else None


def _runs(scans: list[SentenceScan]) -> list[tuple[int, int]]:
    """Character spans covering consecutive sentences of ``scans``."""
    out: list[tuple[int, int]] = []
    prev = -2
    for sc in scans:
        if sc.sentence.index == prev + 1 and out:
            out[-1] = (out[-1][0], sc.sentence.end)
        else:
            out.append((sc.start, sc.sentence.end))
        prev = sc.sentence.index
    return out


# where a target lies, said apart from the event: "the safe house, located in X",
# "the main target was an area known as 'the farms' outside the town of X"
LOCATING = re.compile(
    r"\b(?:located|situated)\s+(?:in|near|outside|on\s+the\s+outskirts\s+of)\b|"
    r"\b(?:main\s+|first\s+|second\s+|other\s+)?targets?\s+(?:was|were|included|includes)\b|"
    # "The US aggression led to the martyrdom of a PMF member in al-Qaim": its toll, placed
    r"\b(?:killed|martyred|martyrdom|damaged|destroyed)\b[^.;]{0,60}?\b(?:in|at|near)\s|"
    # "the explosion at the Kalsu camp", "the blast occurred ... at a facility in Duhok province"
    r"\b(?:explosions?|blasts?)\s+(?:(?:occurred|took\s+place|happened|struck|rocked)\b[^.;]{0,100}?\s)?"
    r"(?:at|in|inside)\s",
    re.IGNORECASE,
)
LOCATING_LED = Led(LOCATING)
_ANCHOR_ZONE = 500
_CREDIT = re.compile(r"file\s+photo|photo\s+credit|credit:|archive|\bfile\b", re.IGNORECASE)
# the date of a crawler's prefix ("date 2024-01-21 Headline") or of a dateline
# ("DAMASCUS, Aug 14 (SANA) -") says when the text was published, not when things happened
_CRAWLER_PREFIX = re.compile(r"(?:^|\n)\s*date\s+$")
_DATELINE = re.compile(
    r"(?:^|\n)\s*(?:date\s+\S+\s+)?(?:\([^)\n]{1,60}\)\s*)?[A-Z][A-Za-z .'’-]{1,30},\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?\s*"
    r"(?:\([^)\n]{1,40}\))?\s*(?:-{1,2}|–|—)"
)


def _publication_date(text: str, d: DateMention) -> bool:
    if d.start < 40 + text.find("date") and _CRAWLER_PREFIX.search(text, max(0, d.start - 12), d.start):
        return True
    line_start = text.rfind("\n", 0, d.start) + 1
    if d.start - line_start > 60:
        return False
    m = _DATELINE.match(text, line_start if line_start else 0)
    return bool(m and m.end() >= d.end)
