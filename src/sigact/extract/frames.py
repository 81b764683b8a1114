"""Read one sentence: does it tell of a use of force, where, when, with what, by whom.

The result is a :class:`Frame`: the sentence's attacked places with an event type each,
its date phrase, weapons, agent, target, outcome and casualties, plus the words that
matched (for highlighting the evidence). A frame with no place is kept too: it may be
the antecedent of a later "the attack" or a new event that cannot be placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sigact.extract.agents import Agent, find_agents, is_noun
from sigact.extract.clauses import Clause, clause_of, clauses_of
from sigact.extract.dates import DateMention
from sigact.extract.endings import Ending
from sigact.extract.gates import Gated, contains_any, lowered, odd_case
from sigact.extract.lexicon import Hit, Lexicon
from sigact.extract.roles import attacked_places
from sigact.extract.scan import LOCATING_LED, SentenceScan
from sigact.places import PlaceMention

_NUM_WORDS = {
    "no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "a": 1, "an": 1, "dozen": 12,
}
_NUM = r"(?P<n>\d{1,4}|" + "|".join(k for k in _NUM_WORDS if k not in ("a", "an", "no", "none")) + r")"
_WHO = (r"(?:\s+(?:more\s+)?(?:US\s+|U\.S\.\s+|American\s+|Iraqi\s+|Syrian\s+|coalition\s+|"
        r"other\s+)?(?:people|persons|soldiers|troops|service\s*members|personnel|civilians|"
        r"militants|fighters|members|contractors?|Americans|servicemen|guards|others|men))?")
_KILLED = Gated(
    re.compile(
        r"\b(?:at\s+least\s+|up\s+to\s+|some\s+)?" + _NUM + _WHO
        + r"\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|being\s+)?(?:killed|dead|died)\b|"
        r"\b(?:killing|killed)\s+(?:at\s+least\s+)?" + _NUM.replace("?P<n>", "?P<n2>") + r"\b",
        re.IGNORECASE,
    ),
    "kill", "dead", "died",
)
_INJURED = Gated(
    re.compile(
        r"\b(?:at\s+least\s+|up\s+to\s+|some\s+)?" + _NUM + _WHO
        + r"\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|being\s+)?"
        r"(?:seriously\s+|slightly\s+|lightly\s+|critically\s+|severely\s+|also\s+)?"
        r"(?:injured|wounded|hurt)\b|"
        r"\b(?:injuring|wounding|injured|wounded)\s+(?:at\s+least\s+)?"
        + _NUM.replace("?P<n>", "?P<n2>") + r"\b",
        re.IGNORECASE,
    ),
    "injur", "wound", "hurt",
)
_MULTI = Gated(
    re.compile(
        r"\b(?:(?P<w>twice|thrice)|(?P<n>two|three|four|2|3|4)\s+(?:(?:separate|different)\s+"
        r"(?:drone\s+|rocket\s+|missile\s+)?)?(?:times|attacks|strikes|occasions)"
        # "for the second time within hours": the earlier attack is told in the same breath
        r"|for\s+the\s+(?P<o>second|third)\s+time\s+(?:with)?in\s+(?:(?:a\s+few|several|two|three|24|48)\s+)?"
        r"(?:hours|a\s+day|the\s+same\s+day|a\s+single\s+day|less\s+than\s+(?:an?|\w+)\s+hours?))\b",
        re.IGNORECASE,
    ),
    "twice", "thrice", "times", "attacks", "strikes", "occasions", "time",
    also=(("twice", "thrice", "two", "three", "four", "2", "3", "4", "second", "third"),),
)
_DETERMINER_BEFORE = Ending(re.compile(
    r"(?:\b(?:the|this|that|these|those|its|their|said)\s+(?:\w+\s+){0,2}|['’]s\s+(?:\w+\s+){0,1})$",
    re.IGNORECASE,
))
_NEGATED_BEFORE = Ending(re.compile(r"\b(?:no|not|never|without|denied|deny|denies)\s+(?:\w+\s+){0,2}$",
                                    re.IGNORECASE))
_GROUND = Gated(
    re.compile(r"\b(?:gunmen|tribal\s+fighters|tribesmen|clashes|clashed|infiltrat\w*|"
               r"ambush\w*|from\s+three\s+directions|ground\s+assault|"
               # "ISIS cells opened fire on an SDF checkpoint", "the armed attack on Jaramana"
               r"checkpoints?|opened\s+fire|armed\s+attacks?|armed\s+men|gunfire|machine\s*guns?|"
               r"small\s+arms)\b", re.IGNORECASE),
    "gunmen", "tribal", "tribesmen", "clashe", "infiltrat", "ambush", "directions", "ground",
    "checkpoint", "opened", "armed", "gunfire", "machine", "small",
)
_COUNT = Gated(
    re.compile(r"(?<![\w.,])(?:[5-9]|\d{2,})\s+(?:more\s+|separate\s+|such\s+)?(?:attacks|strikes|times|"
               r"operations|drone\s+attacks|rocket\s+attacks|airstrikes|air\s+strikes|air\s+raids|raids|"
               r"drone\s+strikes|bombings)\b", re.IGNORECASE),
    "attacks", "strikes", "times", "operations", "airstrikes", "raids", "bombings",
    also=(re.compile(r"\d"),),
)
# the same count in words: "seven attacks on the Tanf garrison", "dozens of attacks"
_COUNT_WORDS = Gated(
    re.compile(r"\b(?:five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
               r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
               r"eighty|ninety|hundred|dozens\s+of|scores\s+of|hundreds\s+of)[\s-]+"
               r"(?:\w+\s+)?(?:more\s+|separate\s+|such\s+)?(?:attacks|strikes|times|operations)\b",
               re.IGNORECASE),
    "attacks", "strikes", "times", "operations",
    also=(("five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
           "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
           "sixty", "seventy", "eighty", "ninety", "hundred", "dozens", "scores"),),
)
# "attacks have recently been carried out on US bases in X, Y and Z": a summary of many
_RECENT_SUMMARY = Gated(
    re.compile(r"\b(?:recent|recently|lately)\b[^.;]{0,80}?\battacks\b[^.;]{0,80}?\bbases\b|"
               r"\battacks\b[^.;]{0,40}?\b(?:recent|recently|lately)\b[^.;]{0,80}?\bbases\b",
               re.IGNORECASE),
    "recent", "lately", also=(("bases",),),
)
# "..., bringing the total to ten attacks": a running total after the sentence's own event
_RUNNING_TOTAL = re.compile(r"\b(?:bringing|brings|brought|raising|raises|raised|taking|takes)\b"
                            r"[^.;]{0,100}\bto\s+(?:about\s+|around\s+|nearly\s+|at\s+least\s+)?$",
                            re.IGNORECASE)
# an item of a tally's list: "- One attack on the base in Rubarya." / "• Eight attacks on ..."
_LIST_COUNT = re.compile(
    r"^\s*[-–—•*·▪]\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty)\s+"
    r"(?:\w+\s+)?(?:attacks?|strikes?|operations?)\b", re.IGNORECASE)
_BASES_INCLUDING = re.compile(r"\bbases\b.{0,80}?\bincluding\b", re.IGNORECASE)
_SINCE_START = Gated(
    re.compile(r"\bsince\s+the\s+(?:start|beginning|outbreak|onset)\b", re.IGNORECASE),
    "since",
)
# "Read more: Several US personnel injured in Ain al-Asad attack": a link to another story
_LINK_LINE = re.compile(r"\s*(?:read\s+(?:more|also)|see\s+also|related|recommended|more\s+news)\s*[:|>-]",
                        re.IGNORECASE)
_SINCE_OPENING = re.compile(
    r"\bsince\s+the\s+(?:(?:start|beginning|outbreak|onset)\b[^,.;]*|"
    r"[^,.;]{0,50}?\b(?:started|began|begun|erupted|broke\s+out)\s+(?:on\s+)?)$",
    re.IGNORECASE)
_PERFECT = Gated(
    re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?\w+ed\b", re.IGNORECASE),
    "has", "have",
)
_RANGE = Gated(
    re.compile(
        r"\b(?:from|between)\s+(?:\w+\.?\s+\d{1,2}|\d{1,2}\s+\w+)\s+(?:to|until|through|till|and)\s+"
        r"(?:\w+\.?\s+\d{1,2}|\d{1,2}\s+\w+)",
        re.IGNORECASE,
    ),
    "from", "between",
)
_PLURAL = Gated(
    re.compile(r"\b(?:both|all|the\s+two|the\s+three)\s+(?:\w+\s+)?(?:attacks|strikes|operations)\b",
               re.IGNORECASE),
    "attacks", "strikes", "operations",
)
# weapon classes _event_type reads
_SAID_BEFORE = Ending(re.compile(
    r"\b(?:said|says|announced|reported|stated|confirmed|added|told\s+[\w\s]{1,30}?)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE))
_INTERCEPT_WORDS = frozenset({"shot down", "intercepted", "downed"})
_FIRE = frozenset({"drone", "rocket", "missile", "ballistic_missile", "mortar"})  # remote fire
_LAUNCHED = frozenset({"rocket", "missile", "ballistic_missile", "mortar", "artillery"})
_FROM_THE_AIR = frozenset({"drone", "aircraft", "missile"})
_FIRED = frozenset({"rocket", "missile", "ballistic_missile", "mortar"})
GROUND_FIRE = frozenset({"rocket", "mortar"})  # fired from the ground: never an air strike
_TARGET_REACH = 80  # characters between a place and the target word that goes with it
# "..., hours after a drone attack on Erbil", "a day after two drones were downed near
# Harir": how many days the clause's event lies from the main clause's
_DAYS_APART = re.compile(
    r"\b(?P<n>hours|minutes|moments|shortly|soon|just|a\s+day|one\s+day|two\s+days|three\s+days)\s+"
    r"(?P<dir>after|before)\s+$",
    re.IGNORECASE,
)
_DAYS = {"a day": 1, "one day": 1, "two days": 2, "three days": 3}
_IRREALIS_WINDOW = 30
_NEGATION_WINDOW = 25


@dataclass(slots=True)
class PlaceRole:
    """What a sentence says of one of its places, read in that place's clause."""

    event_type: str
    weapons: set[str]
    agent: Agent | None
    basis: str
    target: str | None
    subordinate: bool = False  # in an "after ..." clause: an earlier, other event
    # told as "hours after" / "a day after": the clause's day, counted from the main clause's
    days_apart: int | None = None

    # written out (dataclass keeps it): compiled, it is a direct call, where the generated
    # __init__ runs as interpreted Python
    def __init__(
        self, event_type: str, weapons: set[str], agent: Agent | None, basis: str, target: str | None,
        subordinate: bool = False, days_apart: int | None = None,
    ) -> None:
        self.event_type = event_type
        self.weapons = weapons
        self.agent = agent
        self.basis = basis
        self.target = target
        self.subordinate = subordinate
        self.days_apart = days_apart


