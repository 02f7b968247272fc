"""How a protocol says each instruction: the formulas drafters use, and the items a writer lays out.

Addresses are English and canonical ("Article 5, paragraph 2, point (a)") whatever words the
amended text uses for its headings; the quoted new text keeps its own. `drafting.amend._read`
parses these formulas back, with the variations drafters write by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from drafting.amend._model import (
    CLOSING, END, FRONT, HEADING, INSERTION, JOIN, PARTIES, PREAMBLE, RENUMBERING, REPEAL,
    SPLIT, SUBPARAGRAPH, SUBSTITUTION, TITLE, Address, Instruction, Place, Protocol,
)
from drafting.model import Point
from drafting.numerals import letters, ordinal, roman

#: The word an address uses for each kind (singular, plural); "sub" is EU drafting's "point (a)",
#: a "bullet" its "indent", an unnumbered "para" a paragraph.
KIND_WORDS = {
    "part": ("Part", "Parts"), "chapter": ("Chapter", "Chapters"), "section": ("Section", "Sections"),
    "subsection": ("Subsection", "Subsections"), "annex": ("Annex", "Annexes"),
    "appendix": ("Appendix", "Appendices"), "protocol": ("Protocol", "Protocols"),
    "schedule": ("Schedule", "Schedules"), "article": ("Article", "Articles"), "point": ("point", "points"),
    "paragraph": ("paragraph", "paragraphs"), "sub": ("point", "points"), "bullet": ("indent", "indents"),
    "para": ("unnumbered paragraph", "unnumbered paragraphs"), SUBPARAGRAPH: ("subparagraph", "subparagraphs"),
}
FRONT_NAMES = {TITLE: "the title", PARTIES: "the list of the Parties", PREAMBLE: "the preamble",
               CLOSING: "the closing formula"}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth")


def nth(n: int) -> str:
    """"second"; past the twentieth, "21st"."""
    if 0 < n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _number(kind: str, label: str) -> str:
    return f"({label})" if kind == "sub" else label


def place(p: Place) -> str:
    """"Article 5", "point (a)", "the second subparagraph", "the third unnumbered paragraph"."""
    if p.kind in FRONT:
        return FRONT_NAMES[p.kind]
    if p.kind == HEADING:
        return "the heading"
    word = KIND_WORDS.get(p.kind, (p.kind, p.kind + "s"))[0]
    if p.label:
        return f"{word} {_number(p.kind, p.label)}"
    if p.kind in (SUBPARAGRAPH, "bullet", "para"):
        return f"the {nth(p.ordinal)} {word}"
    return f"the {nth(p.ordinal)} unnumbered {word.lower()}"


def cite(address: Address) -> str:
    """The address as a protocol writes it: "Article 5, paragraph 2, point (a)"; a paragraph of
    the preamble is a recital ("the preamble, the second recital")."""
    said = [place(p) for p in address]
    if address and address[0].kind == PREAMBLE:
        said = [s.replace("subparagraph", "recital") for s in said]
    return ", ".join(said)


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quote(text: str) -> str:
    return f"“{text}”"


def many(kind: str, labels: list[str]) -> str:
    """"Article 5", "Articles 5 and 6", "Articles 10 to 14" (a run), "points (a), (b) and (d)"."""
    one, plural = KIND_WORDS.get(kind, (kind, kind + "s"))
    shown = [_number(kind, label) for label in labels]
    if len(shown) == 1:
        return f"{one} {shown[0]}"
    if len(shown) > 2 and consecutive(labels):
        return f"{plural} {shown[0]} to {shown[-1]}"
    return f"{plural} {', '.join(shown[:-1])} and {shown[-1]}"


def consecutive(labels: list[str]) -> bool:
    """True when the labels follow one another as 1, 2, 3 / IV, V, VI / c, d, e do."""
    return following(labels[0], len(labels)) == labels if labels else False


def following(first: str, count: int) -> list[str] | None:
    """`count` labels from `first` on in its scheme (digits, Roman numerals, letters), or None."""
    value = ordinal(first)
    if value is None or len(value) != 1:
        return None
    start = value[0]
    for make in (str, roman, lambda n: roman(n).lower(), letters):
        if make(start) == first:
            return [make(start + k) for k in range(count)]
    return None


def _subject(instruction: Instruction) -> tuple[str, str]:
    """The container clause ("In Article 5, ") and the subject ("paragraph 2") of an instruction."""
    target = instruction.target
    if len(target) > 1:
        return f"In {cite(target[:-1])}, ", cite(target)[len(cite(target[:-1])) + 2:]
    return "", place(target[-1]) if target else "the text"


def _new_units(points: tuple[Point, ...]) -> str:
    """"Article 12 bis", "Articles 5 and 6", "paragraph", "provisions" for what is quoted."""
    kinds = {p.kind for p in points}
    if len(kinds) != 1:
        return "provisions"
    kind = kinds.pop()
    labels = [p.label for p in points]
    if all(labels):
        return many(kind, labels)
    one, plural = KIND_WORDS.get(kind, (kind, kind + "s"))
    return one.lower() if len(points) == 1 and kind != "article" and not one[0].isupper() else (
        one if len(points) == 1 else plural)


def _verb(words: str) -> tuple[str, str]:
    """"the word" / "is" for one word, "the words" / "are" for more."""
    return ("the word", "is") if len(words.split()) == 1 else ("the words", "are")


def sentence(instruction: Instruction) -> str:
    """The instruction in the drafters' formula, ending in ":" when new text is quoted after it."""
    i = instruction
    into, subject = _subject(i)
    lead = into or ""
    start = (lambda s: lead + s) if into else _upper
    if i.action == RENUMBERING:
        return _renumbering(i)
    if i.words:
        noun, verb = _verb(i.old if i.action != INSERTION else i.new)
        where = f"In {cite(i.target)}, " if i.target else ""
        if i.action == REPEAL:
            return f"{where}{noun} {_quote(i.old)} {verb} deleted."
        if i.action == SUBSTITUTION:
            noun, verb = _verb(i.old)
            return f"{where}{noun} {_quote(i.old)} {verb} replaced by {_quote(i.new)}."
        return f"{where}{noun} {_quote(i.new)} {verb} inserted {i.position} {_quote(i.old)}."
    last = i.target[-1] if i.target else None
    if last is not None and last.kind == HEADING:
        owner = cite(i.target[:-1])
        of = f" of {owner}" if owner else ""
        if i.action == REPEAL:
            return f"The heading{of} is deleted."
        if i.action == INSERTION:
            return f"{_upper(owner)} is given the heading {_quote(i.text[0])}." if owner else (
                f"The heading {_quote(i.text[0])} is added.")
        return f"The heading{of} is replaced by {_quote(i.text[0])}."
    if last is not None and last.kind == TITLE and i.action != REPEAL:
        return f"The title is replaced by {_quote(i.text[0])}."
    if i.action == REPEAL and i.others:
        labels = [p.label for p in (i.target[-1], *(o[-1] for o in i.others))]
        return start(f"{many(i.target[-1].kind, labels)} are deleted.")
    if i.action == REPEAL:
        return start(f"{subject} is deleted.")
    if i.action == SUBSTITUTION:
        same = len(i.points) != 1 or last is None or (i.points[0].kind, i.points[0].label) == (last.kind, last.label)
        what = "" if same else " " + _new_units(i.points)  # another kind or number: say which
        return start(f"{subject} is replaced by the following{what}:")
    if i.action == SPLIT:
        return start(f"{subject} is replaced by the following {_new_units(i.points)}:")
    if i.action == JOIN:
        labels = [p.label for p in (*i.target[-1:], *(o[-1] for o in i.others))]
        joined = many(i.target[-1].kind, labels) if all(labels) else " and ".join(
            place(p) for p in (i.target[-1], *(o[-1] for o in i.others)))
        return start(f"{joined} are replaced by the following {_new_units(i.points)}:")
    assert i.action == INSERTION, i.action
    what = _new_units(i.points) if i.points else "subparagraph"
    verb = "is" if len(i.points) <= 1 else "are"
    if i.position == END:
        where = f"In {cite(i.target)}, t" if i.target else "T"
        return f"{where}he following {what} {verb} added:"
    return start(f"the following {what} {verb} inserted {i.position} {subject}:") if into else (
        f"The following {what} {verb} inserted {i.position} {subject}:")


