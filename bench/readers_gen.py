"""Seeded agreements for the reader benchmark (`bench/readers.py`): the ground truth.

A shape builds an agreement as a `Document` from a small treaty vocabulary written
for this file, in English, Ukrainian and French: the same seed gives the same tree.
`bench/readers.py` lays each tree out as published text in several styles.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from drafting.model import Document, Meta, Point
from drafting.numerals import letters, roman

# --- vocabulary ------------------------------------------------------------------------


@dataclass(frozen=True)
class Lang:
    """The words of one language: who acts, what they do (by topic), and the frame."""

    code: str
    subjects: tuple[str, ...]
    modal: str  # put between subject and verb phrase: "shall " in English, "" where conjugated
    topics: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (names, verb phrases)
    tails: tuple[str, ...]
    words: dict[str, str]  # kind -> heading word
    title: str
    preamble: tuple[str, ...]
    closing: str
    divisions: tuple[str, ...]


EN = Lang(
    "", ("The Parties", "Each Party", "The guarantor States", "The Contracting Parties"), "shall ",
    ((("Ceasefire", "Separation of forces", "Heavy weapons", "Crossing points"),
      ("cease all hostilities along the agreed line of separation",
       "withdraw heavy artillery at least thirty kilometres from the line of separation",
       "refrain from moving new units into the buffer zone",
       "exchange maps of all known minefields within fourteen days",
       "keep the designated crossing points open to civilians")),
     (("Monitoring mission", "Observers", "Reporting of incidents", "Verification"),
      ("grant the observers free movement throughout the security zone",
       "report every suspected breach to the Joint Commission without delay",
       "publish a monthly summary of the verified incidents",
       "give the monitoring teams secure means of communication",
       "notify the inspectors in advance of any rotation of troops")),
     (("Sanctions relief", "Restoration of measures", "Frozen assets"),
      ("suspend the restrictive measures in stages as the commitments are met",
       "restore the suspended measures if a serious breach is confirmed",
       "review the list of designated persons every six months",
       "release frozen assets only to the reconstruction fund")),
     (("Security guarantees", "Consultations", "Assistance", "Reassurance force"),
      ("consult at once whenever the territory of a Party is threatened",
       "come to the assistance of a Party that is the victim of an armed attack",
       "maintain the capacity to deploy a reassurance force at short notice",
       "inform the Security Council of any measure taken under this Agreement")),
     (("Customs duties", "National treatment", "Technical regulations", "Import licensing"),
      ("eliminate the customs duties on originating goods over five years",
       "accord national treatment to the goods of the other Party",
       "publish the technical regulations before they take effect",
       "accept the proofs of origin issued by the other Party",
       "notify any new import licensing procedure to the Committee"))),
    ("", "", " in accordance with this Agreement",
     " within thirty days of the entry into force of this Agreement",
     " under the supervision of the Joint Commission", " unless the Parties agree otherwise",
     " as provided in Article {ref}"),
    {"part": "Part", "chapter": "Chapter", "article": "Article", "annex": "Annex"},
    "Agreement between the Republic of Arden and the Kingdom of Belmar on {what}",
    ("The Republic of Arden and the Kingdom of Belmar, hereinafter referred to as the Parties,",
     "Determined to end the hostilities and to restore a lasting peace,",
     "Recognising the part that international monitoring plays in building confidence,",
     "Desiring to open their markets to each other's goods on fair terms,",
     "Have agreed as follows:"),
    "Done at Valdora on {day} March 2027, in two originals in the English language.",
    ("Initial provisions", "Trade in goods", "Rules of origin", "Customs and trade facilitation",
     "Technical barriers to trade", "Market access", "Cooperation and institutions",
     "Tariff schedules", "Product-specific rules"))

UK = Lang(
    "uk", ("Сторони", "Держави-гаранти", "Договірні Сторони"), "",
    ((("Припинення вогню", "Розведення сил", "Важке озброєння"),
      ("припиняють усі бойові дії вздовж погодженої лінії розмежування",
       "відводять важке озброєння щонайменше на тридцять кілометрів від лінії розмежування",
       "зобов'язуються не вводити нові підрозділи до буферної зони",
       "обмінюються картами мінних полів протягом чотирнадцяти днів")),
     (("Моніторинг", "Спостерігачі", "Перевірка"),
      ("забезпечують спостерігачам вільне пересування по всій зоні безпеки",
       "невідкладно повідомляють Спільну комісію про кожне ймовірне порушення",
       "щомісяця оприлюднюють перелік підтверджених інцидентів")),
     (("Санкції", "Заморожені активи"),
      ("поетапно скасовують обмежувальні заходи в міру виконання зобов'язань",
       "відновлюють зупинені заходи в разі підтвердженого серйозного порушення",
       "спрямовують заморожені активи виключно до фонду відбудови")),
     (("Гарантії безпеки", "Консультації", "Допомога"),
      ("негайно проводять консультації в разі загрози території будь-якої зі Сторін",
       "надають допомогу Стороні, яка зазнала збройного нападу",
       "підтримують спроможність швидко розгорнути сили підтримки"))),
    ("", " відповідно до цієї Угоди",
     " протягом тридцяти днів з дати набрання чинності цією Угодою",
     " під наглядом Спільної комісії", ", якщо Сторони не домовляться про інше"),
    {"part": "Розділ", "chapter": "Глава", "article": "Стаття"},
    "Угода між Республікою Арден і Королівством Белмар про припинення вогню та гарантії безпеки",
    ("Республіка Арден і Королівство Белмар (далі — Сторони),",
     "прагнучи встановити тривалий мир у регіоні,",
     "визнаючи важливість міжнародного моніторингу для зміцнення довіри,",
     "погодилися про таке:"),
    "Вчинено в м. Валдора {day} березня 2027 року у двох примірниках українською "
    "та англійською мовами.",
    ("Загальні положення", "Безпека", "Моніторинг і перевірка", "Економічні питання",
     "Прикінцеві положення", "Інституційні питання"))

FR = Lang(
    "fr", ("Les Parties", "Les États garants", "Les Hautes Parties contractantes"), "",
    ((("Cessez-le-feu", "Séparation des forces", "Armes lourdes"),
      ("cessent toute hostilité le long de la ligne de séparation convenue",
       "retirent leur artillerie lourde à trente kilomètres au moins de cette ligne",
       "s'abstiennent de déployer de nouvelles unités dans la zone tampon")),
     (("Surveillance", "Observateurs", "Vérification"),
      ("garantissent aux observateurs la libre circulation dans toute la zone",
       "signalent sans délai à la Commission mixte toute violation présumée",
       "publient chaque mois un relevé des incidents vérifiés")),
     (("Sanctions", "Avoirs gelés"),
      ("suspendent par étapes les mesures restrictives à mesure que les engagements sont tenus",
       "rétablissent les mesures suspendues en cas de violation grave constatée")),
     (("Garanties de sécurité", "Consultations", "Assistance"),
      ("se consultent sans délai lorsque le territoire d'une Partie est menacé",
       "prêtent assistance à la Partie qui fait l'objet d'une agression armée"))),
    ("", " conformément au présent Accord", " dans les trente jours suivant l'entrée en vigueur "
     "du présent Accord", " sous le contrôle de la Commission mixte",
     " sauf si les Parties en conviennent autrement"),
    {"chapter": "Chapitre", "article": "Article"},
    "Accord entre la République d'Arden et le Royaume de Belmar relatif au cessez-le-feu",
    ("La République d'Arden et le Royaume de Belmar, ci-après dénommés « les Parties »,",
     "Résolus à mettre fin aux hostilités et à rétablir une paix durable,",
     "Reconnaissant le rôle de la surveillance internationale dans le retour de la confiance,",
     "Sont convenus de ce qui suit :"),
    "Fait à Valdora, le {day} mars 2027, en deux exemplaires originaux, "
    "en langues française et anglaise.",
    ("Dispositions générales", "Sécurité", "Surveillance et vérification", "Dispositions finales"))

ONES = ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen "
        "Fifteen Sixteen Seventeen Eighteen Nineteen Twenty").split()

# --- shapes: the tree ------------------------------------------------------------------


class _Gen:
    """Sentences, names and sub-points drawn from one language with one seeded generator."""

    def __init__(self, rng: random.Random, lang: Lang, refs: tuple[str, ...] = (),
                 modal: str = "") -> None:
        self.rng, self.lang, self.refs = rng, lang, refs
        self.modal = modal or lang.modal
        self.topic = 0

    def _verbs(self, count: int) -> list[str]:
        """`count` different verb phrases of the current topic (repeating when it has fewer)."""
        verbs = self.lang.topics[self.topic][1]
        drawn = self.rng.sample(verbs, min(count, len(verbs)))
        return [*drawn, *self.rng.choices(verbs, k=count)][:count]

    def _tail(self) -> str:
        tail = self.rng.choice(self.lang.tails)
        if "{ref}" in tail:
            return tail.format(ref=self.rng.choice(self.refs)) if self.refs else ""
        return tail

    def paragraph(self) -> str:
        return " ".join(f"{self.rng.choice(self.lang.subjects)} {self.modal}{verb}{self._tail()}."
                        for verb in self._verbs(self.rng.randint(1, 2)))

    def name(self) -> str:
        self.topic = self.rng.randrange(len(self.lang.topics))
        return self.rng.choice(self.lang.topics[self.topic][0])

    def listed(self, key: str, kind: str, label: str) -> Point:
        """A numbered paragraph or point whose text leads into sub-points (a), (b)."""
        intro = f"{self.rng.choice(self.lang.subjects)} {self.modal.strip()}:"
        verbs = self._verbs(self.rng.randint(2, 4))
        subs = []
        for n, verb in enumerate(verbs, 1):
            sub_key = f"{key}/{letters(n)}"
            end = "." if n == len(verbs) else "; and" if n == len(verbs) - 1 else ";"
            inner: tuple[Point, ...] = ()
            text = f"{verb}{self._tail()}{end}"
            if n < len(verbs) and self.rng.random() < 0.3:
                text = f"{verb}, and to that end:"
                inner = tuple(Point(f"{sub_key}/{roman(i).lower()}", roman(i).lower(), "sub",
                                    paragraphs=(f"{v};",)) for i, v in enumerate(self._verbs(2), 1))
            subs.append(Point(sub_key, letters(n), "sub", paragraphs=(text,), children=inner))
        return Point(key, label, kind, paragraphs=(intro,), children=tuple(subs))


def _article(g: _Gen, label: str, named: float, numbered: bool = False) -> Point:
    """An article: an optional name, then one to three paragraphs (numbered `1.` when asked)."""
    key = f"@article-{label}"
    name = g.name()
    heading = name if g.rng.random() < named else ""
    if not numbered or g.rng.random() < 0.35:
        paras = tuple(g.paragraph() for _ in range(g.rng.randint(1, 3)))
        return Point(key, label, "article", heading, paras)
    children = []
    for n in range(1, g.rng.randint(2, 3) + 1):
        sub_key = f"{key}/{n}"
        if g.rng.random() < 0.35:
            children.append(g.listed(sub_key, "paragraph", str(n)))
        else:
            children.append(Point(sub_key, str(n), "paragraph", paragraphs=(g.paragraph(),)))
    return Point(key, label, "article", heading, children=tuple(children))


def _division(kind: str, label: str, name: str, children: list[Point]) -> Point:
    return Point(f"@{kind}-{label}", label, kind, name, children=tuple(children))


def _frame(g: _Gen, what: str, points: list[Point], *, closing: bool = True) -> Document:
    """Title, recitals (two of the middle ones), the points, and the dateline."""
    lang, rng = g.lang, g.rng
    recitals = list(lang.preamble[1:-1])
    rng.shuffle(recitals)
    preamble = (lang.preamble[0], *sorted(recitals[:2], key=lang.preamble.index), lang.preamble[-1])
    done = (lang.closing.format(day=rng.randint(2, 28)),) if closing else ()
    return Document(title=lang.title.format(what=what), preamble=preamble, points=tuple(points),
                    closing=done, meta=Meta(language=lang.code))


def _flat(rng: random.Random, labels: list[str], what: str) -> Document:
    g = _Gen(rng, EN, tuple(labels))
    return _frame(g, what, [_article(g, label, 0.7) for label in labels])


def _plan(rng: random.Random) -> Document:
    g = _Gen(rng, EN, modal="will ")
    points = []
    for n in range(1, 29):
        g.name()
        if rng.random() < 0.25:
            points.append(g.listed(f"@point-{n}", "point", str(n)))
            continue
        paras = tuple(g.paragraph() for _ in range(1 if rng.random() < 0.85 else 2))
        points.append(Point(f"@point-{n}", str(n), "point", paragraphs=paras))
    doc = _frame(g, "the Steps towards Peace", points, closing=False)
    return replace(doc, title="A Plan in Twenty-Eight Points for Peace between Arden and Belmar",
                   preamble=("This plan sets out the steps the Parties will take together.",))


def _trade(rng: random.Random) -> Document:
    """Chapter 1 on its own, then two parts holding the other chapters, then one or two annexes."""
    g = _Gen(rng, EN)
    chapters = rng.randint(4, 5)
    sizes = [rng.randint(2, 4) for _ in range(chapters)]
    g.refs = tuple(f"{c}.{k}" for c in range(1, chapters + 1) for k in range(1, sizes[c - 1] + 1))
    built = [_division("chapter", str(c), EN.divisions[c - 1], [
        _article(g, f"{c}.{k}", 1.0, numbered=True) for k in range(1, sizes[c - 1] + 1)])
        for c in range(1, chapters + 1)]
    split = rng.randint(2, chapters - 1)
    points = [built[0], _division("part", "I", EN.divisions[5], built[1:split]),
              _division("part", "II", EN.divisions[6], built[split:])]
    g.refs = ()
    for a in range(1, rng.randint(1, 2) + 1):
        arts = [_article(g, str(n), 1.0) for n in range(1, rng.randint(2, 3) + 1)]
        points.append(Point(f"@annex-{roman(a)}", roman(a), "annex", EN.divisions[6 + a],
                            children=tuple(replace(p, key=f"@annex-{a}/{p.label}") for p in arts)))
    return _frame(g, "Free Trade", points)


def _chaptered(rng: random.Random, lang: Lang, parts: bool) -> Document:
    """Chapters (inside two parts when `parts`) of articles numbered through the whole text."""
    g = _Gen(rng, lang)
    sizes = [rng.randint(2, 4) for _ in range(rng.randint(3, 4))]
    n = 0
    chapters = []
    names = iter(lang.divisions[1:] if parts else lang.divisions)
    for c, size in enumerate(sizes, 1):
        arts = []
        for _ in range(size):
            n += 1
            label = "premier" if lang is FR and n == 1 else str(n)
            arts.append(_article(g, label, 0.8))
        chapters.append(_division("chapter", str(c) if parts else roman(c), next(names), arts))
    if not parts:
        return _frame(g, "", chapters)
    return _frame(g, "", [_division("part", "I", lang.divisions[0], chapters[:2]),
                          _division("part", "II", lang.divisions[-1], chapters[2:])])


def _with_suffixes(rng: random.Random) -> list[str]:
    labels = [str(n) for n in range(1, rng.randint(10, 13) + 1)]
    return [*labels[:5], "5 bis", *labels[5:9], "9 bis", "9 ter", *labels[9:]]


def build(shape: str, rng: random.Random) -> Document:
    """The agreement of `shape` (one of `SHAPES`), drawn with `rng`."""
    if shape == "flat":
        return _flat(rng, [str(n) for n in range(1, rng.randint(10, 20) + 1)], "a Ceasefire")
    if shape == "roman":
        return _flat(rng, [roman(n) for n in range(1, 15)], "Mutual Guarantees")
    if shape == "words":
        return _flat(rng, ONES[: rng.randint(10, 15)], "Monitoring")
    if shape == "bis":
        return _flat(rng, _with_suffixes(rng), "Sanctions Relief, as amended")
    if shape == "plan":
        return _plan(rng)
    if shape == "trade":
        return _trade(rng)
    if shape in ("uk", "fr"):
        return _chaptered(rng, UK if shape == "uk" else FR, parts=shape == "uk")
    raise ValueError(f"unknown shape {shape!r}")


SHAPES = ("flat", "roman", "words", "bis", "trade", "plan", "uk", "fr")
