"""`treaty resolve`: settle open places of a negotiating text and keep the next version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from drafting.brackets import parse_take, resolve
from drafting.cli.assemble import keep_next, renders
from drafting.cli.common import Alternatives, Comments, Drafts, Force, Output, load, note
from drafting.errors import DraftingError
from drafting.store import check_label

Doc = Annotated[str, typer.Argument(help="A draft such as bilateral-security-agreement/v2, or a file (.json, .md, .txt, .docx).")]


def command(
    doc: Doc,
    take: Annotated[list[str] | None, typer.Option("--take", help="NAME[,NAME...] takes, at each open place, the first of these positions that has an alternative there; CLAUSE=NAME[,...] does so in one clause or unit (its id, or its number: 12, III). Repeat for more.")] = None,
    agree: Annotated[list[str] | None, typer.Option("--agree", help="Remove the brackets of plain bracketed text (no alternatives) in this clause or unit, or 'all'. Repeat for more.")] = None,
    label: Annotated[str | None, typer.Option("--label", help="Version label (default: the next free vN).")] = None,
    formats: Annotated[list[str] | None, typer.Option("--format", "-f", help="md, txt, json, html, docx or akn; repeat for several.")] = None,
    output: Output = None,
    force: Force = False,
    drafts: Drafts = Path("drafts"),
    comments: Comments = False,
    alternatives: Alternatives = "inline",
) -> None:
    """Write the next version of DOC with the alternatives chosen and their brackets removed.

    A draft of the library is kept beside it as the next version (drafts/TEMPLATE/vN);
    any other file needs -o. Places no --take covers stay open and are listed.
    """
    if not take and not agree:
        raise DraftingError("nothing to resolve: give --take NAME and/or --agree UNIT",
                            hint="`treaty check DOC` lists the open places and who proposed each alternative")
    if label is not None:
        check_label(label)
    writers = renders(formats, output, comments, alternatives)
    source = load(doc, drafts)
    result = resolve(source, [parse_take(t) for t in take or ()], agree or ())
    for where, chosen in result.chosen:
        note(f"{where}: took {chosen}")
    for where in result.agreed:
        note(f"{where}: brackets removed, text agreed")
    for place in result.still_open:
        note(f"still open: {place.describe()}")
    note(f"{len(result.chosen) + len(result.agreed)} place(s) settled, {len(result.still_open)} still open")
    previous = source.meta.version
    new = result.document.with_meta(
        date=dt.date.today().isoformat(),
        extra=(*[(k, v) for k, v in source.meta.extra if k not in ("resolved-from", "taken")],
               ("resolved-from", previous or doc), ("taken", "; ".join([*(take or ()), *(f"agree {a}" for a in agree or ())]))))
    keep_next(new, source, doc, writers, output=output, drafts=drafts, label=label, force=force, what="resolved")
