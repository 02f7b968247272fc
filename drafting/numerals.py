"""Numbers as treaties write them: Roman numerals, letter labels, and labels understood as ordinals."""

from __future__ import annotations

import re
from dataclasses import replace

from drafting import words
from drafting.model import Point

#: A Roman numeral in lower case, from i to mmmcmxcix.
ROMAN = re.compile(r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_SUFFIX = {s: i for i, s in enumerate(words.SUFFIXES, 2)}

_STEPS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman(number: int) -> str:
    """`number` as an upper-case Roman numeral ("" for 0 or less)."""
    out = []
    for value, letters in _STEPS:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral in either case; it must be made of Roman digits only."""
    digits = [_VALUES[ch] for ch in numeral.upper()]
    return sum(-v if i + 1 < len(digits) and digits[i + 1] > v else v for i, v in enumerate(digits))


def letters(number: int) -> str:
    """Word's letter labels: a..z, then aa, bb, …, zz, then aaa."""
    rounds, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (rounds + 1)


def ordinal(label: str) -> tuple[int, ...] | None:
    """A number as a tuple that orders it: "3.1" -> (3, 1), "5 bis" -> (5, 2), "IV" -> (4,),
    "One" -> (1,), "b" -> (2,); None when it is not a number."""
    parts = label.split()
    if not parts:
        return None
    head, tail = parts[0], parts[1:]
    extra: tuple[int, ...] = ()
    if tail:
        if len(tail) != 1 or tail[0].lower() not in _SUFFIX:
            return None
        extra = (_SUFFIX[tail[0].lower()],)
    if head[0].isdigit():
        m = re.fullmatch(r"(\d+(?:\.\d+)*)([a-zA-Z]?)", head)
        if m is None:
            return None
        nums = tuple(int(x) for x in m[1].split("."))
        letter = (ord(m[2].lower()) - ord("a") + 1,) if m[2] else ()
        return (*nums, *letter, *extra)
    spelled = words.number_value(head)
    if spelled is not None:
        return (spelled, *extra)
    if ROMAN.fullmatch(head.lower()):
        return (roman_value(head), *extra)
    if len(head) == 1 and head.isalpha():
        return (ord(head.lower()) - ord("a") + 1, *extra)
    return None


def same_number(a: str, b: str) -> bool:
    """True when two labels are one number in two notations ("I" and "1", "One" and "1")."""
    if a == b:
        return True
    if a.isdigit() and b.isdigit():
        return int(a) == int(b)
    if len(a) == 1 and a.islower() or len(b) == 1 and b.islower():
        return False  # "(b)" is a letter, not the number 2
    value = ordinal(a)
    return value is not None and value == ordinal(b)


def sequence(labels: list[str], count: int) -> list[str] | None:
    """`count` labels in the scheme `labels` follow when they are 1, 2, 3 / I, II, III / a, b, c
    from the start; None for any other numbering (kept as written, never renumbered)."""
    n = len(labels)
    for make in (str, roman, letters):
        if labels and labels == [make(k) for k in range(1, n + 1)]:
            return [make(k) for k in range(1, count + 1)]
    return None


def renumbered(before: tuple[Point, ...], after: tuple[Point, ...]) -> tuple[Point, ...]:
    """`after` (siblings some were added to or taken from) numbered 1, 2, 3 (or I, II, III, or
    a, b, c) again when `before` was numbered so; other numbering is kept as written."""
    numbered = [p for p in after if p.label and not p.is_division]
    labels = sequence([p.label for p in before if p.label and not p.is_division], len(numbered))
    if labels is None:
        return after
    fresh = iter(labels)
    return tuple(replace(p, label=next(fresh)) if p.label and not p.is_division else p for p in after)
