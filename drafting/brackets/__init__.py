"""Negotiating text: bracketed words and alternatives by delegation.

The tree keeps them as text, in the forms negotiators write (`[...]`, `[[...]]`,
`[Alt 1: ...] [Alt 2: ...]`, `[Proposal of X: ...]`, `Option A` / `Option B`), so every
writer, the word diff and accept-all / reject-all handle them without knowing; this
package is the one place that reads them: `parse` for the spans of one text, `places`
for the open places of a document, `resolve` to settle them.
"""

from drafting.brackets._parse import (
    ALTERNATIVE, EDITORIAL, OPEN, REMARK, Parsed, Span, delegations, is_label, parse,
)
from drafting.brackets._places import (
    PARAGRAPH, POINT, WORDS, Alternative, Place, cite, places, unbalanced,
)
from drafting.brackets._resolve import HEADING, PROPOSER, Resolution, Take, matches, parse_take, resolve

__all__ = [
    "ALTERNATIVE", "EDITORIAL", "HEADING", "OPEN", "PARAGRAPH", "POINT", "PROPOSER", "REMARK", "WORDS",
    "Alternative", "Parsed", "Place", "Resolution", "Span", "Take", "cite", "delegations", "is_label",
    "matches",
    "parse", "parse_take", "places", "resolve", "unbalanced",
]
