"""The `treaty` app: mounts one module per command group (typer's "one file per command")."""

from __future__ import annotations

from typing import Annotated

import typer

from drafting import __version__
from drafting.cli import assemble, check, clauses, compare, consolidate, diff, git, merge, resolve, show
from drafting.cli.common import new_app

app = new_app(
    "Draft agreements from a clause library and redline their versions.\n\n"
    "Exit codes: 0 done; 1 with `diff --exit-code` when the documents differ, from `check` "
    "when it has findings, and from `merge` when conflicts remain; "
    "2 a mistake in the input (the message says what and where)."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"treaty {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Draft agreements from a clause library and redline their versions."""


app.command("assemble")(assemble.command)
app.command("show")(show.show)
app.command("export")(show.export)
app.command("diff")(diff.command)
app.command("compare")(compare.command)
app.command("merge")(merge.command)
app.command("check")(check.command)
app.command("resolve")(resolve.command)
app.command("consolidate")(consolidate.command)
app.add_typer(clauses.clauses_app, name="clauses")
app.add_typer(clauses.templates_app, name="templates")
app.add_typer(git.git_app, name="git")


def run() -> None:
    """Entry point of the `treaty` console script."""
    app()
