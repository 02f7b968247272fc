"""HTML: a synopsis as one self-contained page, the "four-column document" in a browser.

The summary on top, then one table: a header row of versions that stays in view while the
page scrolls, a first column with each subject, its status and links to its cells, one
column per version, and the rows grouped under full-width division rows. A cell holds the
unit's number and its text with the changes from the compared column (underlined and struck
through, as on the redline page); a unit that covers the rows of its halves or of the units
merged into it spans them (rowspan). The script only adds controls (hide a column, filter the
rows by status and flag); the page reads the same without it and prints in landscape.
As on the redline page, nothing is loaded: the redline's stylesheet and this page's own are
inlined, the script too, both pinned by hash in a Content-Security-Policy, and the Jinja2
template with autoescape on is the only place that writes markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files
from typing import Any

from markupsafe import Markup

from drafting.synopsis._model import COVERED, Cell, Row, Synopsis
from drafting.writers.html import environment, Ids, paragraph_data
from drafting.writers.synopsis._shared import cell_ops, compared, covered_by, covering, groups, notes

Data = dict[str, Any]
#: The page's own fixed ids, taken before any anchor so an anchor never takes one of them.
_FIXED = ("main", "summary", "summary-h", "controls", "columns", "statuses", "flag", "shown", "synopsis", "legend")


def _name(text: str, fallback: str) -> str:
    """`text` as an id: letters, digits, "-" and "_" only (a builder's anchor or subject id is
    already so; anything else, a space or a quote, becomes "-")."""
    return re.sub(r"[^\w-]+", "-", text).strip("-") or fallback


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@cache
def _assets() -> Data:
    """The stylesheet (the redline page's, then this page's) and the script, inlined, and the
    policy that lets exactly them run and loads nothing else."""
    css = "\n".join(files(package).joinpath(name).read_text(encoding="utf-8") for package, name in (
        ("drafting.writers", "html.css"), ("drafting.writers.synopsis", "synopsis.css")))
    js = files("drafting.writers.synopsis").joinpath("synopsis.js").read_text(encoding="utf-8")
    csp = (f"default-src 'none'; style-src {_sha(css)}; script-src {_sha(js)}; "
           "base-uri 'none'; form-action 'none'")
    return {"css": Markup(css), "js": Markup(js), "csp": csp}


class _Page:
    """The template's data: ids made unique once, rows laid out group by group."""

    def __init__(self, s: Synopsis) -> None:
        self.s = s
        self.ids = Ids()
        for name in _FIXED:
            self.ids.make(name)
        self.columns = [{"k": k, "id": self.ids.make(f"col-{k + 1}"), "label": v.label, "source": v.source,
                         "excerpt": v.excerpt, "base": s.base == k} for k, v in enumerate(s.versions)]
        self.index = {id(row): r for r, row in enumerate(s.rows)}
        # Every cell's anchor, made unique (and never one of the page's own ids) before any link to it.
        self.anchors = {(r, k): self.ids.make(_name(cell.anchor, f"c-{r + 1}-{k + 1}"))
                        for r, row in enumerate(s.rows) for k, cell in enumerate(row.cells) if cell.present}

    def groups(self) -> list[Data]:
        out: list[Data] = []
        for heads, rows in groups(self.s):
            spans, absorbed = self.spans(rows)
            out.append({"heads": [{"text": h, "depth": d, "id": self.ids.make(f"d-{len(out) + 1}-{d + 1}")}
                                  for h, d in heads],
                        "rows": [self.row(row, spans, absorbed) for row in rows]})
        return out

    def spans(self, rows: list[Row]) -> tuple[dict[tuple[int, int], int], set[tuple[int, int]]]:
        """The rowspan of each covering cell of a group, by (row, column), and the covered cells
        it absorbs. A span stops at the group's end (a division row cannot be spanned): the
        covered cells past it say in words which cell covers them."""
        spans: dict[tuple[int, int], int] = {}
        absorbed: set[tuple[int, int]] = set()
        for i, row in enumerate(rows):
            r = self.index[id(row)]
            for k, cell in enumerate(row.cells):
                n = 1
                while cell.present and n < cell.span and i + n < len(rows) and rows[i + n].cells[k].state == COVERED:
                    absorbed.add((r + n, k))
                    n += 1
                spans[(r, k)] = n
        return spans, absorbed

    def row(self, row: Row, spans: dict[tuple[int, int], int], absorbed: set[tuple[int, int]]) -> Data:
        r = self.index[id(row)]
        links = [("#" + self.anchors[(r, k)], f"{self.s.versions[k].label}: {cell.number or 'text'}")
                 for k, cell in enumerate(row.cells) if cell.present]
        return {"id": self.ids.make(_name(row.subject, f"s-{r + 1}")), "title": row.title or row.subject,
                "key": "" if row.key.startswith("@") else row.key, "status": row.status, "flags": list(row.flags),
                "links": links, "cells": [self.cell(r, k, cell, spans[(r, k)]) for k, cell in enumerate(row.cells)
                                          if (r, k) not in absorbed]}

    def cell(self, r: int, k: int, cell: Cell, span: int) -> Data:
        if cell.present:
            return {"k": k, "present": True, "id": self.anchors[(r, k)], "span": span, "number": cell.number,
                    "notes": notes(self.s, cell, k), "change": cell.change, "paras": paragraph_data(cell_ops(cell))}
        above = covering(self.s, r, k) if cell.state == COVERED else None
        return {"k": k, "present": False, "state": cell.state, "text": covered_by(self.s, r, k),
                "href": "" if above is None else "#" + self.anchors[(above, k)]}


def synopsis(s: Synopsis) -> str:
    """The synopsis as one HTML page: title, summary, controls, then the table of subjects by
    versions. The same synopsis gives the same page."""
    page = _Page(s)
    return environment().get_template("synopsis/synopsis.j2").render(
        assets=_assets(), title=" → ".join(v.label for v in s.versions), compared=compared(s),
        subjects=len(s.rows), counts=list(s.counts()), flags=list(s.flag_counts()), notes=list(s.notes),
        versions=[(v, k > 0) for k, v in enumerate(s.versions)], base=s.base, columns=page.columns,
        groups=page.groups(),
    )
