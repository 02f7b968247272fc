"""The amending protocol as a value: instructions that address the base text by its own numbers.

Every instruction names the units of the base as they were numbered before the
protocol (as protocols do); units it inserts carry their final numbers, and the
renumbering of the base's own units comes last, all at once. The actions are
Akoma Ntoso's textual modifications, so the AKN writer maps them one to one.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.model import Meta, Point

#: Akoma Ntoso's `textualMod` types (`TextualMods` in akomantoso30.xsd) that a protocol uses.
REPEAL, SUBSTITUTION, INSERTION, RENUMBERING, SPLIT, JOIN = (
    "repeal", "substitution", "insertion", "renumbering", "split", "join")
ACTIONS = (REPEAL, SUBSTITUTION, INSERTION, RENUMBERING, SPLIT, JOIN)

#: Places that are not units: parts of the front and end of the text, and parts of a unit.
TITLE, PARTIES, PREAMBLE, CLOSING = "title", "parties", "preamble", "closing"
FRONT = (TITLE, PARTIES, PREAMBLE, CLOSING)
#: A unit's heading, and one of its unnumbered paragraphs of text (`Point.paragraphs[ordinal - 1]`).
HEADING, SUBPARAGRAPH = "heading", "subparagraph"

#: Where an insertion goes relative to its target: after or before that unit (or those words),
#: or at the end of the target, a container (a division, an article, the document when the target is ()).
AFTER, BEFORE, END = "after", "before", "end"


@dataclass(frozen=True, slots=True)
class Place:
    """One step of an address: a unit by its kind and number as written ("article", "5 bis").

    An unnumbered unit is addressed by `ordinal`, its place among the unnumbered siblings of
    its kind in the base (1 for the first); a `SUBPARAGRAPH` by its place among the unit's own
    paragraphs of text; `HEADING` and the `FRONT` places stand alone.
    """

    kind: str
    label: str = ""
    ordinal: int = 0


#: Outermost first: (Place("article", "5"), Place("paragraph", "2"), Place("sub", "a")).
Address = tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class Instruction:
    """One amending instruction.

    - REPEAL: `target` (and `others`, its siblings) is deleted; with `old`, only those words of it.
    - SUBSTITUTION: `target` is replaced by `points` (a unit) or `text` (a heading, a
      subparagraph, the title, the preamble ...); with `old`, those words are replaced by `new`.
    - SPLIT: `target` is replaced by several `points`. JOIN: `target` and `others` by `points[0]`.
    - INSERTION: `points` (or `text`, a heading or a subparagraph) go `position` the target; with
      `old`, the words `new` go `position` those words.
    - RENUMBERING: the units `others` take the numbers `labels`, all at once (`target` is ()).
    """

    action: str
    target: tuple[Place, ...] = ()
    points: tuple[Point, ...] = ()
    text: tuple[str, ...] = ()
    old: str = ""
    new: str = ""
    position: str = ""
    others: tuple[tuple[Place, ...], ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def words(self) -> bool:
        """True for an instruction on some words inside a text rather than on whole parts."""
        return bool(self.old)


@dataclass(frozen=True, slots=True)
class Protocol:
    """An amending protocol: its heading, the title of the text it amends, its instructions in order.

    `meta` is the amended version's (its date and language date and label the protocol).
    """

    title: str = ""
    amends: str = ""
    instructions: tuple[Instruction, ...] = ()
    meta: Meta = Meta()
