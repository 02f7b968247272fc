"""Paragraph marks after layout: where they go so that accepting or rejecting every change in Word
or LibreOffice leaves exactly one side's paragraphs, each in that side's style.

A paragraph whose mark is gone on one side runs on into the next one there. Three passes run
over the laid-out paragraphs of a redline: `settle_end` gives the document a last mark that
survives both sides (neither program can remove it), `untangle` keeps apart insertions that
LibreOffice would otherwise join, and `settle_looks` gives the paragraph that others run on
into, on that side, the look of the paragraph they become (tracked as a `w:pPrChange`), so it
does not matter which of the joined paragraphs' properties a program keeps.
"""

from __future__ import annotations

from drafting.writers.docx._revisions import ACCEPTED, DEL, EQUAL, INS, REJECTED, TOKEN, Item, Look, Para, Run, element

#: The mark tag kept only when accepting (True) or only when rejecting (False).
_ONLY = {True: INS, False: DEL}
#: The look of the single empty paragraph of a document with nothing in it.
_EMPTY: Look = ("Normal", 0, 0)


def _kept(accepted: bool) -> frozenset[str]:
    return ACCEPTED if accepted else REJECTED


def _shows(para: Para, keep: frozenset[str]) -> bool:
    """True when some text of `para` survives on the side that keeps tags `keep`."""
    return any(isinstance(item, tuple) and element(item[0]) in keep and item[1] for item in para.items)


def look_on(para: Para, accepted: bool) -> Look:
    """The look `para` has once every change is accepted (or rejected)."""
    now = (para.style, para.left, para.hanging)
    return now if accepted or para.was is None else para.was


def set_look(para: Para, look: Look, accepted: bool) -> None:
    """Give `para` `look` on one side, keeping its look on the other (a tracked style change)."""
    now, before = look_on(para, True), look_on(para, False)
    now, before = (look, before) if accepted else (now, look)
    para.style, para.left, para.hanging = now
    para.was = None if before == now else before


def settle_end(paras: list[Para]) -> None:
    """End the body with a paragraph whose mark survives both accepting and rejecting.

    Word and LibreOffice cannot remove a document's final paragraph mark: a deleted or
    inserted last point would leave an empty paragraph behind. So on the side where the final
    mark would go, the last mark that does survive there (`j`) gives up its survival to it:

    - an unchanged mark at `j` becomes kept on the other side only;
    - a one-sided run of paragraphs ending at `j` (a deleted last sub-point before an inserted
      last point) swaps survival with the unchanged mark before the run, so each paragraph
      keeps its own mark and style on both sides;
    - failing that, `j`'s paragraph is merged into the next, the merged paragraph taking `j`'s
      look on that side.

    An empty body gets one empty paragraph, as every Word document has.
    """
    if not paras:
        paras.append(Para(_EMPTY[0]))
    for accepted in (True, False):
        keep, other = _kept(accepted), _kept(not accepted)
        if paras[-1].mark in keep:
            continue
        j = next((i for i in range(len(paras) - 2, -1, -1) if paras[i].mark in keep), None)
        if j is None:  # nothing at all on this side: the one empty paragraph of an empty document
            set_look(paras[-1], _EMPTY, accepted)
        elif paras[j].mark == EQUAL:
            paras[j].mark = _ONLY[not accepted]
        else:
            i = j
            while i >= 0 and paras[i].mark in keep and paras[i].mark != EQUAL and not _shows(paras[i], other):
                i -= 1
            if i < j and i >= 0 and paras[i].mark == EQUAL:
                paras[i].mark, paras[j].mark = _ONLY[accepted], _ONLY[not accepted]
            else:
                into = paras[j + 1]
                into.items[:0] = paras[j].items
                set_look(into, look_on(paras[j], accepted), accepted)
                del paras[j]
        paras[-1].mark = EQUAL


def settle_looks(paras: list[Para]) -> None:
    """On each side, give the paragraph whose mark ends a run of joined ones the look of the
    first of them with text.

    LibreOffice keeps the properties of the first joined paragraph that has text; Word's model
    keeps those of the mark that survives. Giving both the same look on that side satisfies
    both; the marks in between vanish there with their looks.
    """
    for accepted in (True, False):
        keep = _kept(accepted)
        group: list[Para] = []
        for k, para in enumerate(paras):
            group.append(para)
            if para.mark not in keep and k < len(paras) - 1:
                continue
            look = look_on(next((p for p in group if _shows(p, keep)), para), accepted)
            if look_on(para, accepted) != look:
                set_look(para, look, accepted)
            group = []


def _edge(items: list[Item], last: bool) -> str | None:
    """The element of the first (or last) run of a paragraph, range markers skipped."""
    for item in reversed(items) if last else items:
        if isinstance(item, tuple):
            return element(item[0])
    return None


def untangle(paras: list[Para]) -> None:
    """Keep apart insertions that touch across an unchanged paragraph mark.

    LibreOffice joins an insertion ending one paragraph to an insertion (same author) starting
    the next, across the unchanged mark between them, and rejecting that one change removes
    the mark as well: two paragraphs become one. Each such place is rewritten into an
    equivalent form (same text after accepting, same after rejecting) with no such contact.
    """
    k = 0
    while k < len(paras) - 1:
        p, q = paras[k], paras[k + 1]
        if p.mark == EQUAL and _edge(p.items, True) == INS and _edge(q.items, False) == INS:
            _separate(paras, k)
        k += 1


def _separate(paras: list[Para], k: int) -> None:
    p, q = paras[k], paras[k + 1]
    items = q.items
    i = next(n for n, item in enumerate(items) if isinstance(item, tuple))
    j = i
    while j < len(items) and isinstance(items[j], tuple) and element(items[j][0]) == INS:
        j += 1
    nxt = items[j] if j < len(items) else None
    after: Run | None = nxt if isinstance(nxt, tuple) else None
    if after is not None and element(after[0]) == DEL:  # show the deletion first: same texts either way
        end = j
        while end < len(items) and isinstance(items[end], tuple) and element(items[end][0]) == DEL:
            end += 1
        items[i:end] = items[j:end] + items[i:j]
    elif after is not None and after[0] == EQUAL:  # the next token deleted and inserted again
        _, text, bold = after
        found = TOKEN.match(text)
        token = found.group() if found else text
        borrowed: list[Item] = [(INS, token, bold)]
        if text != token:
            borrowed.append((EQUAL, text[len(token):], bold))
        items[j:j + 1] = borrowed
        items.insert(i, (DEL, token, bold))
    elif q.mark == INS and all(element(item[0]) == INS for item in items if isinstance(item, tuple)):
        p.mark, q.mark = INS, EQUAL  # an inserted paragraph: its own mark stays, the old one is new
    else:  # a paragraph mark inserted, and an empty paragraph's mark deleted, in between
        p.mark = INS
        paras.insert(k + 1, Para(p.style, [], DEL, p.left, p.hanging))
