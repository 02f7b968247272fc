"""`treaty check`: the checks a legal adviser runs before a text goes to the other side.

`check(doc)` reads a document (any reader's) and returns a `Report` of `Finding`s, each
filed under a stable code (`CODES`): defined terms, cross-references, brackets and
alternatives, contradicting quantities and time limits, actors that are not parties, and
duplicate points; with `against` (an older version) also stale references and changed
definitions. Pure: no I/O, the same answer every time. `to_json` and `to_text` render a report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from drafting.check import _brackets, _duplicates, _parties, _refs, _terms, _values
from drafting.check._finding import CODES, Finding, Report
from drafting.check._json import CHECK_FORMAT, to_json
from drafting.check._text import passages, units
from drafting.errors import DraftingError, near
from drafting.model import Document

__all__ = ["CHECK_FORMAT", "CODES", "Finding", "Report", "check", "to_json", "to_text"]


def check(doc: Document, *, against: Document | None = None, library_terms: Iterable[str] = (),
          ignore: Iterable[str] = ()) -> Report:
    """The findings on `doc`, in reading order, without the codes in `ignore`.

    `against` is an older version (None: no comparison); `library_terms` are the clause
    library's defined terms for the clauses `doc` was assembled from. An unknown code in
    `ignore` is a `DraftingError` naming the nearest codes.
    """
    ignored = set(ignore)
    for code in sorted(ignored - set(CODES)):
        raise DraftingError(f"unknown check code {code!r}", matches=near(code, CODES),
                            hint=f"the codes are: {', '.join(CODES)}")
    found = units(doc)
    texts = passages(doc, found)
    defined = _terms.definitions(texts, found)
    library = tuple(library_terms)
    findings = [
        *_terms.misspelt(texts, defined, library),
        *_terms.unused(texts, defined),
        *_refs.missing(doc, texts, found),
        *_brackets.stray(texts),
        *_brackets.open_places(doc),
        *_values.quantities(texts),
        *_values.times(texts),
        *_parties.unknown(doc, texts, [*(d.term for d in defined), *library]),
        *_duplicates.duplicates(doc, found),
    ]
    if against is not None:
        old_found = units(against)
        old = _terms.definitions(passages(against, old_found), old_found)
        findings += [*_terms.undefined_since(texts, defined, old), *_terms.changed(defined, old),
                     *_refs.stale(against, doc)]
    order = {where: i for i, where in enumerate(["title", "preamble", *(u.where for u in found), "closing"])}
    kept = sorted((f for f in findings if f.code not in ignored),
                  key=lambda f: (order.get(f.where, len(order)), list(CODES).index(f.code)))
    counts = Counter(f.code for f in kept)
    return Report(tuple(kept), tuple((code, counts[code]) for code in CODES if counts[code]))


def to_text(report: Report) -> str:
    """The report for a terminal or a .txt file: `CODE  where  message` a line, then the counts."""
    lines = [f"{f.code}  {f.where}  {f.message}" for f in report.findings]
    if report.findings:
        total = len(report.findings)
        lines.append(f"{total} finding{'s' if total != 1 else ''}: "
                     + ", ".join(f"{n} {code}" for code, n in report.counts))
    else:
        lines.append("no findings")
    return "\n".join(lines) + "\n"