@dataclass(slots=True)
class Frame:
    index: int  # sentence index
    sentence: SentenceScan
    places: list[PlaceMention]
    event_types: dict[str, str]  # place id -> event type
    triggers: list[Hit]
    date: DateMention | None
    weapons: set[str]
    agent: Agent | None
    basis: str
    target: str | None
    outcome: str
    killed: int | None
    injured: int | None
    roles: dict[str, PlaceRole] = field(default_factory=dict)
    multiplicity: int = 1
    anaphoric: bool = False  # "the attack", "claimed responsibility for the attacks"
    definite: bool = False  # its attack is "the attack(s)": told before
    plural: bool = False  # "the attacks", "both attacks"
    claim: bool = False
    continuation: bool = False
    locates: bool = False  # says only where the target of the event before lies
    sub_date: DateMention | None = None  # the date its "after ..." clause gives its own event
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # document offsets

    def __init__(  # written out, as PlaceRole's
        self, index: int, sentence: SentenceScan, places: list[PlaceMention], event_types: dict[str, str],
        triggers: list[Hit], date: DateMention | None, weapons: set[str], agent: Agent | None, basis: str,
        target: str | None, outcome: str, killed: int | None, injured: int | None,
        roles: dict[str, PlaceRole] | None = None, multiplicity: int = 1, anaphoric: bool = False,
        definite: bool = False, plural: bool = False, claim: bool = False, continuation: bool = False,
        locates: bool = False, sub_date: DateMention | None = None,
        marks: list[tuple[int, int, str]] | None = None,
    ) -> None:
        self.index = index
        self.sentence = sentence
        self.places = places
        self.event_types = event_types
        self.triggers = triggers
        self.date = date
        self.weapons = weapons
        self.agent = agent
        self.basis = basis
        self.target = target
        self.outcome = outcome
        self.killed = killed
        self.injured = injured
        self.roles = {} if roles is None else roles
        self.multiplicity = multiplicity
        self.anaphoric = anaphoric
        self.definite = definite
        self.plural = plural
        self.claim = claim
        self.continuation = continuation
        self.locates = locates
        self.sub_date = sub_date
        self.marks = [] if marks is None else marks


