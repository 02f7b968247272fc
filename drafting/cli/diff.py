"""`treaty diff OLD NEW`: the redline between two versions, in any renderer."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.common import EXIT_DIFFERENT, Drafts, Force, Output, Rejected, emit, load, pick_format, progress
from drafting.diff import diff as diff_documents
from drafting.diff.explain import explain as explain_pairs
from drafting.diff.redline import differs
from drafting.diff.words import normalizer
from drafting.writers import FORMATS, redline_writer

Doc = Annotated[str, typer.Argument(help="A file (.json, .md, .txt, .docx) or a draft such as plan-28-point/v1.")]


def command(
    old: Doc,
    new: Doc,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="term, md, json, html or docx (default: from the -o file's suffix, else term).")] = None,
    output: Output = None,
    force: Force = False,
    summary: Annotated[bool, typer.Option("--summary", help="Print only the counts.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text, no colour.")] = False,
    author: Annotated[str, typer.Option("--author", help="Author of the tracked changes (docx).")] = "treaty-drafting",
    date: Annotated[str | None, typer.Option("--date", help="Date of the tracked changes, ISO 8601 (docx; default: the new version's date, else now).")] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when the documents differ, as git diff does.")] = False,
    ignore_case: Annotated[bool, typer.Option(
        "--ignore-case", help="Words that differ only in case count as the same (shown muted).")] = False,
    ignore_typography: Annotated[bool, typer.Option(
        "--ignore-typography",
        help="Straight and curly quotes, dashes, non-breaking and repeated spaces count as the same.")] = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Also print why each point was paired, or not: scores, shared rare words, numbers.")] = False,
    drafts: Drafts = Path("drafts"),
    rejected: Rejected = False,
) -> None:
    """Compare OLD with NEW point by point: added, deleted, changed, moved, renumbered, word by word."""
    fmt = pick_format(fmt, output, "term", redline=True)
    writer = redline_writer(fmt)
    with progress(f"reading {old}"):
        before = load(old, drafts, rejected=rejected)
    with progress(f"reading {new}"):
        after = load(new, drafts, rejected=rejected)
    with progress("comparing"):
        redline = diff_documents(before, after, ignore_case=ignore_case, ignore_typography=ignore_typography)
    options: dict[str, object] = {}
    if fmt == "term":
        color = not no_color and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        options = {"color": color, "summary_only": summary, "width": shutil.get_terminal_size().columns}
    elif fmt == "docx":
        # Tracked changes are dated by the new version's date unless told otherwise.
        options = {"author": author, "date": date or after.meta.date or None, "summary_only": summary}
    elif summary:
        options = {"summary_only": True}
    emit(writer(redline, **options), output, force, binary=FORMATS[fmt].binary, styled=fmt == "term")
    if explain:
        with progress("explaining"):
            lines = explain_pairs(before, after, redline, normalizer(ignore_case, ignore_typography))
        # The redline keeps stdout when it is there in a machine format; the reasons go beside it.
        to_err = output is None and fmt != "term"
        typer.echo("\n".join(("Why the points were paired:", *lines)) if lines else "Nothing to explain.",
                   err=to_err)
    if exit_code and differs(redline):
        raise typer.Exit(EXIT_DIFFERENT)
