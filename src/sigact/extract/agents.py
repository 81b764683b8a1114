"""Who attacked: the actors of a sentence in an agent position.

An actor is the agent of the sentence's attack when it follows "by" ("came under attack
by Iraqi resistance groups") or "blamed" ("Washington blamed Iran-backed militias"), when
it is the subject of an active attack or claim verb ("the IRI claimed", "US jets hit"),
or when its own name says it acts ("US warplanes"). An actor followed by a passive ("US
forces were targeted"), named after "on/at/against", or named as a sponsor ("affiliated
with Iran's IRGC") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sigact.extract.endings import Ending
from sigact.extract.gates import Gated
from sigact.extract.lexicon import Hit
from sigact.extract.scan import SentenceScan

_DETERMINER_THE = Ending(re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:\w+\s+)?$",
                                    re.IGNORECASE))
_APPOSITION = re.compile(r"^\s*(?:\([^)]{1,60}\)\s*)?,\s+(?:an?|the|which|who|whose)\b[^,]{0,140},")
_LIGHT_VERB = re.compile(
    r"^\s*(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:responded\s+with|carried\s+out|conducted|launched|staged|"
    r"unleashed|executed|claimed|announced)\s+(?:an?\s+|new\s+|more\s+|several\s+|multiple\s+|"
    r"retaliatory\s+|\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "US forces killed a militia commander in a drone strike": the strike is the subject's
_KILLED_IN = re.compile(
    r"^\s*(?:(?:has|have|had|also|reportedly)\s+)?(?:killed|assassinated|eliminated|targeted|hit)\s+"
    r"(?!(?:by|in)\b)[^,;]{1,60}?\s(?:in|with)\s+(?:an?|the|two|three|several|one)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = Ending(re.compile(
    r"\b(?:was|were|been|being|be|is|are|got|get|gets|came\s+under|come\s+under|comes\s+under)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
))
_LOCATIVE_BEFORE = Ending(re.compile(
    r"\b(?:in|into|inside|across|from|to|near|over|within|throughout)\s+(?:the\s+)?$", re.IGNORECASE))
_NOT_AGENT_BY = Ending(re.compile(
    r"\b(?:backed|supported|funded|armed|used|operated|run|controlled|held|ordered|"
    r"trained|sponsored|claimed|reported|confirmed|announced|cited|quoted|statement|statements|"
    r"claim|claims|report|reports|announcement|video|footage|message|speech|utilized|utilised|"
    r"occupied|hosted|manned|frequented|owned|staffed|guarded|protected|visited)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
))
_RELATION_BEFORE = Ending(Gated(
    re.compile(
        r"\b(?:affiliated|linked|allied|aligned|tied|loyal|close|part|member|members|network|umbrella|"
        r"proxy|proxies|backed|supported|funded|armed|sponsored|belonging|belongs|belonged)\s+(?:with|to|of|by)\s+"
        r"(?:the\s+|an?\s+)?(?:\w+['’]s\s+)?$",
        re.IGNORECASE,
    ),
    "affiliated", "linked", "allied", "aligned", "tied", "loyal", "close", "part", "member", "network",
    "umbrella", "prox", "backed", "supported", "funded", "armed", "sponsored", "belong",
))
_BY_REACH = 100  # characters from a strike word to the "by" of its agent
_BY = Ending(Gated(re.compile(r"\bby\s+(?:the\s+|an?\s+|its\s+)?$", re.IGNORECASE), "by"))
_BLAMED = Ending(Gated(
    re.compile(
        r"\b(?:blamed|blames|blaming|accused|accuses|accusing|attributed\s+(?:it|the\s+\w+)?\s*to|"
        r"blamed\s+(?:it|the\s+\w+)?\s*on|held)\s+(?:the\s+|an?\s+)?$",
        re.IGNORECASE,
    ),
    "blam", "accus", "attributed", "held",
))
_TARGET_BEFORE = Ending(re.compile(
    r"\b(?:on|at|against|targeting|targeted|toward|towards|hit|struck|attacked|attacking)"
    r"\s+(?:the\s+|a\s+)?$",
    re.IGNORECASE,
))
_AGENTIVE_ALIAS = re.compile(
    r"\b(?:jets?|warplanes?|aircraft|bombers?|drones?|helicopters?|air\s+force|fighters|"
    r"air\s*strikes?)\b",
    re.IGNORECASE,
)
# "The PMF announced that a drone strike had targeted one of its brigades": the speaker's
# own men were struck; it tells of an attack on itself, it claims none
_OWN_LOSS = Gated(
    re.compile(
        r"\b(?:targeted|targeting|hit|struck|attacked|killed|injured|wounded|bombed|shelled)\s+"
        r"(?:(?:one|some|two|three|several|many)\s+of\s+)?(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?"
        r"(?:brigades?|positions?|members?|headquarters|bases?|forces|fighters|convoys?|vehicles?|units?|"
        r"posts?|sites?|facilit(?:y|ies)|personnel|troops|soldiers|commanders?|depots?)\b",
        re.IGNORECASE,
    ),
    "its", "their",
)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:which|who|while|as|but|and\s+the)\b|\bthat\b")


@dataclass(slots=True, frozen=True)
class Agent:
    actor: str
    hit: Hit
    how: str  # "by", "subject", "alias", "claim"
    generic: bool = False  # "the group": stands for an actor named elsewhere
    kind: str = "non_state"


_ORDER = {"by": 0, "claim": 1, "blamed": 2, "alias": 3, "subject": 4}  # how sure the role is

# words of the verb lists that are also nouns ("the strikes", "Tuesday's attacks")
NOUN_FORMS = {"strikes", "attacks", "hits", "raids", "bombardment", "shelling", "targeting"}


def is_noun(t: Hit) -> bool:
    """A trigger used as a noun ("the attack", "US airstrikes"), not a verb ("struck")."""
    return t.value.endswith(":definite") or t.phrase.lower() in NOUN_FORMS


def _gap(text: str, a: int, b: int) -> str:
    """The text between an actor and a later word, an apposition after the actor left out."""
    between = text[a:b]
    m = _APPOSITION.match(between)
    return between[m.end():] if m else between


def find_agents(
    sc: SentenceScan, doc_text: str, triggers: list[Hit], kinds: dict[str, str]
) -> list[Agent]:
    """Actors of the sentence in an agent position, strongest first."""
    out: list[Agent] = []
    # "Iran-backed", "anti-US", "the Israel-Hamas war": a name inside a compound word is no actor
    actors = [a for a in (*sc.get("actor"), *sc.get("generic"))
              if doc_text[a.end:a.end + 1] != "-" and doc_text[a.start - 1:a.start] != "-"]
    if not actors:
        return out
    claims = sc.get("cue:claim")
    generic = {(h.start, h.end) for h in sc.get("generic")}
    said_at: dict[int, int] = {}  # a claiming actor's start: the end of its claim word

    def agent(a: Hit, how: str) -> Agent:
        return Agent(a.value, a, how, (a.start, a.end) in generic, kinds.get(a.value, "non_state"))

    for a in actors:
        before = doc_text[max(sc.start, a.start - 40):a.start]
        # "... to deter further aggression by Iran", far from the sentence's strike words, is
        # not the strike's "by" ("neutralized by a US drone strike": the name may still stand
        # before its strike)
        if _BY.ends(before) and not _NOT_AGENT_BY.ends(before) and (
                any(0 <= a.start - t.end <= _BY_REACH for t in triggers) or not triggers):
            out.append(agent(a, "by"))
            continue
        if _BLAMED.ends(before):
            out.append(agent(a, "blamed"))
            continue
        if _TARGET_BEFORE.ends(before) or _RELATION_BEFORE.ends(before) or (
                a.value in kinds and kinds[a.value] == "state" and a.phrase[:1].isupper()
                and " " not in a.phrase and _LOCATIVE_BEFORE.ends(before)
                # "killed in US drone strike": the name stands before its strike noun
                and not any(t.start > a.end and is_noun(t) and doc_text[a.end:t.start].isspace()
                            for t in triggers)):
            continue  # "a drone attack in Jordan": a place, not Jordan's forces
        # subject of a claim verb: "the IRI claimed", "X announced that its fighters"
        said = next((c for c in claims if 0 <= c.start - a.end <= 200
                     and len(words := _gap(doc_text, a.end, c.start)) <= 60
                     and not _CLAUSE_BREAK.search(words)), None)
        if said is not None:
            if not _OWN_LOSS.search(doc_text[a.end:sc.start + len(sc.text)]):
                out.append(agent(a, "claim"))
                said_at[a.start] = said.end
            continue
        # subject of an active attack verb
        for t in triggers:
            if t.start < a.end:
                continue
            between = _gap(doc_text, a.end, t.start)
            gap = len(between)
            noun = is_noun(t)
            # a noun needs its actor at hand ("US airstrikes", "an Israeli missile strike",
            # "the US carried out a drone strike"); a verb may be some words on
            if noun and gap > 14 and not _LIGHT_VERB.match(between) and not _KILLED_IN.match(between):
                continue
            if gap <= 70 and not _CLAUSE_BREAK.search(between):
                if t.value.endswith(":definite") and gap > 2 and _DETERMINER_THE.ends(
                        doc_text[max(a.end, t.start - 12):t.start]):
                    continue  # "X ... the attack": not X's verb
                if _PASSIVE_BEFORE.ends(doc_text[a.end:t.start]) or t.phrase.lower().startswith(
                    ("came under", "come under", "was ", "were ", "has been", "have been")
                ):
                    break
                out.append(agent(a, "alias" if _AGENTIVE_ALIAS.search(a.phrase) else "subject"))
                break
        else:
            if _AGENTIVE_ALIAS.search(a.phrase):
                out.append(agent(a, "alias"))
    # "Kataib Hezbollah said in a statement that a US strike targeted ...": the speaker
    # tells of another actor's strike
    out = [g for g in out if g.how != "claim" or not any(
        o.how in ("subject", "alias") and o.actor != g.actor and not o.generic
        and o.hit.start >= said_at.get(g.hit.start, len(doc_text)) for o in out)]
    # a named actor beats "the group"; then by how sure the role is
    out.sort(key=lambda g: (g.generic, _ORDER[g.how], g.hit.start))
    return out
