"""Assemble a Document from a Jinja2 template and the clause library.

A template is untrusted (it may come from another delegation): it runs in
Jinja2's immutable sandbox with undefined variables as errors and every kind
of work metered (`drafting.sandbox`), and can only call the layout functions
below. Each call records a part of the draft;
points are numbered after layout, and only then are `ref()` placeholders
replaced, so moving a point renumbers every reference to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError

from drafting.brackets import PROPOSER
from drafting.brackets._negotiate import negotiating_text, proposer
from drafting.budgets import CLAUSE_RENDERS, TEMPLATE_DEPTH, TEMPLATE_SIZE, TEMPLATE_VALUE
from drafting.errors import DraftingError, near
from drafting.library import Clause, Library, Param, ParamType, coerce
from drafting.model import Document, Meta, Point
from drafting.numerals import roman
from drafting.sandbox import (RENDER_ERRORS, BoundedEnvironment, BoundedLoader, Meter, printed_size,
                              render_reason, template_where)

_REF = re.compile("\ue000([^\ue001]*)\ue001")
_SUB = re.compile(r"^\(([a-z]{1,4}|\d{1,3})\)\s*(.*)$", re.S)



def paragraphs_and_subpoints(text: str, key: str, *, subpoints: bool = True,
                             ) -> tuple[tuple[str, ...], tuple[Point, ...]]:
    """Split rendered clause text into paragraphs and trailing `(a)` sub-points.

    Paragraphs are separated by blank lines; lines inside one are joined. With
    `subpoints` False (preamble, closing) an `(a)` paragraph stays a paragraph.
    """
    paragraphs: list[str] = []
    subs: list[Point] = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        para = " ".join(block.split())
        if not para:
            continue
        match = _SUB.match(para) if subpoints else None
        if match:
            label = match.group(1)
            subs.append(Point(key=f"@{key}/{label}", label=label, kind="sub", paragraphs=(match.group(2),)))
        elif subs:
            raise DraftingError(
                "a paragraph follows the sub-points of a clause; sub-points must come last",
                clause=key,
                hint=f"move {para[:40]!r}… before the first sub-point",
            )
        else:
            paragraphs.append(para)
    return tuple(paragraphs), tuple(subs)


@dataclass
class _Part:
    key: str
    heading: str
    text: str
    meta: tuple[tuple[str, str], ...]


@dataclass
class _Layout:
    """What a template's calls recorded, before numbering."""

    title: str = ""
    parties: tuple[str, ...] = ()
    kind: str = "point"
    numbering: str = "arabic"
    status: str = "draft, not agreed"
    preamble: list[str] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    clauses: dict[str, str] = field(default_factory=dict)
    used_settings: set[str] = field(default_factory=set)
    positions_seen: set[str] = field(default_factory=set)


