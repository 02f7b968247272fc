"""`treaty show` and `treaty export`: one document, in any format a writer knows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.common import (
    Alternatives, Comments, Drafts, Force, Output, Rejected, emit, load, pick_format, writer_options,
)
from drafting.writers import FORMATS, document_writer

Doc = Annotated[str, typer.Argument(help="A file (.json, .md, .txt, .docx) or a draft such as plan-28-point or plan-28-point/v1.")]
Format = Annotated[str | None, typer.Option(
    "--format", "-f", help="md, txt, json, html, docx, akn (Akoma Ntoso) or outline (default: from the -o file's suffix, else md).")]
Outline = Annotated[bool, typer.Option(
    "--outline", help="Print the tree that was read (divisions, articles, paragraphs, with numbers, "
                      "headings and the reader's notes) instead of the text; same as -f outline.")]


Provenance = Annotated[bool, typer.Option(
    "--provenance", help="List where each point came from: clause id, clause version and the position "
                         "taken; same as -f provenance.")]


def show(doc: Doc, fmt: Format = None, output: Output = None, force: Force = False,
         drafts: Drafts = Path("drafts"), rejected: Rejected = False, comments: Comments = False,
         outline: Outline = False, provenance: Provenance = False, alternatives: Alternatives = "inline") -> None:
    """Print a document (a draft or any file a reader knows) in another format, its outline, or
    where its points came from."""
    fmt = pick_format("outline" if outline else "provenance" if provenance else fmt, output, "md")
    writer = document_writer(fmt)
    options = writer_options(fmt, comments=comments, alternatives=alternatives)
    emit(writer(load(doc, drafts, rejected=rejected), **options), output, force, binary=FORMATS[fmt].binary)


def export(doc: Doc, output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
           fmt: Format = None, force: Force = False, drafts: Drafts = Path("drafts"),
           rejected: Rejected = False, comments: Comments = False, alternatives: Alternatives = "inline") -> None:
    """Export a document to a file, by default as Word (.docx); the file's suffix picks the format."""
    fmt = pick_format(fmt, output, "docx")
    show(doc, fmt, output, force, drafts, rejected, comments, outline=False, provenance=False,
         alternatives=alternatives)
