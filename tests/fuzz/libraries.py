"""Clause libraries and templates from another delegation, built from a grammar of the risky
constructs of issue 11.

Templates (templates/fuzz.j2): loops up to 10^10, macros calling themselves or doubling at
every level, a template including, importing or extending itself, `*` on strings and lists,
`range`, `lipsum`, division by zero, non-string headings and titles, Python objects printed,
sandbox escapes. Libraries (clauses/fuzz.yaml): alias bombs, self-referencing aliases, deep
nesting, tags, duplicate keys, raw control characters, values of the wrong type, defaults
outside their type, range or allowed values, and clause texts that include each other.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from tests.fuzz.cases import case

#: Jinja expressions a template or a clause text may hold, harmless and hostile alike.
EXPRESSIONS = (
    "42", "-1", "3.5", "none", "true", "[]", "['Alpha', 'Beta']", "'ABC'", "{'a': 1}", "(1, 2)",
    "range(3)", "range(10**10)", "range(99999)|list", "lipsum(2)", "lipsum(10**9)",
    "lipsum(n=1, min=10**8, max=10**8)", "'x' * 10**9", "'x' * 10**6", "[1] * 10**9", "(1,) * 10**9",
    "[[1] * 10**4] * 10**4", "('x' * 10**5)|replace('', 'y' * 10**5)", "'x'|center(10**9)",
    "'x'|indent(10**9, true)", "'%999999999d' % 1", "'{:>999999999}'.format('x')", "2**10**10",
    "9**9**9", "2**(10**10)", "7**(10**7)", "1/0", "1//0", "1 % 0", "'abc'[10**10]", "'%c' % 0x110000", "'ab'|wordwrap(0)",
    "[1, 2]|batch(0)", "[]|first", "'a'|int", "{}|dictsort(by='x')", "'x'|truncate(-1)",
    "[1, 2]|sum(start='a')", "none|join", "42|join", "'a'|attr('__class__')", "document", "clause",
    "cycler", "joiner", "namespace()", "self", "caller", "varargs", "loop", "undefined_name",
    "'{0.__class__}'.format(1)", "''.__class__.__mro__", "().__class__.__base__.__subclasses__()",
    "ref('core.ceiling')", "ref('nope.nope')", "text('core.sovereignty')", "text('fuzz.a0')",
    "param('guarantors', ['the Guarantor'])", "param('p', 1)", "'\\x1b[31mred'", "'[/x]'",
    "'[bold]B[/bold]'", "'\\x00'", "'\\u202e'", "'(a) sub'", "'\\n\\n(a) x\\n\\ntail'",
)
CLAUSE_IDS = ("core.sovereignty", "core.ceiling", "core.guarantee", "core.ceasefire", "fuzz.a0", "fuzz.a1",
              "fuzz.a2", "nope.nope", "core", "[/x]", "")
value = st.sampled_from(EXPRESSIONS)


def _quoted(text: str) -> str:
    return json.dumps(text)


@st.composite
def call(draw: st.DrawFn) -> str:
    """One layout call with random (often wrong) arguments."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        args = {"title": draw(value), "parties": draw(value), "status": draw(value),
                "kind": draw(st.sampled_from(("'point'", "'article'", "'chapter'", "42"))),
                "numbering": draw(st.sampled_from(("'arabic'", "'roman'", "'greek'", "none")))}
        chosen = draw(st.lists(st.sampled_from(sorted(args)), unique=True))
        return "{{ document(" + ", ".join(f"{k}={args[k]}" for k in chosen) + ") }}"
    if kind == 1:
        names = ("heading", "position", "state", "personnel", "guarantors", "route", "p0")
        extra = draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
        cid = _quoted(draw(st.sampled_from(CLAUSE_IDS)))
        return "{{ clause(" + ", ".join([cid, *(f"{k}={draw(value)}" for k in extra)]) + ") }}"
    if kind == 2:
        key = draw(st.sampled_from(("'k'", "'k' ~ i", "42", "none", "'[/x]'")))
        inside = draw(st.sampled_from(("Text.", "{{ " + draw(value) + " }}", "(a) x\n\nafter")))
        return "{% call point(" + key + ", heading=" + draw(value) + ") %}" + inside + "{% endcall %}"
    if kind == 3:
        return "{% call " + draw(st.sampled_from(("preamble", "closing"))) + "() %}{{ " + draw(value) + " }}{% endcall %}"
    if kind == 4:
        return "{{ point('bare') }}"
    return "{{ " + draw(value) + " }}"


