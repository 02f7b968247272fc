"""Terminal: a redline for reading in a shell, in colour or as plain marked text.

Without colour (not a terminal, or --no-color) insertions read `{+…+}` and
deletions `[-…-]`, as git's word diff writes them, so nothing depends on colour.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from drafting.diff.redline import DELETE, INSERT, Ops, PointDiff, Redline, summarize
from drafting.model import PARA_SEP, Path
from drafting.writers._shared import Sides, old_path

_STYLE = {INSERT: "bold green underline", DELETE: "red strike"}
_PLAIN = {INSERT: ("{+", "+}"), DELETE: ("[-", "-]")}
_STATUS_STYLE = {"inserted": "green", "deleted": "red", "changed": "yellow", "moved": "cyan",
                 "renumbered": "blue", "split": "magenta", "merged": "magenta", "same": "dim"}


def _ops_text(ops: Ops, color: bool, indent: str) -> Text:
    out = Text()
    for op, chunk in ops:
        chunk = chunk.replace(PARA_SEP, "\n" + indent)
        if op == 0:
            out.append(chunk)
        elif color:
            out.append(chunk, style=_STYLE[op])
        else:
            start, end = _PLAIN[op]
            out.append(f"{start}{chunk}{end}")
    return out


def _pair(d: PointDiff, color: bool, sides: Sides, here: Path | None, indent: str = "") -> list[Text]:
    """A pair's head line and, unless it is unchanged, its words and sub-points, one indent deeper.

    A division's head carries its name (with the word diff of a renaming), and
    every unit under it has a line, as at the top level.
    """
    if d.is_division:
        head = Text(f"{indent}{sides.mark(d) or '·'}", style="bold")
        if d.heading:
            head.append(": ").append_text(_ops_text(d.heading, color, indent))
    else:
        number = d.new_label if d.new is not None else d.old_label
        head = Text(f"{indent}{number or '·'}", style="bold")
    head.append(" ").append(f"[{sides.tag(d, here)}]", style=_STATUS_STYLE.get(d.status, "") if color else "")
    lines = [head]
    if d.status in ("same", "renumbered") and not d.is_division:
        return lines
    inner = indent + "    "
    if d.heading and not d.is_division:
        lines.append(Text(inner) + _ops_text(d.heading, color, inner))
    if d.body:
        lines.append(Text(inner) + _ops_text(d.body, color, inner))
    for child in d.children:
        if child.status != "same" or d.is_division:
            lines.extend(_pair(child, color, sides, old_path(d), inner))
    return lines


def _summary_lines(rl: Redline) -> list[str]:
    s = summarize(rl)
    old = rl.old_meta.version or rl.old_meta.source or "old"
    new = rl.new_meta.version or rl.new_meta.source or "new"
    counts = ", ".join(f"{n} {status}" for status, n in s.points) or "no points"
    return [f"{old} -> {new}: {counts}; {s.words_inserted} words inserted, {s.words_deleted} deleted",
            *(f"note: {n}" for n in rl.notes)]


def redline(rl: Redline, *, color: bool = False, summary_only: bool = False, width: int = 100) -> str:
    """The redline as terminal text; `color` uses ANSI styles, else plain markers."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, soft_wrap=not color)
    for line in _summary_lines(rl):
        console.print(line, markup=False)
    if summary_only:
        return buffer.getvalue()
    for name, ops in (("title", rl.title), ("parties", rl.parties), ("preamble", rl.preamble)):
        if any(op != 0 for op, _ in ops):
            console.print(Text(f"\n{name}", style="bold") + Text("\n    ") + _ops_text(ops, color, "    "))
    console.print()
    sides = Sides.of(rl)
    for d in rl.points:
        for text in _pair(d, color, sides, ()):
            console.print(text)
    if any(op != 0 for op, _ in rl.closing):
        console.print(Text("\nclosing", style="bold") + Text("\n    ") + _ops_text(rl.closing, color, "    "))
    return buffer.getvalue()
