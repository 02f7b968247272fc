"""`treaty check DRAFT`: the findings a legal adviser wants before a text goes to the other side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafting.check import CODES, check, to_json, to_text
from drafting.cli.assemble import Library
from drafting.cli.common import EXIT_DIFFERENT, Drafts, Force, Output, Rejected, emit, load, pick_format, progress
from drafting.errors import DraftingError, near
from drafting.model import Document
from drafting.store import library_dir

_WRITERS = {"term": to_text, "json": to_json}


def _library_terms(doc: Document, folder: Path | None) -> tuple[str, ...]:
    """The `terms` of the library clauses `doc` was assembled from; () for a text from elsewhere."""
    if not doc.meta.clauses:
        return ()
    from drafting.library import load_library  # pydantic and ruamel: only for an assembled draft

    library = load_library(library_dir(folder))
    return tuple(t for clause_id, _version in doc.meta.clauses if clause_id in library.clauses
                 for t in library.clauses[clause_id].terms)


def command(
    draft: Annotated[str, typer.Argument(help="A draft such as plan-20-point or plan-20-point/v1, or a file "
                                              "(.json, .md, .txt, .docx).")],
    against: Annotated[str | None, typer.Option(
        "--against", help="An older version: also list references left stale by its renumbering and "
                          "defined terms whose definition changed.")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="term or json (default: from the -o file's suffix, else term).")] = None,
    output: Output = None,
    force: Force = False,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", help=f"Leave out the findings of this code; repeat for more ({', '.join(CODES)}).")] = None,
    library: Library = None,
    drafts: Drafts = Path("drafts"),
    rejected: Rejected = False,
) -> None:
    """Check DRAFT: defined terms, cross-references, brackets and alternatives left open, quantities and
    time limits given twice, actors that are not parties, duplicate points.

    Exit codes: 0 nothing found; 1 findings; 2 a mistake in the input.
    """
    fmt = pick_format(fmt, output, "term", redline=True)
    if fmt not in _WRITERS:
        raise DraftingError(f"treaty check writes term or json, not {fmt!r}", matches=near(fmt, _WRITERS))
    with progress(f"reading {draft}"):
        doc = load(draft, drafts, rejected=rejected)
        old = load(against, drafts, rejected=rejected) if against is not None else None
    with progress("checking"):
        report = check(doc, against=old, library_terms=_library_terms(doc, library), ignore=ignore or ())
    emit(_WRITERS[fmt](report), output, force)
    if not report.clean:
        raise typer.Exit(EXIT_DIFFERENT)
