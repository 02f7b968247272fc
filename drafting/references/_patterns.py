"""The words and patterns references are written with, in six languages, compiled once per language.

Kept apart from the reading so the tables can grow (a language, an inflected form, an
instrument's name) without touching how a reference is followed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

from drafting import numerals, words

#: How deep a kind sits: a reference can only be held by a wider unit ("paragraph 2 of Article 3").
RANK = {"sub": 1, "point": 2, "paragraph": 3, "article": 5, "subsection": 6, "section": 7,
        "chapter": 8, "part": 9, "annex": 10, "appendix": 10, "protocol": 10, "schedule": 10}
#: How many units one reference may name, one in another ("(i) of point (a) of Article 3(2)").
DEPTH = 5
#: The small units, which cite one another freely ("point (a) of paragraph 1", "пункт 2 пункту 3").
LOW = frozenset({"point", "paragraph", "sub"})

#: Heading words words.py lacks: plurals, abbreviations, the small units, Ukrainian and Russian
#: cases. Left out on purpose: "para" (Spanish "for"), "parties" (English "Parties"), "Nr.".
FORMS: dict[str, dict[str, str]] = {
    "en": {"point": "point points item items", "paragraph": "paragraph paragraphs para. paras. ¶ ¶¶",
           "sub": "subparagraph subparagraphs sub-paragraph sub-paragraphs subpoint subpoints "
                  "sub-point sub-points",
           "article": "articles arts. arts", "section": "sections §§", "subsection": "subsections",
           "chapter": "chapters", "part": "parts titles", "annex": "annexes attachments",
           "appendix": "appendices appendixes", "protocol": "protocols", "schedule": "schedules"},
    "fr": {"point": "point points", "paragraph": "paragraphe paragraphes", "sub": "alinéa alinéas",
           "article": "articles", "section": "sections", "chapter": "chapitres", "part": "titres",
           "annex": "annexes", "appendix": "appendices", "protocol": "protocoles"},
    "es": {"point": "punto puntos", "paragraph": "párrafo párrafos apartado apartados",
           "sub": "inciso incisos", "article": "artículos arts.", "section": "secciones",
           "chapter": "capítulos", "part": "partes títulos", "annex": "anexos",
           "appendix": "apéndices", "protocol": "protocolos"},
    "de": {"point": "Punkt Punkte Punkten Nummer Nummern", "paragraph": "Absatz Absätze Absätzen Abs.",
           "sub": "Unterabsatz Unterabsätze Unterabsätzen Buchstabe Buchstaben",
           "article": "Artikels Artikeln", "section": "Abschnitte Abschnitts Abschnitten §§",
           "chapter": "Kapitels", "part": "Teile Teils Teilen", "annex": "Anhänge Anhangs Anlagen",
           "protocol": "Protokolle Protokolls"},
    "uk": {"point": "пункт пункту пункті пункти пунктів пунктом пунктами пунктах",
           "sub": "підпункт підпункту підпункті підпункти підпунктів",
           "article": "статті статтю статтею статей статтями статтях",
           "chapter": "глави главі главою глав", "section": "підрозділу підрозділі",
           "part": "розділу розділі розділи розділів частини частин",
           "annex": "додатка додатку додатки додатків додатком",
           "protocol": "протоколу протоколі протоколи протоколів"},
    "ru": {"point": "пункт пункта пункте пункту пункты пунктов пунктом пунктами пунктах",
           "sub": "подпункт подпункта подпункте подпункты подпунктов",
           "article": "статьи статье статью статьей статей статьям статьями статьях",
           "chapter": "главы главе главой глав", "section": "подраздела подразделе",
           "part": "раздела разделе разделы разделов части частей",
           "annex": "приложения приложении приложений",
           "protocol": "протокола протоколе протоколы протоколов"},
}


def _table(language: str) -> list[tuple[str, str]]:
    """(kind, heading word as written) for `language`, or for every language when it has no table."""
    languages = [language] if language in FORMS else list(FORMS)
    return [(kind, word) for lang in languages
            for table in (words.HEADING_WORDS.get(lang, {}), {k: v.split() for k, v in FORMS[lang].items()})
            for kind, listed in table.items() for word in listed]


#: Heading word, folded (`words.fold`), -> kind; the first language listing a word decides.
KIND = {words.fold(word): kind for kind, word in reversed(_table(""))}


def either(forms: Iterable[str]) -> str:
    """An alternation of `forms`, the longest first."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


