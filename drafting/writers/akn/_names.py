"""How Akoma Ntoso names things, shared by the writer and the reader so that each undoes the other.

The naming follows the OASIS "Akoma Ntoso Naming Convention 1.0" (akn-nc-v1.0): work IRIs
`/akn/<country>/<type>/<subtype>/<date>/<name>`, an expression adding `/<language>@<date>`, eIds
`[context "__"] ref "_" number` with the element's abbreviation (`art`, `chp`, `para`, `att`).
Which element a kind becomes, and which kind an element reads as, sit side by side here: the
writer marks a unit with `td:kind`, `td:label` or `td:word` only where `natural_kind` and
`parse_num` would read something else.
"""

from __future__ import annotations

import re

from lxml import etree

from drafting import words
from drafting.model import ATTACHMENTS, DIVISIONS, KINDS

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: Our own namespace, for what Akoma Ntoso has no place for (keys, metadata); the schema lets
#: foreign attributes ride on every element and foreign elements in `meta/proprietary`.
TD = "https://treaty-drafting/ns"
XML = "http://www.w3.org/XML/1998/namespace"
#: The TLCOrganization that `identification` and the FRBRauthors of the expression refer to.
SOURCE = "treaty-drafting"
#: International texts have no country: AKN4UN names UN documents under "un".
COUNTRY = "un"
#: The date written where one is required but none is known (Laws.Africa's cobalt uses the same).
NULL_DATE = "0001-01-01"

#: ISO 639-1 (the tree's `Meta.language`) to ISO 639-2/T, which FRBRlanguage and the IRIs use.
LANGUAGES = {"en": "eng", "uk": "ukr", "fr": "fra", "ru": "rus", "de": "deu", "es": "spa"}
_LANGUAGES_BACK = {three: two for two, three in LANGUAGES.items()}


def language3(language: str) -> str:
    """The three-letter code of a BCP 47 tag ("en-GB" -> "eng"); English when unknown."""
    return LANGUAGES.get(language.split("-")[0].lower(), "eng")


def language2(code: str) -> str:
    """The two-letter code for a three-letter one ("ukr" -> "uk"); "" when unknown."""
    return _LANGUAGES_BACK.get(code.lower(), "")


def slug(text: str) -> str:
    """A name for an IRI: lower case, words joined by hyphens, at most some 60 characters."""
    out = ""
    for word in re.findall(r"[^\W_]+", text.casefold()):
        if len(out) + len(word) > 60:
            break
        out = f"{out}-{word}" if out else word
    return out


def work_iri(name: str, date: str, doctype: str = "act", subtype: str = "treaty") -> str:
    """The work IRI: `/akn/un/act/treaty/2026-11-25/security-agreement`."""
    return f"/akn/{COUNTRY}/{doctype}/{subtype}/{date or NULL_DATE}/{name}"


def expression_iri(work: str, language: str, date: str) -> str:
    """The expression IRI: the work, its language and the version's date (`eng@` when none)."""
    return f"{work}/{language3(language)}@{date}"


# -- eIds ------------------------------------------------------------------------------------------
#: The naming convention's abbreviation of each element a kind becomes.
REFS = {"part": "part", "chapter": "chp", "section": "sec", "subsection": "subsec", "article": "art",
        "paragraph": "para", "point": "point", "sub": "point", "bullet": "indent", "para": "hcontainer",
        **{kind: "att" for kind in ATTACHMENTS}}


#: The eIds of the parts of a text that are not units, by the name an amending protocol gives them.
FRONT_IDS = {"title": "longTitle", "parties": "parties", "preamble": "preamble", "closing": "conclusions"}


def number(label: str) -> str:
    """A label as an eId writes it: "(a)" -> "a", "3.1" -> "3-1", "5 bis" -> "5bis"."""
    cleaned = re.sub(r"[^\w-]", "", re.sub(r"\s", "", label).replace(".", "-"), flags=re.UNICODE)
    return cleaned.replace("_", "").strip("-")


def eid_step(kind: str, label: str, ordinal: int) -> str:
    """One step of an eId: `art_5`; an unnumbered unit by its place among its kind (`hcontainer_2`)."""
    return f"{REFS.get(kind, 'hcontainer')}_{number(label) or ordinal}"


