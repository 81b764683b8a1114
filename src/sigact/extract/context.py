"""Sentence frames read in context: dates, references back, agents carried over.

1. **Dates in context.** A frame with its own date phrase keeps it; "earlier in the
   night" counts back from the sentence before; an undated sentence that continues the
   one before ("X also reported that...") takes its date; any other undated sentence is
   dated to the week before publication (``date_precision: week``), and a document with
   no publication date leaves it undated — never a guess.
2. **Anaphora.** "The IRI took responsibility for the attacks", "Tuesday's attacks did not
   cause casualties": a frame with no place whose attack is definite adds its claim,
   weapons, outcome and casualties to the incidents of the frame it refers back to (the
   last placed frame within three sentences, unless a new, unplaced event came between);
   "the strikes hit X" takes the agent and day of the strikes told just before.
3. **The document's story.** A bare "targeted X" takes the type and agent of the
   document's well-told incident nearby; one named non-state agent, and no other, is the
   attributed perpetrator of the document's unattributed remote attacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import date as _Date  # for Mention.__init__, whose argument is named date

from sigact.extract.frames import GROUND_FIRE, Frame
from sigact.places import PlaceMention

_ANAPHORA_WINDOW = 3


@dataclass(slots=True)
class Mention:
    """One place of one frame: the raw material of an incident."""

    frame: Frame
    place: PlaceMention
    event_type: str
    date: date | None
    precision: str
    perpetrator: str | None = None
    basis: str = "unknown"
    weapons: set[str] = field(default_factory=set)
    outcome: str = "unknown"
    killed: int | None = None
    injured: int | None = None
    target: str | None = None
    multiplicity: int = 1
    extra: list[Frame] = field(default_factory=list)  # anaphoric frames that add to it
    inferred: list[Frame] = field(default_factory=list)  # frames a default perpetrator came from

    # written out (dataclass keeps it): compiled, it is a direct call, where the generated
    # __init__ runs as interpreted Python
    def __init__(
        self, frame: Frame, place: PlaceMention, event_type: str, date: _Date | None, precision: str,
        perpetrator: str | None = None, basis: str = "unknown", weapons: set[str] | None = None,
        outcome: str = "unknown", killed: int | None = None, injured: int | None = None,
        target: str | None = None, multiplicity: int = 1, extra: list[Frame] | None = None,
        inferred: list[Frame] | None = None,
    ) -> None:
        self.frame = frame
        self.place = place
        self.event_type = event_type
        self.date = date
        self.precision = precision
        self.perpetrator = perpetrator
        self.basis = basis
        self.weapons = set() if weapons is None else weapons
        self.outcome = outcome
        self.killed = killed
        self.injured = injured
        self.target = target
        self.multiplicity = multiplicity
        self.extra = [] if extra is None else extra
        self.inferred = [] if inferred is None else inferred


_SAME_DAY = re.compile(
    r"\b(?:the|that)\s+same\s+(?:day|night)\b|\b(?:later|earlier)\s+that\s+(?:day|night)\b", re.IGNORECASE)


def resolve_dates(frames: list[Frame], published: date | None, anchor: date | None = None
                  ) -> dict[int, tuple[date | None, str]]:
    """Each frame's (date, precision), in context.  A sentence with no date of its own is
    news of the week before publication or, in an undated text, before its ``anchor``
    (the full date its caption or lede gives)."""
    around = published if published is not None else anchor
    out: dict[int, tuple[date | None, str]] = {}
    prev: tuple[date | None, str] | None = None
    prev_index = -10
    for f in frames:
        d = f.date
        if d is not None and d.value is not None:
            value, precision = d.value, d.precision if d.precision in ("day", "week", "month") else "day"
            if d.night_before and prev and prev[0] and prev[1] == "day":
                value = prev[0] - timedelta(days=1)
        elif d is not None:
            value, precision = None, "unknown"
        elif prev and prev[0] and prev[1] == "day" and (
                (f.continuation and f.index - prev_index <= 1)
                # "On that same day, ...": the day named last, a few sentences back
                or (f.index - prev_index <= 3 and _SAME_DAY.search(f.sentence.text) is not None)):
            value, precision = prev
        elif around is not None:
            value, precision = around, "week"
        else:
            value, precision = None, "unknown"
        if published is not None and value is not None and value > published + timedelta(days=1):
            value, precision = published, "week"  # a date after publication is a misreading
        out[f.index] = (value, precision)
        if (d is not None and d.value is not None) or (value is not None and precision == "day"):
            prev, prev_index = (value, precision), f.index
    return out


def _family(phrase: str) -> str:
    p = phrase.lower()
    if any(w in p for w in ("strik", "struck", "raid", "bomb")):
        return "strike"
    if "clash" in p or "fight" in p:
        return "clash"
    return "attack"


def _same_class(a: Frame, b: Frame) -> bool:
    """"The strike" refers back to a strike ("a US drone strike hit a car"), "those
    attacks" to attacks."""
    return _family(a.triggers[0].phrase) == _family(b.triggers[0].phrase)