def _renumbering(i: Instruction) -> str:
    """"Articles 10 to 14 become Articles 9 to 13.", "In Article 5, paragraph 3 becomes paragraph 2."."""
    inside = i.others[0][:-1] if i.others else ()
    lasts = [a[-1] for a in i.others]
    kind = lasts[0].kind if lasts else "article"
    old = many(kind, [p.label for p in lasts])
    new = many(kind, list(i.labels))
    verb = "becomes" if len(lasts) == 1 else "become"
    text = f"{old} {verb} {new}."
    return f"In {cite(inside)}, {text}" if inside else _upper(text)


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a protocol as it is laid out: its sentence, what it quotes, and its sub-items
    (an "Article 5 is amended as follows:" item holds the instructions on Article 5)."""

    sentence: str
    instruction: Instruction | None = None
    points: tuple[Point, ...] = ()
    text: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()


def _quoted_text(i: Instruction) -> tuple[str, ...]:
    """Paragraphs quoted after the sentence (a preamble, a subparagraph), not the words in it."""
    last = i.target[-1] if i.target else None
    inline = last is not None and last.kind in (HEADING, TITLE)
    return () if i.words or inline or i.action == REPEAL else i.text


def _item(i: Instruction, within: Address = ()) -> Item:
    shown = i if not within else _relative(i, within)
    return Item(sentence(shown), i, i.points, _quoted_text(i))


def _relative(i: Instruction, within: Address) -> Instruction:
    """The instruction addressed from inside `within` ("in paragraph 2, ..." under "Article 5 ...")."""
    n = len(within)
    return replace(i, target=i.target[n:], others=tuple(o[n:] for o in i.others))


def _group(i: Instruction) -> Address:
    """The unit an instruction belongs to in the protocol's grouping: its first unit, if it acts
    inside it (on a part of it, or on words), else () (it stands alone)."""
    if i.action == RENUMBERING or not i.target or i.target[0].kind in FRONT:
        return ()
    return i.target[:1] if len(i.target) > 1 or i.words or i.position == END else ()


def lines(protocol: Protocol) -> list[Item]:
    """The protocol's items in order: instructions on one article grouped under "Article 5 is
    amended as follows:", as drafters lay them out; one instruction on it stands alone."""
    out: list[Item] = []
    k = 0
    ins = protocol.instructions
    while k < len(ins):
        group = _group(ins[k])
        end = k + 1
        while group and end < len(ins) and _group(ins[end]) == group:
            end += 1
        if end - k > 1:
            out.append(Item(f"{_upper(cite(group))} is amended as follows:",
                            items=tuple(_item(i, group) for i in ins[k:end])))
        else:
            out.append(_item(ins[k]))
        k = end
    return out