_ATTACKS_HAVE_HIT = re.compile(
    r"\battacks\b[^.;]{0,60}?\b(?:have|had)\s+(?:also\s+)?(?:hit|targeted|struck)\b", re.IGNORECASE)
_MOURNING_WORDS = ("funeral", "mourner", "coffin", "burial", "procession")
_MOURNING = re.compile(r"\b(?:funeral|funerals|mourners?|coffins?|burial|procession)\b", re.IGNORECASE)
_FRIENDLY_OWNER = re.compile(
    r"\s+(?:of|belonging\s+to|used\s+by)\s+(?:the\s+)?(?:Kurdish\s+|Iraqi\s+|Kurdistan\s+Region['’]?s?\s+)?"
    r"(?:Peshmerga|Kurdish|Kurdistan|SDF|Syrian\s+Democratic|Iraqi\s+army|army|security\s+forces|"
    r"coalition|US|U\.S\.|American)\b", re.IGNORECASE)
_OWNED_BY = Ending(Gated(
    re.compile(r"\b(?:belonging|belongs|belonged)\s+to\s+(?:the\s+)?(?:pro-\w+\s+)?$|"
               r"\b(?:base|bases|headquarters|position|positions|depot|convoy|vehicle|site|sites)\s+"
               r"(?:of|run\s+by|used\s+by|operated\s+by)\s+(?:the\s+)?(?:pro-\w+\s+)?$", re.IGNORECASE),
    "belong", "of", "by",
))
_ON_OBJECT = re.compile(r"^\s*(?:on|at|against|targeting|that\s+targeted|which\s+targeted|hit|hitting)?\s*"
                        r"(?:an?|the|two|three|several|one\s+of\s+the)?\s*(?:[\w-]+\s+){0,6}$",
                        re.IGNORECASE)


