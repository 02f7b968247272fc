"""`treaty compare V1 V2 ... VN`: a synopsis, one row per subject and one column per version."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.common import Drafts, Force, Output, Rejected, emit, load, pick_format, progress
from drafting.errors import DraftingError, near
from drafting.writers import FORMATS, synopsis_writer

Versions = Annotated[list[str], typer.Argument(
    help="Two or more versions in negotiating order: files (.json, .md, .txt, .docx) or drafts such as plan-28-point/v1.")]
SYNOPSIS_FORMATS = [name for name, f in FORMATS.items() if f.synopsis]


def _number(value: int, what: str, count: int) -> int:
    """A 1-based version number from the command line, as a 0-based index."""
    if not 1 <= value <= count:
        raise DraftingError(f"{what} {value}: there are {count} versions, numbered 1 to {count} in the order given")
    return value - 1


def command(
    versions: Versions,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help=f"{', '.join(SYNOPSIS_FORMATS)} (default: from the -o file's suffix, else term).")] = None,
    output: Output = None,
    force: Force = False,
    base: Annotated[int | None, typer.Option(
        "--base", metavar="K", help="Mark every column's changes against version K (1-based) instead of the previous column.")] = None,
    labels: Annotated[str | None, typer.Option(
        "--labels", metavar="A,B,...", help='Column names, comma-separated, one per version: "US draft,Europe,Framework".')] = None,
    excerpt: Annotated[list[int] | None, typer.Option(
        "--excerpt", metavar="K", help="Version K (1-based) is an excerpt: a subject missing from it is 'not in the excerpt', "
                          "never dropped. Repeat for more.")] = None,
    marks: Annotated[str, typer.Option(
        "--marks", metavar="tracked|plain",
        help="docx: changes inside the cells as tracked changes (tracked) or underline and strike-through "
             "with a legend (plain).")] = "tracked",
    author: Annotated[str, typer.Option("--author", help="Author of the tracked changes (docx).")] = "treaty-drafting",
    date: Annotated[str | None, typer.Option(
        "--date", help="Date of the tracked changes, ISO 8601 (docx; default: the newest version's date, else now).")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text, no colour.")] = False,
    drafts: Drafts = Path("drafts"),
    rejected: Rejected = False,
) -> None:
    """Build the synopsis of VERSIONS: subjects aligned across every version (by clause key, else
    by the redline engine, also against versions further back), each cell with its number and the
    changes from the previous column (or --base), and each subject's status across them."""
    from drafting.synopsis import build  # the aligner: only when comparing

    fmt = pick_format(fmt, output, "term", redline=True)
    if fmt not in SYNOPSIS_FORMATS:
        raise DraftingError(f"treaty compare writes {', '.join(SYNOPSIS_FORMATS)}, not {fmt!r}",
                            matches=near(fmt, SYNOPSIS_FORMATS))
    if marks not in ("tracked", "plain"):
        raise DraftingError(f"--marks {marks!r} is not tracked or plain", matches=near(marks, ["tracked", "plain"]))
    if marks != "tracked" and fmt != "docx":
        raise DraftingError("--marks is for --format docx")
    if len(versions) < 2:
        raise DraftingError("a synopsis needs at least two versions", hint="treaty compare V1 V2 [V3 ...]")
    names = tuple(n.strip() for n in labels.split(",")) if labels is not None else ()
    count = len(versions)
    base_k = _number(base, "--base", count) if base is not None else None
    parts = tuple(_number(k, "--excerpt", count) for k in excerpt or ())
    writer = synopsis_writer(fmt)
    docs = []
    for k, name in enumerate(versions, 1):
        with progress(f"reading {name} ({k} of {count})"):
            docs.append(load(name, drafts, rejected=rejected))
    with progress(f"aligning {count} versions"):
        synopsis = build(docs, labels=names, base=base_k, excerpts=parts)
    options: dict[str, object] = {}
    if fmt == "term":
        color = not no_color and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        options = {"color": color, "width": shutil.get_terminal_size().columns}
    elif fmt == "docx":
        options = {"marks": marks, "author": author, "date": date or docs[-1].meta.date or None}
    emit(writer(synopsis, **options), output, force, binary=FORMATS[fmt].binary, styled=fmt == "term")
