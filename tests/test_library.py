"""The clause library loader: a valid library loads, each kind of mistake names file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.errors import DraftingError
from drafting.library import coerce, load_library

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "library" / "clauses"

GOOD = """\
family: test
title: Test
clauses:
  - id: test.one
    title: One
    version: "1.0"
    text: Text {{ n }}.
    params:
      n: {type: int, default: 3, min: 1, max: 9, help: A number.}
    sources: ["fixture"]
"""


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "clauses"
    folder.mkdir(exist_ok=True)
    (folder / "test.yaml").write_text(text, encoding="utf-8")
    return folder


def test_fixture_library_loads_with_lines() -> None:
    lib = load_library(FIXTURE)
    assert set(lib.clauses) == {"core.sovereignty", "core.ceiling", "core.ceasefire", "core.guarantee"}
    ceiling = lib.get("core.ceiling")
    assert ceiling.family == "core" and ceiling.line == 12 and ceiling.file.endswith("core.yaml")


def test_shipped_library_loads() -> None:
    lib = load_library(ROOT / "clauses")
    assert len(lib.clauses) >= 40
    assert {"mutual-defence", "trigger", "ratification", "implementation"} <= set(lib.families)


@pytest.mark.parametrize(("text", "message", "line"), [
    (GOOD.replace("title: One", "title: [One"), "YAML syntax error", 6),
    (GOOD.replace('    version: "1.0"\n', ''), "clauses.0.version: Field required", 4),
    (GOOD.replace("type: int", "type: integer"), "clauses.0.params.n.type", 9),
    (GOOD.replace("id: test.one", "id: Test One"), "clauses.0.id", 4),
    (GOOD.replace("id: test.one", "id: other.one"), "does not start with its family", 4),
    (GOOD.replace('    sources: ["fixture"]\n', ''), "clauses.0.sources", 4),
    (GOOD.replace("    text: Text {{ n }}.\n", "    text: Text.\n    colour: red\n"), "clauses.0.colour", 8),
    (GOOD + GOOD.split("clauses:\n")[1], "defined twice", 11),
    # Defaults and positions are checked against their parameter when the library loads.
    (GOOD.replace("default: 3", "default: lots"), "must be a whole number, not 'lots'", 4),
    (GOOD.replace("default: 3", "default: 12"), "must be at most 9, not 12", 4),
    (GOOD.replace("default: 3", "default: 0"), "must be at least 1, not 0", 4),
    (GOOD.replace('    sources: ["fixture"]\n', '    positions:\n      x: {label: X, params: {n: 99}}\n'
                  '    sources: ["fixture"]\n'), "must be at most 9, not 99", 4),
    (GOOD.replace('    sources: ["fixture"]\n', '    positions:\n      x: {label: X, params: {m: 1}}\n'
                  '    sources: ["fixture"]\n'), "has no parameter 'm'", 4),
])
def test_library_mistakes_name_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    with pytest.raises(DraftingError) as caught:
        load_library(write(tmp_path, text))
    err = caught.value
    assert message in err.message
    assert err.path and err.path.endswith("test.yaml")
    assert err.line == line


def test_yaml_error_has_a_column(tmp_path: Path) -> None:
    with pytest.raises(DraftingError) as caught:
        load_library(write(tmp_path, GOOD.replace('title: One', 'title: [One')))
    assert caught.value.column is not None
    assert caught.value.where.count(":") == 2


def test_unknown_clause_names_the_nearest_ids() -> None:
    with pytest.raises(DraftingError) as caught:
        load_library(FIXTURE).get("core.cieling")
    assert caught.value.matches[0] == "core.ceiling"


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("personnel", "800,000", 800000),
    ("personnel", 750000, 750000),
    ("years", "7", 7),
])
def test_coerce_accepts(name: str, value: object, expected: object) -> None:
    assert coerce(load_library(FIXTURE).get("core.ceiling"), name, value) == expected


@pytest.mark.parametrize(("clause", "name", "value", "message"), [
    ("core.ceiling", "personnel", "many", "must be a whole number"),
    ("core.ceiling", "personnel", "5", "at least 1,000"),
    ("core.ceiling", "personnel", "9,000,000", "at most 2,000,000"),
    ("core.guarantee", "route", "referendum", "must be one of senate, both-chambers"),
    ("core.guarantee", "guarantors", "", "at least one"),
    ("core.ceiling", "personel", "1", "has no parameter"),
])
def test_coerce_refuses(clause: str, name: str, value: object, message: str) -> None:
    with pytest.raises(DraftingError, match=message):
        coerce(load_library(FIXTURE).get(clause), name, value)


def test_a_list_parameter_checks_each_entry_against_allowed(tmp_path: Path) -> None:
    lib = load_library(write(tmp_path, GOOD.replace(
        "      n: {type: int, default: 3, min: 1, max: 9, help: A number.}",
        "      n: {type: list, default: [a], allowed: [a, b], help: Names.}")))
    assert coerce(lib.get("test.one"), "n", "a, b") == ["a", "b"]
    with pytest.raises(DraftingError, match="must be one of a, b; got 'c'"):
        coerce(lib.get("test.one"), "n", "a, c")


@pytest.mark.parametrize(("written", "kept"), [("1.10", "1.10"), ("2", "2"), ("1.0", "1.0"), ('"1.10"', "1.10")])
def test_a_version_is_kept_as_written(tmp_path: Path, written: str, kept: str) -> None:
    """YAML reads `version: 1.10` as the number 1.1; the library keeps what the file says."""
    lib = load_library(write(tmp_path, GOOD.replace('version: "1.0"', f"version: {written}")))
    assert lib.get("test.one").version == kept


def test_a_huge_value_is_cut_short_in_the_message(tmp_path: Path) -> None:
    clause = load_library(write(tmp_path, GOOD)).get("test.one")
    with pytest.raises(DraftingError) as caught:
        coerce(clause, "n", "x" * 100_000)
    assert "must be a whole number" in caught.value.message and len(caught.value.message) < 300