_ACTIVE_AFTER = re.compile(
    r"\s+(?:(?:also|then|later|reportedly|have|had|has)\s+)?(?:struck|killed|carried\s+out|conducted|"
    r"launched|bombed|targeted|hit|raided|fired|shelled|attacked|lobbed)\b(?!\s+by\b)", re.IGNORECASE)


def _strikes_militia(text: str, triggers: list[Hit], targets: list[Hit]) -> bool:
    """A strike whose object is a militia or its vehicle: "drone strikes targeting a PMF
    base", "a drone strike on a vehicle" (the militia is struck, not striking)."""
    for h in targets:
        if h.value not in ("militia positions", "IRGC-affiliated site"):
            continue
        for t in triggers:
            if t.end <= h.start and h.start - t.end <= 60 and _ON_OBJECT.match(text[t.end:h.start]):
                return True
    return False


def _same_stretch(text: str, a: Hit, b: Hit, reach: int = 40) -> bool:
    """Two hits close together with no comma or semicolon between them."""
    gap = text[a.end:b.start] if a.end <= b.start else text[b.end:a.start]
    return len(gap) <= reach and not any(c in gap for c in ",;")


def _overlaps(h: Hit, spans: list[Hit]) -> bool:
    return any(s.start < h.end and h.start < s.end for s in spans)


def _near_before(cues: list[Hit], pos: int, window: int) -> bool:
    return any(0 <= pos - c.end <= window for c in cues)


def _number(m: re.Match[str]) -> int | None:
    raw = (m.group("n") or m.group("n2") or "").lower()
    if not raw:
        return None
    return int(raw) if raw.isdigit() else _NUM_WORDS.get(raw)


_CASUALTY_WORDS = ("kill", "dead", "died", "injur", "wound", "hurt")


# the gates of both patterns need some of these words: then only a text a gate lets
# through unchecked (odd letters) needs the test below
_GATED_BY_CASUALTY_WORDS = all(w in _CASUALTY_WORDS for g in (_KILLED, _INJURED) for w in g.words)


def _casualties(text: str, pattern: Gated) -> int | None:
    if (odd_case(text) or not _GATED_BY_CASUALTY_WORDS) and not contains_any(lowered(text), _CASUALTY_WORDS):
        return None
    best = None
    for m in pattern.finditer(text):
        n = _number(m)
        if n is not None and n < 10000:
            best = n if best is None else max(best, n)
    return best


