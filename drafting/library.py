"""The clause library: YAML files, one per family, checked against a schema.

Loaded with ruamel.yaml so that every error names the file and line, and
validated with pydantic so that a clause either has every field it needs or
the user is told which one is wrong and where.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.reader import ReaderError

from drafting.budgets import YAML_BYTES, YAML_DEPTH, YAML_VALUES
from drafting.errors import DraftingError, near

ParamType = Literal["str", "int", "bool", "list", "choice"]
ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Param(_Strict):
    """A typed parameter of a clause text."""

    type: ParamType = "str"
    default: Any = None
    allowed: tuple[Any, ...] = ()
    min: int | None = None
    max: int | None = None
    help: str

    @model_validator(mode="after")
    def _choice_has_values(self) -> Param:
        if self.type == "choice" and not self.allowed:
            raise ValueError("a parameter of type 'choice' needs 'allowed' values")
        return self


class Position(_Strict):
    """A party's position: other parameter values, another text, or both."""

    label: str
    text: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()


class Clause(_Strict):
    """One clause: its id, family, text and parameters, and the facts behind it."""

    id: str = Field(pattern=ID_RE)
    title: str
    version: str
    heading: str = ""
    text: str
    params: dict[str, Param] = Field(default_factory=dict)
    positions: dict[str, Position] = Field(default_factory=dict)
    terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)
    # Filled in by the loader, not written in YAML.
    family: str = ""
    file: str = ""
    line: int = 0

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        """A version as written: YAML reads `1.10` as the number 1.1, but it means "1.10"."""
        if isinstance(value, float) and getattr(value, "_width", None):
            return _as_written(value)
        return str(value) if isinstance(value, (int, float)) else value


def _as_written(value: float) -> str:
    """A float as the YAML file wrote it (ruamel keeps the width and precision)."""
    out = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.dump(value, out)
    return out.getvalue().split("\n", 1)[0]


class Family(_Strict):
    """A library file: a family name, a title and its clauses."""

    family: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str
    clauses: tuple[Clause, ...] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Library:
    """Every clause of a library by id, and where the library lives."""

    root: Path
    clauses: dict[str, Clause]
    families: dict[str, str]

    def get(self, clause_id: str) -> Clause:
        """The clause with `clause_id`; a `DraftingError` naming the nearest ids if none."""
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise DraftingError(
                f"unknown clause id {clause_id!r}",
                clause=clause_id,
                matches=near(clause_id, self.clauses),
                hint="`treaty clauses list` shows every id",
            ) from None


def _line_of(node: Any, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest YAML node on the path `loc`."""
    line = None
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


class _BoundedComposer(Composer):
    """ruamel's composer, counting as it builds the node graph, before any value is constructed:
    nesting depth, and how many values the file holds once its aliases are expanded (an alias
    costs what the node it names costs), so an alias bomb is refused at its first lines."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # YAML allows it (the later one wins): no warning on stderr
        self._cost: dict[int, int] = {}
        self._level = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, AliasEvent):
            named: Node = super().compose_node(parent, index)
            if id(named) not in self._cost:
                raise DraftingError(f"the alias *{event.anchor} names a value that holds it", line=line,
                                    hint="an alias may only repeat a value that is already complete")
            return named
        self._level += 1
        if YAML_DEPTH.over(self._level):
            raise YAML_DEPTH.exceeded(f"values nested more than {YAML_DEPTH.value} deep", line=line)
        node: Node = super().compose_node(parent, index)
        self._level -= 1
        cost = 1
        if isinstance(node, SequenceNode):
            cost += sum(self._cost[id(child)] for child in node.value)
        elif isinstance(node, MappingNode):
            cost += sum(self._cost[id(key)] + self._cost[id(value)] for key, value in node.value)
        if YAML_VALUES.over(cost):
            raise YAML_VALUES.exceeded(f"the value starting here expands to {cost:,} values", line=line)
        self._cost[id(node)] = cost
        return node


