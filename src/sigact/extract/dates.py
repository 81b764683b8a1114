"""Find date phrases in a sentence and resolve them against the publication date.

News dates incidents relative to the day of publication ("on Monday night", "the early
hours of 31 October", "last week"). Rules here, not a general parser, for two reasons:
speed (the extractor reads hundreds of articles a second; dateparser costs ~3 ms a call)
and the traps a general parser falls into on news text:

- a weekday equal to the publication weekday is that day, not a week earlier
  ("Tuesday night" in a Tuesday article);
- a day and month without a year take the publication year, unless that would put them
  more than a week after publication ("the morning of 9 November" in a 9 November
  article is that day, not a year back);
- pronouns and commas are not dates ("we" is not Wednesday, "on Monday, a" is not
  January).

Phrases the rules flag as dates but cannot read fall back to dateparser.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sigact.extract.endings import lead_of
from sigact.extract.gates import COMPILED, contains_any, finditer_from, lowered

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MONTH_LC = _MONTH.lower().replace("(?p<", "(?P<")  # for the lower-cased text
_DAYNUM = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night|dawn))?"
_TIME_PREFIX = (
    r"(?:(?:the\s+)?(?:early|late)\s+hours\s+of\s+|(?:the\s+)?(?:morning|afternoon|evening|"
    r"night|dawn)\s+of\s+)?"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("since", re.compile(
        r"\b[Ss]ince\s+(?:(?:" + _DAYNUM.format(g="sd1") + r"\s+" + _MONTH.format(g="sm1") + r")|(?:"
        + _MONTH.format(g="sm2") + r"\s+" + _DAYNUM.format(g="sd2") + r")|(?:(?:early\s+|mid-?|late\s+)?"
        + _MONTH.format(g="sm3")
        + r")|(?P<sy>(?:19|20)\d\d))(?:,?\s+" + _YEAR.format(g="syy") + r")?\b")),
    ("until", re.compile(
        r"\b(?:until|till|as\s+of|through)\s+(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
        r"Saturday|Sunday)|" + _DAYNUM.format(g="d") + r"\s+" + _MONTH.format(g="m") + r"|"
        + _MONTH.format(g="m2") + r"\s+" + _DAYNUM.format(g="d2") + r")\b")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(
        r"\b" + _DAYNUM.format(g="d") + r"\s+(?:of\s+)?" + _MONTH.format(g="m")
        + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b")),
    ("mdy", re.compile(
        r"\b" + _MONTH.format(g="m") + r"\s+" + _DAYNUM.format(g="d")
        + r"(?!\s*(?:km|kilomet|mile|percent|%))(?:,?\s+" + _YEAR.format(g="y") + r")?\b")),
    ("weekday", re.compile(
        r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?" + _PART + r"\b")),
    ("relative", re.compile(
        r"\b(?P<rel>yesterday|today|tonight|overnight|last\s+night|earlier\s+in\s+the\s+night|"
        r"earlier\s+today|this\s+morning|this\s+afternoon|this\s+evening|the\s+day\s+before|"
        r"the\s+night\s+before|the\s+previous\s+day|the\s+previous\s+night|"
        r"(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+days\s+"
        r"(?:ago|earlier|before|previously))\b")),
    ("week", re.compile(r"\b(?P<rel>last\s+week|this\s+week|earlier\s+this\s+week|past\s+week|"
                        r"the\s+previous\s+week|a\s+week\s+ago|"
                        r"the\s+past\s+week|over\s+the\s+weekend|at\s+the\s+weekend|"
                        r"last\s+weekend|this\s+weekend)\b")),
    ("month", re.compile(
        r"\b(?:(?P<rel>last\s+month|this\s+month|earlier\s+this\s+month)|(?:in|during|early|mid|"
        r"late|until|by)\s+(?:early\s+|mid-?|late\s+)?" + _MONTH_LC.format(g="m")
        + r"(?:\s+" + _YEAR.format(g="y") + r")?)\b")),
    ("year", re.compile(r"\b(?:in|since|of|during|early|late|mid-?)\s+(?:early\s+|late\s+)?"
                        r"(?P<y>(?:19|20)\d\d)\b")),
    # "late last year": some time in the year before publication
    ("lastyear", re.compile(r"\b(?:(?:early|late|earlier|later)\s+)?last\s+year\b")),
]
# Each pattern is tried only where a faster one (its lead) matches, as the engine tries a
# pattern that starts with \b at every position: one that goes on with words, where the
# rest of it matches (the engine finds a word fast); the others at the characters their
# matches can begin with ("12/1/2024", "31 October", "yesterday"), the pattern itself
# tried there by the engine (endings.lead_of).
_LEAD = {name: re.compile(p.pattern[2:], p.flags) for name, p in _PATTERNS
         if name in ("since", "until", "iso", "mdy", "weekday", "year")
         and p.pattern.startswith("\\b")}
_LEAD |= {name: lead for name, p in _PATTERNS if name in ("numeric", "dmy", "relative", "week", "month")
          and (lead := lead_of(p)) is not None}
# patterns run on the lower-cased text (same offsets): case-insensitive matching is slow
_LOWERCASE = {"relative", "week", "month", "lastyear"}
# what each pattern needs in the text it reads: a pattern that cannot match is not run
# (running the eleven patterns over every sentence was most of the time spent here).
# Most need one of some words, each standing alone in every match (after a space or a
# word boundary, before a space, a dot, a comma, an apostrophe or a word boundary): one
# of the text's runs of ASCII letters, lower-cased, is then that word. Runs are found
# once; a letter that is no word character never lower-cases to an ASCII one.
_ASCII_WORD = re.compile(r"[a-z]+")
_MONTH_WORDS = frozenset(MONTHS)  # every spelling _MONTH matches, lower-cased
_WEEKDAY_WORDS = frozenset(WEEKDAYS)
_NEEDS: dict[str, frozenset[str]] = {
    "since": frozenset({"since"}),
    "until": _WEEKDAY_WORDS | _MONTH_WORDS,  # and "until", "till", "through" or "as of"
    "dmy": _MONTH_WORDS,  # and a digit
    "mdy": _MONTH_WORDS,  # and a digit
    "weekday": _WEEKDAY_WORDS,
    "relative": frozenset({"yesterday", "today", "tonight", "overnight", "night", "morning", "afternoon",
                           "evening", "before", "previous", "days"}),
    "week": frozenset({"week", "weekend"}),
    "lastyear": frozenset({"year"}),
    "month": frozenset({"month", *_MONTH_WORDS, *("mid" + m for m in _MONTH_WORDS)}),  # "midjanuary"
}
_NEEDED = frozenset().union(*_NEEDS.values())
# per first letter (a to z), the lengths of the needed words that begin with it (bit n: n)
_NEEDED_SIZES = [sum({1 << len(w) for w in _NEEDED if w[0] == chr(c)}) for c in range(97, 123)]
_YEAR_STEMS = ("19", "20")  # the others need a year (19xx or 20xx), in any digits after
_NEEDS_DIGIT = {"dmy", "mdy"}
_DIGIT = re.compile(r"\d")
_UNTIL_WORDS = ("until", "till", "through")
_AS_OF = re.compile(r"as\s+of")
_REL_BEFORE = re.compile(r"\b(last|this|past|previous)\s+$", re.IGNORECASE)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


class DateMention(NamedTuple):
    start: int  # offsets within the text searched
    end: int
    text: str
    kind: str  # day | week | month | year | since | until
    value: date | None  # resolved day (for week/month: the last day of the span)
    precision: str  # day | week | month | year | unknown
    explicit: bool  # names a calendar day (31 October) rather than a weekday or "yesterday"
    night_before: bool = False  # "earlier in the night", "the night before": relative to context


def _month(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def _day_month(
    day: int, month: int, year: int | None, pub: date | None, around: bool = False
) -> date | None:
    if year is None:
        if pub is None:
            return None
        year = pub.year
        try:
            cand = date(year, month, day)
        except ValueError:
            return None
        if around:
            # anchored on a date the text mentions: the year that puts the day nearest it
            options = []
            for y in (year - 1, year, year + 1):
                try:
                    options.append(date(y, month, day))
                except ValueError:
                    continue
            return min(options, key=lambda d: abs((d - pub).days))
        # an unyeared day more than a week after publication belongs to the previous year
        if cand > pub + timedelta(days=7):
            cand = date(year - 1, month, day)
        return cand
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(a: int, b: int, y: int, before: str) -> date | None:
    """12/1/2024: day first or month first? Unambiguous when one part is over 12; else the
    weekday written beside it decides ("Friday (12/1/2024)" is 12 January); else no guess."""
    options = []
    for day, month in ((a, b), (b, a)):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    options = list(dict.fromkeys(options))
    if len(options) == 1:
        return options[0]
    wd = next((i for i, n in enumerate(WEEKDAYS) if n in before.lower()), None)
    fits = [d for d in options if wd is not None and d.weekday() == wd]
    return fits[0] if len(fits) == 1 else None


def weekday_on_or_before(pub: date, weekday: int) -> date:
    """The latest day with ``weekday`` on or before ``pub`` (pub itself when it matches)."""
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def _end_of_month(y: int, m: int) -> date:
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return nxt - timedelta(days=1)


_ASCII_DIGITS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")


def _has_digit(text: str) -> bool:
    """Whether ``_DIGIT`` finds a digit in ``text``; in ASCII text, sooner."""
    if text.isascii():
        return contains_any(text, _ASCII_DIGITS)
    return _DIGIT.search(text) is not None


def _needed_words(text: str) -> set[str]:
    """The runs of ASCII letters of ``text`` (lower-cased) that some pattern needs:
    ``set(_ASCII_WORD.findall(text)) & _NEEDED``, in compiled code by a loop that reads
    the text once, a character at a time, and looks up only a run whose first letter and
    length some needed word has."""
    if not COMPILED:
        return set(_ASCII_WORD.findall(text)) & _NEEDED
    out: set[str] = set()
    n = len(text)
    i = 0
    while i < n:
        o = ord(text[i])
        if 97 <= o <= 122:
            j = i + 1
            while j < n and 97 <= ord(text[j]) <= 122:
                j += 1
            if (_NEEDED_SIZES[o - 97] >> (j - i)) & 1:
                word = text[i:j]
                if word in _NEEDED:
                    out.add(word)
            i = j
        else:
            i += 1
    return out


def find_dates(text: str, pub: date | None, around: bool = False) -> list[DateMention]:
    """Every date phrase in ``text``, resolved against ``pub`` where it can be.

    ``around``: ``pub`` is not a publication date but a date the text mentions (an
    undated text's caption); a weekday is then the nearest such day, before or after."""
    found: list[DateMention] = []
    low = lowered(text)
    lower = low
    if len(lower) != len(text):  # a few letters change length when lower-cased
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    digit = _has_digit(text)
    words: set[str] | None = None  # the runs of ASCII letters of the lower-cased text (needed ones)
    if not digit:
        words = _needed_words(lower)
        if not words:
            return found  # no digit (no year) and no word a pattern needs: nothing to read
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], kind: str, value: date | None, precision: str, explicit: bool,
            night_before: bool = False) -> None:
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(DateMention(s, e, m.group(0), kind, value, precision, explicit, night_before))

    stems: bool | None = None
    for name, pat in _PATTERNS:
        read = lower if name in _LOWERCASE else text
        need = _NEEDS.get(name)
        if need is None:
            if read is text:
                if stems is None:
                    stems = contains_any(text, _YEAR_STEMS)
                if not stems:
                    continue
            elif not contains_any(read, _YEAR_STEMS):
                continue
        else:
            if words is None:
                words = _needed_words(lower)
            if words.isdisjoint(need):
                continue
        if name in _NEEDS_DIGIT and not digit:
            continue
        if name == "until" and not (any(w in text for w in _UNTIL_WORDS) or _AS_OF.search(text)):
            continue
        lead = _LEAD.get(name)
        for m in pat.finditer(read) if lead is None else finditer_from(pat, lead, read):
            g = m.groupdict()
            if name == "since":
                month = _month(g.get("sm1") or g.get("sm2") or g.get("sm3"))
                day = g.get("sd1") or g.get("sd2")
                year = int(g["syy"]) if g.get("syy") else None
                if g.get("sy"):
                    v: date | None = date(int(g["sy"]), 1, 1)
                    add(m, "since", v, "year", True)
                elif month and day:
                    add(m, "since", _day_month(int(day), month, year, pub, around), "day", True)
                elif month:
                    y = year or (pub.year - (month > pub.month) if pub else None)  # no future
                    add(m, "since", date(y, month, 1) if y else None, "month", True)
            elif name == "iso":
                try:
                    v = date(int(g["y"]), int(g["m"]), int(g["d"]))
                except ValueError:
                    continue
                add(m, "day", v, "day", True)
            elif name == "numeric":
                v = _numeric(int(g["a"]), int(g["b"]), int(g["y"]), text[max(0, m.start() - 16):m.start()])
                if v is not None:
                    add(m, "day", v, "day", True)
            elif name in ("dmy", "mdy"):
                month = _month(g["m"])
                if month == 5 and not m.group("m")[0].isupper():
                    continue  # "may" the verb
                year = int(g["y"]) if g.get("y") else None
                d = int(g["d"])
                if not 1 <= d <= 31 or month is None:
                    continue
                add(m, "day", _day_month(d, month, year, pub, around), "day", True)
            elif name == "weekday":
                wd = WEEKDAYS.index(g["wd"].lower())
                before = _REL_BEFORE.search(text, max(0, m.start() - 12), m.start())
                rel = before.group(1).lower() if before else ""
                v = None
                if pub is not None:
                    v = weekday_on_or_before(pub, wd)
                    if rel.startswith("last") and v == pub:
                        v -= timedelta(days=7)
                    elif around and (pub - v).days > 3:
                        v += timedelta(days=7)
                add(m, "day", v, "day", False)
            elif name == "relative":
                rel = " ".join(g["rel"].lower().split())
                night_before = rel in ("earlier in the night", "the night before",
                                       "the previous night", "the day before", "the previous day")
                if rel in ("today", "tonight", "earlier today", "this morning", "this afternoon",
                           "this evening"):
                    delta = 0
                elif g.get("n"):
                    n = g["n"].lower()
                    delta = _NUMBERS.get(n) or int(n)
                else:
                    delta = 1
                v = pub - timedelta(days=delta) if pub else None
                add(m, "day", v, "day", False, night_before=night_before)
            elif name == "week":
                rel = " ".join(g["rel"].lower().split())
                v = None
                if pub is not None:
                    if rel in ("last week", "the previous week", "a week ago"):
                        v = pub - timedelta(days=pub.weekday() + 1)  # Sunday closing last week
                    elif "weekend" in rel:
                        v = weekday_on_or_before(pub, 6)
                        if rel.startswith("last") and v == pub:
                            v -= timedelta(days=7)
                        add(m, "day", v, "week", False)
                        continue
                    else:
                        v = pub
                add(m, "week", v, "week", False)
            elif name == "month":
                v = None
                if g.get("rel"):
                    rel = " ".join(g["rel"].lower().split())
                    if pub is not None:
                        v = pub.replace(day=1) - timedelta(days=1) if rel == "last month" else pub
                else:
                    month = _month(g["m"])
                    if month is None or (month == 5 and not text[m.start("m")].isupper()):
                        continue
                    year = int(g["y"]) if g.get("y") else (pub.year if pub else None)
                    if year is not None:
                        if not g.get("y") and pub and date(year, month, 1) > pub:
                            year -= 1
                        v = _end_of_month(year, month)
                        if pub and v > pub and (v.year, v.month) == (pub.year, pub.month):
                            v = pub
                add(m, "month", v, "month", True)
            elif name == "year":
                add(m, "year", date(int(g["y"]), 12, 31), "year", True)
            elif name == "lastyear":
                if pub is not None:
                    add(m, "year", date(pub.year - 1, 12, 31), "year", True)
            elif name == "until":
                v = None
                if g.get("wd") and pub is not None:
                    v = weekday_on_or_before(pub, WEEKDAYS.index(g["wd"].lower()))
                elif g.get("d") or g.get("d2"):
                    month = _month(g.get("m") or g.get("m2"))
                    if month:
                        v = _day_month(int(g.get("d") or g.get("d2")), month, None, pub, around)  # type: ignore[arg-type]
                add(m, "until", v, "day", bool(g.get("d") or g.get("d2")))
    found.sort(key=lambda d: d.start)
    return found


@lru_cache(maxsize=4096)
def parse_date_phrase(phrase: str, pub: date | None) -> date | None:
    """Fallback for a phrase the rules cannot read: dateparser, anchored on ``pub``.

    Only absolute phrases are accepted when there is no publication date.
    """
    import datetime as _dt

    import dateparser

    settings: dict = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if pub is not None:
        settings["RELATIVE_BASE"] = _dt.datetime(pub.year, pub.month, pub.day, 23, 59)
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
