"""Cross-references in treaty text: "point 7", "Articles 5 and 6", "paragraph 2 of Article 3", "Art. 3(2)".

The redline must tell a reference that only followed a renumbering from a real change, and
`treaty check` flags references whose target is gone; both need to know where a text cites a
unit of its own document. One compiled pattern finds where a reference starts; short anchored
matches at its end follow it ("of Article 3", ", paragraph 2", "(2)(a)") and leave out citations
of other instruments ("of the North Atlantic Treaty"). `Targets` indexes a tree once, so
resolving stays cheap on a 12,000-point plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafting import words
from drafting.references import _patterns as p
from drafting.references._targets import Targets

__all__ = ["Cited", "Reference", "Targets", "find_references", "may_cite"]


@dataclass(frozen=True, slots=True)
class Cited:
    """One number a reference cites: its span in the text and the number as written, brackets left out."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation of a unit of the same document.

    `start`/`end` span the whole reference, heading word included, through the references it is
    `within` ("paragraph 2 of Article 3": the paragraph, within the Article 3 reference, whose own
    span is "Article 3"). A list that mixes a range and single numbers ("points 3 to 5 and 7") is
    given as one reference per run ("points 3 to 5", then "7"); every run shares the `within`, and
    only the last one's span runs through it, so spans never overlap. `span_range` is True for
    "3 to 5" / "3-5", whose `numbers` are the two ends.
    """

    start: int
    end: int
    kind: str
    numbers: tuple[Cited, ...]
    within: Reference | None = None
    span_range: bool = False


def find_references(text: str, language: str = "") -> tuple[Reference, ...]:
    """Every reference in `text` to a unit of the same document, in order; external ones left out.

    `language` ("en", "fr", "es", "de", "uk", "ru") limits the heading words to that language's;
    any other value, "" included, reads the words of all of them.
    """
    pats = p.patterns(language if language in p.FORMS else "")
    out: list[Reference] = []
    pos = 0
    while (head := pats.head.search(text, pos)) is not None:
        refs, pos = _chain(text, head, pats)
        out.extend(refs)
    return tuple(out)


def may_cite(text: str, language: str = "") -> bool:
    """False when `text` certainly holds no reference: a quick test before `find_references`."""
    return p.cue(language if language in p.FORMS else "").search(text.lower()) is not None


_Runs = list[tuple[list[Cited], bool]]


@dataclass(slots=True)
class _Unit:
    """One unit word and its numbers as read: `runs` of (numbers, is a range), each begun at `starts`."""

    kind: str
    start: int
    end: int
    runs: _Runs
    starts: list[int]


def _chain(text: str, head: re.Match[str], pats: p.Patterns) -> tuple[list[Reference], int]:
    """The references a match starts and where they end; none for an external citation."""
    groups = [_read(text, head)]  # each held by the next: "(a) of paragraph 1 of Article 3"
    end = head.end()
    while True:
        of = pats.of.match(text, end)
        unit = pats.unit.match(text, of.end()) if of and len(groups) < p.DEPTH else None
        if unit is not None and _holds((read := _read(text, unit))[0].kind, groups[-1][0].kind):
            groups.append(read)
            end = unit.end()
            continue
        gap = p.GAP.match(text, end)
        unit = pats.unit.match(text, gap.end()) if gap is not None and len(groups) == 1 else None
        if gap is not None and unit is not None and _opens(groups[0][-1], (read := _read(text, unit))[0].kind,
                                                           gap[1]):
            groups[0].extend(read)  # "Article 3, paragraph 2", "Artikel 3 Absatz 2"
            end = unit.end()
            continue
        break
    head_unit, rest = groups[0][0], groups[0][1:]
    labels = [c.label for run, _ in head_unit.runs for c in run]
    if (p.EXTERNAL.match(text, end) or (labels == ["I"] and text[head_unit.start].islower())
            or (text[head_unit.start] == "(" and len(groups) == 1)):
        return [], end  # "Article 5 of the North Atlantic Treaty"; "the part I played"; "(a) The"
    return _references(text, groups), end


def _references(text: str, groups: list[list[_Unit]]) -> list[Reference]:
    """The references of a chain of units: the first group's last unit is the innermost, each
    group is held by the next one, and the head's other runs stand beside it."""
    head_unit, rest = groups[0][0], groups[0][1:]
    outer: Reference | None = None
    for group in reversed(groups[1:]):
        for held in group:
            outer = _nest(held, outer)
    runs, starts = head_unit.runs, head_unit.starts
    if rest and len(runs[-1][0]) > 1 and not runs[-1][1]:  # "Articles 3 and 4(1)": (1) is 4's
        *before, last = runs[-1][0]
        runs = [*runs[:-1], (before, False), ([last], False)]
        starts = [*starts, _item_start(text, last)]
    pieces = [Reference(starts[i] if i else head_unit.start, _item_end(text, run[-1]), head_unit.kind,
                        tuple(run), outer, is_range) for i, (run, is_range) in enumerate(runs)]
    inner = pieces.pop()
    inner = replace(inner, end=max(inner.end, outer.end if outer else 0))  # the last runs through its holder
    for held in rest:
        inner = _nest(held, inner)
    return [*pieces, inner]


