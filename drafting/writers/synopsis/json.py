"""JSON: a synopsis as data, following `drafting/synopsis.schema.json`.

Everything the value holds: the versions, the rows with every cell (word operations as
`[op, text]`, op -1, 0 or 1 as in the redline), the statuses and flags, the summary counts
and the notes. A cell without text of its own is written as its state alone, so a reader
rebuilds the same `Synopsis` from it with the dataclasses' defaults.
"""

from __future__ import annotations

import json
from typing import Any

from drafting.synopsis._model import Cell, Row, Synopsis, Version

#: The format name written in `"format"`; the schema's `$id`.
SYNOPSIS_FORMAT = "treaty-drafting/synopsis@1"


def _version(v: Version) -> dict[str, Any]:
    return {"label": v.label, "source": v.source, "points": v.points, "changed": v.changed,
            "excerpt": v.excerpt, "open_places": v.open_places}


def _cell(c: Cell) -> dict[str, Any]:
    if not c.present:
        return {"state": c.state}
    return {"state": c.state, "number": c.number, "label": c.label, "heading": c.heading, "text": c.text,
            "ops": [[op, text] for op, text in c.ops], "against": c.against, "change": c.change,
            "span": c.span, "anchor": c.anchor, "open_places": c.open_places}


def _row(r: Row) -> dict[str, Any]:
    return {"subject": r.subject, "key": r.key, "title": r.title, "divisions": list(r.divisions),
            "status": r.status, "flags": list(r.flags), "cells": [_cell(c) for c in r.cells]}


def synopsis(s: Synopsis) -> str:
    """The synopsis as indented JSON: format, summary, versions, rows, base and notes."""
    data = {
        "format": SYNOPSIS_FORMAT,
        "summary": {"subjects": len(s.rows), "statuses": dict(s.counts()), "flags": dict(s.flag_counts())},
        "versions": [_version(v) for v in s.versions],
        "base": s.base,
        "rows": [_row(r) for r in s.rows],
        "notes": list(s.notes),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