def read_sentence(
    sc: SentenceScan, doc_text: str, lex: Lexicon, first_in_block: bool, published: date | None,
    background_days: int, period_start: date | None = None,
) -> Frame | None:
    """The sentence's frame, or None when it tells of no use of force."""
    text = sc.text
    if sc.has("cue:tally") or (sc.sentence.heading and not sc.places) or _LINK_LINE.match(text):
        return None
    not_weapons, outlets, not_triggers = sc.get("not_weapon"), sc.get("outlet"), sc.get("not_trigger")
    triggers = [t for t in sc.get("trigger") if not _overlaps(t, not_weapons) and not _overlaps(t, outlets)
                and not _overlaps(t, not_triggers)]
    if not triggers:
        return _blame(sc, doc_text, lex) or _locating(sc, doc_text, first_in_block)
    irrealis, negation = sc.get("cue:irrealis"), sc.get("cue:negation")
    triggers = [t for t in triggers
                if not _near_before(irrealis, t.start, _IRREALIS_WINDOW)
                and not _near_before(negation, t.start, _NEGATION_WINDOW)]
    if not triggers:
        return None

    # the date of the event: explicit calendar days first, then the one nearest a trigger
    # "the first ... since the beginning of the war on Oct. 7": that day starts a period
    event_dates = [d for d in sc.dates if d.kind in ("day", "week", "month")
                   and not _SINCE_OPENING.search(text, max(0, d.start - sc.start - 70), d.start - sc.start)]
    years = [d for d in sc.dates if d.kind == "year"]
    if not event_dates and any(d.value for d in years):
        # background history ("in early 2016"), or "late last year", "in 2024": an event
        # dated by its year alone is no day's incident
        return None
    chosen: DateMention | None = None
    clauses = clauses_of(sc)
    first_trigger = triggers[0].start
    # "The Baghdad strike follows strikes on 85 targets last week": a date in the clause of
    # another, earlier event is not the main event's
    sub_date: DateMention | None = None
    if len(clauses) > 1 and not clause_of(clauses, first_trigger)[2]:
        # ("... in response to a drone attack on Erbil, the Pentagon said on Tuesday": the
        # day of the saying is not the attack's)
        sub_dates = [d for d in event_dates if clause_of(clauses, d.start)[2]
                     and not _SAID_BEFORE.ends(text[max(0, d.start - sc.start - 30):d.start - sc.start])]
        event_dates = [d for d in event_dates if not clause_of(clauses, d.start)[2]]
        sub_date = next((d for d in sub_dates if d.explicit), sub_dates[0] if sub_dates else None)
    if event_dates:
        explicit = [d for d in event_dates if d.explicit and d.kind == "day"]
        pool = explicit or event_dates
        chosen = min(pool, key=lambda d: abs(d.start - first_trigger))
    if chosen and published and chosen.value and (published - chosen.value).days > background_days:
        return None
    if chosen and chosen.value and period_start and (period_start - chosen.value).days > background_days:
        return None  # long before the period the codebook is about: history, a file photo
    if _LIST_COUNT.match(text) or any(
            m and not _RUNNING_TOTAL.search(text, 0, m.start())
            for m in (_COUNT.search(text), _COUNT_WORDS.search(text))):
        return None  # "-11 attacks on the Al-Omar base": a count, not an incident
    if published and any(d.kind == "since" and d.value and (published - d.value).days > background_days
                         for d in sc.dates):
        return None  # "Since 2016, the garrison has served as a launching point": years of it
    since = any(d.kind == "since" and d.precision != "year" for d in sc.dates) or bool(
        _SINCE_START.search(text))
    if since and _PERFECT.search(text) and not (
            chosen and chosen.kind == "day"):
        return None  # "which has targeted Harir since mid-October": many attacks, no one
    if _PERFECT.search(text) and _BASES_INCLUDING.search(text):
        return None  # "the resistance has also targeted other US bases, including ...": a list
    if _RANGE.search(text):
        return None  # "from Aug. 27 to Sept. 12, clashes broke out": a period, not a day
    if sc.has("cue:habitual") and len([d for d in event_dates if d.kind == "day"]) >= 2:
        return None  # "so far the US has retaliated on Oct. 26, Oct. 8 and Oct. 13": a record
    if _RECENT_SUMMARY.search(text) and not (chosen and chosen.kind == "day"):
        return None  # "attacks have recently targeted US bases in Tanf and Malikiyah"
    if sc.has("cue:habitual") and not (chosen and chosen.kind == "day"):
        return None  # "had repeatedly targeted", "daily attacks": no one incident

    places = attacked_places(sc, doc_text, first_in_block, clauses)
    if len(places) >= 2 and _ATTACKS_HAVE_HIT.search(text) and not (chosen and chosen.kind == "day"):
        return None  # "The attacks against US forces have hit Ain al-Asad ... and Harir": a summary
    if places and contains_any(lowered(text), _MOURNING_WORDS):
        # "mourners carry the coffin of a fighter in Baghdad", "the funeral of militiamen in
        # Najaf, after US strikes": where the dead are mourned, unless a strike is told
        # between ("coffins of fighters killed in a US strike on Jurf al-Sakhar")
        def mourned_at(p: PlaceMention) -> bool:
            words = list(_MOURNING.finditer(doc_text, max(sc.start, p.start - 80), p.start))
            if not words or any(c in doc_text[words[-1].end():p.start] for c in ".;"):
                return False
            return not any(words[-1].start() <= t.start < p.start for t in triggers)
        places = [p for p in places if not mourned_at(p)]
    all_agents = find_agents(sc, doc_text, triggers, lex.actor_kind)
    if (places and all(t.phrase.lower() in _INTERCEPT_WORDS for t in triggers)
            and (any(a.actor in lex.defenders and a.how in ("subject", "alias") for a in all_agents)
                 # "the Turkish drone ... was shot down": a state's own drone, downed
                 or any(lex.actor_kind.get(a.value) == "state" and doc_text[a.end:w.start].isspace()
                        for a in sc.get("actor") for w in sc.get("weapon") if w.start > a.end))
            and not any(p.place.precision == "site" for p in places)):
        return None  # "US forces shot down Iranian drones over Daraa": drones passing, no attack there
    if not places and sc.get("outside"):
        # "attacks on shipping in the Red Sea by Houthi militants": the agent of an event
        # outside the theatre, named in the same stretch of words, is not ours
        outside = sc.get("outside")
        all_agents = [a for a in all_agents if not any(_same_stretch(text, o, a.hit) for o in outside)]
    weapons_hits = [w for w in sc.get("weapon") if not _overlaps(w, sc.get("not_weapon"))]
    # "the headquarters of the Peshmerga forces": a facility of the theatre's own forces is
    # no militia or IRGC site
    targets = [t for t in sc.get("target")
               if not (t.value == "IRGC-affiliated site" and _FRIENDLY_OWNER.match(doc_text, t.end))]
    # "targeted a base belonging to the PMF": a group's own base is struck, not striking
    owned = [Hit(a.start, a.end, "militia positions", a.phrase) for a in sc.get("actor")
             if lex.actor_kind.get(a.value) == "non_state"
             and _OWNED_BY.ends(doc_text[max(sc.start, a.start - 40):a.start])]
    if owned:
        targets = sorted([*targets, *owned], key=lambda h: h.start)
    claim = sc.has("cue:claim")
    defenders = lex.defenders
    ground = bool(_GROUND.search(text)) or any(
        a.actor in lex.ground for a in all_agents if a.how in ("by", "subject", "claim"))

    readings: dict[Clause, tuple[list[Hit], frozenset[str], list[Hit], list[Agent]]] = {}

    def read_clause(clause: Clause) -> tuple[list[Hit], frozenset[str], list[Hit], list[Agent]]:
        """The triggers, weapons, targets and agents of a clause (read once per clause)."""
        got = readings.get(clause)
        if got is not None:
            return got
        inside = (lambda h: clause[0] <= h.start < clause[1])  # noqa: E731
        main = (lambda h: not clause_of(clauses, h.start)[2])  # noqa: E731
        own = inside if clause[2] else main  # a subordinate clause reads only itself
        c_triggers = [t for t in triggers if inside(t)] or [t for t in triggers if own(t)] or triggers
        c_weapons = frozenset(w.value for w in weapons_hits if own(w))
        # "US forces carried out airstrikes": a target word as the subject of an active
        # strike verb is the agent, not the target
        striking = [a.hit for a in all_agents if a.how == "subject" and _overlaps(a.hit, targets)
                    and _ACTIVE_AFTER.match(text, a.hit.end)]
        c_targets = [t for t in targets if own(t) and not _overlaps(t, striking)]
        # who struck whom: an actor named as the target is not the agent ("US forces were
        # targeted", "a US official confirmed the attack on US forces")
        agents = [a for a in all_agents if own(a.hit)
                  and (a.how != "subject" or not _overlaps(a.hit, targets) or a.hit in striking)]
        got = readings[clause] = (c_triggers, c_weapons, c_targets, agents)
        return got

    def role(span: tuple[int, int] | None, hosts: tuple[str, ...] = ()) -> PlaceRole:
        """Agent, weapons, target and event type read in the clause of ``span``."""
        clause = clause_of(clauses, span[0]) if span else clauses[0]
        c_triggers, own_weapons, c_targets, agents = read_clause(clause)
        c_weapons = set(own_weapons)
        if span is None and not c_weapons:
            c_weapons = {w.value for w in weapons_hits}  # what the sentence as a whole adds
        if span is not None and c_targets:
            # the target word nearest the place, and near it ("struck a depot in Baghdad ...
            # responsible for attacks on US forces": the depot, not US forces)
            def gap(t: Hit) -> int:
                return min(abs(t.start - span[1]), abs(span[0] - t.end))
            c_targets = sorted((t for t in c_targets if gap(t) <= _TARGET_REACH), key=gap)
        target = c_targets[0].value if c_targets else None
        if target == "US forces":
            agents = [a for a in agents if a.actor != "United States"]
        agent = agents[0] if agents else None
        etype = _event_type(span, c_triggers, agent, c_weapons, target, lex, ground,
                            _strikes_militia(doc_text, c_triggers, c_targets))
        fired = c_weapons & _FIRED
        # "the coalition announced the targeting of the Harir base": its own base; "US
        # Central Command said", "the US downed a drone near its base": the defender of a
        # remote attack is not its author
        # ("the target was neutralized by a US drone strike": a strike of its own)
        strike_word = any(t.value.startswith("strike") or "strike" in t.phrase.lower() for t in c_triggers)
        for excluded, applies in (
            (hosts, agent is not None and agent.actor in hosts),
            (defenders, agent is not None and agent.actor in defenders and (
                etype == "remote_attack" or (fired and "aircraft" not in c_weapons)
                or (sc.has("cue:outcome_intercepted") and not strike_word))),
        ):
            if applies:
                agents = [a for a in agents if a.actor not in excluded]
                agent = agents[0] if agents else None
                etype = _event_type(span, c_triggers, agent, c_weapons, target, lex, ground,
                                    _strikes_militia(doc_text, c_triggers, c_targets))
        basis = _basis(agent, claim, lex)
        if hosts and etype == "air_strike" and (agent is None or agent.actor in hosts):
            etype = "remote_attack"  # fire at a base that hosts them is never their air strike
        # "drones were intercepted near the Peshmerga's headquarters": by no one named, downed
        # drones tell of an attack on the place, not of an air force's strike
        if (etype == "air_strike" and agent is None and c_weapons and c_weapons <= {"drone"}
                and sc.has("cue:outcome_intercepted") and not sc.has("cue:outcome_hit") and not strike_word):
            etype = "remote_attack"
        if etype != "air_strike":
            c_weapons.discard("aircraft")
        apart = _DAYS_APART.search(doc_text, max(sc.start, clause[0] - 20), clause[0]) if clause[2] else None
        days_apart = None
        if apart:
            n = _DAYS.get(" ".join(apart["n"].lower().split()), 0)
            days_apart = -n if apart["dir"].lower() == "after" else n
        return PlaceRole(etype, c_weapons, agent, basis, target, subordinate=clause[2],
                         days_apart=days_apart)

    roles = {p.place.id: role((p.start, p.end), p.place.hosts) for p in places}
    sentence_role = role(None)
    agent, basis, target = sentence_role.agent, sentence_role.basis, sentence_role.target
    weapons = sentence_role.weapons
    event_types = {pid: r.event_type for pid, r in roles.items()}
    event_types["*"] = sentence_role.event_type

    no_harm = sc.get("cue:no_harm")
    hit_cues = [h for h in sc.get("cue:outcome_hit") if not _overlaps(h, no_harm)
                and not _NEGATED_BEFORE.ends(doc_text[max(sc.start, h.start - 25):h.start])]
    intercepted = sc.get("cue:outcome_intercepted")
    outcome = "intercepted" if intercepted and not hit_cues else ("hit" if hit_cues else "unknown")
    killed = _casualties(text, _KILLED)
    injured = _casualties(text, _INJURED)
    if no_harm:
        killed = 0 if killed is None else killed
        injured = 0 if injured is None else injured

    multiplicity = 1
    m = _MULTI.search(text)
    # "targeted twice": the count must stand in the place's own clause; an unplaced "the
    # base was targeted twice" counts the event it goes on about (see context.py)
    if m and ((not places and m.group("n") is None) or (len(places) == 1 and clause_of(
            clauses, sc.start + m.start()) == clause_of(clauses, places[0].start))):
        word = (m.group("w") or m.group("n") or m.group("o") or "").lower()
        multiplicity = {"twice": 2, "thrice": 3, "two": 2, "three": 3, "four": 4, "second": 2,
                        "third": 3}.get(word, int(word) if word.isdigit() else 1)

    first = triggers[0]
    definite = is_noun(first) and bool(
        _DETERMINER_BEFORE.ends(doc_text[max(sc.start, first.start - 30):first.start]))
    # "X claimed the attacks" refers back; "X announced that jets bombed a depot" is news
    verbs = [t for t in triggers if not is_noun(t)]
    anaphoric = not places and (definite or (claim and not verbs))
    plural = any(t.value.endswith(":definite") and t.phrase.lower().endswith("s") for t in triggers) or bool(
        _PLURAL.search(text))
    marks = [(t.start, t.end, "trigger") for t in triggers]
    marks += [(p.start, p.end, "place") for p in places]
    marks += [(w.start, w.end, "weapon") for w in weapons_hits]
    if agent:
        marks.append((agent.hit.start, agent.hit.end, "actor"))
    if chosen:
        marks.append((chosen.start, chosen.end, "date"))
    return Frame(
        index=sc.sentence.index, sentence=sc, places=places, event_types=event_types,
        triggers=triggers, date=chosen, weapons=weapons, agent=agent, basis=basis,
        target=target, outcome=outcome, killed=killed, injured=injured,
        roles=roles, multiplicity=multiplicity, anaphoric=anaphoric, claim=claim,
        definite=definite, plural=plural,
        continuation=sc.has("cue:continuation"), marks=sorted(marks), sub_date=sub_date,
    )