def _read(text: str, match: re.Match[str]) -> list[_Unit]:
    """The units one match of `Patterns.unit` or `.head` names: "Article 3(2)(a)" is three."""
    word = match["w"] or match["s"]
    kind = p.KIND[words.fold(word).replace("ı", "i")] if word else ""  # re's IGNORECASE takes "ı" for "i"
    end = match.end()
    first = p.ITEM.search(text, match.end("w" if match["w"] else "s") if word else match.start(), end)
    assert first is not None
    cited = _cite(first)
    units = [_Unit(kind or _bracket_kind(cited.label, ""), match.start(), first.end(), [([cited], False)],
                   [first.start()])]
    pos = first.end()
    while pos < end:
        sep = p.SEP.match(text, pos, end)
        item = p.ITEM.match(text, sep.end(), end) if sep else None
        if sep is not None and item is not None:
            _add(units[-1], _cite(item), item.start(), bool(p.RANGE.fullmatch(sep[0])), text)
            units[-1].end = pos = item.end()
            continue
        attached = p.ATTACHED.match(text, pos, end)  # "(2)" in "Article 3(2)": a unit inside
        assert attached is not None
        cited = _cite(attached)
        start = attached.start("in") - 1
        units.append(_Unit(_bracket_kind(cited.label, units[-1].kind), start, attached.end(),
                           [([cited], False)], [start]))
        pos = attached.end()
    return units


def _add(unit: _Unit, cited: Cited, start: int, is_range: bool, text: str) -> None:
    """Put the next number of a list in `unit`: "3 to 5" makes the last number and this one a range."""
    numbers, ranged = unit.runs[-1]
    if is_range and not ranged:
        last = numbers.pop()
        if not numbers:
            unit.runs.pop()
            unit.starts.pop()
        unit.runs.append(([last, cited], True))
        unit.starts.append(_item_start(text, last))
    elif ranged:
        unit.runs.append(([cited], False))
        unit.starts.append(start)
    else:
        numbers.append(cited)


def _cite(match: re.Match[str]) -> Cited:
    group = "in" if match["in"] is not None else 0
    return Cited(match.start(group), match.end(group), match[group])


def _item_start(text: str, cited: Cited) -> int:
    return cited.start - 1 if _bracketed(text, cited) else cited.start


def _item_end(text: str, cited: Cited) -> int:
    return cited.end + 1 if _bracketed(text, cited) else cited.end


def _bracketed(text: str, cited: Cited) -> bool:
    return text[cited.start - 1:cited.start] == "(" and text[cited.end:cited.end + 1] == ")"


def _bracket_kind(label: str, holder: str) -> str:
    """"(2)" after an article is its paragraph 2; "(a)", or "(2)" after a paragraph, a sub-point."""
    return "paragraph" if label.isdigit() and holder not in ("paragraph", "sub") else "sub"


def _holds(outer: str, inner: str) -> bool:
    """A unit of kind `outer` can hold one of kind `inner` ("paragraph 2 of Article 3")."""
    return p.RANK[outer] > p.RANK[inner] or (outer in p.LOW and inner in p.LOW)


def _opens(holder: _Unit, kind: str, comma: str | None) -> bool:
    """A unit of `kind` named right after `holder` is part of it ("Chapter II Article 5"); after a
    comma only a small unit or an article is, and only of one number: "Article 3, paragraph 2",
    but "Articles 3 and 4, point 5" and "Annex II, Part III" are lists of references."""
    if p.RANK[kind] >= p.RANK[holder.kind]:
        return False
    one = len(holder.runs) == 1 and len(holder.runs[0][0]) == 1
    return not comma or one and (kind in p.LOW or kind == "article")


def _nest(unit: _Unit, within: Reference | None) -> Reference:
    """`unit` as one reference held by `within`, its span running through `within`'s."""
    numbers = tuple(c for run, _ in unit.runs for c in run)
    start, end = unit.start, unit.end
    if within is not None:
        start, end = min(start, within.start), max(end, within.end)
    return Reference(start, end, unit.kind, numbers, within, len(unit.runs) == 1 and unit.runs[0][1])
