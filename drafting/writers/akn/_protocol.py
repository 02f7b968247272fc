"""An amending protocol as Akoma Ntoso: an `act` named "protocol" whose Article 1 holds one `mod` an
instruction, and whose `meta/analysis/activeModifications` says what each `mod` does to which unit.

The sentences are `drafting.amend.lines`' (the same the Markdown and text protocols print); the
words they quote become `quotedText`, the units they quote a `quotedStructure` written as a draft's
body is. A `textualMod` (its `type` the instruction's action, which uses AKN's names) points at its
`mod` and at the target's eId in the amended text, named as `document` names it.
"""

from __future__ import annotations

from lxml import etree

from drafting.amend import AFTER, BEFORE, END, INSERTION, REPEAL, SUBSTITUTION, Address, Instruction, Item, Protocol, lines
from drafting.numerals import letters
from drafting.writers.akn._document import BODY_ID, Body, add, identification, legal, paragraphs, references
from drafting.writers.akn._names import AKN, FRONT_IDS, SOURCE, TD, eid_step, is_top, slug, work_iri
from drafting.writers.protocol._layout import opening, title_of

_POSITIONS = {AFTER: "after", BEFORE: "before", END: "end"}
_OPEN, _CLOSE = "“", "”"


def address_eid(address: Address) -> str:
    """The eId `document` gives the unit at `address` in the amended text: `art_5__para_2__point_a`,
    `att_I__point_3`; the title, parties, preamble and closing by their own ids; a heading or a
    subparagraph by the unit that holds it; the whole body for the empty address."""
    eid, context, parent = "", "", None
    for place in address:
        if place.kind in FRONT_IDS:
            return FRONT_IDS[place.kind]
        if place.kind in ("heading", "subparagraph"):
            break
        step = eid_step(place.kind, place.label, place.ordinal)
        if parent is None and step.startswith("att_"):
            eid, context = step, f"{step}__"
        else:
            eid = context + step if is_top(place.kind, parent) else f"{eid}__{step}"
        parent = place.kind
    return eid or BODY_ID


class _Writer:
    """Writes the items and collects each instruction's `textualMod`."""

    def __init__(self, language: str) -> None:
        self.body = Body(language)
        self.count = 0
        self.mods: list[tuple[str, Instruction, dict[str, str]]] = []

    def item(self, parent: etree._Element, item: Item, eid: str, tag: str, number: str) -> None:
        """One numbered item: its sentence in a `mod`, or, for a group, its sentence over its sub-items."""
        el = add(parent, tag, eId=eid)
        add(el, "num", number)
        if item.items:
            paragraphs(add(el, "intro"), (item.sentence,), "an instruction")
            for k, sub in enumerate(item.items, 1):
                self.item(el, sub, f"{eid}__point_{letters(k)}", "point", f"({letters(k)})")
            return
        self.mod(add(add(el, "content"), "p"), item)

    def mod(self, p: etree._Element, item: Item) -> None:
        """The sentence as a `mod`, its quoted words as `quotedText`, the new text it quotes after it."""
        self.count += 1
        mod_id = f"mod_{self.count}"
        mod = add(p, "mod", eId=mod_id)
        roles = self._quoted(mod, mod_id, item)
        if item.points or item.text:
            qid = f"{mod_id}__qstr_1"
            quoted = add(mod, "quotedStructure", eId=qid, startQuote=_OPEN, endQuote=_CLOSE)
            paragraphs(quoted, item.text, "an instruction")
            self.body.units(quoted, item.points, None, "", f"{qid}__")
            roles.setdefault("new", qid)
        if item.instruction is not None:
            self.mods.append((mod_id, item.instruction, roles))

    def _quoted(self, mod: etree._Element, mod_id: str, item: Item) -> dict[str, str]:
        """The sentence into `mod`, each “quoted” run of words as a `quotedText`; which of them is
        the old text and which the new (role -> eId)."""
        sentence, roles = legal(item.sentence, "an instruction"), {}
        wanted = _roles(item.instruction)
        spans: list[tuple[int, int, str]] = []
        for role, words in wanted:
            at = sentence.find(f"{_OPEN}{words}{_CLOSE}")
            end = at + len(words) + 2
            if at >= 0 and not any(s < end and at < e for s, e, _ in spans):
                spans.append((at, end, role))
        spans.sort()
        mod.text, last = "", 0
        tail: etree._Element | None = None
        for n, (start, end, role) in enumerate(spans, 1):
            if tail is None:
                mod.text = sentence[last:start]
            else:
                tail.tail = sentence[last:start]
            qid = f"{mod_id}__qtext_{n}"
            tail = add(mod, "quotedText", sentence[start + 1:end - 1], eId=qid, startQuote=_OPEN, endQuote=_CLOSE)
            roles[role] = qid
            last = end
        if tail is None:
            mod.text = sentence
        else:
            tail.tail = sentence[last:]
        return roles

    def modifications(self, meta_el: etree._Element) -> None:
        """`analysis/activeModifications`: one `textualMod` a `mod`."""
        if not self.mods:
            return
        box = add(add(meta_el, "analysis", source=f"#{SOURCE}"), "activeModifications")
        for n, (mod_id, instruction, roles) in enumerate(self.mods, 1):
            change = add(box, "textualMod", type=instruction.action, eId=f"tmod_{n}")
            add(change, "source", href=f"#{mod_id}")
            targets = [instruction.target] if instruction.target or not instruction.others else []
            for target in [*targets, *instruction.others]:
                where = add(change, "destination", href=f"#{address_eid(target)}")
                if instruction.position and not instruction.words:
                    where.set("pos", _POSITIONS[instruction.position])
            for role in ("old", "new"):
                if role in roles:
                    add(change, role, href=f"#{roles[role]}")


def _roles(instruction: Instruction | None) -> list[tuple[str, str]]:
    """The words an instruction quotes in its sentence, by what they are: the old text, the new,
    or (an insertion's) the words the new ones go next to."""
    if instruction is None:
        return []
    i = instruction
    out: list[tuple[str, str]] = []
    if i.words:
        if i.action in (REPEAL, SUBSTITUTION):
            out.append(("old", i.old))
        if i.action in (SUBSTITUTION, INSERTION):
            out.append(("new", i.new))
        if i.action == INSERTION:
            out.append(("anchor", i.old))
    elif i.text and not i.points and len(i.text) == 1 and i.action != REPEAL:
        out.append(("new", i.text[0]))  # a heading or a title, quoted in the sentence
    return out


def protocol(p: Protocol) -> str:
    """The amending protocol as an Akoma Ntoso 3.0 `act` named "protocol"."""
    meta = p.meta
    title = title_of(p)
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN, "td": TD})
    act = add(root, "act", name="protocol")
    meta_el = add(act, "meta")
    identification(meta_el, work_iri(slug(title) or "protocol", meta.date, subtype="protocol"), meta, [SOURCE],
                   subtype="protocol")
    writer = _Writer(meta.language)
    preface = add(act, "preface")
    add(add(add(preface, "longTitle", eId=FRONT_IDS["title"]), "p"), "docTitle", title, where="the title")
    body = add(act, "body", eId=BODY_ID)
    article = add(body, "article", eId="art_1")
    add(article, "num", "Article 1")
    paragraphs(add(article, "intro"), (opening(p),), "the opening")
    for n, item in enumerate(lines(p), 1):
        writer.item(article, item, f"art_1__para_{n}", "paragraph", f"{n}.")
    writer.modifications(meta_el)
    references(meta_el, [])
    text: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text
