"""Pass 2: tokens into the tree: divisions, articles or points, numbered paragraphs, sub-points.

Divisions nest by rank (part > chapter > section > subsection); an annex, appendix,
protocol or schedule closes the body and opens at the top. Units hang under the
innermost open division. Inside an article a numbered line ("1.") is a paragraph
of it, never a new top-level unit; "(a)" and "(i)" nest by their sequences.
"""

from __future__ import annotations

import re

from drafting import words
from drafting.model import ATTACHMENTS, DIVISIONS, Point
from drafting.readers.text._forms import is_first, is_next
from drafting.readers.text._scan import FIRST_LINE, TEXT, Para, Token, Unit, is_heading, title_like

_CLOSING = re.compile("(?:" + "|".join(words.CLOSING_PHRASES) + r")\b", re.I)
_KIND = {"article": "article", "point": "point", "upoint": "point", "decimal": "point",
         "letter": "sub", "roman": "sub", "digit": "sub", "bullet": "bullet"}
_POINT_STYLES = frozenset({"point", "upoint", "decimal"})


class Node:
    """A unit being built; frozen into a `Point` at the end."""

    __slots__ = ("kind", "label", "style", "heading", "tentative", "word", "paras", "children")

    def __init__(self, kind: str, style: str, label: str, heading: str, tentative: bool,
                 word: str = "") -> None:
        self.kind = kind
        self.style = style
        self.label = label
        self.heading = heading
        self.tentative = tentative
        self.word = word
        self.paras: list[str] = []
        self.children: list[Node] = []


class Tree:
    """What pass 2 builds: preamble, top-level nodes, closing, and notes on its choices."""

    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.roots: list[Node] = []
        self.closing: list[str] = []
        self.notes: list[str] = []
        self.language = ""


_BARE = ("point",)


def _styles(tok: Unit) -> tuple[str, ...]:
    styles = tok.start.styles
    return _BARE if styles[0] == "bare" else styles


def _section_roles(units: list[Unit], has_articles: bool) -> dict[int, str]:
    """What each "Section"/"§" unit is: a division over articles, a paragraph of an article,
    or, in a text without articles, the article itself."""
    roles: dict[int, str] = {}
    for k, tok in enumerate(units):
        if tok.start.kind != "section":
            continue
        if not has_articles:
            roles[id(tok)] = "article"
            continue
        nxt = next((u for u in units[k + 1:] if u.start.kind != "" or u.start.styles[0] != "bullet"),
                   None)
        above = nxt is not None and (nxt.start.kind == "article" or nxt.start.styles[0] == "division")
        roles[id(tok)] = "division" if above else "paragraph"
    return roles


def _decimal_headings(units: list[Unit]) -> bool:
    """True when decimal numbers ("3.1") are the units themselves and "1." under them their
    paragraphs, not points "3." with decimal sub-points: the paragraphs restart under them."""
    decimals = restarts = 0
    after_decimal = False
    for tok in units:
        if tok.start.styles == ("decimal",):
            decimals += 1
            after_decimal = True
        elif tok.start.styles[0] in ("point", "bare") and after_decimal:
            restarts += tok.start.label == "1"
            after_decimal = False
    return decimals >= 2 and restarts * 2 >= decimals