def _same_words(a: Frame, b: Frame) -> bool:
    """Told in the same specific words: "the drone strike ..." after "a drone strike ..."."""
    pa, pb = (" ".join(f.triggers[0].phrase.lower().split()).rstrip("s") for f in (a, b))
    return pa == pb and " " in pa


def _perpetrator(f: Frame, named_before: dict[int, tuple[str, ...]]) -> str | None:
    """The agent's name; "the group" is the actor it stands for when that actor was named
    earlier in the document, else the last non-state actor named, else nobody."""
    if f.agent is None:
        return None
    if not f.agent.generic:
        return f.agent.actor
    before = named_before.get(f.index, ())
    if f.agent.actor in before:
        return f.agent.actor
    return before[-1] if before else None


def build_mentions(
    frames: list[Frame], dates: dict[int, tuple[date | None, str]],
    named_before: dict[int, tuple[str, ...]],
) -> list[Mention]:
    """Placed mentions, with anaphoric frames folded into their antecedents."""
    mentions: list[Mention] = []
    last: Frame | None = None
    last_group: list[Mention] = []
    recent: list[tuple[Frame, list[Mention]]] = []  # placed frames since the last new event
    last_event: Frame | None = None  # the last frame that told of an event, placed or not
    events: list[Frame] = []  # every frame that told of an event, in order
    prev_frame: Frame | None = None  # the frame before, whatever it told
    locator: Frame | None = None  # a locating sentence that placed no event told before it
    for f in frames:
        f_before, prev_frame = prev_frame, (f if not f.locates and f.triggers else prev_frame)
        if f.locates:
            # "the safe house, located in X": the unplaced (or only area-placed) event told
            # just before happened at X
            told = f_before
            if (told is not None and f.index - told.index <= 2
                    and all(_area_only(p, told) for p in told.places)
                    and told.event_types.get("*") in ("air_strike", "remote_attack")):
                group = _located(f, told, dates, named_before)
                mentions.extend(group)
                last, last_group = f, group
                recent = [*recent, (f, group)]
                locator = None
            else:
                locator = f  # it may place the event told just after
            continue
        # "the explosion at the Kalsu camp in northern Babil ... Three missiles targeted the
        # brigade's headquarters": an unplaced event placed by the sentence just before
        if (locator is not None and f.index - locator.index <= 2 and not f.anaphoric
                and all(_area_only(p, f) for p in f.places) and f.agent is None
                and f.event_types.get("*") in ("air_strike", "remote_attack")
                and not any(m.frame is locator for m in mentions)):
            group = _located(locator, f, dates, named_before)
            mentions.extend(group)
            events.append(f)
            last, last_group, last_event = f, group, f
            recent = [*recent, (f, group)]
            locator = None
            continue
        perp = _perpetrator(f, named_before)
        # an unplaced sentence with no agent, date or weapon of its own goes on about the
        # last event ("Most were intercepted, but some struck the base.")
        # ("Most were intercepted, but some struck the base."; "Defences downed one drone.":
        # the outcome goes on, the weapons named again add nothing)
        continues = not f.places and f.agent is None and f.date is None and (
            not f.weapons or (bool(last_group) and all(m.weapons for m in last_group)))
        # "X claimed a drone and rocket attack on the base in Y. The group said they hit the
        # base with drones and rockets.": the same agent, the same weapons, right after
        if (not continues and not f.places and f.agent is not None and f.date is None and last is not None
                and len(last_group) == 1 and f.index - last.index <= 1
                and perp is not None and last_group[0].perpetrator == perp
                and f.weapons and f.weapons <= last_group[0].weapons):
            continues = True
        if f.anaphoric or continues:
            # "A drone strike hit a convoy. ... the alleged Turkish strike attacked the convoy":
            # the agent of an unplaced event told just before, for the sentences that place it
            if (f.agent is not None and last_event is not None and last_event.agent is None
                    and not last_event.places and f.index - last_event.index <= 2
                    and _same_class(f, last_event)):
                last_event.agent, last_event.basis = f.agent, f.basis
            if last is not None and last_group and f.index - last.index <= _ANAPHORA_WINDOW:
                # "claimed both attacks": every incident told since the last new event
                if f.plural:
                    targets = [m for fr, g in recent if f.index - fr.index <= _ANAPHORA_WINDOW
                               for m in g]
                else:
                    targets = last_group
                for m in targets:
                    _add_info(m, f, perp, single=len(targets) == 1, weapons=f.anaphoric)
                # "The monitor confirmed the base was targeted twice."
                if len(targets) == 1 and not f.plural and f.multiplicity > 1:
                    targets[0].multiplicity = max(targets[0].multiplicity, f.multiplicity)
            last = f if not last_group else last
            continue
        # "the strikes hit X": a placed sentence that refers back takes the agent of the
        # event it refers to ("US bombers struck 85 targets on Friday.")
        # (the places of its "after ..." clause tell of another event and do not count)
        told_at = [p for p in last_event.places if not last_event.roles[p.place.id].subordinate] if (
            last_event is not None) else []
        if (perp is None and f.definite and last_event is not None and last_event.agent
                and f.index - last_event.index <= 2 and _same_class(f, last_event)
                and (not told_at or {p.place.admin1 for p in told_at}
                     & {p.place.admin1 for p in f.places})
                and not any(last_event.agent.actor in p.place.hosts for p in f.places)):
            perp = _take_agent(f, last_event, named_before, weapons=True)
            if f.date is None and last_event.date is not None:
                dates[f.index] = dates[last_event.index]
        # "Israeli aircraft struck Tartus. ... Military facilities in Latakia were also struck.":
        # a placed sentence that says it goes on ("also") about a state's air strikes, with
        # no agent of its own, is more of them
        src = next((e for e in reversed(events) if e.agent is not None and f.index - e.index <= 4), None)
        if (perp is None and f.continuation and f.agent is None and src is not None and src.agent is not None
                and src.event_types.get("*") == "air_strike" and not (f.weapons & GROUND_FIRE)
                and not any(src.agent.actor in p.place.hosts for p in f.places)):
            perp = _take_agent(f, src, named_before, weapons=False)
        # "The drone strike which killed three US troops happened at Tower 22": a definite
        # event with no day of its own is the one told before in the same words, on its day
        if f.definite and f.date is None and f.places and dates[f.index][1] != "day":
            here = {p.place.id for p in f.places}
            told = next((e for e in reversed(events) if _same_class(f, e) and e.date is not None
                         and dates[e.index][1] == "day"
                         and (here & {p.place.id for p in e.places} or (
                             not e.places and _same_words(f, e)))
                         and (not f.weapons or not e.weapons or f.weapons <= e.weapons)), None)
            if told is not None:
                dates[f.index] = dates[told.index]
        # "A drone attack Friday was reported against a US base in Syria. ... the base in
        # Al-Shaddadi was attacked with a drone": the placed detail of an unplaced, dated lede
        if (f.date is None and f.places and dates[f.index][1] != "day" and last_event is not None
                and not last_event.places and last_event.date is not None
                and f.index - last_event.index <= 2 and dates[last_event.index][1] == "day"
                and _same_class(f, last_event)
                and (not f.weapons or not last_event.weapons or f.weapons <= last_event.weapons
                     or last_event.weapons <= f.weapons)
                and not any({p.place.id for p in e.places} & {p.place.id for p in f.places} for e in events)):
            dates[f.index] = dates[last_event.index]
        events.append(f)
        value, precision = dates[f.index]
        # "The attack came a day after ...": the main clause's day is its antecedent's
        main_day = value if precision == "day" and f.date is not None else None
        if (main_day is None and f.definite and last_event is not None and last_event.date is not None
                and f.index - last_event.index <= 2 and dates[last_event.index][1] == "day"):
            main_day = dates[last_event.index][0]
        last_event = f
        group = []
        for p in f.places:
            r = f.roles[p.place.id]
            p_perp = perp if r.agent is f.agent else (r.agent.actor if r.agent else None)
            p_value, p_precision = value, precision
            sub = f.sub_date
            if r.subordinate and sub is not None and sub.value is not None:
                # "... follows strikes on 85 targets last week": the clause's own date
                p_value = sub.value
                p_precision = sub.precision if sub.precision in ("week", "month") else "day"
            elif r.subordinate and r.days_apart is not None and main_day is not None:
                p_value, p_precision = main_day + timedelta(days=r.days_apart), "day"
            elif r.subordinate and precision == "day":
                p_precision = "week"  # an "after ..." clause tells of an earlier event: its day is loose
            m = Mention(
                frame=f, place=p, event_type=r.event_type, date=p_value, precision=p_precision,
                perpetrator=p_perp, basis=r.basis if p_perp else "unknown",
                weapons=set(r.weapons), outcome=f.outcome, killed=f.killed, injured=f.injured,
                target=r.target, multiplicity=f.multiplicity,
            )
            group.append(m)
        mentions.extend(group)
        last, last_group = f, group
        recent = [*recent, (f, group)] if f.places else []
    return mentions


