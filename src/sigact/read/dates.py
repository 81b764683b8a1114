"""Publication dates from the header lines of a plain-text article.

Only the header is searched (the first few non-empty lines), never the body, and
nothing is guessed: no year in the header, no date. Priority: a crawler prefix
(`` date 2023-12-15 Headline``) > a "Published ..." label > a dateline or a date line
> an "Updated ..." label.
"""

from __future__ import annotations

import logging
import re
from datetime import date

logger = logging.getLogger(__name__)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"

# each pattern yields groups y, d and either mon (a month name) or m (a month number)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (the year may run into the next word on a scraped page: "December 4, 2023Middle East")
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}(?!\d)", re.I)),
    # "17-May-2024", "7-February-2024"
    ("dmy", re.compile(rf"\b{_DAY}-{_MON}-{_YEAR}(?!\d)", re.I)),
    ("iso", re.compile(rf"\b{_YEAR}[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)")),
    ("num", re.compile(rf"\b(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep){_YEAR}\b")),
)
_CRAWLER = re.compile(r"\A\s*date:?\s+(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_LABEL = re.compile(
    r"\b(?P<label>(?:first\s+|originally\s+)?published|posted|(?:last\s+)?updated|"
    r"(?:last\s+)?modified|date(?:\s+published|\s+added|\s+add\s+in)?|publication\s+date)"
    r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?\Z",
    re.I,
)
_PREPOSITION = re.compile(r"\b(?:since|from|until|till|before|after|between|on|in|of|by|to)\s*\Z", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", re.I)
_DATELINE_TAIL = re.compile(
    r"\A\s*(?:,?\s*\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\s*)?"
    r"(?:\([^()]{1,40}\)\s*)?[-–—|]",
    re.I,
)
_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")
_LABEL_PREFIX = re.compile(
    r"\A\s*(?:first\s+|last\s+)?(?:published|posted|updated|modified)(?:\s+(?:on|at))?\s*[:\-–—]?",
    re.I,
)
_LABEL_WORD = re.compile(r"\b(?:published|posted|updated|modified)\b", re.I)
HAS_YEAR = re.compile(r"\b(?:19|20)\d\d(?!\d)")
_HAS_MONTH = re.compile(_MON.replace("(?P<mon>", "(?:") + r"\b", re.I)
_MAX_LABEL_WORDS = 6  # an unlabelled date line may carry this many other words

_RANK = {"crawler-prefix": 0, "published-label": 1, "dateline": 2, "updated-label": 3}


def _to_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(_WEEKDAY_NAMES) + r")\b", re.I)


def _match_date(match: re.Match[str], kind: str) -> date | None:
    groups = match.groupdict()
    y = int(groups["y"])
    if kind in ("mdy", "dmy"):
        return _to_date(y, _MONTHS[groups["mon"][:3].lower()], int(groups["d"]))
    if kind == "iso":
        return _to_date(y, int(groups["m"]), int(groups["d"]))
    a, b = int(groups["a"]), int(groups["b"])
    # 24.10.2023, 05-01-2024 (dots and dashes with the year last are day first), 24/10/2023
    if groups["sep"] in ".-" or a > 12:
        return _to_date(y, b, a)
    if b > 12 or a == b:  # 10/24/2023: month first
        return _to_date(y, a, b)
    # "Sunday, 11/12/2023": the weekday tells which reading it is
    wd = _WEEKDAY_WORD.search(match.string, max(0, match.start() - 15), match.start())
    if wd:
        day_no = _WEEKDAY_NAMES.index(wd.group(1).lower())
        fits = [v for v in (_to_date(y, a, b), _to_date(y, b, a)) if v and v.weekday() == day_no]
        if len(fits) == 1:
            return fits[0]
    return None  # 05/06/2023 is ambiguous: no guess


