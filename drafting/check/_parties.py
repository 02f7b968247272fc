"""States and organisations that a draft makes act ("NATO shall ...") but that are not its parties.

Only a clear actor counts: a proper name (an acronym, a name the text also capitalises in the
middle of a sentence, or one with "Republic", "Federation", "Union" ...) standing as the subject
of "shall", "may", "will", "must", "undertakes" or "agrees", not of a passive ("shall be"). Organs
of a party ("the Government of Ukraine"), the draft's own bodies ("the Peace Council") and the
parties in general ("each Party") are not flagged; short names of a party ("Russia" for "the
Russian Federation", "the United States") are the party.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.check._finding import Finding
from drafting.check._text import Passage
from drafting.model import Document

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})"
_AFTER = "|".join(rf"(?<=\b{w}\s)" for w in "and or that if where when unless whereby".split())
_ACTOR = re.compile(rf"(?:^|(?<=[.;:,(]\s)|{_AFTER})"
                    rf"([Tt]he\s+)?({_NAME_WORD}(?:\s+(?:of|of\s+the|and|for|on)\s+{_NAME_WORD}|\s+{_NAME_WORD})*)"
                    r"\s+(?:shall|may|will|must|undertakes|undertake|agrees|agree|commits|pledges)\b"
                    r"(?!\s+(?:not\s+)?(?:be|remain|become)\b)")
#: Bodies and organs: an actor whose last word is one of these is no stranger to the draft.
_BODIES = frozenset("""council commission committee secretary-general secretariat board court tribunal
mission group agency conference assembly mechanism government president senate congress parliament
minister ministry party parties state states signatory signatories member members side sides guarantor
guarantors force forces army authority authorities office panel body""".split())
_NOT_ACTORS = frozenset("""agreement treaty memorandum protocol annex article point chapter section part
charter framework plan arrangement convention declaration this each any all every such neither either no
nothing none both other""".split())
#: Words that make a multi-word name a State or an organisation.
_STATE_WORDS = frozenset("""republic kingdom federation union states emirates confederation commonwealth
organisation organization alliance league principality duchy""".split())
_SHORT = {"us": "united states of america", "usa": "united states of america", "america": "united states of america",
          "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
          "eu": "european union", "un": "united nations"}


def _bare(name: str) -> str:
    return " ".join(re.sub(r"^(?:the|The)\s+", "", name).replace(".", "").split()).casefold()


def _is_party(name: str, parties: list[str]) -> bool:
    """True when `name` is a party, a short name of one, or an organ of one ("Government of Ukraine")."""
    bare = _SHORT.get(_bare(name), _bare(name))
    for party in parties:
        if bare == party or party in bare or (party.startswith(bare + " ")):
            return True
        first = bare.split()[0]  # "Russia" for "the Russian Federation"
        if " " not in bare and len(first) >= 4 and any(w.startswith(first) for w in party.split()):
            return True
    return False


def _proper(texts: list[Passage]) -> set[str]:
    """Words the draft capitalises in the middle of a sentence: names, not sentence openings."""
    found: set[str] = set()
    for passage in texts:
        found.update(re.findall(r"(?<=[a-z,]\s)([A-Z][\w'’-]+)", passage.text))
    return found


def _stranger(name: str, article: bool, parties: list[str], proper: set[str]) -> bool:
    """True when `name` is clearly a State or an organisation, and not a party nor a body: one
    word only when it is a name that takes no article ("NATO", "Moldova"; not "the Corridor")."""
    words = name.split()
    lower = [w.lower().strip(".") for w in words]
    if lower[-1] in _BODIES or lower[0] in _NOT_ACTORS or lower[-1] in _NOT_ACTORS:
        return False
    if len(words) == 1 and not (name.isupper() or (name in proper and not article)):
        return False
    if len(words) > 1 and not (set(lower) & _STATE_WORDS or name.isupper()):
        return False
    return not _is_party(name, parties)


def unknown(doc: Document, texts: list[Passage], terms: Iterable[str] = ()) -> Iterator[Finding]:
    """Actors that are not among `doc.parties` nor defined `terms`; nothing when the draft names
    no parties."""
    defined = {_bare(t) for t in terms}
    if not doc.parties:
        return
    parties = [_bare(p) for p in doc.parties]
    proper = _proper(texts)
    seen: dict[str, tuple[str, list[str]]] = {}
    for passage in texts:
        if passage.heading:
            continue
        for match in _ACTOR.finditer(passage.text):
            names = re.split(r"\s+and\s+(the\s+)?", match.group(2))
            articles = [match.group(1), *names[1::2]]
            for name, article in zip(names[::2], articles):
                if name.casefold() not in defined and _stranger(name, bool(article), parties, proper):
                    wheres = seen.setdefault(_bare(name), (name, []))[1]
                    if passage.where not in wheres:
                        wheres.append(passage.where)
    for name, (first, *others) in seen.values():
        also = f"; also in {', '.join(others)}" if others else ""
        yield Finding("party-unknown", first, name,
                      f"“{name}” is made to act here but is not a party ({'; '.join(doc.parties)}){also}")