# "the province of Deir Ezzor": the name that follows stands for an area (also read in incidents.py)
AREA_OF_BEFORE = re.compile(r"\b(?:province|governorate|region|countryside)\s+of\s+(?:the\s+)?$",
                            re.IGNORECASE)


def _area_only(p: PlaceMention, f: Frame) -> bool:
    """A governorate, or a city's name for its province ("the province of Deir Ezzor")."""
    if p.place.precision == "region":
        return True
    text, at = f.sentence.text, f.sentence.start
    return p.place.precision == "town" and bool(AREA_OF_BEFORE.search(text, 0, p.start - at))


def _located(f: Frame, event: Frame, dates: dict[int, tuple[date | None, str]],
             named_before: dict[int, tuple[str, ...]]) -> list[Mention]:
    """Mentions of ``event`` at the places the locating sentence ``f`` names."""
    value, precision = dates[event.index]
    perp = _perpetrator(event, named_before)
    etype = event.event_types["*"]
    return [Mention(frame=f, place=p, event_type=etype, date=value, precision=precision,
                    perpetrator=perp, basis=event.basis if perp else "unknown",
                    weapons=set(event.weapons), outcome=event.outcome, target=event.target,
                    extra=[event])
            for p in f.places]


def adopt_story(mentions: list[Mention]) -> None:
    """A mention read from a bare "targeted" (no agent, no weapon) takes the event type and
    agent of the document's well-described incident nearby: "US jets struck IRGC sites in
    Deir ez-Zor ... The targeted locations were near Abu Kamal" is one story of air strikes."""
    remote = ("remote_attack", "air_strike")  # fighting on the ground is its own story
    strong = [m for m in mentions if (m.perpetrator or m.weapons) and m.event_type in remote]
    for m in mentions:
        if m.perpetrator or m.weapons or m.event_type not in remote:
            continue
        role = m.frame.roles.get(m.place.place.id)
        if role is not None and role.subordinate:
            continue  # "the strikes come after attacks on X": another story
        near = [s for s in strong if s.event_type != m.event_type
                and s.place.place.country == m.place.place.country
                and s.place.place.admin1 == m.place.place.admin1
                and (s.date is None or m.date is None or abs((s.date - m.date).days) <= 7)]
        if near and len({s.event_type for s in near}) == 1:
            src = near[0]
            m.event_type = src.event_type
            if src.perpetrator:
                m.perpetrator, m.basis = src.perpetrator, "attributed"
                m.inferred.append(src.frame)
    # "Drone strike in Baghdad kills a militia commander ... The vehicle was targeted by the
    # same type of drone": an unattributed mention at the very place and day of an attributed
    # air strike, with nothing fired from the ground, is that strike told again
    for m in mentions:
        if m.perpetrator or m.event_type != "remote_attack" or m.weapons & GROUND_FIRE:
            continue
        same = [s for s in strong if s.event_type == "air_strike" and s.perpetrator
                and s.place.place.id == m.place.place.id and s.date == m.date
                and m.weapons <= s.weapons | {"drone", "missile"}]
        if same:
            m.event_type, m.perpetrator, m.basis = "air_strike", same[0].perpetrator, "attributed"
            m.inferred.append(same[0].frame)