_BLAME_WORDS = ("blam", "accus", "held")
# "accused Israel of being behind the assassination": blamed for something else
_BLAMED_FOR_ELSE = ("assassinat", "sovereignty", "violat", "genocide", "massacre", "war crime", "killing of")


def _blame(sc: SentenceScan, doc_text: str, lex: Lexicon) -> Frame | None:
    """"Kurdish officials accused Turkey.": a sentence that names who is blamed, and no
    event, adds its agent to the event told just before (a reference back)."""
    if not sc.get("actor") or sc.places:
        return None
    low = lowered(sc.text)
    if not contains_any(low, _BLAME_WORDS) or contains_any(low, _BLAMED_FOR_ELSE):
        return None
    # a defender "accused" is accused of something else ("accused the US of violating
    # Iraq's sovereignty"), not of the attack on it
    blamed = [a for a in find_agents(sc, doc_text, [], lex.actor_kind)
              if a.how == "blamed" and a.actor not in lex.defenders]
    if not blamed:
        return None
    agent = blamed[0]
    return Frame(
        index=sc.sentence.index, sentence=sc, places=[], event_types={}, triggers=[], date=None,
        weapons=set(), agent=agent, basis="attributed", target=None, outcome="unknown",
        killed=None, injured=None, anaphoric=True, marks=[(agent.hit.start, agent.hit.end, "actor")],
    )


