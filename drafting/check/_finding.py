"""What a check finds, and the codes it is filed under (stable: scripts and --ignore use them)."""

from __future__ import annotations

from dataclasses import dataclass

#: Every code, with what it means; the JSON schema documents the same list (a test keeps them equal).
CODES: dict[str, str] = {
    "term-undefined": "a term used as a defined term that the draft does not define",
    "term-unused": "a defined term the draft never uses",
    "term-changed": "with --against: a defined term whose definition changed",
    "ref-missing": "a cross-reference to a unit the draft does not have",
    "ref-stale": "with --against: a reference that still gives the old number of a renumbered unit",
    "bracket-unbalanced": "a square bracket without its partner",
    "bracket-open": "bracketed text, not yet agreed",
    "alternative-open": "alternatives not yet resolved, with the delegations that proposed them",
    "quantity-conflict": "the same quantity given two values",
    "time-conflict": "the same act given two time limits",
    "party-unknown": "a State or organisation named as acting that is not among the parties",
    "point-duplicate": "two units with the same or nearly the same text",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One fault: its `code`, the unit `where` it stands as a reader cites it ("Article III(2)",
    "point 12(b)", "title", "preamble", "closing"), the `words` at fault, and a `message`."""

    code: str
    where: str
    words: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    """The findings in reading order and how many there are of each code (codes with none left out)."""

    findings: tuple[Finding, ...]
    counts: tuple[tuple[str, int], ...]

    @property
    def clean(self) -> bool:
        """True when nothing was found."""
        return not self.findings
