"""Patterns anchored at the end of a short text, tested from that end.

Roles and agents are read from the words just before a place or an actor: "24 km west
of", "claimed by the", "affiliated with". Those patterns end in ``$`` and are searched in
a window of the text, which makes Python's engine try them at every position of the
window. :class:`Ending` instead matches the pattern's mirror image (every sequence read
backwards, look-behinds turned into look-aheads) once, at the start of the reversed
window: a match of the one exists exactly when a match of the other does.

A pattern that cannot be mirrored (a look-ahead of varying width would become a
look-behind, which Python does not allow) and a window with a line break (``$`` also
matches before a final one) go to the pattern itself.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser

# Ending itself lives in the compiled gates module (it is asked thousands of times a
# second); it mirrors its pattern with mirror() below, which reads re's private parser.
from sigact.extract.gates import ENDINGS, Ending

__all__ = ["ENDINGS", "Ending", "mirror"]

_CATEGORY = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_AT = {
    C.AT_BEGINNING: r"\Z", C.AT_BEGINNING_STRING: r"\Z", C.AT_END: r"\A", C.AT_END_STRING: r"\A",
    C.AT_BOUNDARY: r"\b", C.AT_NON_BOUNDARY: r"\B",
}
_FLAGS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.VERBOSE: "x", re.ASCII: "a"}


class _CannotMirror(Exception):
    pass


def _char(c: int) -> str:
    return re.escape(chr(c))


def _set(items: list) -> str:
    out = []
    for op, av in items:
        if op is C.NEGATE:
            out.append("^")
        elif op is C.LITERAL:
            out.append("\\" + chr(av) if chr(av) in "\\]^-[" else chr(av))
        elif op is C.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORY:
            out.append(_CATEGORY[av])
        else:
            raise _CannotMirror(op)
    return "[" + "".join(out) + "]"


def _seq(items: list) -> str:
    """The mirror image of a sequence: its items mirrored, in reverse order."""
    return "".join(_item(op, av) for op, av in reversed(items))


def _item(op: object, av: object) -> str:
    if op is C.LITERAL:
        return _char(av)  # type: ignore[arg-type]
    if op is C.NOT_LITERAL:
        return f"[^{_char(av)}]"  # type: ignore[arg-type]
    if op is C.ANY:
        return "."
    if op is C.IN:
        return _set(av)  # type: ignore[arg-type]
    if op is C.AT and av in _AT:
        return _AT[av]
    if op is C.BRANCH:
        return "(?:" + "|".join(_seq(list(b)) for b in av[1]) + ")"  # type: ignore[index]
    if op is C.SUBPATTERN:
        _, add, remove, body = av  # type: ignore[misc]
        on = "".join(f for flag, f in _FLAGS.items() if add & flag)
        off = "".join(f for flag, f in _FLAGS.items() if remove & flag)
        return f"(?{on}{'-' + off if off else ''}:{_seq(list(body))})"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, body = av  # type: ignore[misc]
        count = f"{{{lo},{'' if hi is C.MAXREPEAT else hi}}}"
        return f"(?:{_seq(list(body))}){count}{'?' if op is C.MIN_REPEAT else ''}"
    if op in (C.ASSERT, C.ASSERT_NOT):
        direction, body = av  # type: ignore[misc]
        kind = ("=" if op is C.ASSERT else "!")
        return f"(?{'<' if direction > 0 else ''}{kind}{_seq(list(body))})"
    raise _CannotMirror(op)


def _anchored(items: list) -> bool:
    """Whether every match of the sequence ends with ``$`` (or ``\\Z``)."""
    if not items:
        return False
    op, av = items[-1]
    if op is C.AT:
        return av in (C.AT_END, C.AT_END_STRING)
    if op is C.BRANCH:
        return all(_anchored(list(b)) for b in av[1])
    if op is C.SUBPATTERN:
        return _anchored(list(av[3]))
    return False


def mirror(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool] | None:
    """The mirror image of ``pattern`` and whether it is anchored at its start, or None
    when it has none Python can compile."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        flags = parsed.state.flags & ~re.UNICODE
        if flags & re.MULTILINE:
            return None  # ^ and $ would be line boundaries
        items = list(parsed.data)
        return re.compile(_seq(items), flags), _anchored(items)
    except (_CannotMirror, re.error):
        return None


