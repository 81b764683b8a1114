"""A gated pattern answers as its bare pattern does: the gate only skips hopeless searches."""

import re
from pathlib import Path

import pytest

import sigact.extract.agents
import sigact.extract.frames
import sigact.extract.roles  # noqa: F401  (their gated patterns register on import)
from sigact.extract.gates import GATED, Gated
from sigact.read import read_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# phrases some gated pattern matches, each in several cases
PHRASES = [
    "the base was targeted twice", "hit three separate times", "for the second time within hours",
    "Thrice", "4 attacks", "targeted one of its brigades", "hit their positions",
    "gunmen stormed", "tribal fighters", "tribesmen", "heavy clashes", "clashed with",
    "infiltrated the camp", "an ambush", "from three directions", "a ground assault",
    "the 11 attacks on the base", "12 more drone attacks",
    "opened fire on a checkpoint", "armed attack", "spokesperson ", "Col. ", "the Pentagon said on ",
    "since the start of the war",
    "has been targeted", "have repeatedly shelled", "from Aug. 27 to Sept. 12", "from 3 May until 9 May",
    "both attacks", "all the strikes", "the two operations",
    "claimed by ", "carried out by the ", "Washington blamed ", "accused an ", "attributed it to ",
    "blamed the attack on ", "held the ", "an attack on ", "fire at the ", "targeting a ", "towards the ",
    "struck ", "affiliated with ", "backed by Iran’s ", "proxies of the ", "part of an ",
    "President ", "Bashar al-", "Mr. ", "Gen. ", "commander ", "Minister ",
    "24 km west of the ", "30 kilometres south-west of ", "5 mi from ", "north-east of ", "near the ",
    "close to the city of ", "outside of ", "from the Syrian ", "on the border of ", "across from ",
    "border with ", "toward the border of the ",
    "between the towns of Nawa and ", "off the coast of ", "off shores near ",
    "seven attacks", "dozens of strikes",
]


def _texts() -> list[str]:
    out: list[str] = []
    for p in PHRASES:
        out += [p, p.upper(), p.title(), f"On Monday, {p}", f"x{p}", p.replace("s", "ſ"),
                p.replace("i", "ı"), p.replace("I", "İ").replace("i", "İ")]
    docs, _ = read_paths([EXAMPLES])
    for d in docs:
        for end in range(0, len(d.text) + 1, 2):
            out += [d.text[max(0, end - w):end] for w in (25, 40, 60)]
    return out


def test_every_gated_pattern_answers_as_its_pattern() -> None:
    texts = _texts()
    matched = 0
    for g in GATED:
        for t in texts:
            got, want = g.search(t), g.pattern.search(t)
            assert (got and got.span()) == (want and want.span()), (g.pattern.pattern, t)
            matched += want is not None
    assert matched > 100  # the phrases do reach the patterns


def test_words_of_a_case_insensitive_pattern_are_lower_case() -> None:
    with pytest.raises(ValueError):
        Gated(re.compile("from", re.IGNORECASE), "From")


def test_a_pattern_led_by_its_rest_finds_what_it_finds() -> None:
    """finditer_from: a date pattern without its leading \\b leads it to the same matches."""
    from sigact.extract.dates import _LEAD, _PATTERNS
    from sigact.extract.gates import finditer_from

    assert _LEAD
    texts = [*_texts(), "since 3 May 2024, until Friday", "2024-01-28 and 1/2/2024", "Sunday's",
             "last weekend", "xsince May", "in 2023", "mid-2022", "As of 12 January", "through Jan. 3rd"]
    for name, pattern in _PATTERNS:
        lead = _LEAD.get(name)
        if lead is None:
            continue
        for t in texts:
            for text in (t, t.lower()):
                want = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
                assert [(m.span(), m.groupdict()) for m in finditer_from(pattern, lead, text)] == want


def test_a_led_pattern_finds_what_its_pattern_finds() -> None:
    """Led: a case-insensitive pattern found in the lower-cased text where its lead says,
    then matched there, gives the pattern's own matches (odd letters, longer lower-cased
    texts and all)."""
    from sigact.extract.clauses import _CLAUSE_SPLIT_LED
    from sigact.extract.scan import LOCATING_LED

    docs, _ = read_paths([EXAMPLES])
    texts = [*_texts(), *(d.text for d in docs), "Over 20 killed, 31 İnjured in attacks", "ſince the start"]
    leds = [_CLAUSE_SPLIT_LED, LOCATING_LED, *(g._led for g in GATED if g._fold)]
    for led in leds:
        led.search("")
        assert led._lead is not None, led.pattern.pattern  # the fast way is there, and tested
        for t in texts:
            want = [(m.span(), m.groups()) for m in led.pattern.finditer(t)]
            assert [(m.span(), m.groups()) for m in led.findall(t)] == want, (led.pattern.pattern, t)
            got, first = led.search(t), led.pattern.search(t)
            assert (got and (got.span(), got.groups())) == (first and (first.span(), first.groups()))
