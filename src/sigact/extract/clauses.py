"""Cut a sentence where it turns to another event.

"US jets struck a depot on Wednesday, hours after a missile hit Ain al-Asad": the main
clause tells of the strike, the "after" clause of an earlier attack. Agent, weapons and
target are read clause by clause (:mod:`sigact.extract.frames`).
"""

from __future__ import annotations

import re

from sigact.extract.gates import Led, contains_any, lowered
from sigact.extract.scan import SentenceScan

# where a sentence turns to another event: "..., hours after a missile hit X",
# "in retaliation for the strike on Y"; what follows is a subordinate clause
_CLAUSE_SPLIT = re.compile(
    r",?\s+(?:(?:hours|days|minutes|weeks|shortly|soon|just|moments|a\s+day|a\s+week|one\s+day|"
    r"two\s+days|a\s+few\s+hours)\s+)?(?:after|before)\s+"
    r"(?!(?:the\s+)?(?:midnight|noon|dawn|sunrise|sunset|daybreak|dusk|\d))|,?\s+(?:in|as\s+an?)\s+(?:retaliation|"
    r"response|reprisal|retaliatory\s+response)\s+(?:for|to|against)\s+|\s+following\s+|"
    r"\s+(?:follows|followed|comes\s+after|came\s+after)\s+|"
    # "..., to which the US responded with airstrikes on Qaim": a later event, its own clause
    r",\s+(?:to\s+which|in\s+response\s+to\s+which|after\s+which|prompting|which\s+prompted)\s+|"
    # "..., the observatory said, adding that a Russian warplane also conducted airstrikes"
    r",\s+(?:adding|noting)\s+that\s+",
    re.IGNORECASE,
)
_CLAUSE_SPLIT_LED = Led(_CLAUSE_SPLIT)
_CLAUSE_WORDS = ("after", "before", "retaliation", "response", "reprisal", "following", "follows",
                 "followed", "which", "prompting", "adding", "noting")
Clause = tuple[int, int, bool]  # start, end (document offsets), subordinate


def clauses_of(sc: SentenceScan) -> list[Clause]:
    """The sentence cut where it turns to another event; the first clause is the main one."""
    out: list[Clause] = []
    pos, sub = sc.start, False
    if not contains_any(lowered(sc.text), _CLAUSE_WORDS):
        return [(sc.start, sc.sentence.end, False)]
    for m in _CLAUSE_SPLIT_LED.findall(sc.text):
        if m.group(0).lstrip(", ").lower().startswith(("adding", "noting")) and not _new_event_after(
                sc, sc.start + m.end()):
            continue  # "..., adding that air defences failed against the missiles": the same event
        out.append((pos, sc.start + m.start(), sub))
        pos, sub = sc.start + m.end(), True
    out.append((pos, sc.sentence.end, sub))
    return out


def _new_event_after(sc: SentenceScan, at: int) -> bool:
    """Does the rest of the sentence tell of another actor's use of force ("adding that a
    Russian warplane also conducted airstrikes")?"""
    return (any(h.start >= at for h in sc.get("trigger"))
            and any(h.start >= at for h in sc.get("actor")))


def clause_of(clauses: list[Clause], offset: int) -> Clause:
    for c in clauses:
        if c[0] <= offset < c[1]:
            return c
    return clauses[-1] if offset >= clauses[-1][0] else clauses[0]
