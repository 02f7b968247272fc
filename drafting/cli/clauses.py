"""`treaty clauses …` and `treaty templates …`: browse the library."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from drafting.cli.assemble import Library, Templates
from drafting.cli.common import new_app
from drafting.errors import DraftingError, near
from drafting.store import library_dir, templates_dir

clauses_app = new_app("Browse the clause library.")
templates_app = new_app("Browse the agreement templates.")
out = Console(highlight=False, soft_wrap=True)


@clauses_app.command("list")
def list_clauses(
    family: Annotated[str | None, typer.Option("--family", help="Only this family.")] = None,
    library: Library = None,
) -> None:
    """List every clause: id, version, title, positions."""
    from drafting.library import load_library

    lib = load_library(library_dir(library))
    if family is not None and family not in lib.families:
        raise DraftingError(f"unknown family {family!r}", matches=near(family, lib.families))
    shown = sorted((c for c in lib.clauses.values() if family in (None, c.family)), key=lambda c: c.id)
    # Plain columns padded to the longest id: an id is never cut, however narrow the terminal.
    rows = [("id", "version", "title", "positions")] + [
        (c.id, c.version, c.title, ", ".join(c.positions)) for c in shown]
    wide = [max(len(row[k]) for row in rows) for k in range(2)]
    for cid, version, title, positions in rows:
        out.print(f"{cid:<{wide[0]}}  {version:<{wide[1]}}  {title}" + (f"  [{positions}]" if positions else ""),
                  markup=False)
    families = {c.family for c in shown}
    out.print(f"{len(shown)} clauses in {len(families)} families ({lib.root})", markup=False)


@clauses_app.command("show")
def show_clause(
    clause_id: Annotated[str, typer.Argument(help="Clause id, family.name.")],
    library: Library = None,
) -> None:
    """Show one clause: text, parameters, positions, terms and sources."""
    from drafting.library import load_library

    clause = load_library(library_dir(library)).get(clause_id)
    out.print(f"{clause.id}  (version {clause.version}, {clause.file}:{clause.line})", markup=False)
    out.print(f"{clause.title}" + (f" — heading: {clause.heading}" if clause.heading else ""), markup=False)
    out.print("\n" + clause.text.rstrip(), markup=False)
    if clause.params:
        out.print("\nparameters:")
        for name, p in clause.params.items():
            allowed = f" one of {', '.join(map(str, p.allowed))}" if p.allowed else ""
            out.print(f"  {name} ({p.type}, default {p.default!r}){allowed}: {p.help}", markup=False)
    for name, pos in clause.positions.items():
        out.print(f"\nposition {name}: {pos.label}", markup=False)
        if pos.params:
            out.print("  " + ", ".join(f"{k}={v!r}" for k, v in pos.params.items()), markup=False)
        if pos.text:
            out.print("  " + " ".join(pos.text.split()), markup=False)
    if clause.terms:
        out.print("\ndefines: " + ", ".join(clause.terms), markup=False)
    out.print("sources: " + "; ".join(clause.sources), markup=False)


@templates_app.command("list")
def list_templates_command(templates: Templates = None) -> None:
    """List the agreement templates and what each lays out."""
    from drafting.assemble import list_templates, template_summary

    folder = templates_dir(templates)
    for name in list_templates(folder):
        out.print(f"{name:32} {template_summary(folder, name)}", markup=False)