def _read_yaml(path: Path) -> Any:
    yaml = YAML(typ="rt")
    yaml.Composer = _BoundedComposer
    text = ""
    try:
        YAML_BYTES.check(path.stat().st_size, "the library file is too large")
        text = path.read_text(encoding="utf-8")
        return yaml.load(text)
    except DraftingError as exc:
        exc.path = str(path)
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DraftingError(
            f"YAML syntax error: {exc.problem or exc.context}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except UnicodeDecodeError:
        raise DraftingError("library file is not UTF-8 text", path=path) from None
    except ReaderError as exc:  # a control character, which YAML does not allow even in quotes
        raise DraftingError(f"the file holds a character YAML does not allow (U+{exc.character:04X})",
                            path=path, line=text.count("\n", 0, exc.position) + 1,
                            hint='remove it, or write it as an escape ("\\x1b") in double quotes') from None
    except (ValueError, YAMLError) as exc:  # a date, number or tagged value that cannot be built
        reason = "a number of more than 4,300 digits" if "max_str_digits" in str(exc) else str(exc)
        raise DraftingError(f"a value in the file cannot be read: {reason}", path=path) from None


def _plain(node: Any) -> Any:
    """ruamel's round-trip containers as plain dicts and lists, for pydantic."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def load_family(path: Path) -> Family:
    """One library file, validated; errors name the file, line and field."""
    raw = _read_yaml(path)
    try:
        family = Family.model_validate(_plain(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        clause_id = None
        if len(loc) >= 2 and loc[0] == "clauses" and isinstance(loc[1], int):
            try:
                clause_id = raw["clauses"][loc[1]].get("id")
            except (KeyError, IndexError, TypeError, AttributeError):
                clause_id = None
        field_path = ".".join(str(p) for p in loc) or "(top level)"
        raise DraftingError(
            f"invalid clause library entry at {field_path}: {err['msg']}",
            path=path,
            line=_line_of(raw, loc),
            clause=clause_id,
        ) from None
    clauses = []
    for index, clause in enumerate(family.clauses):
        line = _line_of(raw, ("clauses", index)) or 0
        if not clause.id.startswith(family.family + "."):
            raise DraftingError(
                f"clause id {clause.id!r} does not start with its family {family.family!r}",
                path=path,
                line=line,
                clause=clause.id,
            )
        placed = clause.model_copy(update={"family": family.family, "file": str(path), "line": line})
        _check_values(placed)
        clauses.append(placed)
    return family.model_copy(update={"clauses": tuple(clauses)})


def _check_values(clause: Clause) -> None:
    """Every default and every position's value against its parameter's type, range and allowed
    values, when the library loads: "shall not exceed lots personnel" never reaches a draft."""
    for name, param in clause.params.items():
        if param.default is not None:
            coerce(clause, name, param.default)
    for position in clause.positions.values():
        for name, value in position.params.items():
            coerce(clause, name, value)


def load_library(root: Path) -> Library:
    """Every `*.yaml` file under `root`, as one library; duplicate ids are an error."""
    if not root.is_dir():
        raise DraftingError("clause library folder not found", path=root)
    clauses: dict[str, Clause] = {}
    families: dict[str, str] = {}
    files = sorted(root.glob("*.yaml"))
    if not files:
        raise DraftingError("no clause files (*.yaml) in the library folder", path=root)
    for path in files:
        family = load_family(path)
        families[family.family] = family.title
        for clause in family.clauses:
            if clause.id in clauses:
                first = clauses[clause.id]
                raise DraftingError(
                    f"clause id {clause.id!r} is defined twice (first at {first.file}:{first.line})",
                    path=path,
                    line=clause.line,
                    clause=clause.id,
                )
            clauses[clause.id] = clause
    return Library(root=root, clauses=clauses, families=families)


def _short(value: Any) -> str:
    """A value as a message shows it: its repr, cut at 80 characters (a value can be huge)."""
    if isinstance(value, (list, tuple)) and len(value) > 20:
        value = [*value[:20], "..."]
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 10_000 else "a very large number"
    return text if len(text) <= 80 else text[:77] + "..."


_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def coerce(clause: Clause, name: str, value: Any) -> Any:
    """`value` checked against the declared type of parameter `name` of `clause`.

    Strings from the command line are converted ("800,000" to 800000, "a, b" to
    a list); anything that does not fit raises a `DraftingError`.
    """
    param = clause.params.get(name)
    if param is None:
        raise DraftingError(
            f"clause {clause.id!r} has no parameter {name!r}",
            path=clause.file,
            line=clause.line,
            clause=clause.id,
            matches=near(name, clause.params),
        )

    def bad(why: str) -> DraftingError:
        return DraftingError(
            f"parameter {name!r} of clause {clause.id!r} {why}",
            path=clause.file,
            line=clause.line,
            clause=clause.id,
            hint=param.help,
        )

    if param.type == "int":
        if isinstance(value, str) and re.fullmatch(r"\s*-?[\d,_ ]+\s*", value):
            value = int(re.sub(r"[,_ ]", "", value))
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad(f"must be a whole number, not {_short(value)}")
        if param.min is not None and value < param.min:
            raise bad(f"must be at least {param.min:,}, not {value:,}")
        if param.max is not None and value > param.max:
            raise bad(f"must be at most {param.max:,}, not {value:,}")
    elif param.type == "bool":
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            value = value.strip().lower() in _TRUE
        if not isinstance(value, bool):
            raise bad(f"must be true or false, not {_short(value)}")
    elif param.type == "list":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise bad(f"must be a list of names, not {_short(value)}")
        if not value:
            raise bad("must name at least one entry")
        value = list(value)
    elif not isinstance(value, str):
        raise bad(f"must be text, not {_short(value)}")
    outside = [v for v in (value if isinstance(value, list) else [value]) if v not in param.allowed]
    if param.allowed and outside:
        raise bad(f"must be one of {', '.join(map(str, param.allowed))}; got {_short(outside[0])}")
    return value
