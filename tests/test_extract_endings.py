"""An end-anchored pattern asked from the end (its mirror image) answers as the pattern does."""

import random
import re
from pathlib import Path

import sigact.extract.agents
import sigact.extract.frames
import sigact.extract.roles  # noqa: F401  (their ending patterns register on import)
from sigact.extract.endings import ENDINGS, Ending, mirror
from sigact.read import read_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORDS = """
by the a an its of in near from km miles north-east south west town city President Mr. Gen.
was were been being came under attack claimed reported affiliated with linked to backed
province governorate region countryside Ministry Government officials visited trip
, . ; ' ’s Iraq's U.S. al- said no not never denied their these 24 Service blamed
accused held toward targeting
"""
VOCAB = WORDS.split()
SEPARATORS = [" ", "  ", "\t", "-", "", " \u00a0", "\n"]


def _texts() -> list[str]:
    rnd = random.Random(7)
    out = ["".join(rnd.choice(VOCAB) + rnd.choice(SEPARATORS) for _ in range(rnd.randint(1, 7)))
           for _ in range(6000)]
    docs, _ = read_paths([EXAMPLES])
    for d in docs:
        for text in (d.text, d.text.upper(), d.text.replace("s", "ſ"), d.text.replace("I", "İ")):
            for end in range(0, len(text) + 1, 2):
                out += [text[max(0, end - w):end] for w in (25, 40, 60)]
    return out


def test_every_ending_answers_as_its_pattern() -> None:
    assert all(e._mirror is not None for e in ENDINGS)  # each is asked from the end
    # and most case-insensitive ones from the end of the lower-cased text
    folded = [e for e in ENDINGS if e.pattern.flags & re.IGNORECASE]
    assert sum(e._low_mirror is not None for e in folded) >= 0.8 * len(folded)
    texts = _texts()
    found = 0
    for e in ENDINGS:
        for t in texts:
            want = e.pattern.search(t) is not None
            assert e.ends(t) == want, (e.pattern.pattern, t)
            found += want
    assert found > 1000


def test_mirror_reads_backwards() -> None:
    m = mirror(re.compile(r"(?<![\w-])ab?c\s+(?=d)\b(?:de|f)$", re.IGNORECASE))
    assert m is not None
    pattern, anchored = m
    assert anchored and pattern.match("ed  cbA") and pattern.match("ed ca")
    assert not pattern.match("ed cbax") and not pattern.match("f cba")
    assert mirror(re.compile(r"(?!ab|c)x$")) is None  # a look-behind of varying width
    assert Ending(re.compile(r"x$")).ends("a\nx\n")  # $ before a final line break
