"""An amending protocol as plain text: numbered instructions, the new text in quotation marks."""

from __future__ import annotations

from drafting.amend import Protocol
from drafting.writers.protocol._layout import body, opening, title_of


def _quote(lines: list[str], pad: str) -> list[str]:
    """Indented, opened with “ and closed with ” as a protocol written by hand quotes."""
    if not lines:
        return []
    shown = list(lines)
    shown[0] = "“" + shown[0]
    shown[-1] = shown[-1] + "”"
    return [f"{pad}{line}".rstrip() for line in shown]


def protocol(p: Protocol) -> str:
    """The protocol as plain text; `treaty consolidate` reads it back."""
    title = title_of(p)
    lines = [title, "", opening(p), "", *body(p, _quote)]
    return "\n".join(lines).rstrip() + "\n"