# Numbers as a reference writes them. Bare Roman numerals, capital letters and spelled numbers
# count only after the wide units' words ("Chapter III", "Annex B", "Article One"), never after
# "point", so "the point I made" cites nothing; the small units take Arabic numbers and "(a)".
_SUFFIX = rf"(?:\s*(?:{either(words.SUFFIXES)})(?!\w)(?!\s+\d))"  # "4 bis", but "3 bis 5" is a range
_ARABIC = rf"(?:1er|1re|\d+(?:\.\d+)*(?:[a-zA-Z](?!\w))?){_SUFFIX}?(?!\w)(?!,\d)"  # not "600,000"
_ROMAN = rf"(?:{numerals.ROMAN.pattern.upper()})(?!\w){_SUFFIX}?"
_LETTER = r"[A-ZА-ЯЄІЇҐ](?!\w)"
_ONE = [w for w, v in words.NUMBER_WORDS.items() if v == 1 and w[0].isalpha() and w not in ("one", "first")]
_CASES = {f for w in words.NUMBER_WORDS if w[0].isalpha() for f in (w.capitalize(), w.upper())}
_SPELLED = rf"(?:{either([*_CASES, *_ONE])})(?:-(?:{either([*_CASES, *words.NUMBER_WORDS])}))?(?!\w)"
_INNER = rf"\d{{1,3}}|(?:{numerals.ROMAN.pattern})(?=\))|[a-z]{{1,2}}|[A-Z]"  # "(2)", "(iv)", "(a)"
_BRACKET = rf"\((?:{_INNER})\)"
_AND = r"and/or|and|or|et|ou|y|e|o|u|und|oder|і|й|та|або|и|или"
_RANGE = r"\s*[-‐‑–—]\s*|\s+(?:to|through|à|a|al|au|bis|до|по)\s+"
_JOINED = rf"(?i:\s*,\s+(?:{_AND})\s+|\s+(?:{_AND})\s+|{_RANGE})"
_SEP = rf"(?:{_JOINED}|\s*,\s+)"
#: What may follow a number after a bare comma: "Articles 3, 4 and 5", but not "Article 5, 30 days".
_LISTED = rf"(?=\s*(?:[,;:.)(\]]|$)|(?i:{_RANGE}|\s+(?:{_AND}|of|de|del|des|der)\s))"
_TAIL = rf"(?:(?:\s?{_BRACKET}){{1,{DEPTH}}}(?:{_SEP}{_BRACKET})*)"  # "3(2)(a)", "3(2) and (3)"
_GAP = r"(?:(?<=[.§¶])\s*|\s+)(?:(?i:nos?\.|nr\.|№)\s*)?"  # "Art.5", "§3", "Protocol No. 2", not "Article5"
#: What joins a reference to the unit that holds it: "of (the)", "de l'", "des", or nothing
#: before a Ukrainian or Russian word in the genitive ("пункту 2 статті 3").
_OF = (r"(?i:\s+de\s+l['’]|\s+(?:of|de|du|des|del|der|vom|von)"
       r"(?:\s+(?:the|la|le|les|los|las|el|die|den|dem))?\s+|\s+(?=[\u0400-\u04ff]))")


def _items(one: str) -> str:
    return rf"(?:{one})(?:{_JOINED}(?:{one})|\s*,\s+(?:{one}){_LISTED})*"


