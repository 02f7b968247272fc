"""Careless hands: command lines with labels that are paths, outputs in odd places, formats that
contradict suffixes, drafts folders that are files, and names full of brackets and escapes.

Every case starts from a working folder that holds, besides the fixture library, a user's file
(existing.md), a FIFO, symbolic links (to the user's other folder, to nowhere, to /dev/null, to a
folder), a regular file to write under, and files whose names are Rich markup; often drafts are
assembled first, and sometimes the disk is "full" (writes past 1 KB fail).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.fuzz.texts import SEEDS

LABELS = ("v2", "chair-text-3", "v1", "../evil", "../../evil", "../../../../evil", "{OUTSIDE}/evil", ".", "..",
          "", " ", "v1/../v2", "a/b", "a\\b", "-rf", "v" * 300, "v1.json", "v1.", ".hidden", "CON", "[/x]",
          "plan [v2]", "\x1b[31mred", "tab\there", "ünïcödé", "v1\n")
OUTPUTS = ("out.md", "out.json", "out.html", "out.docx", "out.txt", "out", "out.MD", "out.pdf", "sub/deeper/out.md",
           "clauses/core.yaml", "templates/plan.j2", "drafts", "drafts/plan/v1.json", "drafts/plan/v1.md", ".", "..",
           "../outside/notes.md", "{OUTSIDE}/notes.md", "{OUTSIDE}/new.md", "file/under.md", "a" * 300 + ".md",
           "fifo", "link-outside.md", "dangling.md", "devnull", "dir-link", "[v2].md", "out\x1b[31m.md", "out\n.md",
           "-", "", "existing.md")
DOCUMENTS = ("plan", "plan/v1", "plan/v1.md", "plan/v1.json", "plan/v2", "plan/v99", "plan/../../clauses/core",
             "plan/../v1", "drafts/plan/v1.md", "drafts/plan/v1.json", "drafts/plan/v1.docx", "[/x]", "plan [v2].md",
             "[v2].md", "nope", "plan-20-point", "", "-", "plan/", "fifo", "file", "dangling.md", "devnull", "dir-link",
             "clauses", "{OUTSIDE}/notes.md", "plan\x1b[31m", "existing.md", "treaty")
TEMPLATES = ("plan", "plan", "treaty", "moved", "nope", "../templates/plan", "plan.j2", "[/x]", "", "PLAN",
             "templates/plan", "plan\x1b[31m")
DRAFTS = ("drafts", "file", "missing/deep", "{OUTSIDE}", "clauses", "fifo", "dir-link", "existing.md")
FORMATS = ("md", "txt", "json", "html", "docx", "outline", "term", "MD", "pdf", "")
DATES = ("2025-11-20", "2025-13-01", "x", "", "9999-12-31", "0001-01-01", "2025-11-20T10:00", "\x1b[31m")
SETTINGS = ("personnel=800000", "personnel=lots", "guarantors=ABC", "=", "x", "personnel=99999999999999999999999",
            "state=[/x]", "route=nope", "years=-1", "personnel=1e9", "state=\x1b[2J")
POSITIONS = ("europe", "eu", "", "[/x]", "EUROPE")
FAMILIES = ("core", "cor", "armed", "", "[/x]")
CLAUSE_IDS = ("core.ceiling", "core.ceilin", "[/x]", "core.[/x]", "", "core.ceiling\x1b[31m")

#: The working folder every argument case starts from.
FILES: dict[str, dict[str, Any]] = {
    "existing.md": {"text": "A user's own draft: never to be replaced without --force.\n"},
    "file": {"text": "a regular file\n"},
    "fifo": {"fifo": True},
    "link-outside.md": {"link": "{OUTSIDE}/notes.md"},
    "dangling.md": {"link": "{OUTSIDE}/missing.md"},
    "devnull": {"link": "/dev/null"},
    "dir-link": {"link": "{OUTSIDE}"},
    "plan [v2].md": {"text": SEEDS[0]},
    "[v2].md": {"text": SEEDS[-1]},
}
#: What is assembled before the careless commands: nothing, one draft, two versions, several formats.
SETUPS: tuple[list[list[str]], ...] = (
    [], [["assemble", "plan"]], [["assemble", "plan"], ["assemble", "plan", "--set", "personnel=800000"]],
    [["assemble", "plan", "-f", "docx", "-f", "html"], ["assemble", "treaty"]])


def _maybe(draw: st.DrawFn, option: str, values: tuple[str, ...], odds: int = 3) -> list[str]:
    return [option, draw(st.sampled_from(values))] if draw(st.integers(0, odds - 1)) == 0 else []


def _flags(draw: st.DrawFn, *flags: str) -> list[str]:
    return draw(st.lists(st.sampled_from(flags), max_size=2, unique=True)) if flags else []


@st.composite
def command(draw: st.DrawFn) -> list[str]:
    """One command line with careless arguments."""
    which = draw(st.sampled_from(("assemble", "assemble", "show", "export", "diff", "clauses", "templates")))
    formats = [a for f in draw(st.lists(st.sampled_from(FORMATS), max_size=2)) for a in ("-f", f)]
    if which == "assemble":
        return (["assemble", draw(st.sampled_from(TEMPLATES))] + _maybe(draw, "--label", LABELS, 2) + formats
                + _maybe(draw, "-o", OUTPUTS) + _maybe(draw, "--date", DATES) + _maybe(draw, "--set", SETTINGS)
                + _maybe(draw, "--position", POSITIONS, 5) + _maybe(draw, "--drafts", DRAFTS, 4)
                + _maybe(draw, "--library", DRAFTS, 8) + _maybe(draw, "--templates", DRAFTS, 8)
                + _flags(draw, "--force", "--comments"))
    if which in ("show", "export"):
        output = _maybe(draw, "-o", OUTPUTS, 2 if which == "show" else 1)
        return ([which, draw(st.sampled_from(DOCUMENTS))] + formats[:2] + output + _maybe(draw, "--drafts", DRAFTS, 5)
                + _flags(draw, "--force", "--comments", *(("--outline",) if which == "show" else ())))
    if which == "diff":
        return (["diff", draw(st.sampled_from(DOCUMENTS)), draw(st.sampled_from(DOCUMENTS))] + formats[:2]
                + _maybe(draw, "-o", OUTPUTS) + _maybe(draw, "--author", ("[/x]", "\x1b[31mA", "A\x07B", "x" * 500), 4)
                + _maybe(draw, "--date", DATES, 4) + _maybe(draw, "--drafts", DRAFTS, 5)
                + _flags(draw, "--force", "--summary", "--exit-code", "--explain"))
    if which == "clauses":
        return (draw(st.sampled_from((["clauses", "list"], ["clauses", "show", draw(st.sampled_from(CLAUSE_IDS))])))
                + _maybe(draw, "--family", FAMILIES, 2) + _maybe(draw, "--library", DRAFTS, 4))
    return ["templates", "list"] + _maybe(draw, "--templates", DRAFTS, 2)


@st.composite
def careless(draw: st.DrawFn) -> dict[str, Any]:
    """Drafts assembled first (or not), then one or two careless commands, the disk sometimes full."""
    steps = [*draw(st.sampled_from(SETUPS)), draw(command())]
    if draw(st.integers(0, 3)) == 0:
        steps.append(draw(command()))
    extra: dict[str, Any] = {"limits": {"fsize_kb": 1}} if draw(st.integers(0, 9)) == 0 else {}
    return {"files": FILES, "steps": steps, **extra}