@st.composite
def statement(draw: st.DrawFn) -> str:
    """A call, a loop, a macro trick, an include of itself, a block or a syntax error."""
    kind = draw(st.integers(0, 9))
    if kind <= 3:
        return draw(call())
    if kind == 4:
        n = draw(st.sampled_from(("3", "10**4", "10**10", "range(5)")))
        inner = draw(call())
        if draw(st.booleans()):
            inner = "{% for j in range(" + n + ") %}" + inner + "{% endfor %}"
        return "{% for i in range(" + n + ") %}" + inner + "{% endfor %}"
    if kind == 5:
        depth = draw(st.sampled_from((3, 25, 40)))
        macros = "{% macro m0() %}x{% endmacro %}" + "".join(
            f"{{% macro m{i}() %}}{{{{ m{i - 1}() }}}}{{{{ m{i - 1}() }}}}{{% endmacro %}}" for i in range(1, depth))
        return macros + draw(st.sampled_from((f"{{{{ m{depth - 1}() }}}}", f"{{% set s = m{depth - 1}() %}}")))
    if kind == 6:
        return draw(st.sampled_from(("{% macro r(n) %}{{ r(n) }}{% endmacro %}{{ r(1) }}",
                                     "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{% set x = r(1) %}")))
    if kind == 7:
        return draw(st.sampled_from(('{% include "fuzz.j2" %}', '{% import "fuzz.j2" as me %}',
                                     '{% extends "fuzz.j2" %}', '{% from "fuzz.j2" import nothing %}',
                                     '{% include "other.j2" %}', '{% include "plan.j2" %}',
                                     '{% include "../clauses/core.yaml" %}', '{% include "/etc/hostname" %}',
                                     '{% extends "other.j2" %}', '{% include ["nope.j2", "fuzz.j2"] %}')))
    if kind == 8:
        return draw(st.sampled_from(("{% block b %}{{ super() }}{% endblock %}", "{% set x = " + draw(value) + " %}",
                                     "{% if " + draw(value) + " %}{{ clause('core.ceiling') }}{% endif %}",
                                     "{% filter upper %}{{ " + draw(value) + " }}{% endfilter %}",
                                     "{% with x = " + draw(value) + " %}{{ x }}{% endwith %}")))
    return draw(st.sampled_from(("{% if %}", "{{", "{% endfor %}", "{# open", "{% raw %}", "}}", "{%- -%}",
                                 "stray text", "\x00", "\x1b[31m", "[/x]")))


@st.composite
def template(draw: st.DrawFn) -> str:
    """A template: usually a document() call and a clause, then hostile statements."""
    head = "{# fuzz: a generated template #}\n"
    if draw(st.integers(0, 4)):
        head += "{{ document(title='Fuzz', parties=['Alpha', 'Beta']) }}\n{{ clause('core.sovereignty') }}\n"
    return head + "\n".join(draw(st.lists(statement(), min_size=1, max_size=5)))


# --- YAML ------------------------------------------------------------------------------------

SCALARS = ('"text"', "42", "1.10", "1e400", ".nan", "-.inf", "2025-01-01", "yes", "~", "[1]", "{a: 1}",
           "0x10", "1_000", '"[/x]"', '"\\e[31mred"', '"\\0"', "!!binary aGVsbG8=", "!!set {a, b}",
           "!!omap [a: 1]", "!foo bar", '!!python/object/apply:os.system ["touch ../outside/pwned"]',
           "*bomb", "*self", '"' + "x" * 5000 + '"', "&anchor value", "|-\n        block")


FAMILY_TITLES = ("Fuzz", "42", "[a, b]", '"[bold]B"', '"\\e[2J"')
TITLES = ("Clause", "Clause", '"[/x]"', "42", "[t]", "{t: 1}", '"\\a"')
VERSIONS = ('"1.0"', "1.10", "1", *SCALARS)
HEADINGS = ("Heading", "", "42", "[h]", '"[/x]"', "~", '"\\e[31m"')
ALLOWED = ("[senate, both-chambers]", "[]", "[1, 2]", "senate", "[[a]]")
DEFAULTS = ("lots", "5", "10**100", "100000000000000000000000", "[a, b]", "ABC", "true", "senate", *SCALARS)


@st.composite
def params(draw: st.DrawFn) -> list[str]:
    """Parameters whose defaults may not fit their type, range or allowed values."""
    out = []
    for i in range(draw(st.integers(0, 3))):
        ptype = draw(st.sampled_from(("str", "int", "bool", "list", "choice", "float", "[str]")))
        lines = [f"      p{i}:", f"        type: {ptype}", f"        help: parameter {i}"]
        if draw(st.booleans()):
            lines.append(f"        default: {draw(st.sampled_from(DEFAULTS))}")
        if ptype in ("choice", "str", "list") and draw(st.booleans()):
            lines.append(f"        allowed: {draw(st.sampled_from(ALLOWED))}")
        if ptype == "int" and draw(st.booleans()):
            lines += [f"        min: {draw(st.sampled_from(('10', '-5', '1e3', 'x')))}",
                      f"        max: {draw(st.sampled_from(('1', '100', '10**9')))}"]
        out += lines
    return out