# Citations of other instruments, matched where a reference ends: "of the North Atlantic Treaty",
# "of the Charter of the United Nations", "of resolution 2202 (2015)", "of Regulation 2019",
# "Статуту ООН", "des Nordatlantikvertrags". "of this Agreement" and "of the Treaty" stay internal.
_NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЄІЇҐ][\w'’-]*"
_INSTRUMENT = (r"(?i:treat(?:y|ies)|charters?|conventions?|agreements?|protocols?|statutes?|acts?"
               r"|memorand(?:um|a)|covenants?|accords?|declarations?|codes?|constitutions?|traités?"
               r"|chartes?|protocoles?|statuts?|tratados?|cartas?|convenios?|convenci(?:ón|ones)"
               r"|acuerdos?|protocolos?|estatutos?|vertrag\w*|charta|übereinkommen\w*|abkommen\w*"
               r"|protokoll\w*|satzung|догов\w*|статут\w*|конвенц\w*|угод\w*|протокол\w*|устав\w*"
               r"|соглашен\w*|меморандум\w*|харті\w*|харти\w*)(?!\w)")
_RESOLUTION = r"(?i:resolutions?|résolutions?|resoluci(?:ón|ones)|resolution(?:en)?|резолюц\w*)(?!\w)"
_AFTER_INSTRUMENT = (r"(?:\s+(?i:of|on|between|for|establishing|de|du|des|sur|entre|sobre|del|über|zur"
                     r"|zwischen|про|о|об|між|между|щодо))?"
                     r"(?:\s+(?i:the|la|le|les|el|los|die|der|den|l['’]))?")
EXTERNAL = re.compile(
    rf"(?:\s*,)?{_OF}(?:(?:{_NAME}\s+){{1,8}}(?:{_INSTRUMENT}|{_RESOLUTION})|{_RESOLUTION}"
    rf"|(?:{_NAME}\s+){{1,4}}\d{{4}}(?!\d)"
    rf"|{_INSTRUMENT}{_AFTER_INSTRUMENT}(?:\s+|(?<=['’]))(?:{_NAME}|\d{{4}}(?!\d))"
    rf"|[A-ZÄÖÜ]\w+(?:vertrag|abkommen|übereinkommen|protokoll|statut)(?:e?s)?(?!\w))")

# Reading a reference once found: its numbers one by one and what separates them.
ITEM = re.compile(rf"\((?P<in>{_INNER})\)|{_SPELLED}|{_ARABIC}|{_ROMAN}|{_LETTER}")
ATTACHED = re.compile(rf"\s?\((?P<in>{_INNER})\)")
SEP = re.compile(_SEP)
RANGE = re.compile(rf"(?i:{_RANGE})")
GAP = re.compile(r"\s*(,)\s*|\s+")  # "Article 3, paragraph 2", "Artikel 3 Absatz 2"
SUFFIX_AFTER = re.compile(rf"(?<=[\dIVXLCDMivxlcdm])(?=(?:{either(words.SUFFIXES)})$)")  # "4bis"


@dataclass(frozen=True, slots=True)
class Patterns:
    """The patterns of one language: where a reference starts, a unit at a place, and "of"."""

    head: re.Pattern[str]
    unit: re.Pattern[str]
    of: re.Pattern[str]


@functools.cache
def patterns(language: str) -> Patterns:
    """The patterns for `language`'s heading words ("" and any unknown language: all of them)."""
    table = _table(language)
    small = [w for kind, w in table if kind in LOW]
    large = [w for kind, w in table if kind not in LOW]
    low, wide = _trie(small), _trie(large)
    numbers = f"{_items(_ARABIC)}|{_items(_ROMAN)}|{_items(_LETTER)}|{_items(_SPELLED)}"
    unit = (rf"(?<!\w)(?i:(?P<w>{wide})){_GAP}(?:{numbers}){_TAIL}?"
            rf"|(?<!\w)(?i:(?P<s>{low})){_GAP}(?:{_items(_ARABIC)}|{_items(_BRACKET)}){_TAIL}?")
    bare = rf"(?<![\w)]){_items(_BRACKET)}{_TAIL}?"  # kept only when "of" a unit follows
    # The first letters up front let the engine skip most of the text without trying a word.
    first = "".join(sorted({re.escape(c) for w in (*small, *large, "(")
                            for c in (w[0].lower(), w[0].upper())}))
    return Patterns(re.compile(f"(?=[{first}])(?:{unit}|{bare})"), re.compile(unit), re.compile(_OF))


@functools.cache
def cue(language: str) -> re.Pattern[str]:
    """A quick test on lower-cased text: a heading word followed by something number-like.

    Every reference `patterns` finds also matches here (the converse need not hold), and
    without case folding nor the numbers' grammar it scans several times faster, so a
    caller can skip the texts that cite nothing.
    """
    forms = [w.lower() for _kind, w in _table(language)]
    first = "".join(sorted({re.escape(w[0]) for w in forms}))
    spelled = _trie(w.lower() for w in words.NUMBER_WORDS)
    return re.compile(rf"(?=[{first}])(?<!\w)(?:{_trie(forms)})(?:(?<=[.§¶])\s*|\.\s*|\s+)"
                      rf"(?:no\.\s*|nr\.\s*|№\s*)?(?:\d|\(|(?:[ivxlcdm]+|\w|{spelled})(?!\w))")


_Node = dict[str, "_Node"]


def _trie(forms: Iterable[str]) -> str:
    """`forms` as one alternation in the shape of a trie, to match in any case: the engine then
    tries a branch per letter, not 240 words at every place (ten times faster)."""
    root: _Node = {}
    for form in forms:
        node = root
        for ch in form.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(root)


def _branches(node: _Node) -> str:
    branches = [re.escape(ch) + _branches(sub) for ch, sub in node.items() if ch]
    if not branches:
        return ""
    if "" in node:  # a word ends here; a longer one is tried first
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