def _locating(sc: SentenceScan, doc_text: str, first_in_block: bool) -> Frame | None:
    """"The safe house, located in the Bulbul district of Mayadin, functioned as a
    headquarters": a sentence with no event of its own that places the target of the event
    told just before (context decides whether there is one to place)."""
    if not sc.places or not LOCATING_LED.search(sc.text):
        return None
    places = attacked_places(sc, doc_text, first_in_block)
    if not places:
        return None
    return Frame(
        index=sc.sentence.index, sentence=sc, places=places, event_types={}, triggers=[], date=None,
        weapons=set(), agent=None, basis="unknown", target=None, outcome="unknown", killed=None,
        injured=None, locates=True, marks=[(p.start, p.end, "place") for p in places],
    )


def _basis(agent: Agent | None, claim: bool, lex: Lexicon) -> str:
    """claimed: the actor said so (or a non-state actor in a sentence of claims);
    attributed: others said so."""
    if agent is None:
        return "unknown"
    if agent.how == "claim" or (claim and lex.actor_kind.get(agent.actor) == "non_state"):
        return "claimed"
    return "attributed"


def _event_type(
    span: tuple[int, int] | None, triggers: list[Hit], agent: Agent | None, weapons: set[str],
    target: str | None, lex: Lexicon, ground: bool = False, strikes_militia: bool = False,
) -> str:
    if span is None:
        nearest = triggers[0]
    else:
        nearest = min(triggers, key=lambda t: min(abs(t.start - span[1]), abs(span[0] - t.end)))
    cls = nearest.value.split(":")[0]
    clash_word = any(t.value.startswith("clash") for t in triggers)
    # "the strikes targeted a depot": a strike word outranks the generic "targeted"
    if cls == "attack" and not clash_word and any(t.value.startswith("strike") for t in triggers):
        cls = "strike"
    # "as clashes raged, rockets hit the base": a weapon of remote fire wins
    fire = weapons & _FIRE
    if cls == "clash" and not fire:
        return "armed_clash"
    if clash_word and not fire and target != "US forces":
        return "armed_clash"  # "fighting resumed when fighters again attacked SDF positions"
    state_agent = agent is not None and lex.actor_kind.get(agent.actor) == "state"
    us_target = target == "US forces"
    # "government forces shelled the factions' positions": an army's guns, fire from afar
    if (nearest.phrase.lower().startswith("shell") and "aircraft" not in weapons and agent is not None
            and agent.actor in lex.ground):
        return "remote_attack"
    # no weapon of remote fire, no US target, ground forces on both sides: fighting
    # "ISIS fighters struck several SDF checkpoints": a militia that fights on the ground,
    # with no weapon of remote fire, strikes in a fight, whatever the verb
    if (agent is not None and not state_agent and agent.actor in lex.ground and not us_target
            and not fire and "aircraft" not in weapons and "artillery" not in weapons):
        return "armed_clash"
    # (a state that strikes from the air — Turkey, Israel — attacking a checkpoint is no clash)
    if (cls == "attack" and not us_target and ground and not fire and "aircraft" not in weapons
            and not (state_agent and agent is not None and agent.actor not in lex.ground)):
        return "armed_clash"
    if us_target:
        return "remote_attack"
    if "aircraft" in weapons and (agent is None or state_agent):
        return "air_strike"
    if weapons & GROUND_FIRE and "aircraft" not in weapons:
        return "remote_attack"  # "a recent rocket strike on Al-Asad airbase": no air force's
    if state_agent and agent is not None and agent.actor not in lex.remote_fire and (
            cls == "strike" or weapons <= _FROM_THE_AIR):
        return "air_strike"
    # strikes on militia positions, or strikes and attacks on IRGC facilities, by no one
    # named or by a state: from the air
    if (target == "IRGC-affiliated site" or strikes_militia
            # ("three militia members killed in a drone strike": a strike on them, from the air)
            or ((cls == "strike" or "strike" in nearest.phrase.lower())
                and target == "militia positions")) and (
            agent is None or (state_agent and agent.actor not in lex.remote_fire)):
        return "air_strike"
    remote = weapons & _LAUNCHED
    if (state_agent and agent is not None and agent.actor not in lex.ground
            and agent.actor not in lex.remote_fire and not us_target and not remote):
        return "air_strike"  # "the Turkish army targeted the power station"
    # "the strikes were executed near Abu Kamal": unattributed strikes on no US target
    if (cls == "strike" and agent is None and not us_target
            and any(t.phrase.lower() in ("strikes", "strike") for t in triggers) and not fire):
        return "air_strike"
    # an unattributed air strike, or strikes with no weapon of remote fire named
    if cls == "strike" and agent is None and not remote and (
            any("air" in t.phrase.lower() or "raid" in t.phrase.lower() for t in triggers)
            or (not weapons and target is not None)):
        return "air_strike"
    return "remote_attack"