def _language(units: list[Unit]) -> str:
    """The language most heading words belong to, "" when they are all English."""
    counts: dict[str, int] = {}
    for tok in units:
        if tok.start.language and tok.start.language != "en":
            counts[tok.start.language] = counts.get(tok.start.language, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else ""


def assemble(tokens: list[Token]) -> Tree:
    """Build the tree from the tokens."""
    tree = Tree()
    units = [tok for tok in tokens if isinstance(tok, Unit)]
    # The body decides what its units are; an annex may number its own in another way.
    end = next((k for k, tok in enumerate(units) if tok.start.kind in ATTACHMENTS), len(units))
    body = units[:end]
    has_articles = any(tok.start.kind == "article" for tok in body)
    roles = _section_roles(units, has_articles)
    tree.language = _language(units)
    if any(r == "article" for r in roles.values()) or has_articles:
        top: frozenset[str] = frozenset({"article"})
    elif _decimal_headings(body):
        top = frozenset({"decimal"})
        tree.notes.append("numbers such as '3.1' read as the units, and '1.' under them as their paragraphs")
    elif any(_styles(tok)[0] in _POINT_STYLES for tok in body):
        top = _POINT_STYLES
    else:
        top = frozenset(_styles(units[0])) if units else frozenset()
    _note_roles(tree, roles, units)
    divs: list[Node] = []
    stack: list[Node] = []
    closing_owner: Node | None = None
    demoted = ""
    for tok in tokens:
        if isinstance(tok, Para):
            text = tok.text
            if tok.form == FIRST_LINE and demoted:
                text = f"{demoted} {text}"
            demoted = ""
            holder = stack[-1] if stack else divs[-1] if divs else None
            if closing_owner is not None:
                tree.closing.append(text)
            elif holder is None:
                tree.preamble.append(text)
            elif tok.form == TEXT and _CLOSING.match(text):
                closing_owner = holder
                tree.closing.append(text)
            elif tok.form == FIRST_LINE and holder.style == "decimal" and top == {"decimal"} \
                    and not holder.paras and not holder.heading and is_heading(text, True):
                holder.heading = text  # "3.1 Rules of origin": a numbered heading
            else:
                holder.paras.append(text)
            continue
        start = tok.start
        styles = _styles(tok)
        role = roles.get(id(tok), "division" if styles[0] == "division" else "")
        demoted = ""
        word = start.word
        if role == "division":
            kind = start.kind
            if closing_owner is not None and kind not in ATTACHMENTS:
                closing_owner.paras.extend(tree.closing)  # "Done at" was not the end after all
                tree.closing.clear()
            closing_owner = None
            rank = _rank(kind)
            while divs and (rank == -1 or _rank(divs[-1].kind) >= rank):
                divs.pop()
            node = Node(kind, "division", start.label, tok.heading, False, _word(word, kind, tree))
            (divs[-1].children if divs else tree.roots).append(node)
            divs.append(node)
            stack = []
            continue
        if role == "article":
            styles = ("article",)
        chosen = styles[0] if styles[0] in top else ""
        if not chosen and len(styles) > 1 and styles[1] in top:
            chosen = styles[1]
        if role == "paragraph":
            chosen = ""
        in_annex = bool(divs) and divs[0].kind in ATTACHMENTS and (
            not stack or stack[0].style == styles[0])
        if not chosen and in_annex and styles[0] in (*_POINT_STYLES, "article"):
            chosen = styles[0]  # an annex numbers its own points
        inner = chosen == "decimal" and bool(stack) and start.label.split(".")[0] == stack[0].label
        if chosen and not inner:
            if closing_owner is not None:
                closing_owner.paras.extend(tree.closing)
                tree.closing.clear()
                closing_owner = None
            kind = "article" if chosen == "article" else _KIND[chosen]
            node = Node(kind, chosen, start.label, tok.heading, tok.tentative,
                        _word(word, kind, tree) if chosen == "article" else "")
            (divs[-1].children if divs else tree.roots).append(node)
            stack = [node]
        elif not stack or closing_owner is not None:  # not a unit here: keep it as text
            demoted = f"{start.marker} **{tok.heading}.**" if tok.heading else start.marker
            if not tok.has_text:
                target = tree.closing if closing_owner is not None else (
                    divs[-1].paras if divs else tree.preamble)
                target.append(demoted)
                demoted = ""
        elif inner:  # "2.1" inside point 2
            node = Node("point", "decimal", start.label, tok.heading, tok.tentative)
            del stack[1:]
            stack[0].children.append(node)
            stack.append(node)
        else:
            if role == "paragraph":
                styles = ("point",)
            _place(stack, styles, start.label, tok.heading, tok.tentative,
                   _word(word, "paragraph", tree) if role == "paragraph" else "")
    return tree


def _rank(kind: str) -> int:
    """How far out a division stands: part 0, chapter 1 ...; an attachment -1, outside the body."""
    return -1 if kind in ATTACHMENTS else DIVISIONS.index(kind)


def _word(word: str, kind: str, tree: Tree) -> str:
    """The heading word to keep: "" when it is what a writer would show anyway."""
    if not word or word == words.heading_word(kind, tree.language):
        return ""
    return word


def _note_roles(tree: Tree, roles: dict[int, str], units: list[Unit]) -> None:
    found = set(roles.values())
    phrases = {"division": "as divisions holding articles",
               "paragraph": "as paragraphs inside articles",
               "article": "as the articles (there are no 'Article' headings)"}
    for role in sorted(found):
        tree.notes.append(f"'Section' and '\u00a7' headings read {phrases[role]}")
    if any(tok.start.styles == ("bare",) for tok in units):
        tree.notes.append("numbers without a period that continue the sequence "
                          "('10 There ...') read as points")


def _place(stack: list[Node], styles: tuple[str, ...], label: str, heading: str,
           tentative: bool, word: str) -> None:
    """Put a sub-unit under the right parent: continue a sequence, or open a new level.

    Each style is open at most once in `stack`, so nesting stays shallow.
    """
    open_at = {node.style: d for d, node in enumerate(stack) if d}
    depth, style = 0, ""
    for d in range(len(stack) - 1, 0, -1):  # 1. the next item of an open sequence
        node = stack[d]
        if node.style in styles and is_next(node.style, node.label, label):
            depth, style = d, node.style
            break
    if not style:  # 2. a first item: restart its open sequence, or open one a level down
        style = next((s for s in styles if is_first(s, label)), "")
        depth = open_at.get(style, len(stack))
    if not style:  # 3. out of sequence: beside the nearest item of the same style
        depth = max((open_at[s] for s in styles if s in open_at), default=0)
        style = stack[depth].style if depth else ""
    if not style:  # 4. anything else, one level down
        depth, style = len(stack), styles[0]
    kind = _KIND[style]
    if kind == "point" and (stack[0].kind == "article" or stack[0].style == "decimal"):
        kind = "paragraph"
    node = Node(kind, style, label, heading, tentative, word)
    del stack[depth:]
    stack[-1].children.append(node)
    stack.append(node)


def freeze(node: Node, parent: str, used: dict[str, int], counts: dict[str, int]) -> Point:
    """The frozen `Point` for a node, with a derived key unique in the document.

    Units under a division are keyed as at the top ("@article-5"), so an article
    that moves to another chapter keeps its key.
    """
    label = "-".join(node.label.split()) if " " in node.label else node.label
    if label:
        base = f"{parent}/{label}" if parent else f"@{node.kind}-{label}"
    else:
        slot = f"{parent}/{node.kind}"
        counts[slot] = counts.get(slot, 0) + 1
        base = f"{parent}/{node.kind}-{counts[slot]}" if parent else f"@{node.kind}-{counts[slot]}"
    seen = used.get(base, 0) + 1
    used[base] = seen
    key = base if seen == 1 else f"{base}~{seen}"
    heading, paras = node.heading, node.paras
    if node.tentative and not paras and (not node.children or not title_like(heading) and (
            node.children[0].kind in ("sub", "bullet"))):
        heading, paras = "", [heading]  # a short line that is the article's text, not its heading
    below = "" if node.kind in DIVISIONS else key
    children = tuple(freeze(child, below, used, counts) for child in node.children)
    return Point(key=key, label=node.label, kind=node.kind, heading=heading,
                 paragraphs=tuple(paras), children=children, word=node.word)