@st.composite
def clause_text(draw: st.DrawFn, index: int, count: int) -> str:
    """A clause's Jinja text: words, its parameters, and clause texts included — itself, the
    next one twice (a fan-out doubling at every level), or a hostile expression."""
    parts = ["The Parties agree."]
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.integers(0, 4))
        if how == 0:
            parts.append(f"{{{{ text('fuzz.a{index + 1}') }}}} {{{{ text('fuzz.a{index + 1}') }}}}" if index + 1 < count
                         else "{{ text('fuzz.a0') }}")
        elif how == 1:
            parts.append(f"{{{{ text('fuzz.a{index}') }}}}")
        elif how == 2:
            parts.append("{{ p0 }}")
        else:
            parts.append("{{ " + draw(value) + " }}")
    if draw(st.booleans()):
        parts.append("\n\n(a) a sub-point;\n\n(b) " + draw(st.sampled_from(("another.", "{{ p1 }}", "[/x]"))))
    return " ".join(parts)


def _block(text: str, indent: str) -> str:
    return "|-\n" + "\n".join(indent + line for line in text.split("\n"))


@st.composite
def library(draw: st.DrawFn) -> str:
    """clauses/fuzz.yaml: a family of clauses, with alias bombs, deep nesting and wrong types."""
    lines = ["family: fuzz", f"title: {draw(st.sampled_from(FAMILY_TITLES))}"]
    levels = draw(st.sampled_from((0, 0, 3, 9)))
    if levels:
        lines.append('x-lol: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]')
        lines += [f"x-l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
        lines.append(f"x-bomb: &bomb *a{levels - 1}")
    shape = draw(st.integers(0, 9))
    if shape == 0:
        lines.append("x-self: &self [*self]")
    elif shape == 1:
        depth = draw(st.sampled_from((50, 1000, 50_000)))
        lines.append("x-deep: " + "[" * depth + "]" * depth)
    elif shape == 2:
        lines.append("x-deep-map: " + "{a: " * 500 + "1" + "}" * 500)
    lines.append("clauses:")
    count = draw(st.integers(1, 30 if draw(st.integers(0, 4)) == 0 else 3))
    for i in range(count):
        lines += [f"  - id: {draw(st.sampled_from((f'fuzz.a{i}', f'fuzz.a{i}', 'core.sovereignty', 'Fuzz.A', '42', 'fuzz.')))}",
                  f"    title: {draw(st.sampled_from(TITLES))}",
                  f"    version: {draw(st.sampled_from(VERSIONS))}",
                  f"    heading: {draw(st.sampled_from(HEADINGS))}",
                  f"    text: {_block(draw(clause_text(i, count)), '      ')}",
                  f"    sources: {draw(st.sampled_from(('[fuzz]', '[fuzz]', '[]', 'fuzz', '*bomb', '[*bomb]')))}"]
        if draw(st.booleans()):
            lines += ["    params:", *draw(params())]
        if draw(st.integers(0, 3)) == 0:
            lines += ["    positions:", "      europe:", "        label: Europe",
                      f"        params: {{p0: {draw(st.sampled_from(('lots', '800000', '[x]', '~')))}}}"]
        if draw(st.integers(0, 9)) == 0:
            lines.append("    title: twice")
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(("\ufeff", "\t", "---\n", "\x1b", "- a list\n"))) + text
    return text


@st.composite
def assemble_template(draw: st.DrawFn) -> dict[str, Any]:
    """A hostile template assembled against the fixture library (and sometimes a hostile one)."""
    files: dict[str, bytes | str] = {"templates/fuzz.j2": draw(template())}
    if draw(st.booleans()):
        files["templates/other.j2"] = draw(template())
    if draw(st.integers(0, 2)) == 0:
        files["clauses/fuzz.yaml"] = draw(library())
    args = ["assemble", "fuzz"] + [a for f in draw(st.lists(st.sampled_from(("md", "json", "html", "docx", "txt")),
                                                           max_size=2, unique=True)) for a in ("-f", f)]
    if draw(st.integers(0, 3)) == 0:
        args += ["--set", draw(st.sampled_from(("guarantors=ABC", "personnel=lots", "p=1", "state=[/x]", "p0=5")))]
    if draw(st.integers(0, 5)) == 0:
        args += ["--position", draw(st.sampled_from(("europe", "eu", "[/x]")))]
    return case(files, args)


@st.composite
def hostile_library(draw: st.DrawFn) -> dict[str, Any]:
    """A hostile clause library, browsed and used by the fixture templates."""
    files: dict[str, bytes | str] = {"clauses/fuzz.yaml": draw(library())}
    if draw(st.integers(0, 3)) == 0:
        files["clauses/core.yaml"] = files.pop("clauses/fuzz.yaml")  # the only family, broken
    step = draw(st.sampled_from((["clauses", "list"], ["clauses", "list", "--family", "fuzz"],
                                 ["clauses", "list", "--family", "armed"], ["clauses", "show", "fuzz.a0"],
                                 ["clauses", "show", "fuzz.a1"], ["templates", "list"], ["assemble", "plan"],
                                 ["assemble", "plan", "--position", "europe"], ["assemble", "plan", "-f", "docx"])))
    return case(files, step)
