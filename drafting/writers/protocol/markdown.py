"""An amending protocol in Markdown: a heading, numbered instructions, the new text as block quotes."""

from __future__ import annotations

from drafting.amend import Protocol
from drafting.writers.protocol._layout import body, opening, title_of


def _quote(lines: list[str], pad: str) -> list[str]:
    return [f"{pad}> {line}".rstrip() for line in lines]


def protocol(p: Protocol) -> str:
    """The protocol as Markdown; `treaty consolidate` reads it back."""
    lines = [f"# {title_of(p)}", "", opening(p), "", *body(p, _quote)]
    return "\n".join(lines).rstrip() + "\n"
