"""`treaty consolidate BASE PROTOCOL`: apply an amending protocol and keep the consolidated text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.assemble import keep_next, renders
from drafting.cli.common import Drafts, Force, Output, load, note, progress
from drafting.store import check_label

Base = Annotated[str, typer.Argument(help="The text amended: a draft such as plan-28-point/v1, or a file (.json, .md, .txt, .docx, .xml).")]
Amending = Annotated[Path, typer.Argument(help="The amending protocol (.md, .txt, .docx or .xml), ours or written by hand in the same formulas.")]


def command(
    base: Base,
    protocol: Amending,
    label: Annotated[str | None, typer.Option("--label", help="Version label (default: the next free vN).")] = None,
    formats: Annotated[list[str] | None, typer.Option("--format", "-f", help="md, txt, json, html, docx or akn; repeat for several.")] = None,
    output: Output = None,
    force: Force = False,
    drafts: Drafts = Path("drafts"),
) -> None:
    """Apply PROTOCOL's amending instructions to BASE and write the consolidated text.

    A draft of the library is kept beside it as the next version (drafts/TEMPLATE/vN); any other
    file needs -o. An instruction that cannot be applied is an error naming it, and nothing is written.
    """
    from drafting.amend import consolidate_file

    if label is not None:
        check_label(label)
    writers = renders(formats, output, False, "inline")
    source = load(base, drafts)
    with progress("applying the amending instructions"):
        amended, applied = consolidate_file(source, protocol)
    note(f"{applied} instruction(s) applied")
    new = amended.with_meta(date=dt.date.today().isoformat(),
                            extra=(*[(k, v) for k, v in source.meta.extra if k not in ("consolidated-from", "protocol")],
                                   ("consolidated-from", source.meta.version or base), ("protocol", protocol.name)))
    keep_next(new, source, base, writers, output=output, drafts=drafts, label=label, force=force, what="consolidated")
