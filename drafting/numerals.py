"""Roman numerals and letter labels, shared by the assembler and the readers."""

from __future__ import annotations

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