class _Assembler:
    """The functions a template may call, bound to one library and one run."""

    def __init__(self, library: Library, settings: Mapping[str, str], position: str | None,
                 positions: tuple[str, ...] = ()) -> None:
        self.library = library
        self.settings = dict(settings)
        self.position = position
        self.positions = positions
        self.layout = _Layout()
        self.meter = Meter()
        self.env = BoundedEnvironment(self.meter)
        self.stack: list[str] = []
        self.compiled: dict[str, Any] = {}
        self.renders = 0

    # -- functions templates call ------------------------------------------------
    def document(self, title: str = "", parties: Any = (), kind: str = "point",
                 numbering: str = "arabic", status: str = "draft, not agreed") -> str:
        if kind not in ("point", "article"):
            raise DraftingError(f"document kind must be 'point' or 'article', not {kind!r}")
        if numbering not in ("arabic", "roman"):
            raise DraftingError(f"numbering must be 'arabic' or 'roman', not {numbering!r}")
        if not isinstance(parties, (list, tuple)):
            raise DraftingError(f"document(parties=...) must be a list of names, not {_shown(parties)}",
                                hint='write parties=["the first party", "the second party"]')
        self.layout.title, self.layout.kind, self.layout.numbering = _text("title", title), kind, numbering
        self.layout.parties = tuple(_text("each party", party) for party in parties)
        self.layout.status = _text("status", status)
        return ""

    def preamble(self, caller: Callable[[], str]) -> str:
        self.layout.preamble.extend(paragraphs_and_subpoints(caller(), "preamble", subpoints=False)[0])
        return ""

    def closing(self, caller: Callable[[], str]) -> str:
        self.layout.closing.extend(paragraphs_and_subpoints(caller(), "closing", subpoints=False)[0])
        return ""

    def clause(self, clause_id: str, position: str | None = None, heading: str | None = None,
               **params: Any) -> str:
        clause = self.library.get(_text("a clause id", clause_id))
        if any(part.key == clause_id for part in self.layout.parts):
            raise DraftingError(f"clause {clause_id!r} is used twice in the template", clause=clause_id)
        meta = [("clause", clause.id), ("version", clause.version)]
        versions = self._negotiated(clause, params)
        if versions:
            body = negotiating_text([(label, text) for _, label, text in versions])
            meta.extend((PROPOSER + name, proposer(label)) for name, label, _ in versions)
        else:
            body = self.text(clause_id, position=position, **params)
            chosen = self._position_name(clause, position)
            if chosen:
                meta.append(("position", chosen))
        self._add_part(clause.id, clause.heading if heading is None else _text("heading", heading), body,
                       tuple(meta))
        return ""

    def point(self, key: str, heading: str = "", caller: Callable[[], str] | None = None) -> str:
        if caller is None:
            raise DraftingError(f"point({key!r}) needs a body: use {{% call point(...) %}}…{{% endcall %}}")
        self._add_part(_text("a point's key", key), _text("heading", heading), caller(), ())
        return ""

    def text(self, clause_id: str, position: str | None = None, **params: Any) -> str:
        clause = self.library.get(_text("a clause id", clause_id))
        if clause_id in self.stack:
            chain = " -> ".join([*self.stack[self.stack.index(clause_id):], clause_id])
            raise DraftingError(f"cycle of clause references: {chain}", path=clause.file,
                                line=clause.line, clause=clause_id)
        chosen = self._position_name(clause, position)
        values = self._values(clause, chosen, params)
        override = clause.positions[chosen].text if chosen else None
        source = override or clause.text
        self.layout.clauses[clause.id] = clause.version
        self.renders += 1
        file, line = clause.file, clause.line
        CLAUSE_RENDERS.check(self.renders, "clause texts render each other too often", path=file, line=line)
        TEMPLATE_SIZE.check(len(source), "the clause text is too large", path=file, line=line)
        self.stack.append(clause_id)
        try:
            compiled = self.compiled.get(source) or self.env.from_string(source)
            self.compiled[source] = compiled
            return str(compiled.render(**values, ref=self.ref, text=self.text))
        except DraftingError as exc:
            if exc.path is None:
                exc.path, exc.line, exc.clause = file, line, clause_id
            raise
        except RecursionError:
            raise TEMPLATE_DEPTH.exceeded("clause texts nest deeper than Python can follow",
                                          path=file, line=line, clause=clause_id) from None
        except RENDER_ERRORS as exc:
            raise DraftingError(f"clause text failed to render: {render_reason(exc)}", path=file, line=line,
                                clause=clause_id) from None
        finally:
            self.stack.pop()

    def ref(self, clause_id: str) -> str:
        return f"\ue000{_text('a clause id', clause_id)}\ue001"

    def param(self, name: str, default: Any) -> Any:
        if name not in self.settings:
            return default
        self.layout.used_settings.add(name)
        raw = self.settings[name]
        probe = Clause(id="template.param", title=name, version="0", text="", sources=("template",),
                       params={name: _param_like(default, name)})
        return coerce(probe, name, raw)

    # -- helpers -----------------------------------------------------------------
    def _negotiated(self, clause: Clause, params: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        """With --positions, each wanted position's (name, label, text) when their texts differ;
        [] where nothing is open (one position, or all saying the same)."""
        if not self.positions:
            return []
        wanted = [name for name in (clause.positions if self.positions == ("all",) else self.positions)
                  if name in clause.positions]
        self.layout.positions_seen.update(wanted)
        versions = [(name, clause.positions[name].label or name, self.text(clause.id, position=name, **params))
                    for name in wanted]
        return versions if len({text for _, _, text in versions}) > 1 else []

    def _position_name(self, clause: Clause, position: str | None) -> str | None:
        """The command line's --position wins wherever the clause has it; then the template's."""
        if self.position and self.position in clause.positions:
            self.layout.positions_seen.add(self.position)
            return self.position
        if position is not None and position not in clause.positions:
            raise DraftingError(f"clause {clause.id!r} has no position {position!r}",
                                path=clause.file, line=clause.line, clause=clause.id,
                                matches=near(position, clause.positions))
        return position

    def _values(self, clause: Clause, position: str | None, given: Mapping[str, Any]) -> dict[str, Any]:
        values = {name: p.default for name, p in clause.params.items()}
        if position:
            values.update({k: coerce(clause, k, v) for k, v in clause.positions[position].params.items()})
        for name, value in given.items():  # sized first: a message about a wrong one repeats it
            TEMPLATE_VALUE.check(printed_size(value, TEMPLATE_VALUE.value, strict=False),
                                 f"the value of parameter {name!r} is too large")
        values.update({k: coerce(clause, k, v) for k, v in given.items()})
        for name in clause.params:
            if name in self.settings:
                values[name] = coerce(clause, name, self.settings[name])
                self.layout.used_settings.add(name)
        missing = [name for name, value in values.items() if value is None]
        if missing:
            raise DraftingError(f"parameter {missing[0]!r} of clause {clause.id!r} has no value",
                                path=clause.file, line=clause.line, clause=clause.id,
                                hint=f"pass it in the template or with --set {missing[0]}=VALUE")
        return values

    def _add_part(self, key: str, heading: str, body: str, meta: tuple[tuple[str, str], ...]) -> None:
        if any(part.key == key for part in self.layout.parts):
            raise DraftingError(f"two points have the key {key!r}", clause=key)
        self.layout.parts.append(_Part(key, heading, body, meta))


def _param_like(default: Any, name: str) -> Param:
    """A parameter typed like `default`, so `param()` values are checked as clause ones are."""
    kind: ParamType = ("bool" if isinstance(default, bool) else "int" if isinstance(default, int)
                       else "list" if isinstance(default, (list, tuple)) else "str")
    return Param(type=kind, default=default, help=f"template parameter {name!r}")


def _text(what: str, value: Any) -> str:
    """`value`, which a template must have given as text; a `DraftingError` saying so if not."""
    if isinstance(value, Undefined):
        str(value)  # a StrictUndefined raises its own "'x' is undefined"
    if not isinstance(value, str):
        raise DraftingError(f"{what} must be text, not {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    """A value a template passed, as a message shows it: numbers as written, others by kind."""
    if value is None or isinstance(value, (bool, int, float)):
        return f"the number {value!r:.40}" if isinstance(value, (int, float)) else repr(value)
    return f"a string ({value[:40]!r})" if isinstance(value, str) else f"a {type(value).__name__}"


def _resolve_refs(layout: _Layout, labels: dict[str, str], kind_word: str) -> Callable[[str], str]:
    def resolve(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            target = match.group(1)
            if target not in labels:
                raise DraftingError(f"reference to {target!r}, which is not a point of this draft",
                                    clause=target, matches=near(target, labels))
            return f"{kind_word} {labels[target]}"

        return _REF.sub(one, text)

    return resolve


def assemble(template: str, library: Library, templates_dir: Path, *,
             settings: Mapping[str, str] | None = None, position: str | None = None,
             positions: tuple[str, ...] = ()) -> Document:
    """Lay out `template` with clauses from `library` and return the numbered Document.

    `settings` are the command line's `--set NAME=VALUE` values; `position`
    picks that party position in every clause that has one (None: defaults).
    `positions` (names, or ("all",)) writes the negotiating text instead: where
    those positions' texts of a clause differ, each is a labelled alternative.
    """
    if position and positions:
        raise DraftingError("give --position (one text) or --positions (the negotiating text), not both")
    names = list_templates(templates_dir)
    if template not in names:
        raise DraftingError(f"unknown template {template!r}", path=templates_dir,
                            matches=near(template, names), hint="`treaty templates list` shows them")
    asm = _Assembler(library, settings or {}, position, positions)
    env = BoundedEnvironment(asm.meter, loader=BoundedLoader(str(templates_dir)))
    env.globals.update(document=asm.document, preamble=asm.preamble, closing=asm.closing,
                       clause=asm.clause, point=asm.point, text=asm.text, ref=asm.ref, param=asm.param)
    path = str((templates_dir / f"{template}.j2").resolve())
    try:
        tmpl = env.get_template(f"{template}.j2")
        stray = tmpl.render().strip()
    except DraftingError as exc:
        if exc.path is None:
            exc.path, exc.line = template_where(exc, templates_dir, path)
        raise
    except TemplateSyntaxError as exc:
        raise DraftingError(f"template syntax error: {exc.message}", path=exc.filename or path,
                            line=exc.lineno) from None
    except TemplateNotFound as exc:
        raise DraftingError(f"template not found: {exc.name}", path=path) from None
    except SecurityError as exc:
        file, line = template_where(exc, templates_dir, path)
        raise DraftingError(f"the template tried an operation the sandbox forbids: {exc}", path=file,
                            line=line, hint="templates may only call the layout functions") from None
    except SyntaxError as exc:  # Python's own limits on the code a template compiles to
        raise DraftingError(f"the template cannot be compiled: {exc.msg}", path=path,
                            hint="Python allows at most 20 loops and conditions inside each other") from None
    except RecursionError as exc:
        file, line = template_where(exc, templates_dir, path)
        raise TEMPLATE_DEPTH.exceeded("the template nests deeper than Python can follow",
                                      path=file, line=line) from None
    except RENDER_ERRORS as exc:
        file, line = template_where(exc, templates_dir, path)
        raise DraftingError(f"template error: {render_reason(exc)}", path=file, line=line) from None
    layout = asm.layout
    if stray:
        raise DraftingError(f"text outside a layout call: {stray[:60]!r}", path=path,
                            hint="put text inside preamble(), point() or closing() blocks")
    unused = sorted(set(asm.settings) - layout.used_settings)
    if unused:
        known = {n for cid in layout.clauses for n in library.clauses[cid].params}
        raise DraftingError(f"--set {unused[0]}: no clause in this draft has that parameter",
                            path=path, matches=near(unused[0], known))
    for name in [position] if position else [n for n in positions if n != "all"]:
        if name not in layout.positions_seen:
            raise DraftingError(f"no clause in this draft has a position {name!r}", path=path,
                                matches=near(name, layout.positions_seen | {p for c in layout.clauses
                                                                            for p in library.clauses[c].positions}))
    if not layout.parts:
        raise DraftingError("the template lays out no points", path=path)
    number = roman if layout.numbering == "roman" else str
    labels = {part.key: number(i) for i, part in enumerate(layout.parts, 1)}
    resolve = _resolve_refs(layout, labels, "Article" if layout.kind == "article" else "point")
    points = []
    try:
        for part in layout.parts:
            paras, subs = paragraphs_and_subpoints(resolve(part.text), part.key)
            points.append(Point(key=part.key, label=labels[part.key], kind=layout.kind,
                                heading=resolve(part.heading), paragraphs=paras, children=subs,
                                meta=part.meta))
        preamble = tuple(resolve(p) for p in layout.preamble)
        closing = tuple(resolve(p) for p in layout.closing)
    except DraftingError as exc:
        exc.path = exc.path or path
        raise
    meta = Meta(status=layout.status, template=template,
                clauses=tuple(sorted(layout.clauses.items())))
    return Document(title=layout.title, parties=layout.parties, preamble=preamble,
                    points=tuple(points), closing=closing, meta=meta)


def list_templates(templates_dir: Path) -> list[str]:
    """The names of the templates in `templates_dir` (file names without `.j2`)."""
    if not templates_dir.is_dir():
        raise DraftingError("templates folder not found", path=templates_dir)
    return sorted(p.stem for p in templates_dir.glob("*.j2"))


def template_summary(templates_dir: Path, name: str) -> str:
    """The first Jinja comment of a template, which says what it lays out."""
    head = (templates_dir / f"{name}.j2").read_text(encoding="utf-8")[:2000]
    match = re.search(r"\{#\s*(.*?)\s*#\}", head, re.S)
    return " ".join(match.group(1).split()) if match else ""