def dates_in(line: str) -> list[tuple[re.Match[str], date]]:
    """Non-overlapping dates in a line, left to right."""
    found: list[tuple[re.Match[str], date]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(line):
            if any(m.start() < match.end() and match.start() < m.end() for m, _ in found):
                continue
            value = _match_date(match, kind)
            if value is not None:
                found.append((match, value))
    found.sort(key=lambda item: item[0].start())
    return found


def parse_date(value: str) -> date | None:
    """A date written anywhere in a short string (a given ``published`` field), or None."""
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if iso:
        return _to_date(int(iso[1]), int(iso[2]), int(iso[3]))
    found = dates_in(value)
    return found[0][1] if found else None


def header_lines(text: str, max_lines: int = 8, max_chars: int = 600) -> list[str]:
    """The first non-empty lines of ``text`` within its first ``max_chars`` characters."""
    lines = (line.strip() for line in text[:max_chars].split("\n"))
    return [line for line in lines if line][:max_lines]


def _classify(line: str, match: re.Match[str]) -> str | None:
    """What kind of date this match is in its line, or None if it is not a header date."""
    before = line[: match.start()]
    label = _LABEL.search(before)
    if label:
        word = label["label"].lower()
        return "updated-label" if ("updated" in word or "modified" in word) else "published-label"
    if _PREPOSITION.search(before):
        return None  # "since October 17, 2023": an event date in a sentence
    after = line[match.end() :]
    if _DATELINE_TAIL.match(after):
        return "dateline"  # "Orinoco Tribune, November 1, 2023 —"
    rest = _TIME.sub(" ", before + " " + after)
    if len(_ALPHA_WORD.findall(rest)) <= _MAX_LABEL_WORDS:
        return "dateline"  # "November 9, 2023", "14 Dec 2023 23:50", "By X | Oct 24, 2023"
    return None


def _dateparser_fallback(line: str) -> date | None:
    """Slow path for a header line that looks like a date but matched no pattern."""
    import dateparser  # slow to import and to call: only here

    years = {int(y) for y in HAS_YEAR.findall(line)}
    cleaned = _LABEL_PREFIX.sub("", line)
    try:
        parsed = dateparser.parse(
            cleaned.strip(" -–—|:"),
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception as exc:  # dateparser raises assorted errors on odd input
        logger.debug("dateparser failed on %r: %s", line, exc)
        return None
    if parsed is None or parsed.year not in years:
        return None
    return parsed.date()


def find_published_date(
    text: str, max_lines: int = 8, max_chars: int = 600
) -> tuple[date | None, str | None]:
    """The publication date stated in the header of ``text`` (or by a byline at its end), and
    how it was found.

    The second value is one of "crawler-prefix", "published-label", "dateline", "byline",
    "updated-label", "dateparser", or None when there is no date.
    """
    crawler = _CRAWLER.match(text)
    if crawler:
        value = _to_date(int(crawler["y"]), int(crawler["m"]), int(crawler["d"]))
        if value is not None:
            return value, "crawler-prefix"
    best: tuple[int, date] | None = None
    flagged: list[str] = []
    found_at = -1
    for line_no, line in enumerate(header_lines(text, max_lines, max_chars)):
        if not HAS_YEAR.search(line):
            continue
        found = dates_in(line)
        for match, value in found:
            kind = _classify(line, match)
            # a page's banner ("Fri 17-May-2024", the day it was crawled) stands above the
            # article's own date line ("Wednesday 7-February-2024"): of two bare date lines
            # the one nearer the body is the article's
            if kind is not None and (best is None or _RANK[kind] < best[0] or (
                    kind == "dateline" and best[0] == _RANK["dateline"] and found_at != line_no)):
                best = (_RANK[kind], value)
                found_at = line_no
        if (
            not found
            and len(line) <= 120
            and HAS_YEAR.search(line)
            and (_HAS_MONTH.search(line) or _LABEL_WORD.search(line))
        ):
            flagged.append(line)
        if best is not None and best[0] <= _RANK["published-label"]:
            break
    if best is not None:
        kind = next(k for k, rank in _RANK.items() if rank == best[0])
        return best[1], kind
    for line in flagged:
        value = _dateparser_fallback(line)
        if value is not None:
            return value, "dateparser"
    # a page whose menu pushes its metadata down: a short labelled line further on
    # ("From: Xinhua | Date Add in: 2023-11-14 22:18:13")
    for line in header_lines(text, _DEEP_LINES, _DEEP_CHARS):
        if len(line) > _DEEP_LINE_MAX or not HAS_YEAR.search(line):
            continue
        for match, value in dates_in(line):
            if _classify(line, match) == "published-label":
                return value, "published-label"
    return _byline_date(text)


_DEEP_LINES, _DEEP_CHARS, _DEEP_LINE_MAX = 60, 2500, 80


_BYLINE = re.compile(r"^\s*(?:by|posted\s+by|written\s+by|authored\s+by)\b[:\s]", re.I)


def _byline_date(text: str, max_chars: int = 600) -> tuple[date | None, str | None]:
    """A page whose byline comes after the story ("By: NBC Palm Springs" / "August 6, 2024"):
    a line that is only a full date, next to a byline line, in the text's last lines."""
    lines = [line.strip() for line in text[-max_chars:].split("\n")]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        if not _BYLINE.match(line) and not (i and _BYLINE.match(lines[i - 1])):
            continue
        for candidate in (line, *lines[i + 1:i + 2]):
            found = dates_in(candidate)
            # a byline may name its author and outlet at length before the date
            if len(found) == 1 and len(candidate) <= 120 and not _PREPOSITION.search(
                    candidate[:found[0][0].start()]):
                return found[0][1], "byline"
    return None, None
