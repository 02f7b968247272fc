"""The words treaties use for their units, by language: one table readers consult and writers draw from.

A reader recognises a unit by its heading word ("Article", "CHAPITRE", "Стаття")
followed by a number; a writer shows a unit whose `Point.word` is empty with the
first word listed for the document's language. Adding a language is adding
rows here, never a code path. Matching ignores case; the word as written is
kept on the `Point`, so a writer gives back what was read.
"""

from __future__ import annotations

import re
import unicodedata

#: Heading words by language and kind; the first word of each is the one writers use.
#: "Title" (EU agreements) and the Ukrainian/Russian "Розділ"/"Раздел" sit above chapters: part.
HEADING_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"part": ("Part", "Title"), "chapter": ("Chapter",), "section": ("Section", "§"),
           "subsection": ("Subsection", "Sub-section"), "article": ("Article", "Art.", "Art"),
           "annex": ("Annex", "Attachment"), "appendix": ("Appendix",), "protocol": ("Protocol",),
           "schedule": ("Schedule",)},
    "fr": {"part": ("Partie", "Titre"), "chapter": ("Chapitre",), "section": ("Section",),
           "subsection": ("Sous-section",), "article": ("Article", "Art."), "annex": ("Annexe",),
           "appendix": ("Appendice",), "protocol": ("Protocole",)},
    "es": {"part": ("Parte", "Título"), "chapter": ("Capítulo",), "section": ("Sección",),
           "subsection": ("Subsección",), "article": ("Artículo", "Art."), "annex": ("Anexo",),
           "appendix": ("Apéndice",), "protocol": ("Protocolo",)},
    "de": {"part": ("Teil", "Titel"), "chapter": ("Kapitel",), "section": ("Abschnitt",),
           "subsection": ("Unterabschnitt",), "article": ("Artikel", "Art."),
           "annex": ("Anhang", "Anlage"), "appendix": ("Anlage",), "protocol": ("Protokoll",)},
    "uk": {"part": ("Розділ", "Частина"), "chapter": ("Глава",), "section": ("Підрозділ", "Секція"),
           "article": ("Стаття", "Ст."), "annex": ("Додаток",), "protocol": ("Протокол",)},
    "ru": {"part": ("Раздел", "Часть"), "chapter": ("Глава",), "section": ("Подраздел", "Секция"),
           "article": ("Статья", "Ст."), "annex": ("Приложение",), "protocol": ("Протокол",)},
}

#: "between" and "and" in a title or recital naming the parties, and the words after which a
#: title stops naming them ("... and Y on security", "... та Y про співробітництво").
BETWEEN_WORDS = ("between", "entre", "zwischen", "між", "между")
AND_WORDS = ("and", "et", "y", "und", "та", "і", "и")
TITLE_TAIL_WORDS = ("on", "concerning", "regarding", "relating to", "for", "with respect to",
                    "in respect of", "to", "about", "establishing", "sur", "relatif", "relative",
                    "concernant", "portant", "sobre", "relativo", "über", "zur", "betreffend",
                    "про", "щодо", "о", "об", "относительно")
#: How the closing of a signed text begins: the dateline and the attestation, by language.
CLOSING_PHRASES = ("in witness whereof", "in faith whereof", "done at", "done in", "done this",
                   "signed at", "signed in", "fait à", "fait a", "en foi de quoi", "hecho en",
                   "en fe de lo cual", "geschehen zu", "zu urkund dessen", "вчинено в", "вчинено у",
                   "на посвідчення чого", "совершено в", "в удостоверение чего")

#: Numbers written as words ("Article One", "Article premier"), lower case, by value.
NUMBER_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split(), 1)},
    **{w: i for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)},
    "thirty": 30, "forty": 40, "fifty": 50,
    "premier": 1, "première": 1, "1er": 1, "1re": 1, "unique": 1,
    "primero": 1, "único": 1, "erster": 1,
}

#: Latin multipliers after a number: "5 bis" comes after 5 and before 6.
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")

_BY_WORD: dict[str, tuple[str, str]] = {}
for _lang, _kinds in HEADING_WORDS.items():
    for _kind, _words in _kinds.items():
        for _word in _words:
            _BY_WORD.setdefault(_word.casefold(), (_kind, _lang))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: A heading word at the start of a line, any case: group "word".
WORD_PATTERN = _alternation(list(_BY_WORD))
_NUMBER_WORD_PATTERN = _alternation([*NUMBER_WORDS, *(w.capitalize() for w in NUMBER_WORDS)])
#: A unit's number as written: Arabic, decimal, Roman, a letter, a number word, with "bis" and the like.
NUMBER_PATTERN = (r"(?:\d{1,5}(?:\.\d{1,4})*(?:\s?[a-zA-Z](?![\w]))?|[IVXLCDMivxlcdm]{1,8}(?![\w])"
                  r"|[A-Z](?![\w])"
                  rf"|(?:{_NUMBER_WORD_PATTERN})(?:-(?:{_NUMBER_WORD_PATTERN}))?(?![\w]))"
                  rf"(?:\s+(?:{_alternation(list(SUFFIXES))})(?![\w]))?")


def all_words() -> list[str]:
    """Every heading word of every language, as written in the table."""
    return [w for kinds in HEADING_WORDS.values() for ws in kinds.values() for w in ws]


def kind_of(word: str) -> tuple[str, str] | None:
    """The kind and language of a heading word ("CHAPITRE" -> ("chapter", "fr")), or None."""
    return _BY_WORD.get(word.casefold())


def heading_word(kind: str, language: str = "") -> str:
    """The word a writer shows for `kind` in `language` (English when unknown); "" for none."""
    words = HEADING_WORDS.get(language, {}).get(kind) or HEADING_WORDS["en"].get(kind)
    return words[0] if words else ""


def number_value(label: str) -> int | None:
    """The value of a number written as a word ("One", "premier", "twenty-one"), or None."""
    parts = label.casefold().split("-")
    values = [NUMBER_WORDS.get(p) for p in parts]
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def fold(text: str) -> str:
    """Text for comparing words: case and accents ignored ("Artículo" ~ "ARTICULO")."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
