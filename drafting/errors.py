"""The one error type a user's mistake becomes; the CLI renders it once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz, process


class DraftingError(Exception):
    """A mistake the user can fix: what went wrong, where, and what to do.

    `path`, `line`, `column` and `clause` say where, when known (None when not).
    `matches` are the nearest known names for a misspelt one; `hint` is the fix.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        clause: str | None = None,
        hint: str | None = None,
        matches: Iterable[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.clause = clause
        self.hint = hint
        self.matches = tuple(matches)

    @property
    def where(self) -> str:
        """`file:line:column` as far as known, or "" when nothing is."""
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def render(self) -> str:
        """The message as a user reads it, one fact a line."""
        head = f"{self.where}: " if self.where else ""
        lines = [f"{head}{self.message}"]
        if self.clause:
            lines.append(f"  clause: {self.clause}")
        if self.matches:
            lines.append(f"  did you mean: {', '.join(self.matches)}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


def near(name: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The known names closest to a misspelt `name`, best first: those it begins (an
    abbreviation: "eu" for "europe", "armed" for "armed-forces"), then the nearest in spelling."""
    # Plain edit similarity beyond the beginning: a substring match ("nope" in "europe-…") is no near match.
    choices = list(choices)
    folded = name.casefold()
    starts = sorted((c for c in choices if len(folded) >= 2 and c.casefold().startswith(folded)), key=len)
    found = process.extract(name, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return list(dict.fromkeys([*starts, *(choice for choice, _score, _index in found)]))[:limit]
