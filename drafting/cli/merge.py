"""`treaty merge BASE OURS THEIRS`: the three-way merge of two delegations' versions of one text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafting.cli.common import EXIT_DIFFERENT, Drafts, Force, Output, emit, load, note, pick_format, progress
from drafting.errors import DraftingError
from drafting.writers import FORMATS, document_writer

if TYPE_CHECKING:
    from drafting.merge import Merge

Doc = Annotated[str, typer.Argument(help="A file (.json, .md, .txt, .docx) or a draft such as plan-20-point/v3.")]


def report(result: Merge, names: tuple[str, str]) -> None:
    """What came from each side, and the conflicts, on standard error."""
    for who, what in ((names[0], result.ours), (names[1], result.theirs), ("both", result.both)):
        if what:
            note(f"from {who}: {', '.join(what)}")
    for conflict in result.conflicts:
        note(f"conflict in {conflict.point}: {_KINDS[conflict.kind]}; both formulations kept as alternatives")
    note("merged cleanly" if result.clean else
         f"{len(result.conflicts)} conflict(s) left as bracketed alternatives: `treaty check` lists them, "
         f"`treaty resolve --take NAME` settles them")


_KINDS = {"changed": "the same words changed differently", "deleted": "deleted on one side, changed on the other",
          "moved": "moved to two different places", "inserted": "different points put in the same place"}


def command(
    base: Doc,
    ours: Doc,
    theirs: Doc,
    names: Annotated[str, typer.Option("--names", metavar="OURS,THEIRS",
                                       help="The sides' names, which label the alternatives of a conflict.")] = "ours,theirs",
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="md, txt, json, html or docx (default: from the -o file's suffix, else md).")] = None,
    output: Output = None,
    force: Force = False,
    drafts: Drafts = Path("drafts"),
) -> None:
    """Merge the changes OURS and THEIRS each made to BASE; a real conflict becomes bracketed
    alternatives labelled with the sides' names.

    Exit codes: 0 merged cleanly; 1 conflicts remain (the merged text is still written, with
    the alternatives); 2 a mistake in the input.
    """
    sides = tuple(n.strip() for n in names.split(","))
    if len(sides) != 2:
        raise DraftingError(f"--names {names!r} must name the two sides: OURS,THEIRS", hint="for example --names US,Ukraine")
    fmt = pick_format(fmt, output, "md")
    writer = document_writer(fmt)
    docs = []
    for name in (base, ours, theirs):
        with progress(f"reading {name}"):
            docs.append(load(name, drafts))
    from drafting.merge import merge  # the aligner and the merge: only when merging

    with progress("merging"):
        result = merge(*docs, names=(sides[0], sides[1]))
    emit(writer(result.document), output, force, binary=FORMATS[fmt].binary)
    report(result, (sides[0], sides[1]))
    if not result.clean:
        raise typer.Exit(EXIT_DIFFERENT)
