"""The synopsis as Markdown, terminal text and JSON: golden files of the hand-built sample, the JSON
against its schema and read back whole, tables that keep one cell per column whatever the text
holds, and a counterpart's control characters and markup kept inert.

`pytest --update-golden` rewrites tests/golden/synopsis/; review the change like code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from drafting.diff.redline import EQUAL, INSERT
from drafting.synopsis._model import PRESENT, ROW_FLAGS, ROW_STATUSES, Cell, Row, Synopsis, Version
from drafting.writers import synopsis_writer
from drafting.writers.synopsis import json as json_writer
from drafting.writers.synopsis import markdown, terminal
from tests.synopsis_samples import sample
from tests.test_golden import check
from tests.writers.test_synopsis_html import CASES, SMUGGLED, shipped

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "synopsis"
SCHEMA = json.loads((ROOT / "drafting" / "synopsis.schema.json").read_text(encoding="utf-8"))
#: Control characters a terminal or a Markdown viewer would act on (C0 but tab and newline, DEL, C1).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def tricky() -> Synopsis:
    """Pipes, backslashes and line breaks in every place a table cell or heading is drawn from."""
    text = "a | b \\| c\\\nd"
    return Synopsis(
        (Version("V|1", "x|y", 1), Version("V2\\", "z", 1, 1)),
        (Row("s1", "k", "T|itle\nnext", ("Part | one\\",), (
            Cell(PRESENT, "point | 1", "1", "", text, (), None, "", 1, "a"),
            Cell(PRESENT, "point 1", "1", "", text + " |", ((EQUAL, text), (INSERT, " |")), 0, "changed", 1, "b")),
            "changed"),))


@pytest.mark.parametrize(("fmt", "suffix", "options"), [
    ("md", "md", {}),
    ("term", "term.txt", {"color": False}),
    ("json", "json", {}),
])
def test_golden_sample(fmt: str, suffix: str, options: dict[str, Any], update_golden: bool) -> None:
    check(GOLDEN / f"sample.{suffix}", str(synopsis_writer(fmt)(sample(), **options)), update_golden)


# JSON ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_json_is_valid_against_its_schema(name: str) -> None:
    data = json.loads(json_writer.synopsis(CASES[name]()))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["format"] == SCHEMA["$id"] == json_writer.SYNOPSIS_FORMAT


def _read(data: dict[str, Any]) -> Synopsis:
    """A synopsis rebuilt from the JSON, with the dataclasses' own defaults for what is left out."""
    def cell(c: dict[str, Any]) -> Cell:
        if c["state"] != PRESENT:
            return Cell(c["state"])
        ops = tuple((op, text) for op, text in c.pop("ops"))
        return Cell(**c, ops=ops)
    rows = tuple(Row(r["subject"], r["key"], r["title"], tuple(r["divisions"]), tuple(cell(c) for c in r["cells"]),
                     r["status"], tuple(r["flags"])) for r in data["rows"])
    return Synopsis(tuple(Version(**v) for v in data["versions"]), rows, data["base"], tuple(data["notes"]))


@pytest.mark.parametrize("name", list(CASES))
def test_json_holds_everything_in_the_synopsis(name: str) -> None:
    s = CASES[name]()
    data = json.loads(json_writer.synopsis(s))
    assert _read(data) == s
    assert data["summary"] == {"subjects": len(s.rows), "statuses": dict(s.counts()), "flags": dict(s.flag_counts())}


def test_the_schema_names_every_status_and_flag_of_the_model() -> None:
    assert SCHEMA["$defs"]["row_status"]["enum"] == list(ROW_STATUSES)
    assert SCHEMA["$defs"]["flag"]["enum"] == list(ROW_FLAGS)