def default_perpetrator(
    mentions: list[Mention], frames: list[Frame], descriptive: frozenset[str] = frozenset(),
    defenders: frozenset[str] = frozenset(), abroad: frozenset[str] = frozenset(),
) -> None:
    """A document whose remote attacks have one named non-state agent, and no other,
    attributes its unattributed remote attacks to it (as a human coder reads "American
    bases ... under fire from resistance groups" through the whole article); likewise one
    state air force for its unattributed air strikes. A descriptive label ("Iran-backed
    militias") gives way to the group the same document names ("the Islamic Resistance in
    Iraq claimed...")."""
    for event_type, kind in (("remote_attack", "non_state"), ("air_strike", "state")):
        excluded = defenders if event_type == "remote_attack" else frozenset()
        # an agent of a sentence set outside the theatre ("attacks on shipping in the Red
        # Sea by Houthi militants") is no candidate for the theatre's attacks
        named = [f for f in frames if f.agent is not None and not f.agent.generic
                 and f.agent.kind == kind and f.agent.actor not in excluded
                 and f.agent.actor not in abroad and not f.sentence.get("outside")]
        actors = {f.agent.actor for f in named if f.agent is not None}
        specific = actors - descriptive
        if len(specific) == 1:
            (actor,) = specific
        elif not specific and len(actors) == 1:
            (actor,) = actors
        else:
            continue
        source = next(f for f in named if f.agent is not None and f.agent.actor == actor)
        for m in mentions:
            if m.event_type != event_type:
                continue
            if m.perpetrator is None or (m.perpetrator in descriptive and actor not in descriptive):
                if m.perpetrator is None or m.basis != "claimed":
                    m.basis = "attributed"
                m.perpetrator = actor
                m.inferred.append(source)


