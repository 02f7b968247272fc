"""`treaty assemble`: lay out a template with the clause library and keep the draft."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.common import Alternatives, Comments, Drafts, Force, Output, emit, note, pick_format, writer_options
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.store import Kept, Render, check_label, draft_reference, keep_draft, library_dir, templates_dir
from drafting.writers import FORMATS, document_writer

Library = Annotated[Path | None, typer.Option("--library", help="Clause library folder (default: ./clauses, else the shipped one).")]
Templates = Annotated[Path | None, typer.Option("--templates", help="Templates folder (default: ./templates, else the shipped one).")]


def _settings(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise DraftingError(f"--set {pair!r} is not NAME=VALUE", hint="for example --set personnel=800000")
        out[name.strip()] = value.strip()
    return out


def _names(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    if not names or ("all" in names and len(names) > 1):
        raise DraftingError(f"--positions {value!r} is not 'all' or a list of positions",
                            hint="for example --positions all or --positions us-draft,ukraine")
    return names


def renders(formats: list[str] | None, output: Path | None, comments: bool,
            alternatives: str = "inline") -> dict[str, Render]:
    """The writer of each format asked for: with -o, the one its suffix names (a contradicting
    --format is refused); else each --format, md when none is given."""
    if output is not None and formats and len(set(formats)) > 1:
        raise DraftingError("-o writes one file: give one --format with it")
    chosen = [pick_format(formats[0] if formats else None, output, "md")] if output is not None else list(
        dict.fromkeys(formats or ["md"]))
    if comments and "docx" not in chosen:
        raise DraftingError("--comments is for --format docx")
    if alternatives != "inline" and "docx" not in chosen:
        writer_options(chosen[0], comments=False, alternatives=alternatives)  # says why it is refused
    docx = {"comments": comments, "alternatives": alternatives}
    return {fmt: partial(document_writer(fmt), **writer_options(fmt, **(docx if fmt == "docx" else {"comments": False})))
            for fmt in chosen}


def command(
    template: Annotated[str, typer.Argument(help="Template name, e.g. plan-28-point (see `treaty templates list`).")],
    set_: Annotated[list[str] | None, typer.Option("--set", help="A parameter value, NAME=VALUE; repeat for more.")] = None,
    position: Annotated[str | None, typer.Option("--position", help="Take this party position wherever a clause has one (us-draft, europe, framework-20, ukraine).")] = None,
    positions: Annotated[str | None, typer.Option("--positions", help="Write the negotiating text: where these positions (comma-separated, or 'all') differ, each is a labelled alternative; `treaty resolve` settles them.")] = None,
    label: Annotated[str | None, typer.Option("--label", help="Version label (default: the next free vN).")] = None,
    formats: Annotated[list[str] | None, typer.Option("--format", "-f", help="md, txt, json, html, docx or akn (Akoma Ntoso); repeat for several. The JSON record is always kept too.")] = None,
    output: Output = None,
    force: Force = False,
    library: Library = None,
    templates: Templates = None,
    drafts: Drafts = Path("drafts"),
    date: Annotated[str | None, typer.Option("--date", help="Date of the draft, YYYY-MM-DD (default: today).")] = None,
    comments: Comments = False,
    alternatives: Alternatives = "inline",
) -> None:
    """Assemble TEMPLATE from the clause library into drafts/TEMPLATE/LABEL.

    An identical draft (same content hash) is found and reported, not written again;
    an existing label is never overwritten without --force, and with it the label's
    other files (from the draft it replaces) are removed. Parallel runs each keep their draft.
    """
    from drafting.assemble import assemble as assemble_doc  # jinja2 and pydantic: only when assembling
    from drafting.library import load_library

    if label is not None:
        check_label(label)
    writers = renders(formats, output, comments, alternatives)
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise DraftingError(f"--date {date!r} is not a date like 2025-11-20") from None
    lib = load_library(library_dir(library))
    doc = assemble_doc(template, lib, templates_dir(templates), settings=_settings(set_ or []),
                       position=position, positions=_names(positions))
    today = date or dt.date.today().isoformat()
    if output is not None:
        fmt, = writers
        emit(writers[fmt](doc.with_meta(version=label or "", date=today)), output, force, binary=FORMATS[fmt].binary)
        return
    kept = keep_draft(drafts / template, doc.with_meta(date=today), writers, label=label, force=force)
    tell(template, kept, doc)


def keep_next(new: Document, source: Document, name: str, writers: dict[str, Render], *, output: Path | None,
              drafts: Path, label: str | None, force: bool, what: str) -> None:
    """Write a version made from a draft (resolved, consolidated): to -o, else as the draft's next
    version beside it; a file that is no assembled draft needs -o."""
    if output is not None:
        fmt, = writers
        emit(writers[fmt](new.with_meta(version=label or "")), output, force, binary=FORMATS[fmt].binary)
        return
    template = source.meta.template
    if not template or draft_reference(name, drafts) is None:
        raise DraftingError("this is not an assembled draft, so there is no folder to keep the next version in",
                            path=name, hint=f"give -o FILE to write the {what} text")
    tell(template, keep_draft(drafts / template, new, writers, label=label, force=force), new)


def tell(template: str, kept: Kept, doc: Document) -> None:
    """What keeping a draft did, in the words of `treaty assemble` and `treaty resolve`."""
    if kept.identical:
        for path in kept.written:
            note(f"wrote {path}")
        note(f"{template}: identical to {kept.record} (hash {doc.content_hash[:12]}); nothing new written")
        return
    if kept.removed:
        note(f"{template}: removed {', '.join(map(str, kept.removed))}, the replaced draft "
             f"{kept.record.stem} in formats not written this time")
    note(f"{template}: wrote {', '.join(map(str, kept.written))} "
         f"({len(doc.points)} points, hash {doc.content_hash[:12]})")
