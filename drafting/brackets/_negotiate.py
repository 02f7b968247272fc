"""Write one negotiating text from the delegations' versions of a clause.

Negotiators bracket as little as they can: where versions differ in a few words,
the alternatives stand inside the sentence (`within [Ukraine: 30] [Europe: 60] days`);
where a whole paragraph differs, each version is a paragraph of its own; where the
versions are built differently, each is one alternative. Words every version shares
stay plain, so what is agreed reads as agreed.
"""

from __future__ import annotations

import re

from drafting.brackets._parse import is_label

#: Past this share of a paragraph in dispute, the paragraph is the place, not a few words in it.
INLINE_SHARE = 0.6
_BLOCKS = re.compile(r"\n[ \t]*\n")
_SUB = re.compile(r"^\(([a-z]{1,4}|\d{1,3})\)\s")
_TOKEN = re.compile(r"\s+|\w+(?:[-'’]\w+)*|[^\w\s]")


def proposer(label: str) -> str:
    """`label` as the proposer of a bracketed alternative: no colon or bracket of its own, and
    recognisable as a proposer (a lower-case label becomes "Proposal of ...")."""
    clean = " ".join(re.sub(r"[:\[\]]", " ", label).split()) or "Proposal"
    return clean if is_label(clean) else f"Proposal of {clean}"


def _blocks(text: str) -> list[str]:
    return [" ".join(b.split()) for b in _BLOCKS.split(text.strip()) if b.strip()]


def negotiating_text(versions: list[tuple[str, str]]) -> str:
    """The clause text with each difference between `versions` ((label, text), in order, texts
    rendered as clause texts are: paragraphs parted by blank lines) as labelled alternatives."""
    labels = [proposer(label) for label, _ in versions]
    blocks = [_blocks(text) for _, text in versions]
    if len({len(b) for b in blocks}) != 1 and not any(_SUB.match(b) for bs in blocks for b in bs):
        # Paragraphs one version adds at the end: a place of their own, proposed by that version.
        longest = max(len(b) for b in blocks)
        blocks = [b + [""] * (longest - len(b)) for b in blocks]
    if len({len(b) for b in blocks}) != 1:
        return "\n\n".join(f"[{label}: {' '.join(b)}]" for label, b in zip(labels, blocks, strict=True))
    out: list[str] = []
    for row in zip(*blocks, strict=True):
        shared: dict[str, list[str]] = {}  # versions with the same text here share one alternative
        for label, text in zip(labels, row, strict=True):
            shared.setdefault(text, []).append(label)
        if len(shared) == 1:
            out.append(row[0])
        else:
            out.extend(_place([" / ".join(names) for names in shared.values()], list(shared)))
    return "\n\n".join(out)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _place(labels: list[str], texts: list[str]) -> list[str]:
    """One paragraph in dispute: alternatives for the words that differ, or for the paragraph."""
    if not all(texts):
        return [f"[{label}: {text}]" for label, text in zip(labels, texts, strict=True) if text]
    toks = [_tokens(t) for t in texts]
    shortest = min(len(t) for t in toks)
    head = 0
    while head < shortest and len({t[head] for t in toks}) == 1:
        head += 1
    tail = 0
    while tail < shortest - head and len({t[-1 - tail] for t in toks}) == 1:
        tail += 1
    # A place starts and ends on a word, and every alternative says something: widen it by a word.
    while head and not toks[0][head - 1].isspace() and toks[0][head - 1][:1].isalnum():
        head -= 1
    while tail and toks[0][-tail][:1].isalnum():
        tail -= 1
    while any(not "".join(t[head:len(t) - tail]).strip() for t in toks) and head:
        head -= 1
        while head and not toks[0][head - 1].isspace():
            head -= 1
    middles = ["".join(t[head:len(t) - tail]).strip() for t in toks]
    lead, rest = "".join(toks[0][:head]), "".join(toks[0][len(toks[0]) - tail:]) if tail else ""
    sub = _SUB.match(texts[0])
    inline = max(len(m) for m in middles) <= INLINE_SHARE * max(len(t) for t in texts)
    if not inline and sub and all(t.startswith(sub.group(0)) for t in texts):
        lead, rest = sub.group(0), ""  # a sub-point keeps its number; its words are the place
        middles = [t[len(sub.group(0)):].strip() for t in texts]
        inline = True
    if inline and all(middles):
        alts = " ".join(f"[{label}: {m}]" for label, m in zip(labels, middles, strict=True))
        return [f"{lead.rstrip()} {alts}".lstrip() + _glue(rest)]
    return [f"[{label}: {text}]" for label, text in zip(labels, texts, strict=True)]


def _glue(rest: str) -> str:
    """The shared end of a sentence after a place: no space before its punctuation."""
    rest = rest.strip()
    return rest if not rest or rest[:1] in ".,;:)" else f" {rest}"