def state_strikes(mentions: list[Mention], actor_kind: dict[str, str],
                  ground: frozenset[str] = frozenset(), ground_forces: frozenset[str] = frozenset()) -> None:
    """A "remote attack" that the document credits to a state's forces, on no base of that
    state and on no US target, is that state's air or drone strike ("three died in the
    strike, carried out by a drone in east Baghdad", in a report of a US strike). The IRGC
    (``ground``: the codebook's ``remote_fire``) fires missiles from Iran: its attacks stay
    remote attacks; an army's shelling (``ground_forces``: the codebook's ``ground``) too."""
    for m in mentions:
        if (m.event_type == "remote_attack" and m.perpetrator is not None
                and actor_kind.get(m.perpetrator) == "state" and m.perpetrator not in ground
                and m.target != "US forces" and m.perpetrator not in m.place.place.hosts
                and not (m.weapons & GROUND_FIRE and "aircraft" not in m.weapons)
                # "government forces shelled the factions' positions": an army's guns
                and not ("artillery" in m.weapons and "aircraft" not in m.weapons
                         and m.perpetrator in ground_forces)):
            m.event_type = "air_strike"


def _take_agent(f: Frame, src: Frame, named_before: dict[int, tuple[str, ...]], weapons: bool) -> str | None:
    """``f`` tells more of ``src``'s event: its agent (and, with ``weapons``, its weapons) for
    the places ``f`` names with no agent of their own; a state's air strike stays one."""
    f.agent, f.basis = src.agent, src.basis
    for r in f.roles.values():
        if r.agent is None and not r.subordinate:
            r.agent, r.basis = src.agent, src.basis
            if weapons:
                r.weapons |= src.weapons
            if r.event_type == "remote_attack" and src.event_types.get("*") == "air_strike":
                r.event_type = "air_strike"
    return _perpetrator(src, named_before)


def _add_info(m: Mention, f: Frame, perp: str | None, single: bool, weapons: bool = True) -> None:
    m.extra.append(f)
    if perp and (m.perpetrator is None or (f.basis == "claimed" and m.basis != "claimed")):
        m.perpetrator, m.basis = perp, f.basis
    if weapons:
        m.weapons |= f.weapons - {"aircraft"} if m.event_type != "air_strike" else f.weapons
    if f.outcome != "unknown" and m.outcome == "unknown":
        m.outcome = f.outcome
    # "16 killed in the strikes": a figure for several incidents is none's own, but
    # "the attacks caused no casualties" is true of each
    if not single:
        if f.killed == 0:
            m.killed = 0 if m.killed is None else m.killed
        if f.injured == 0:
            m.injured = 0 if m.injured is None else m.injured
        return
    if f.killed is not None:
        m.killed = f.killed if m.killed is None else max(m.killed, f.killed)
    if f.injured is not None:
        m.injured = f.injured if m.injured is None else max(m.injured, f.injured)
