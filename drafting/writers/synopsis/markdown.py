"""Markdown: a synopsis for a quick look, a summary and then one table per division.

Each table reads `| Subject | V1 | V2 | ... | Status |`; a cell holds the unit's number and its
text with the changes from the compared column in CriticMarkup (`{++ins++}`, `{--del--}`), its
lines joined by `<br>`. A counterpart's text is inert: `<`, `>` and `&` are written as entities
and `|` and `\\` escaped, so no text can open a tag or a table cell.
"""

from __future__ import annotations

from drafting.model import PARA_SEP
from drafting.synopsis._model import COVERED, Synopsis
from drafting.writers._shared import visible
from drafting.writers.markdown import critic
from drafting.writers.synopsis._shared import cell_ops, compared, covered_by, groups, notes, summary

def _escape(text: str) -> str:
    """Text for a table cell: inert HTML, escaped pipes and backslashes, control characters shown
    as symbols (as on a terminal), lines joined by <br>."""
    text = visible(text.replace("\r\n", "\n"))
    for old, new in (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(old, new)
    return text.replace("\n", "<br>").replace(PARA_SEP, "<br>")


def _cell(s: Synopsis, r: int, k: int) -> str:
    cell = s.rows[r].cells[k]
    if cell.present:
        said = "; ".join(notes(s, cell, k))
        head = " ".join(p for p in (f"**{_escape(cell.number)}**" if cell.number else "",
                                    f"*({_escape(said)})*" if said else "") if p)
        body = critic(tuple((op, _escape(text)) for op, text in cell_ops(cell)))
        return "<br>".join(part for part in (head, body) if part)
    return f"*{'↑ ' * (cell.state == COVERED)}{_escape(covered_by(s, r, k))}*"


def synopsis(s: Synopsis) -> str:
    """The synopsis as Markdown: a title, the summary, then one table per run of rows under the
    same divisions, each division a heading (`##` for the outermost)."""
    labels = " → ".join(_escape(v.label) for v in s.versions)
    lines = [f"# Synopsis: {labels}", "", *(f"- {_escape(line)}" for line in summary(s)), "",
             f"Changes are marked against {_escape(compared(s))}: {{++inserted++}}, {{--deleted--}}, "
             "{~~replaced~>by~~}.", ""]
    header = ["Subject", *(_escape(v.label) for v in s.versions), "Status"]
    index = {id(row): r for r, row in enumerate(s.rows)}
    for heads, rows in groups(s):
        lines += [line for h, d in heads for line in (f"{'#' * min(2 + d, 6)} {_escape(h)}", "")]
        lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for row in rows:
            r = index[id(row)]
            status = "; ".join((row.status, *row.flags))
            cells = [_escape(row.title or row.subject), *(_cell(s, r, k) for k in range(len(row.cells))), status]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
