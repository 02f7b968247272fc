"""Word-level diff of two texts: diff-match-patch over word tokens.

Each distinct token (a number such as 600,000, a word, a run of spaces, a punctuation mark) is mapped to
one character, diff-match-patch diffs the two character strings, and a
semantic clean-up makes changes read as whole words and phrases. Every
character of both texts survives, so `old_text(ops) == a` and
`new_text(ops) == b` always.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from diff_match_patch import diff_match_patch

from drafting.diff.redline import CASE, DELETE, EQUAL, INSERT, TYPOGRAPHY, Marks, Op, Ops

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|\s+|[^\w\s]")
_DMP = diff_match_patch()
_DMP.Diff_Timeout = 5.0  # seconds per pair; past it the diff is coarser, never wrong


def tokens(text: str) -> list[str]:
    """`text` cut into words, whitespace runs and single punctuation marks."""
    return _TOKEN.findall(text)


def _char(index: int) -> str:
    code = index + 1
    return chr(code if code < 0xD800 else code + 0x800)  # skip the surrogate block


#: Quotes, apostrophes, dashes and spaces that typography varies: the plain form of each.
_TYPOGRAPHY = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t", " "),
})
_SPACES = re.compile(r" {2,}")


def plain_typography(text: str) -> str:
    """`text` with straight quotes, hyphens and single plain spaces (Word's "ignore" forms)."""
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY))


Normalize = Callable[[str], str]


def normalizer(ignore_case: bool, ignore_typography: bool) -> Normalize | None:
    """The form in which two texts count as the same, or None to compare them as written."""
    if ignore_case and ignore_typography:
        return lambda text: plain_typography(text).casefold()
    if ignore_case:
        return str.casefold
    if ignore_typography:
        return plain_typography
    return None


def word_diff(a: str, b: str) -> Ops:
    """The word operations that turn `a` into `b`, unchanged runs included."""
    return marked_diff(a, b, None)[0]


def marked_diff(a: str, b: str, normalize: Normalize | None) -> tuple[Ops, Marks]:
    """The word operations from `a` to `b`, tokens compared in `normalize`d form.

    Tokens equal only once normalized become a deletion and an insertion marked
    CASE or TYPOGRAPHY, so both texts still rebuild exactly; marks are () when
    none is needed.
    """
    if a == b:
        return (((EQUAL, a),) if a else ()), ()
    if not a:
        return ((INSERT, b),), ()
    if not b:
        return ((DELETE, a),), ()
    vocab: dict[str, str] = {}
    table: list[str] = []

    def encode(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            key = normalize(token) if normalize else token
            char = vocab.get(key)
            if char is None:
                char = vocab[key] = _char(len(table))
                table.append(key)
            out.append(char)
        return "".join(out)

    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    diffs = _DMP.diff_main(encode(ta), encode(tb), False)
    _DMP.diff_cleanupSemantic(diffs)
    ops: list[tuple[int, str, str]] = []
    at_a = at_b = 0

    def emit(op: int, text: str, mark: str = "") -> None:
        if not text:
            return
        if ops and ops[-1][0] == op and ops[-1][2] == mark:
            ops[-1] = (op, ops[-1][1] + text, mark)
        else:
            ops.append((op, text, mark))

    for op, chars in diffs:
        n = len(chars)
        if op == DELETE:
            emit(DELETE, "".join(ta[at_a:at_a + n]))
            at_a += n
        elif op == INSERT:
            emit(INSERT, "".join(tb[at_b:at_b + n]))
            at_b += n
        elif normalize is None:
            emit(EQUAL, "".join(ta[at_a:at_a + n]))
            at_a += n
            at_b += n
        else:
            for x, y in zip(ta[at_a:at_a + n], tb[at_b:at_b + n]):
                if x == y:
                    emit(EQUAL, x)
                else:
                    mark = CASE if x.casefold() == y.casefold() else TYPOGRAPHY
                    emit(DELETE, x, mark)
                    emit(INSERT, y, mark)
            at_a += n
            at_b += n
    return _ordered(ops)


def _ordered(ops: list[tuple[int, str, str]]) -> tuple[Ops, Marks]:
    """Ops with each change's deletions before its insertions, adjacent runs joined; marks ()
    when nothing is marked."""
    out: list[tuple[int, str, str]] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == EQUAL:
            out.append(ops[k])
            k += 1
            continue
        end = k
        while end < len(ops) and ops[end][0] != EQUAL:
            end += 1
        run = ops[k:end]
        for op in (DELETE, INSERT):
            for item in run:
                if item[0] == op:
                    if out and out[-1][0] == op and out[-1][2] == item[2]:
                        out[-1] = (op, out[-1][1] + item[1], item[2])
                    else:
                        out.append(item)
        k = end
    marks = tuple(m for _op, _t, m in out)
    return tuple((op, t) for op, t, _m in out), (marks if any(marks) else ())
