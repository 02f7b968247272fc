"""`treaty check` in-process: exit codes 0/1/2, --ignore, --against, JSON against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from drafting.check import CODES
from drafting.cli.main import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "drafting" / "check.schema.json").read_text())
runner = CliRunner()


def treaty(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def fixture(name: str) -> str:
    return str(FIXTURES / f"{name}.md")


def test_clean_exits_0() -> None:
    code, out, _ = treaty("check", fixture("clean"))
    assert (code, out) == (0, "no findings\n")


def test_findings_exit_1_one_line_each_then_the_counts() -> None:
    code, out, _ = treaty("check", fixture("faulty"))
    lines = out.splitlines()
    assert code == 1
    assert lines[-1].startswith("10 findings: 1 term-undefined, 1 term-unused")
    assert "ref-missing  Article 4  “Article 9” cites Article 9, which the draft does not have" in lines
    assert all(line.split("  ")[0] in CODES for line in lines[:-1])


def test_ignoring_every_code_found_exits_0() -> None:
    codes = {line.split("  ")[0] for line in treaty("check", fixture("faulty"))[1].splitlines()[:-1]}
    args = [a for code in sorted(codes) for a in ("--ignore", code)]
    assert treaty("check", fixture("faulty"), *args)[:2] == (0, "no findings\n")


def test_unknown_ignore_code_exits_2_with_near_matches() -> None:
    code, out, err = treaty("check", fixture("clean"), "--ignore", "ref-mising")
    assert code == 2 and out == ""
    assert "unknown check code 'ref-mising'" in err and "did you mean: ref-missing" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [("no-such-draft",), ("tests/fixtures/check/missing.md",), ("-f", "md"),
                                  ("--against", "no-such-draft")])
def test_bad_input_exits_2(args: tuple[str, ...]) -> None:
    first = args if args[0] != "-f" and args[0] != "--against" else (fixture("clean"), *args)
    code, _out, err = treaty("check", *first)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err


def test_against_exit_1_and_lists_the_two_version_codes() -> None:
    code, out, _ = treaty("check", fixture("new"), "--against", fixture("old"))
    assert code == 1
    assert [line.split("  ")[0] for line in out.splitlines()[:-1]] == ["term-undefined", "term-changed", "ref-stale"]


@pytest.mark.parametrize("name, against", [("faulty", None), ("clean", None), ("new", "old")])
def test_json_validates_against_the_schema(name: str, against: str | None) -> None:
    args = ["check", fixture(name), "-f", "json", *(("--against", fixture(against)) if against else ())]
    code, out, _ = treaty(*args)
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert code == (0 if data["clean"] else 1) and data["total"] == len(data["findings"])


def test_the_schema_documents_every_code() -> None:
    documented = {c["const"]: c["description"] for c in SCHEMA["$defs"]["code"]["oneOf"]}
    assert documented == CODES


def test_the_schema_refuses_an_unknown_code() -> None:
    bad = {"format": "treaty-drafting/check@1", "clean": False, "total": 1, "counts": {"nope": 1},
           "findings": [{"code": "nope", "where": "point 1", "words": "", "message": "m"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_output_file_by_suffix_and_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert treaty("check", fixture("faulty"), "-o", str(target))[0] == 1
    assert json.loads(target.read_text())["total"] == 10
    code, _out, err = treaty("check", fixture("clean"), "-o", str(target))
    assert code == 2 and json.loads(target.read_text())["total"] == 10
    assert treaty("check", fixture("clean"), "-o", str(target), "--force")[0] == 0
    assert json.loads(target.read_text())["clean"] is True
