"""The phrase scan's tokens, read a character at a time, are those of its regex."""

import random
import re
from pathlib import Path

from sigact.extract.lexicon import TOKEN, Tokens, _tokenise_loop
from sigact.read import read_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ALPHABET = list("abc XYZ_ \t\n\u00a0\u2003.,;'’-–()[]0123459éİıſßﬁ\u0130\u1e9e\u2160\u00bd\u0663"
                "\U0001d7d8\u200b\u3000_\x1c\x1d\x85\u02bf")


def test_the_character_classes_are_the_patterns() -> None:
    """\\w is alphanumeric or "_", \\s is str.isspace, for every character (what the
    tokenisers of lexicon.py and places/matcher.py rely on)."""
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for o in range(0x110000):
        c = chr(o)
        assert bool(word.match(c)) == (c.isalnum() or c == "_"), hex(o)
        assert bool(space.match(c)) == c.isspace(), hex(o)


def test_tokens_are_the_pattern_tokens() -> None:
    docs, _ = read_paths([EXAMPLES])
    texts = [d.text for d in docs]
    rnd = random.Random(5)
    texts += ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 40))) for _ in range(20000)]
    for t in texts:
        tk = Tokens.of(t)
        low = t.lower()
        ms = list(TOKEN.finditer(low if len(low) == len(t) else t))
        want = [m.group() if len(low) == len(t) else m.group().lower() for m in ms]
        assert (tk.starts, tk.ends, tk.lower) == ([m.start() for m in ms], [m.end() for m in ms], want), t
        starts: list[int] = []
        ends: list[int] = []
        toks: list[str] = []
        _tokenise_loop(t, starts, ends, toks)  # the compiled build's way, whichever runs
        ms = list(TOKEN.finditer(t))
        assert (starts, ends) == ([m.start() for m in ms], [m.end() for m in ms]), t
        assert toks == [m.group() for m in ms], t
