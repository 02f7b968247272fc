"""The words of the quality benchmark's pairs: boilerplate patterns, reference forms, and rewording.

Kept apart from `quality_gen.py`, which lays the edits out, so the vocabulary can grow alone.
"""

from __future__ import annotations

import random
import re
from difflib import SequenceMatcher

import generate as g

EVENTS = ["the entry into force of this Agreement", "the signature", "the start of the ceasefire",
          "the first session of the Joint Commission", "any serious incident", "a request by either Party",
          "the completion of the withdrawal", "the publication of the annual report"]
#: Boilerplate: one sentence with blanks, written many times over in a run of points.
PATTERNS = [
    "The Parties shall notify the {body} of any change concerning {noun} within {days} days of {event}.",
    "Each Party shall report to the {body} on {noun} in {place} every {months} months.",
    "{subject} shall {verb} {noun} in {place} not later than {days} days after {event}.",
    "{subject} shall designate a liaison officer for {noun}, who shall inform the {body} within {days} days"
    " of {event}.",
    "The {body} shall keep a register of {noun} in {place} and shall update it every {months} months."]
#: References to other points; [[k]] stands for the k-th target's number.
REF_FORMS = ["as provided for in point [[0]]", "under points [[0]] and [[1]]", "pursuant to point [[0]]",
             "in accordance with paragraph 2 of point [[0]]",
             "subject to the conditions set out in points [[0]] and [[1]]"]
#: Rewording: words and the synonyms they may become (our own list, beside generate.py's SWAPS).
SYNONYMS = dict(pair.split(":") for pair in (
    "shall:must,will:are to,may:can,withdraw:pull back,deploy:position,reduce:cut,limit:restrict,inspect:examine,"
    "recognise:acknowledge,administer:govern,return:hand back,respect:honour,lift:remove,suspend:halt,"
    "review:reassess,maintain:keep,release:free,protect:shield,assist:help,restore:re-establish,supply:provide,"
    "secure:safeguard,repair:mend,rebuild:reconstruct,finance:pay for,establish:set up,develop:expand,"
    "hold:conduct,organise:arrange,adopt:approve,observe:watch,publish:make public,monitor:oversee,"
    "verify:confirm,report:give an account of,investigate:look into,notify:inform,settle:resolve,"
    "enforce:uphold,apply:implement,terminate:end,within:inside,promptly:swiftly,fully:completely,"
    "jointly:together,progressively:step by step,permanent:lasting,temporary:interim,comprehensive:thorough,"
    "effective:efficient,mutual:reciprocal,independent:impartial,international:multinational,"
    "Parties:signatories,Party:signatory,Agreement:accord,accordance:conformity,approval:consent,"
    "rights:entitlements,provided:on condition,least:minimum,period:term,budget:funding envelope,ceiling:cap,"
    "distance:range,basis:footing,full:complete,agreed:accepted,the:the said,all:every,any:each,"
    "with:together with,through:by way of,near:close to").split(","))
_CUT_BEFORE = set("within in for subject provided unless once without on as not every with at up along to".split())
_SENTENCE = re.compile(r"(?<=\.) (?=[A-Z$])")


def sentences(text: str) -> list[str]:
    """The sentences of a generated text (each starts with a capital after a full stop)."""
    return _SENTENCE.split(text)


def changed_share(a: str, b: str) -> float:
    """The share of words that differ between two texts (1 - difflib's ratio over words)."""
    return 1.0 - SequenceMatcher(None, a.lower().split(), b.lower().split(), autojunk=False).ratio()


def reword(text: str, rng: random.Random, low: float, high: float) -> str:
    """`text` with a share of `low` to `high` of its words changed: synonyms, a clause put
    first, sentences swapped, phrases added and removed."""
    for _attempt in range(30):  # a sentence swapped can overshoot: try again
        parts, target, out = sentences(text), rng.uniform(low, high), text
        for _step in range(80):
            if changed_share(text, out) >= target:
                break
            _reword_step(parts, rng)
            out = " ".join(parts)
        if low <= changed_share(text, out) <= high:
            break
    return out


def _reword_step(parts: list[str], rng: random.Random) -> None:
    k = rng.randrange(len(parts))
    words, roll = parts[k][:-1].split(" "), rng.random()
    if roll < 0.1 and k + 1 < len(parts):
        parts[k], parts[k + 1] = parts[k + 1], parts[k]
        return
    spots = [i for i, w in enumerate(words) if w in SYNONYMS]
    cuts = [i for i, w in enumerate(words[:-1]) if i > 3 and w in _CUT_BEFORE]
    if roll < 0.6 and spots:
        i = rng.choice(spots)
        words[i] = SYNONYMS[words[i]]
    elif roll < 0.75 and cuts:
        i = rng.choice(cuts)
        words = [words[i].capitalize(), *words[i + 1:-1], words[-1] + ",", words[0].lower(), *words[1:i]]
    elif roll < 0.88:
        words.insert(rng.randint(3, len(words)), g._fill(rng.choice(g.CONDITIONS + g.NUMBER_PHRASES + g.ADVERBS), rng))
    elif len(words) > 8:
        i = rng.randrange(3, len(words) - 3)
        del words[i:i + rng.randint(2, 4)]
    parts[k] = " ".join(words) + "."
