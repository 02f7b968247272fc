"""Word-level diff of two texts: diff-match-patch over word tokens.

Each distinct token (a number such as 600,000, a word, a run of spaces, a punctuation mark) is mapped to
one character, diff-match-patch diffs the two character strings, and a
semantic clean-up makes changes read as whole words and phrases. Every
character of both texts survives, so `old_text(ops) == a` and
`new_text(ops) == b` always.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from drafting.diff.redline import DELETE, EQUAL, INSERT, Op, Ops

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|\s+|[^\w\s]")
_DMP = diff_match_patch()
_DMP.Diff_Timeout = 5.0  # seconds per pair; past it the diff is coarser, never wrong


def tokens(text: str) -> list[str]:
    """`text` cut into words, whitespace runs and single punctuation marks."""
    return _TOKEN.findall(text)


def _char(index: int) -> str:
    code = index + 1
    return chr(code if code < 0xD800 else code + 0x800)  # skip the surrogate block


def word_diff(a: str, b: str) -> Ops:
    """The word operations that turn `a` into `b`, unchanged runs included."""
    if a == b:
        return ((EQUAL, a),) if a else ()
    if not a:
        return ((INSERT, b),)
    if not b:
        return ((DELETE, a),)
    vocab: dict[str, str] = {}
    table: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in _TOKEN.findall(text):
            char = vocab.get(token)
            if char is None:
                char = vocab[token] = _char(len(table))
                table.append(token)
            out.append(char)
        return "".join(out)

    ea, eb = encode(a), encode(b)
    diffs = _DMP.diff_main(ea, eb, False)
    _DMP.diff_cleanupSemantic(diffs)
    ops: list[Op] = []
    for op, chars in diffs:
        text = "".join(table[(ord(c) - 1) if ord(c) < 0xD800 else ord(c) - 0x801] for c in chars)
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        elif text:
            ops.append((op, text))
    return tuple(ops)
