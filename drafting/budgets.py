"""The limits on the work one input may cause, and the message when one is reached.

Templates may come from another delegation, clause libraries from a shared folder,
documents from a counterpart: any of them can ask for a loop of 10^10 turns, an
alias bomb or a list number of 10^10. Each limit here has a name, a value far above
what a real agreement needs (a 1,000-page plan passes every one untouched) and a
way out; the template renderer (`drafting.sandbox`), the library loader, the JSON
reader and the Word reader consult these and nothing else. The README's "Limits"
section lists them (a test keeps it true).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import DraftingError


@dataclass(frozen=True, slots=True)
class Budget:
    """One named limit: what it counts, how much is allowed, and what a user can do when over it."""

    name: str
    value: int
    unit: str
    hint: str

    def over(self, amount: int) -> bool:
        """True when `amount` is past this budget."""
        return amount > self.value

    def exceeded(self, what: str, *, path: str | Path | None = None, line: int | None = None,
                 clause: str | None = None) -> OverBudget:
        """The error saying `what` went past this budget, where, and what to do instead."""
        limit = f"{self.value:,} {self.unit}".rstrip()
        return OverBudget(self, f"{what}: over the {self.name} budget of {limit}",
                          path=path, line=line, clause=clause)

    def check(self, amount: int, what: str, *, path: str | Path | None = None,
              line: int | None = None) -> None:
        """Raise `exceeded` when `amount` is past this budget; `what` says what was counted."""
        if amount > self.value:
            shown = f"{amount:,}" if amount < 10**15 else f"about 10^{int(math.log10(amount))}"
            raise self.exceeded(f"{what} ({shown})", path=path, line=line)


class OverBudget(DraftingError):
    """A `DraftingError` that names the `budget` it went past (tests and the fuzzer check which)."""

    def __init__(self, budget: Budget, message: str, *, path: str | Path | None = None,
                 line: int | None = None, clause: str | None = None) -> None:
        super().__init__(message, path=path, line=line, clause=clause, hint=budget.hint)
        self.budget = budget


_TEMPLATE_HINT = ("a template (or clause text) that needs this much is looping or recursing "
                  "without end: simplify it; the README's \"Limits\" section lists every budget")

#: Wall-clock time for laying out one draft, clause texts included; the backstop for work that
#: the counted budgets below do not see. The shipped templates take a few milliseconds.
TEMPLATE_SECONDS = Budget("template render time", 10, "seconds", _TEMPLATE_HINT)
#: Characters a render writes, counting what macros, call blocks and operators build on the way
#: (a list item built counts as 8). A 1,000-page plan is about 3.5 million characters, written
#: two or three times over.
TEMPLATE_OUTPUT = Budget("template output", 50_000_000, "characters", _TEMPLATE_HINT)
#: The longest text one template operation may build or print: `*`, `~`, `+` and `%` on text,
#: `lipsum`, filters and string methods (about 300 pages in one value).
TEMPLATE_VALUE = Budget("template text", 1_000_000, "characters", _TEMPLATE_HINT)
#: The longest list, tuple, dict or `range` one template operation may build: `*` and `+` on
#: lists, `range`, list filters (a list of every clause of a 1,000-page plan is 5,000).
TEMPLATE_ITEMS = Budget("template list", 100_000, "items", _TEMPLATE_HINT)
#: The largest whole number a template may compute (Python itself prints none longer).
TEMPLATE_NUMBER = Budget("template number", 4_300, "digits", _TEMPLATE_HINT)
#: Loop turns, filters and operators in one draft (each costs well under a microsecond).
TEMPLATE_STEPS = Budget("template steps", 1_000_000, "steps", _TEMPLATE_HINT)
#: Calls of macros, layout functions and methods in one draft (a macro call costs some 10 µs):
#: the shipped templates make about two a point, a 1,000-page plan of 5,000 points some 10,000.
TEMPLATE_CALLS = Budget("template calls", 100_000, "calls", _TEMPLATE_HINT)
#: Nesting of calls, macros, call blocks, includes, imports and extends (and of a value printed):
#: the shipped templates go 5 deep; Python's own stack ends not far past 80.
TEMPLATE_DEPTH = Budget("template nesting", 40, "levels", _TEMPLATE_HINT)
#: The size of one template file or one clause text, checked before it is compiled.
TEMPLATE_SIZE = Budget("template size", 1_000_000, "characters", _TEMPLATE_HINT)
#: Clause texts rendered for one draft, `text()` inside other texts included (each point renders
#: one or two): texts that include each other twice at each level would fan out to 2^30.
CLAUSE_RENDERS = Budget("clause renders", 20_000, "clause texts", _TEMPLATE_HINT)

_YAML_HINT = "a clause library file needs none of this: split the file, or remove anchors and aliases"
#: One clause library file: the shipped library is 64 KB in 18 files.
YAML_BYTES = Budget("library file size", 16 * 2**20, "bytes", _YAML_HINT)
#: Values in one library file once its aliases are expanded, counted before anything is built
#: from them: a "billion laughs" file of ten aliases to ten aliases is refused at its first lines.
YAML_VALUES = Budget("library values", 1_000_000, "values, aliases expanded", _YAML_HINT)
#: Nesting in one library file: a clause is 7 levels deep.
YAML_DEPTH = Budget("library nesting", 50, "levels", _YAML_HINT)

#: Any document read (text, Markdown, JSON, Word), checked before it is read: a 1,000-page plan
#: is about 3 MB as text.
INPUT_BYTES = Budget("input file size", 128 * 2**20, "bytes",
                     "split the document, or check that this is the file you meant")

_JSON_HINT = "a draft written by `treaty` is far smaller and flatter: this is not one of its JSON documents"
#: A JSON document: a 1,000-page draft is about 6 MB.
JSON_BYTES = Budget("JSON document size", 64 * 2**20, "characters", _JSON_HINT)
#: Nesting of arrays and objects in a JSON document: a treaty's deepest sub-point is about 20.
JSON_DEPTH = Budget("JSON nesting", 100, "levels", _JSON_HINT)

#: Nesting of elements in an Akoma Ntoso (XML) document: one from LEOS, Laws.Africa or `treaty`
#: nests some 20 deep (the parser itself stops at 256).
XML_DEPTH = Budget("XML nesting", 100, "levels",
                   "an Akoma Ntoso text nests some 20 deep: this is not one, or not one written by a tool")

_DOCX_HINT = "the Word reader draws such numbers in digits and cuts such labels: nothing to do"
#: The largest list number the Word reader draws as Word does (Word's own maximum); a `w:start`
#: or a count past it is drawn in digits, so "letters up to 10^10" costs nothing.
DOCX_NUMBER = Budget("list number", 32_767, "", _DOCX_HINT)
#: A list level's number format (`w:lvlText`, "Article %1.") and the label drawn from it: longer
#: ones are cut. Real ones are under 40 characters.
DOCX_LABEL = Budget("list label", 255, "characters", _DOCX_HINT)
#: List levels, as in Word: a deeper `w:ilvl` is read as the deepest.
DOCX_LEVELS = Budget("list levels", 9, "levels", _DOCX_HINT)
#: Styles based on styles, followed to find a paragraph's role and numbering; a longer chain
#: is cut there, as a cycle is (Word's templates go 3 or 4 deep).
DOCX_STYLE_CHAIN = Budget("style chain", 64, "styles", _DOCX_HINT)

#: Every budget, in the order the README lists them.
ALL = (TEMPLATE_SECONDS, TEMPLATE_OUTPUT, TEMPLATE_VALUE, TEMPLATE_ITEMS, TEMPLATE_NUMBER, TEMPLATE_STEPS,
       TEMPLATE_CALLS, TEMPLATE_DEPTH, TEMPLATE_SIZE, CLAUSE_RENDERS, YAML_BYTES, YAML_VALUES, YAML_DEPTH,
       INPUT_BYTES, JSON_BYTES, JSON_DEPTH, XML_DEPTH, DOCX_NUMBER, DOCX_LABEL, DOCX_LEVELS, DOCX_STYLE_CHAIN)
