"""The place finder's candidate words, found without the regex, are the regex's."""

import random
from pathlib import Path

import sigact.places.matcher as M
from sigact.read import read_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PIECES = [
    "al", "Al", "ash", "el", "a", "e", "i", "u", "o", "Ain", "ain", "as", "AS", "at", "ab", "ul", "Umm",
    "x", "X9", "9", "_", "'", "’", "`", "ʿ", "ʾ", "é", "É", "ü", "-", ",", ".", "(", ")", "“", "”", " ", "  ",
    "\u00a0", "\n", "\t", "\u2003", "Qa'im", "al-Asad", "U.S.", "ıl", "İs", "ſh", "\u212a", "ai", "ad", "adh",
    "eth", "iz", "un", "at'", "an`", "el\u00a0", "ab’",
]


def _regex(text: str) -> tuple[list[int], list[int], list[str]]:
    ms = list(M._CAND_RE.finditer(text))
    return [m.start() for m in ms], [m.end() for m in ms], [m.group() for m in ms]


def test_candidates_are_the_pattern_matches() -> None:
    docs, _ = read_paths([EXAMPLES])
    texts = [d.text for d in docs]
    rnd = random.Random(3)
    texts += ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    for t in texts:
        want = _regex(t)
        assert M.candidates(t) == want, t
        assert M._candidates_loop(t) == want, t  # the compiled build's way, whichever runs


def test_next_word_is_the_next_pattern() -> None:
    """_next_word + _token_end (the compiled build's way) find what _NEXT_RE.match finds."""
    docs, _ = read_paths([EXAMPLES])
    texts = [d.text for d in docs]
    rnd = random.Random(5)
    texts += ["".join(rnd.choice([*PIECES, "‐", "‑", "–"]) for _ in range(rnd.randint(0, 8)))
              for _ in range(5000)]
    for t in texts:
        for i in range(len(t) + 1):
            m = M._NEXT_RE.match(t, i)
            start = M._next_word(t, i)
            got = None if start < 0 else (start, M._token_end(t, start, len(t)))
            assert got == (m and m.span(1)), (t, i)
