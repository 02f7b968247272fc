"""`treaty diff OLD NEW`: the redline between two versions, in any renderer."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.common import EXIT_DIFFERENT, Drafts, Force, Output, Rejected, emit, load, note, pick_format, progress
from drafting.diff import diff as diff_documents
from drafting.diff.explain import explain as explain_pairs
from drafting.diff.redline import differs
from drafting.diff.words import normalizer
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.writers import FORMATS, protocol_writer, redline_writer

Doc = Annotated[str, typer.Argument(help="A file (.json, .md, .txt, .docx) or a draft such as plan-28-point/v1.")]


def command(
    old: Doc,
    new: Doc,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="term, md, json, html or docx (default: from the -o file's suffix, else term); "
                               "amendments: an amending protocol, as .md, .txt, .docx or .xml (Akoma Ntoso) by -o's suffix.")] = None,
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
    protocol: Annotated[str | None, typer.Option(
        "--protocol", help="With --format amendments: the protocol's heading (\"Protocol amending the Agreement ...\").")] = None,
    word_changes: Annotated[int | None, typer.Option(
        "--word-changes", min=0, metavar="N",
        help="With --format amendments: a unit with at most N word changes is amended word by word "
             "(\"the words ... are replaced by ...\"), one with more is replaced whole; 0 replaces every changed unit (default 3).")] = None,
    drafts: Drafts = Path("drafts"),
    rejected: Rejected = False,
) -> None:
    """Compare OLD with NEW point by point: added, deleted, changed, moved, renumbered, word by word.

    With --format amendments, write the change as an amending protocol instead: the
    instructions that turn OLD into NEW, which `treaty consolidate OLD PROTOCOL` applies.
    """
    if fmt == "amendments":
        _amendments(old, new, output, force, protocol or "", word_changes, drafts, rejected)
        return
    if protocol is not None or word_changes is not None:
        raise DraftingError("--protocol and --word-changes are for --format amendments")
    fmt = pick_format(fmt, output, "term", redline=True)
    writer = redline_writer(fmt)
    before, after = _both(old, new, drafts, rejected)
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


def _both(old: str, new: str, drafts: Path, rejected: bool) -> tuple[Document, Document]:
    with progress(f"reading {old}"):
        before = load(old, drafts, rejected=rejected)
    with progress(f"reading {new}"):
        return before, load(new, drafts, rejected=rejected)


def _amendments(old: str, new: str, output: Path | None, force: bool, title: str, limit: int | None,
                drafts: Path, rejected: bool) -> None:
    """`treaty diff --format amendments`: the protocol in the file type of -o (Markdown on stdout)."""
    from drafting.amend import WORD_CHANGES, amendments

    suffix = output.suffix.lower() if output is not None else ".md"
    known = {f.suffix: f.name for f in FORMATS.values() if f.protocol}
    if suffix not in known:
        raise DraftingError(f"an amending protocol is not written as {suffix!r}", path=output,
                            hint=f"give -o a file ending in {', '.join(sorted(known))}")
    fmt = known[suffix]
    writer = protocol_writer(fmt)
    before, after = _both(old, new, drafts, rejected)
    with progress("writing the amending instructions"):
        protocol = amendments(diff_documents(before, after), words=WORD_CHANGES if limit is None else limit,
                              title=title)
    if not protocol.instructions:
        note(f"{old} and {new} say the same: there is nothing to amend, and no protocol was written")
        return
    emit(writer(protocol), output, force, binary=FORMATS[fmt].binary)
