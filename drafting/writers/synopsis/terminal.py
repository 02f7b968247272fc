"""Terminal: a synopsis for reading in a shell, one subject after another.

The summary first, then under each division every subject: its title, status and flags, and
for each version the unit's number and text with the changes from the compared column marked
as the redline's terminal writer marks them (colour, or `{+…+}` and `[-…-]` without it). A
counterpart's control characters are shown as symbols, never sent to the terminal.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from drafting.synopsis._model import Synopsis
from drafting.writers._shared import visible
from drafting.writers.synopsis._shared import cell_ops, compared, covered_by, groups, notes, summary
from drafting.writers.terminal import ops_text

_STATUS_STYLE = {"unchanged": "dim", "changed": "yellow", "added later": "green", "dropped": "red",
                 "dropped and restored": "magenta"}
_INDENT = "    "


def _lines(s: Synopsis, r: int, color: bool, indent: str) -> list[Text]:
    """One subject: its head line, then per version a line with its label and number and,
    one indent deeper, its text."""
    row = s.rows[r]
    head = Text(indent) + Text(visible(row.title or row.subject), style="bold")
    state = "; ".join((row.status, *row.flags))
    head.append(" ").append(f"[{state}]", style=_STATUS_STYLE.get(row.status, "") if color else "")
    lines = [head]
    inner = indent + _INDENT
    for k, cell in enumerate(row.cells):
        line = Text(inner).append(f"{visible(s.versions[k].label)}: ", style="bold" if color else "")
        if not cell.present:
            lines.append(line + Text(visible(covered_by(s, r, k)), style="italic" if color else ""))
            continue
        said = "; ".join(notes(s, cell, k))
        lines.append(line + Text(visible(cell.number + (f" ({said})" if said else ""))))
        text = ops_text(cell_ops(cell), (), color, inner + _INDENT)
        if text.plain:
            lines.append(Text(inner + _INDENT) + text)
    return lines


def synopsis(s: Synopsis, *, color: bool = False, width: int = 100) -> str:
    """The synopsis as terminal text; `color` uses ANSI styles, else plain markers. `width` is
    the width lines wrap at in colour (without colour, lines are not wrapped)."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, soft_wrap=not color)
    labels = " -> ".join(v.label for v in s.versions)
    console.print(Text(visible(f"Synopsis: {labels}"), style="bold"))
    for line in summary(s):
        console.print(visible(line), markup=False)
    key = "colour" if color else "{+inserted+} and [-deleted-]"
    console.print(visible(f"Changes are marked against {compared(s)}, in {key}."), markup=False)
    index = {id(row): r for r, row in enumerate(s.rows)}
    for heads, rows in groups(s):
        for heading, depth in heads:
            console.print()
            console.print(Text(visible(_INDENT * depth + heading), style="bold underline" if color else ""))
        depth = len(rows[0].divisions)
        for row in rows:
            console.print()
            for text in _lines(s, index[id(row)], color, _INDENT * depth):
                console.print(text)
    return buffer.getvalue()