def first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of one character class (same flags) that matches wherever ``pattern``
    does: the characters a match can begin with. None when they are not known (a match may
    be empty, begin with any character, or under other flags)."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        firsts, empty = _firsts(list(parsed.data))
        if empty or not firsts:
            return None
        return re.compile("[" + "".join(dict.fromkeys(firsts)) + "]", parsed.state.flags & ~re.UNICODE)
    except (_CannotMirror, re.error):
        return None


def _firsts(items: list) -> tuple[list[str], bool]:
    """The class items a sequence's matches can begin with, and whether it can match empty."""
    out: list[str] = []
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the next item begins the match
        if op is C.LITERAL:
            return [*out, _char(av)], False
        if op is C.IN:
            if any(o is C.NEGATE for o, _ in av):
                raise _CannotMirror(op)
            return [*out, _set(av)[1:-1]], False
        if op is C.BRANCH:
            empty = False
            for branch in av[1]:
                f, e = _firsts(list(branch))
                out += f
                empty = empty or e
        elif op is C.SUBPATTERN:
            _, add, remove, body = av
            if add or remove:
                raise _CannotMirror(op)  # other flags inside
            f, empty = _firsts(list(body))
            out += f
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, _, body = av
            f, e = _firsts(list(body))
            out += f
            empty = e or lo == 0
        else:
            raise _CannotMirror(op)
        if not empty:
            return out, False
    return out, True


def lower_case(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive ``pattern`` as a case-sensitive one for lower-cased text: its
    letters lower-cased. On a text whose ``str.lower()`` keeps its length and has none of
    the three letters ``str.lower`` does not fold to ASCII (see :mod:`sigact.extract.gates`),
    it matches where ``pattern`` matches in the text. None when the pattern is not
    case-insensitive, or has inline flags, named escapes or cased characters written as
    escapes or outside ASCII."""
    if not pattern.flags & re.IGNORECASE:
        return None
    src, out, i = pattern.pattern, [], 0
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            esc = src[i + 1:i + 2]
            if esc == "N":
                return None
            size = {"x": 2, "u": 4, "U": 8}.get(esc, 0)
            if size:
                c = chr(int(src[i + 2:i + 2 + size], 16))
                if c.lower() != c or c.upper() != c:
                    return None
            out.append(src[i:i + 2 + size])
            i += 2 + size
            continue
        if src.startswith("(?", i):
            nxt = src[i + 2:i + 3]
            if nxt == "P":  # (?P<name>...), (?P=name): names as they are
                close = src.find(">" if src[i + 3:i + 4] == "<" else ")", i)
                out.append(src[i:close + 1])
                i = close + 1
                continue
            if nxt.isalpha() or nxt == "-" or nxt == "#":
                return None  # inline flags, comments
            out.append("(?")
            i += 2
            continue
        if not ch.isascii() and (ch.lower() != ch or ch.upper() != ch):
            return None
        out.append(ch.lower())
        i += 1
    try:
        lowered = re.compile("".join(out), pattern.flags & ~re.IGNORECASE)
    except re.error:
        return None
    return lowered if lowered.groupindex == pattern.groupindex else None


def lead_of(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that matches one character exactly where ``pattern`` matches: a class of
    the characters its matches begin with, then ``pattern`` itself looked for there
    (``[...](?<=(?=pattern)[\\s\\S])``). The engine skips to the characters of the class fast,
    where it tries a pattern with no such class at every position. None when there is no
    such class (see :func:`first_class`)."""
    first = first_class(pattern)
    if first is None:
        return None
    try:
        return re.compile(f"{first.pattern}(?<=(?={pattern.pattern})[\\s\\S])", pattern.flags & ~re.UNICODE)
    except re.error:
        return None


def lower_case_lead(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`lead_of` the :func:`lower_case` form of ``pattern``: for lower-cased text."""
    lowered = lower_case(pattern)
    return None if lowered is None else lead_of(lowered)
