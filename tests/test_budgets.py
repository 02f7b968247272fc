"""The budgets: every kind of unbounded work is refused with one message naming the budget, the
file and the line; documents a real treaty produces pass them untouched."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import drafting.assemble
import drafting.sandbox
from drafting import budgets
from drafting.assemble import assemble
from drafting.budgets import (CLAUSE_RENDERS, DOCX_LABEL, DOCX_STYLE_CHAIN, JSON_BYTES, JSON_DEPTH,
                              TEMPLATE_CALLS, TEMPLATE_DEPTH, TEMPLATE_ITEMS, TEMPLATE_NUMBER,
                              TEMPLATE_OUTPUT, TEMPLATE_SIZE, TEMPLATE_STEPS, TEMPLATE_VALUE, YAML_BYTES,
                              YAML_DEPTH, YAML_VALUES, Budget, OverBudget)
from drafting.cli.main import app
from drafting.errors import DraftingError
from drafting.library import load_family, load_library
from drafting.model import Document, Point
from drafting.readers.docx import read_docx
from drafting.readers.json import read_json
from drafting.writers.json import document as json_document
from tests.readers.docx_fixtures import docx, lvl, numbering, p, style, styles

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "library"
LIB = load_library(FIXTURE / "clauses")
OK = '{{ clause("core.sovereignty") }}'


def render(tmp_path: Path, body: str, **files: str) -> Document:
    """Assemble template `t.j2` holding `body` (and `files`, other templates beside it)."""
    for name, text in {"t": body, **files}.items():
        (tmp_path / f"{name}.j2").write_text(text, encoding="utf-8")
    return assemble("t", LIB, tmp_path)


def family_file(tmp_path: Path, family: str, clauses: list[str]) -> Path:
    """`clauses/<family>.yaml` holding `clauses` (one flow mapping each), in a folder of its own."""
    path = tmp_path / "clauses" / f"{family}.yaml"
    path.parent.mkdir()
    path.write_text(f"family: {family}\ntitle: T\nclauses:\n" + "".join(f"  - {c}\n" for c in clauses),
                    encoding="utf-8")
    return path


def refused(tmp_path: Path, body: str, **files: str) -> DraftingError:
    with pytest.raises(DraftingError) as caught:
        render(tmp_path, body, **files)
    return caught.value


# -- the module and its documentation -----------------------------------------------------
def test_the_readme_lists_every_budget_with_its_value() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for budget in budgets.ALL:
        row = next((line for line in limits.splitlines() if budget.name in line), "")
        assert f"| {budget.value:,} {budget.unit}".rstrip() in row, budget.name


def test_an_exceeded_budget_names_itself_the_file_and_the_way_out() -> None:
    with pytest.raises(OverBudget) as caught:
        TEMPLATE_ITEMS.check(10**10, "range() would count numbers", path="t.j2", line=4)
    error = caught.value
    assert error.budget is TEMPLATE_ITEMS and error.where == "t.j2:4"
    assert error.message == ("range() would count numbers (10,000,000,000): "
                             "over the template list budget of 100,000 items")
    assert error.hint and "Limits" in error.hint
    TEMPLATE_ITEMS.check(TEMPLATE_ITEMS.value, "as much as allowed")  # the limit itself passes


# -- templates: unbounded work ------------------------------------------------------------
MACROS = "".join("{%% macro m%d() %%}{{ m%d() }}{{ m%d() }}{%% endmacro %%}" % (i, i - 1, i - 1)
                 for i in range(1, 40)) + "{{ m39() }}"


@pytest.mark.parametrize(("body", "budget"), [
    ("{% for i in range(10**10) %}x{% endfor %}", TEMPLATE_ITEMS),
    ("{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}", TEMPLATE_STEPS),
    ("{% for i in 'x' * 10**5 %}{% for j in 'x' * 10**5 %}{% endfor %}{% endfor %}", TEMPLATE_STEPS),
    (MACROS.replace("{{ m0() }}{{ m0() }}", "x" * 1000), TEMPLATE_VALUE),
    (MACROS.replace("{{ m0() }}{{ m0() }}", ""), TEMPLATE_CALLS),
    ("{{ lipsum(1000000000) }}", TEMPLATE_VALUE),
    ("{{ 'x' * 10**10 }}", TEMPLATE_VALUE),
    ("{% set l = [0] * 10**9 %}", TEMPLATE_ITEMS),
    ("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     TEMPLATE_VALUE),
    ("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
     TEMPLATE_VALUE),
    ("{% set ns = namespace(l=[0]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
     TEMPLATE_ITEMS),
    ("{% set ns = namespace(x=3) %}{% for i in range(64) %}{% set ns.x = ns.x * ns.x %}{% endfor %}",
     TEMPLATE_NUMBER),
    ("{{ 10 ** 10000000000 }}", TEMPLATE_NUMBER),
    ("{% for i in range(10**5) %}{% for j in range(10) %}" + "y" * 1000 + "{% endfor %}{% endfor %}",
     TEMPLATE_OUTPUT),
    ("{% set x %}{% for i in range(10**5) %}{{ 'y' * 1000 }}{% endfor %}{% endset %}", TEMPLATE_OUTPUT),
    ("{{ 'x'|center(10**10) }}", TEMPLATE_VALUE),
    ("{% filter center(10**9) %}x{% endfilter %}", TEMPLATE_VALUE),
    ("{{ 'x'.zfill(10**9) }}", TEMPLATE_VALUE),
    ("{{ ('x' * 10**5)|replace('x', 'x' * 10**5) }}", TEMPLATE_VALUE),
    ("{{ ('a' * 1000).replace('', 'x' * 10**5) }}", TEMPLATE_VALUE),
    ("{{ ('x' * 1000)|join('y' * 10**4) }}", TEMPLATE_VALUE),
    ("{{ ('y' * 10**4).join('x' * 1000) }}", TEMPLATE_VALUE),
    ("{{ ('a\\n' * 10**4)|indent('x' * 1000) }}", TEMPLATE_VALUE),
    ("{{ ('a ' * 10**4)|wordwrap(1, wrapstring='y' * 1000) }}", TEMPLATE_VALUE),
    ("{{ ('a.co ' * 10**4)|urlize(target='x' * 1000) }}", TEMPLATE_VALUE),
    ("{{ ([[[[1]]]] * 1000)|tojson(indent=10**4) }}", TEMPLATE_VALUE),
    ("{{ ('\t' * 10**4).expandtabs(10**5) }}", TEMPLATE_VALUE),
    ("{{ ('x' * 1000).translate({120: 'y' * 10**4}) }}", TEMPLATE_VALUE),
    ("{{ ('{0}' * 100).format('x' * 10**5) }}", TEMPLATE_VALUE),
    ("{{ '{:>10000000000}'.format(1) }}", TEMPLATE_VALUE),
    ("{{ '{:{}}'.format(1, 10**10) }}", TEMPLATE_VALUE),
    ("{{ '%10000000000s' % 1 }}", TEMPLATE_VALUE),
    ("{{ '%*s' % (10**10, 1) }}", TEMPLATE_VALUE),
    ("{{ ('%(a)s' * 100) % {'a': 'x' * 10**5} }}", TEMPLATE_VALUE),
    ("{{ ('%s' * 100)|format(*(['x' * 10**5] * 100)) }}", TEMPLATE_VALUE),
    ("{{ (['x' * 10**5] * 100)|string }}", TEMPLATE_VALUE),
    ("{{ ['x' * 10**5] * 100 }}", TEMPLATE_VALUE),
    ("{{ ('<' * 900000)|e }}", TEMPLATE_VALUE),
    ("{{ [1]|batch(10**9)|list }}", TEMPLATE_ITEMS),
    ("{{ ([[0] * 10**5] * 1000)|sum(start=[])|length }}", TEMPLATE_ITEMS),
    ("{{ (1).to_bytes(10**9, 'big') }}", TEMPLATE_VALUE),
    ("{{ clause('core.ceiling', personnel=[[1] * 10**4] * 10**4) }}", TEMPLATE_VALUE),
    ("{% for i in [[1] * 10**4] * 10**4 %}{{ i }}{% endfor %}", TEMPLATE_OUTPUT),
])
def test_unbounded_work_stops_at_a_budget(tmp_path: Path, body: str, budget: Budget) -> None:
    error = refused(tmp_path, OK + body)
    assert isinstance(error, OverBudget) and error.budget is budget, error.render()
    assert error.path == str((tmp_path / "t.j2").resolve()) and error.line == 1


@pytest.mark.parametrize(("body", "others"), [
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", {}),
    ("{% include 't.j2' %}", {}),
    ("{% import 't.j2' as again %}", {}),
    ("{% from 't.j2' import nothing %}", {}),
    ("{% extends 't.j2' %}", {}),
    ("{% include 'u.j2' %}", {"u": "{% include 't.j2' %}"}),
    ("{% block b %}{{ self.b() }}{% endblock %}", {}),
    ("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}", {}),
    ("{% macro m() %}{% call m() %}{% endcall %}{{ caller() if caller }}{% endmacro %}{{ m() }}", {}),
    ("{% set ns = namespace(x=[]) %}{% for i in range(50) %}{% set ns.x = [ns.x] %}{% endfor %}"
     "{% call point('k') %}{{ ns.x }}{% endcall %}", {}),
    ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", {}),
])
def test_recursion_stops_at_the_nesting_budget(tmp_path: Path, body: str, others: dict[str, str]) -> None:
    error = refused(tmp_path, body, **others)
    assert isinstance(error, OverBudget) and error.budget is TEMPLATE_DEPTH, error.render()
    assert error.path is not None


def test_clause_texts_that_include_each_other_stop_at_the_render_budget(tmp_path: Path) -> None:
    rows = ["{id: fan.c0, title: C, version: '1', text: 'leaf', sources: [x]}"]
    rows += [f"{{id: fan.c{i}, title: C, version: '1', sources: [x], "
             f"text: '{{{{ text(\"fan.c{i - 1}\") }}}} {{{{ text(\"fan.c{i - 1}\") }}}}'}}"
             for i in range(1, 31)]  # 2^30 renders in all
    path = family_file(tmp_path, "fan", rows)
    (tmp_path / "t.j2").write_text('{{ clause("fan.c30") }}', encoding="utf-8")
    with pytest.raises(OverBudget) as caught:
        assemble("t", load_library(path.parent), tmp_path)
    assert caught.value.budget is CLAUSE_RENDERS
    assert caught.value.path == str(path) and caught.value.line is not None


def test_a_template_past_the_size_budget_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "t.j2").open("wb") as big:
        big.truncate(TEMPLATE_SIZE.value + 1)
    with pytest.raises(OverBudget) as caught:
        assemble("t", LIB, tmp_path)
    assert caught.value.budget is TEMPLATE_SIZE


def test_a_render_past_its_time_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_time = Budget("template render time", -1, "seconds", "")
    monkeypatch.setattr(drafting.sandbox, "TEMPLATE_SECONDS", no_time)
    error = refused(tmp_path, OK + "{% for i in range(3) %}{% endfor %}")
    assert isinstance(error, OverBudget) and error.budget.name == "template render time"


# -- templates: runtime errors are one message with the template and line ------------------
@pytest.mark.parametrize(("body", "message", "line"), [
    (OK + "\n\n{{ 1 / 0 }}", "division by zero", 3),
    (OK + "\n{{ 5 % 0 }}", "modulo by zero", 2),
    (OK + "\n{{ 2.0 ** 10000 }}", "a number too large", 2),
    ('{% call point("k", heading=5) %}x{% endcall %}', "heading must be text, not the number 5", 1),
    ('{{ clause("core.sovereignty", heading=["x"]) }}', "heading must be text, not a list", 1),
    ('{{ document(title=5) }}' + OK, "title must be text, not the number 5", 1),
    ('{{ document(title="T", parties="ABC") }}' + OK, "must be a list of names, not a string", 1),
    (OK + "\n{{ range(10**6)|list }}", "range() would count numbers (1,000,000)", 2),
    (OK + "\n{{ ''.__class__ }}", "the sandbox forbids", 2),
    (OK + "\n{{ 1 + 'a' }}", "unsupported operand", 2),
    (OK + "\n{{ 'x'|truncate(-1) }}", "|truncate: expected length >= 3, got -1", 2),
    (OK + "\n\n{{ nope }}", "'nope' is undefined", 3),
    ('{% call point("k") %}{{ clause }}{% endcall %}', "prints a method 'clause', which is not text", 1),
    ('{% call point("k") %}{{ [1]|map("string") }}{% endcall %}', "prints a generator", 1),
    ('{% call point("k") %}{{ [nope] }}{% endcall %}', "'nope' is undefined", 1),
    (OK + "{% for a in range(2) %}" * 25 + "{% endfor %}" * 25, "cannot be compiled", None),
])
def test_template_runtime_errors_name_the_template_and_line(tmp_path: Path, body: str, message: str,
                                                            line: int | None) -> None:
    error = refused(tmp_path, body)
    assert message in error.message and "Traceback" not in error.render()
    assert error.path == str((tmp_path / "t.j2").resolve()) and error.line == line


def test_an_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    error = refused(tmp_path, OK + "\n{% include 'part.j2' %}", part="\n\n{{ 1 // 0 }}")
    assert error.path == str((tmp_path / "part.j2").resolve()) and error.line == 3


def test_a_clause_text_error_names_the_clause(tmp_path: Path) -> None:
    path = family_file(tmp_path, "bad", [
        "{id: bad.zero, title: Z, version: '1', text: '{{ 1 / 0 }}', sources: [x]}",
        "{id: bad.big, title: B, version: '1', text: \"{{ 'x' * 10**10 }}\", sources: [x]}"])
    lib = load_library(path.parent)
    for clause_id, message in (("bad.zero", "division by zero"), ("bad.big", "template text budget")):
        (tmp_path / "t.j2").write_text(f'{{{{ clause("{clause_id}") }}}}', encoding="utf-8")
        with pytest.raises(DraftingError) as caught:
            assemble("t", lib, tmp_path)
        assert message in caught.value.message and caught.value.clause == clause_id
        assert caught.value.path == str(path)


def test_the_cli_reports_a_budget_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text(OK + "{{ 'x' * 10**10 }}", encoding="utf-8")
    result = CliRunner().invoke(app, ["assemble", "t", "--templates", str(tmp_path), "--library",
                                      str(FIXTURE / "clauses"), "--drafts", str(tmp_path / "drafts")])
    assert result.exit_code == 2, result.output
    assert "template text budget" in result.stderr and "Traceback" not in result.output


def test_the_shipped_templates_use_a_sliver_of_each_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    meters: list[Any] = []

    class Recorded(drafting.sandbox.Meter):
        def __init__(self) -> None:
            super().__init__()
            meters.append(self)

    monkeypatch.setattr(drafting.assemble, "Meter", Recorded)
    library = load_library(ROOT / "drafting" / "data" / "clauses")
    for template in ("plan-28-point", "plan-20-point", "europe-counterproposal",
                     "bilateral-security-agreement"):
        assemble(template, library, ROOT / "drafting" / "data" / "templates")
        meter = meters[-1]
        assert meter.steps * 1000 < TEMPLATE_STEPS.value and meter.calls * 1000 < TEMPLATE_CALLS.value
        assert meter.output * 1000 < TEMPLATE_OUTPUT.value


# -- the YAML library -------------------------------------------------------------------------
def library_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bomb.yaml"
    path.write_text("family: bomb\ntitle: Bomb\n" + body, encoding="utf-8")
    return path


def test_an_alias_bomb_is_refused_before_anything_is_built(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rows = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path = library_file(tmp_path, "\n".join(rows) + "\nclauses: [*a9]\n")

    def never(*_args: Any) -> None:
        raise AssertionError("the file was constructed")

    monkeypatch.setattr("ruamel.yaml.constructor.RoundTripConstructor.construct_document", never)
    with pytest.raises(OverBudget) as caught:
        load_family(path)
    assert caught.value.budget is YAML_VALUES
    assert caught.value.path == str(path) and caught.value.line == 8  # a5: 10^6 values, one too many


@pytest.mark.parametrize(("body", "message", "budget"), [
    ("clauses: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 50 deep", YAML_DEPTH),
    ("x: &a [*a]\nclauses: []\n", "names a value that holds it", None),
])
def test_yaml_nesting_and_self_reference_are_refused(tmp_path: Path, body: str, message: str,
                                                     budget: Budget | None) -> None:
    with pytest.raises(DraftingError) as caught:
        load_family(library_file(tmp_path, body))
    assert message in caught.value.message and caught.value.line == 3
    assert getattr(caught.value, "budget", None) is budget


@pytest.mark.parametrize(("body", "message", "line"), [
    ("x: \x1b[31m\nclauses: []\n", "a character YAML does not allow (U+001B)", 3),
    ("x: a\x00b\nclauses: []\n", "a character YAML does not allow (U+0000)", 3),
    ("x: 2020-13-45\nclauses: []\n", "cannot be read: month must be in 1..12", None),
    ("x: !!int 'zz'\nclauses: []\n", "cannot be read: invalid literal", None),
    ("x: " + "9" * 5000 + "\nclauses: []\n", "cannot be read: a number of more than 4,300 digits", None),
])
def test_values_yaml_cannot_build_are_one_message(tmp_path: Path, body: str, message: str,
                                                  line: int | None) -> None:
    path = library_file(tmp_path, body)
    with pytest.raises(DraftingError) as caught:
        load_family(path)
    assert message in caught.value.message and caught.value.path == str(path)
    assert caught.value.line == line


def test_a_library_file_past_the_size_budget_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as big:
        big.truncate(YAML_BYTES.value + 1)
    with pytest.raises(OverBudget) as caught:
        load_family(path)
    assert caught.value.budget is YAML_BYTES and caught.value.path == str(path)


# -- Word numbering -----------------------------------------------------------------------------
ITEMS = "".join(p(f"Item {i} text", num=(1, 0)) for i in range(4))


def numbered(level: str, starts: dict[int, int] | None = None, *, body: str = ITEMS,
             styles_xml: str = "") -> list[str]:
    data = docx(p("Title") + body, numbering_xml=numbering({1: [level]}, {1: (1, starts or {})}),
                styles_xml=styles_xml)
    doc = read_docx(data, source="hostile.docx")
    return [" ".join((point.label, point.heading, *point.paragraphs)) for point in doc.points]


def test_letter_labels_up_to_ten_billion_are_drawn_in_digits() -> None:
    lines = numbered(lvl(0, "lowerLetter", "(%1)", start=10**10 - 2))
    assert any("(9999999999) Item 1" in line for line in lines)
    assert any("(10000000000) Item 2" in line for line in lines)
    assert "10000000000. Item 0" in " ".join(numbered(lvl(0, "upperLetter", "%1."), {0: 10**10}))


@pytest.mark.parametrize("level", [
    lvl(0, "lowerLetter", "(%1)", start=30000),        # letters 1,154 long
    lvl(0, "lowerLetter", "%1" * 50000, start=30000),  # and fifty thousand of them
    lvl(0, "decimal", "&" * 100000 + "%1"),
])
def test_list_labels_are_cut_at_the_label_budget(level: str) -> None:
    for line in numbered(level):
        assert len(line) <= DOCX_LABEL.value + len(" Item 0 text") + 2


def test_deep_levels_and_long_style_chains_are_bounded() -> None:
    deep = "".join(p(f"Item {i} text", num=(1, 10**10)) for i in range(3))
    assert [line.split()[0] for line in numbered(lvl(8, "decimal", "(%9)"), body=deep)] == ["1", "2", "3"]
    # A chain of 5,000 styles over "Title": followed as far as the budget, and no further.
    chain = styles(*(style(f"S{i}", "title" if i == 0 else f"s{i}", based_on=f"S{i - 1}" if i else "")
                     for i in range(5000)))
    for sid, title in ((DOCX_STYLE_CHAIN.value - 1, "Styled words"), (DOCX_STYLE_CHAIN.value, ""),
                       (4999, "")):
        body = p("1. First point") + p("Styled words", style=f"S{sid}") + p("2. Second point") * 200
        assert read_docx(docx(body, styles_xml=chain), source="chain.docx").title == title


# -- JSON documents -------------------------------------------------------------------------------
def test_json_nested_past_the_budget_is_refused_before_parsing() -> None:
    with pytest.raises(OverBudget) as caught:
        read_json('{"format": "x", "points": ' + "[" * 2000 + "]" * 2000 + "}", source="deep.json")
    assert caught.value.budget is JSON_DEPTH and caught.value.path == "deep.json"
    assert "nested 2,001 deep" in caught.value.message


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "1" * 5000])
def test_json_numbers_that_are_no_numbers_are_refused(number: str) -> None:
    with pytest.raises(DraftingError, match="number") as caught:
        read_json('{"format": "treaty-drafting/document@2", "title": %s}' % number, source="n.json")
    assert caught.value.path == "n.json"


def test_json_past_the_size_budget_is_refused() -> None:
    with pytest.raises(OverBudget) as caught:
        read_json(" " * (JSON_BYTES.value + 1), source="big.json")
    assert caught.value.budget is JSON_BYTES


def test_brackets_inside_strings_and_a_deep_real_tree_pass() -> None:
    point = Point(key="k", label="1", kind="sub", paragraphs=('"[[[' + "[" * 500 + '\\"{{',))
    for depth in range(20):  # twenty levels of sub-points: deeper than any treaty
        point = Point(key=f"k{depth}", label="1", kind="sub", children=(point,))
    doc = Document(title="T", points=(point,))
    text = json_document(doc)
    assert re.search(r"\[{100}", text) and read_json(text) == doc
    assert json.loads(text)["hash"]
