"""Assembling templates: numbering, references after layout, parameters, the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.assemble import assemble
from drafting.numerals import roman
from drafting.errors import DraftingError
from drafting.library import load_library

FIXTURE = Path(__file__).parent / "fixtures" / "library"
LIB = load_library(FIXTURE / "clauses")


def run(template: str, templates: Path = FIXTURE / "templates", **kw: object):  # type: ignore[no-untyped-def]
    return assemble(template, LIB, templates, **kw)  # type: ignore[arg-type]


def one_off(tmp_path: Path, body: str) -> Path:
    (tmp_path / "t.j2").write_text(body, encoding="utf-8")
    return tmp_path


def test_points_are_numbered_in_layout_order() -> None:
    doc = run("plan")
    assert [(p.key, p.label) for p in doc.points] == [
        ("core.sovereignty", "1"), ("core.ceiling", "2"), ("core.guarantee", "3"), ("core.ceasefire", "4")]
    assert doc.points[1].children[1].label == "b"
    assert doc.meta.clauses == (("core.ceasefire", "1.0"), ("core.ceiling", "1.1"),
                                ("core.guarantee", "1.0"), ("core.sovereignty", "1.0"))


def test_a_reference_follows_its_point_when_it_moves() -> None:
    assert "measures in point 2 are" in run("plan").points[3].paragraphs[0]
    assert "measures in point 4 are" in run("moved").points[1].paragraphs[0]
    assert "measures in Article III are" in run("treaty").points[1].paragraphs[0]


def test_roman_numbering() -> None:
    assert [p.label for p in run("treaty").points] == ["I", "II", "III"]
    assert [roman(n) for n in (4, 9, 14, 40, 1994)] == ["IV", "IX", "XIV", "XL", "MCMXCIV"]


def test_settings_and_positions_change_parameters() -> None:
    assert "800,000" in run("plan", settings={"personnel": "800000"}).points[1].paragraphs[0]
    assert "800,000" in run("plan", position="europe").points[1].paragraphs[0]
    doc = run("plan", settings={"guarantors": "Gamma, Delta"})
    assert doc.points[2].paragraphs[0].startswith("Gamma, Delta shall")


def test_same_input_same_hash() -> None:
    assert run("plan").content_hash == run("plan").content_hash != run("moved").content_hash


@pytest.mark.parametrize(("body", "message"), [
    ('{{ clause("core.nope") }}', "unknown clause id 'core.nope'"),
    ('{{ clause("core.ceiling", personnel="lots") }}', "must be a whole number"),
    ('{{ clause("core.guarantee", route="plebiscite") }}', "must be one of"),
    ('{{ clause("core.sovereignty") }}{{ undefined_thing }}', "'undefined_thing' is undefined"),
    ('{{ clause("core.ceasefire") }}', "reference to 'core.ceiling', which is not a point of this draft"),
    ('{{ clause("core.sovereignty") }}{{ clause("core.sovereignty") }}', "used twice"),
    ('{{ clause("core.sovereignty") }} stray words', "text outside a layout call"),
    ('{{ clause("core.sovereignty", position="ukraine") }}', "has no position 'ukraine'"),
    ('{% if %}', "template syntax error"),
    ('', "lays out no points"),
])
def test_template_mistakes(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(DraftingError) as caught:
        run("t", one_off(tmp_path, body))
    assert message in caught.value.message
    assert caught.value.path is not None


def test_undefined_variable_names_template_line(tmp_path: Path) -> None:
    with pytest.raises(DraftingError) as caught:
        run("t", one_off(tmp_path, '{{ clause("core.sovereignty") }}\n\n{{ nope }}\n'))
    assert caught.value.path.endswith("t.j2") and caught.value.line == 3  # type: ignore[union-attr]


def test_unknown_setting_and_position_are_refused() -> None:
    with pytest.raises(DraftingError, match="--set personel") as caught:
        run("plan", settings={"personel": "1"})
    assert "personnel" in caught.value.matches
    with pytest.raises(DraftingError, match="no clause in this draft has a position 'asia'"):
        run("plan", position="asia")


def test_unknown_template_names_the_nearest() -> None:
    with pytest.raises(DraftingError) as caught:
        run("plann")
    assert caught.value.matches[0] == "plan"


@pytest.mark.parametrize("body", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ clause.__globals__ }}",
    "{{ document.__globals__['os'] }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{% import 'os' as os %}",
    "{% include '/etc/passwd' %}",
    "{{ lipsum.__globals__['os'].system('true') }}",
    "{{ [].append(1) }}",
])
def test_sandbox_escapes_fail_cleanly(tmp_path: Path, body: str) -> None:
    with pytest.raises(DraftingError):
        run("t", one_off(tmp_path, '{{ clause("core.sovereignty") }}' + body))


def test_a_cycle_of_clause_texts_is_reported(tmp_path: Path) -> None:
    lib_dir = tmp_path / "clauses"
    lib_dir.mkdir()
    (lib_dir / "loop.yaml").write_text(
        "family: loop\ntitle: Loop\nclauses:\n"
        "  - {id: loop.a, title: A, version: '1', text: 'A {{ text(\"loop.b\") }}', sources: [x]}\n"
        "  - {id: loop.b, title: B, version: '1', text: 'B {{ text(\"loop.a\") }}', sources: [x]}\n",
        encoding="utf-8")
    (tmp_path / "t.j2").write_text('{{ clause("loop.a") }}', encoding="utf-8")
    with pytest.raises(DraftingError, match="cycle of clause references: loop.a -> loop.b -> loop.a"):
        assemble("t", load_library(lib_dir), tmp_path)