def test_the_schema_refuses_what_the_writer_never_writes() -> None:
    data = json.loads(json_writer.synopsis(sample()))
    for broken in ({**data, "format": "treaty-drafting/synopsis@0"},
                   {**data, "rows": [{**data["rows"][0], "status": "gone"}]},
                   {**data, "rows": [{**data["rows"][1], "cells": [{"state": "present"}]}]},
                   {**data, "rows": [{**data["rows"][1], "cells": [{**data["rows"][1]["cells"][1],
                                                                   "ops": [[2, "x"]]}]}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft202012Validator)


# Markdown --------------------------------------------------------------------------------------


def _table_rows(md: str) -> list[list[str]]:
    """The Markdown tables' rows, split at the pipes that are not escaped."""
    return [re.split(r"(?<!\\)\|", line)[1:-1] for line in md.splitlines() if line.startswith("|")]


@pytest.mark.parametrize("name", [*CASES, "tricky"])
def test_markdown_tables_have_one_cell_per_column_and_a_row_per_subject(name: str) -> None:
    s = tricky() if name == "tricky" else CASES[name]()
    md = markdown.synopsis(s)
    rows = _table_rows(md)
    assert all(len(cells) == len(s.versions) + 2 for cells in rows)
    header = [c.strip() for c in rows[0]]
    assert header[0] == "Subject" and header[-1] == "Status"
    # Per table: a header and a separator, then one row per subject.
    assert len(rows) - 2 * md.count("| Subject |") == len(s.rows)
    # Outside the tables, no pipe is left unescaped either (a heading or a summary line).
    assert not any(re.search(r"(?<!\\)\|", line) for line in md.splitlines() if not line.startswith("|"))


def test_markdown_marks_changes_and_says_what_an_empty_cell_is() -> None:
    md = markdown.synopsis(sample())
    assert "shall not exceed {~~600,000~>800,000~~} personnel." in md
    assert "Elections within 100 days{-- [or sooner]--}." in md
    assert "*not in the excerpt*" in md and "*not present*" in md and "*↑ covered by point 3 above*" in md
    assert "**point 1**<br>1. Sovereignty<br>The Parties confirm sovereignty." in md
    assert md.index("## CHAPTER 1: General") < md.index("| Sovereignty |") < md.index("## CHAPTER 2: Guarantees")


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_markdown_keeps_markup_and_control_characters_inert(name: str) -> None:
    md = markdown.synopsis(CASES[name]())
    assert not re.search(r"<(?!br>)", md), "only the writer's own <br> may open a tag"
    assert not CONTROLS.search(md)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "\u241b[31m" in md


# Terminal --------------------------------------------------------------------------------------


def test_terminal_shows_each_versions_number_and_marked_text() -> None:
    out = terminal.synopsis(sample())
    block = out[out.index("Armed forces [changed; renumbered]"):out.index("CHAPTER 2")]
    assert "Europe: point 2\n" in block and "Framework: point 3\n" in block
    assert "shall not exceed [-600,000-]{+800,000+} personnel." in block
    assert "Europe: not in the excerpt" in out and "US draft: covered by point 3 above" in out
    assert out.splitlines()[1] == "7 subjects in 3 versions: 2 unchanged, 1 changed, 1 added later, 2 dropped, " \
                                  "1 dropped and restored."


@pytest.mark.parametrize("name", ["sample", "hostile"])
@pytest.mark.parametrize("color", [False, True])
def test_terminal_never_sends_a_counterparts_control_characters(name: str, color: bool) -> None:
    out = terminal.synopsis(CASES[name](), color=color)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)  # the writer's own colours
    assert not CONTROLS.search(plain)
    assert ("\x1b" in out) == color
    assert "\u241b[31m" in plain and "<script>alert(1)</script>" in plain
    if name == "hostile":
        assert SMUGGLED in plain


def test_terminal_wraps_at_the_width_in_colour() -> None:
    narrow = re.sub(r"\x1b\[[0-9;]*m", "", terminal.synopsis(shipped(), color=True, width=60))
    assert max(len(line) for line in narrow.splitlines()) <= 60
    wide = terminal.synopsis(shipped(), color=False)
    assert max(len(line) for line in wide.splitlines()) > 60


def test_every_text_writer_is_in_the_registry() -> None:
    s = sample()
    assert synopsis_writer("md")(s) == markdown.synopsis(s)
    assert synopsis_writer("term")(s) == terminal.synopsis(s)
    assert synopsis_writer("json")(s) == json_writer.synopsis(s)
