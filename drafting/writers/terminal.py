"""Terminal: a redline for reading in a shell, in colour or as plain marked text.

Without colour (not a terminal, or --no-color) insertions read `{+…+}` and
deletions `[-…-]`, as git's word diff writes them, so nothing depends on colour.
Minor operations (a reference that only follows a renumbering, a difference of
case or typography the user chose to ignore) are dim, or `{~…~}` and `[~…~]`.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from drafting.diff.redline import DELETE, EQUAL, INSERT, Marks, Ops, PointDiff, Redline, Summary, marked, summarize
from drafting.model import PARA_SEP, Path
from drafting.writers._brackets import changes, open_places
from drafting.writers._shared import (
    Sides, has_words, minor_counts, old_path, shows_words, side_names, updated, visible,
)

_STYLE = {INSERT: "bold green underline", DELETE: "red strike"}
_PLAIN = {INSERT: ("{+", "+}"), DELETE: ("[-", "-]")}
_MINOR_STYLE = {INSERT: "dim underline", DELETE: "dim strike"}
_MINOR_PLAIN = {INSERT: ("{~", "~}"), DELETE: ("[~", "~]")}
_STATUS_STYLE = {"inserted": "green", "deleted": "red", "changed": "yellow", "moved": "cyan",
                 "renumbered": "blue", "split": "magenta", "merged": "magenta", "same": "dim"}


def ops_text(ops: Ops, marks: Marks, color: bool, indent: str) -> Text:
    out = Text()
    for op, chunk, mark in marked(ops, marks):
        chunk = visible(chunk).replace(PARA_SEP, "\n" + indent)
        if op == EQUAL:
            out.append(chunk)
        elif color:
            out.append(chunk, style=(_MINOR_STYLE if mark else _STYLE)[op])
        else:
            start, end = (_MINOR_PLAIN if mark else _PLAIN)[op]
            out.append(f"{start}{chunk}{end}")
    return out


def _pair(d: PointDiff, color: bool, sides: Sides, here: Path | None, indent: str = "") -> list[Text]:
    """A pair's head line and, unless it is unchanged, its words and sub-points, one indent deeper.

    A division's head carries its name (with the word diff of a renaming), and
    every unit under it has a line, as at the top level.
    """
    if d.is_division:
        head = Text(f"{indent}{visible(sides.mark(d)) or '·'}", style="bold")
        if d.heading:
            head.append(": ").append_text(ops_text(d.heading, d.heading_marks, color, indent))
    else:
        number = d.new_label if d.new is not None else d.old_label
        head = Text(f"{indent}{visible(number) or '·'}", style="bold")
    tag = visible("; ".join(t for t in (sides.tag(d, here), updated(d)) if t))
    head.append(" ").append(f"[{tag}]", style=_STATUS_STYLE.get(d.status, "") if color else "")
    lines = [head]
    if d.brackets:  # what happened to the negotiating text, under the head line
        lines.append(Text(f"{indent}    {visible(changes(d))}", style="italic" if color else ""))
    if d.status in ("same", "renumbered") and not d.is_division and not shows_words(d):
        return lines
    inner = indent + "    "
    if d.heading and not d.is_division:
        lines.append(Text(inner) + ops_text(d.heading, d.heading_marks, color, inner))
    if d.body:
        lines.append(Text(inner) + ops_text(d.body, d.body_marks, color, inner))
    for child in d.children:
        if child.status != "same" or d.is_division or shows_words(child):
            lines.extend(_pair(child, color, sides, old_path(d), inner))
    return lines


def _summary_lines(rl: Redline, s: Summary) -> list[str]:
    old, new = side_names(rl)
    counts = ", ".join(f"{n} {status}" for status, n in s.points) or "no points"
    minor = "".join(f"; {text}" for text in minor_counts(s))
    words = "word" if s.words_inserted == 1 else "words"
    places = open_places(s)
    return [f"{old} -> {new}: {counts}; {s.words_inserted} {words} inserted, {s.words_deleted} deleted{minor}",
            *([places] if places else []), *(f"note: {n}" for n in rl.notes)]


def redline(rl: Redline, *, color: bool = False, summary_only: bool = False, width: int = 100) -> str:
    """The redline as terminal text; `color` uses ANSI styles, else plain markers."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, soft_wrap=not color)
    s = summarize(rl)
    for line in _summary_lines(rl, s):
        console.print(visible(line), markup=False)
    if summary_only:
        return buffer.getvalue()
    if minor_counts(s):
        key = Text("dim", style="dim") if color else Text("[~old~]{~new~}")
        console.print(Text("minor changes, not counted as words, are ") + key
                      + Text(": references that follow a renumbering, differences you chose to ignore"))
    for name in ("title", "parties", "preamble"):
        _front(console, rl, name, color)
    console.print()
    sides = Sides.of(rl)
    for d in rl.points:
        for text in _pair(d, color, sides, ()):
            console.print(text)
    _front(console, rl, "closing", color)
    return buffer.getvalue()


def _front(console: Console, rl: Redline, name: str, color: bool) -> None:
    """The title, parties, preamble or closing (`name`), when it changed."""
    ops: Ops = getattr(rl, name)
    if has_words(ops):
        console.print(Text(f"\n{name}", style="bold") + Text("\n    ")
                      + ops_text(ops, rl.marks_of(name), color, "    "))