def is_top(kind: str, parent: str | None) -> bool:
    """True for a unit named without its parent's eId: a division, or a unit directly under one
    (articles are numbered through the whole text, so `art_5` needs no `chp_2__`)."""
    return kind in DIVISIONS or parent is None or parent in DIVISIONS


# -- what an element means -------------------------------------------------------------------------
#: Elements that hold units the way a division does, by the kind they read as.
_DIVISION_TAGS = {"part": "part", "book": "part", "tome": "part", "title": "part", "subpart": "part",
                  "chapter": "chapter", "subchapter": "chapter", "division": "section",
                  "subdivision": "section"}
#: Elements whose kind depends on what they hold (a Laws.Africa `section` is an article).
_ARTICLE_TAGS = frozenset({"article", "clause", "rule"})
_UNIT_TAGS = frozenset({"section", "subsection", "paragraph", "subclause", "subrule", "subparagraph",
                        "point", "level", "indent", "alinea", "proviso", "transitional", "hcontainer"})
#: Every hierarchical element read as a unit; `list` and `sublist` only group their points.
HIER_TAGS = frozenset({*_DIVISION_TAGS, *_ARTICLE_TAGS, *_UNIT_TAGS})
LIST_TAGS = frozenset({"list", "sublist"})
_TEXT_KINDS = frozenset({"paragraph", "sub", "point", "bullet", "para"})


def local(el: etree._Element) -> str:
    """An element's name without its namespace ("" for a comment or an entity)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _holds_articles(el: etree._Element) -> bool:
    return any(local(d) in _ARTICLE_TAGS or local(d) in _DIVISION_TAGS for d in el.iterdescendants())


def natural_kind(el: etree._Element, parent: str | None) -> str:
    """The kind a hierarchical element reads as, from its name, what it holds and the kind of the
    unit it stands in (`parent`; None at the top of a body or an attachment)."""
    tag = local(el)
    in_unit = parent is not None and parent not in DIVISIONS
    if tag == "hcontainer":
        name = el.get("name", "")
        return name if name in KINDS else "para"
    if tag in _DIVISION_TAGS:
        return _DIVISION_TAGS[tag]
    if tag in _ARTICLE_TAGS:
        return "paragraph" if in_unit else "article"
    if tag in ("section", "subsection"):
        if _holds_articles(el) or not in_unit and tag == "subsection":
            return tag
        return "paragraph" if in_unit else "article"
    if tag in ("paragraph", "subclause", "subrule"):
        return "sub" if parent in _TEXT_KINDS else "paragraph"
    if tag == "subparagraph":
        return "sub" if any(local(c) == "num" for c in el) else "para"
    if tag in ("point", "level"):
        return "sub" if in_unit else "point"
    return "bullet" if tag == "indent" else "para"


# -- numbers -----------------------------------------------------------------------------------------
_BULLETS = "-–—•·*‣◦▪"
_WORD = re.compile(rf"(?P<word>{words.WORD_PATTERN})\s+(?P<rest>\S.*)", re.IGNORECASE | re.DOTALL)


def normal(text: str) -> str:
    """Text with XML's white space collapsed, as mixed content is read: runs of spaces, tabs and
    line ends become one space, none at the ends (no-break spaces are text and stay)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def parse_num(text: str) -> tuple[str, str]:
    """The heading word and the label in a `num`: "Article 5" -> ("Article", "5"), "1." -> ("", "1"),
    "(a)" -> ("", "a"), "a)" -> ("", "a"), "—" -> ("", "")."""
    shown = normal(text)
    if not shown.strip(_BULLETS + " "):
        return "", ""
    found = _WORD.fullmatch(shown)
    word, rest = (found["word"], found["rest"]) if found else ("", shown)
    label = rest.rstrip(".:")
    if label.startswith(("(", "[")) or label.endswith((")", "]")):
        label = label.removeprefix("(").removeprefix("[").removesuffix(")").removesuffix("]")
    return word, label.strip()


def kept_word(word: str, kind: str, language: str) -> str:
    """The heading word a unit keeps: "" when it is the one a writer shows for its kind anyway."""
    return "" if word == words.heading_word(kind, language) else word
