"""How much a template value prints and what an operation would build, worked out before it
is built: the arithmetic behind `drafting.sandbox`'s budgets."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sized
from itertools import islice
from typing import Any

from jinja2 import Undefined
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter

from drafting.budgets import TEMPLATE_DEPTH, TEMPLATE_ITEMS, TEMPLATE_NUMBER, TEMPLATE_VALUE
from drafting.errors import DraftingError

VALUE = TEMPLATE_VALUE.value
ITEMS = TEMPLATE_ITEMS.value
CONTAINERS = (list, tuple, dict, set, frozenset)
#: What building one item of a list costs the output budget, in characters: a list of ints
#: built or sorted costs about what eight characters of text do.
ITEM_COST = 8
_NUMBER_BITS = int(TEMPLATE_NUMBER.value / math.log10(2))
#: Filters that move items around without turning the value into text.
STRUCTURAL = frozenset({"abs", "attr", "batch", "count", "d", "default", "dictsort", "first", "float",
                         "filesizeformat", "groupby", "int", "items", "last", "length", "list", "map",
                         "max", "min", "random", "reject", "rejectattr", "reverse", "round", "select",
                         "selectattr", "slice", "sort", "sum", "unique"})
#: Filters and string methods whose whole-number arguments are widths of what they build
#: (or, for `batch` and `slice`, counts of items).
SIZED = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "tojson",
                   "ljust", "rjust", "zfill", "expandtabs", "to_bytes"})
_PERCENT = re.compile(r"%(?:\(([^)]*)\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.?)", re.S)
_SPEC_NUMBER = re.compile(r"\d+")


def printed_size(value: Any, limit: int, depth: int = 0, *, strict: bool = True) -> int:
    """At least `len(str(value))`, counted only until it passes `limit` (so it costs at most that);
    an item of a list counts `ITEM_COST`, which also bounds the time spent counting.

    Text, numbers, None, and lists, tuples and dicts of them print; anything else (a function,
    a macro, a generator, an undefined name) raises the `DraftingError` that says so, unless
    not `strict` (then it counts as a short name).
    """
    if isinstance(value, str):
        return len(value) if depth == 0 or value.isprintable() else 4 * len(value) + 2
    if value is None or isinstance(value, (bool, float)):
        return 24
    if isinstance(value, int):
        return _digits(value)
    if isinstance(value, (list, tuple, dict)):
        if depth >= TEMPLATE_DEPTH.value:
            raise TEMPLATE_DEPTH.exceeded("a value nested too deep to print")
        total = 2
        for item in value.items() if isinstance(value, dict) else value:
            total += printed_size(item, limit, depth + 1, strict=strict) + ITEM_COST
            if total > limit:
                break
        return total
    if not strict:
        return 100
    if isinstance(value, Undefined):
        return len(str(value))  # a StrictUndefined raises its own "'x' is undefined"
    name = getattr(value, "__name__", None) or getattr(value, "name", None)
    what = f"{type(value).__name__} {name!r}" if isinstance(name, str) else type(value).__name__
    raise DraftingError(f"the template prints a {what}, which is not text",
                        hint="call a function or macro with (), and turn a sequence into text "
                             "with |join")


def _digits(number: int) -> int:
    bits = number.bit_length()
    check_bits(bits, "a number")
    return int(bits * math.log10(2)) + 2


def check_bits(bits: float, what: str) -> None:
    if bits > _NUMBER_BITS:
        raise TEMPLATE_NUMBER.exceeded(f"{what} would compute a number of about "
                                       f"{int(bits * math.log10(2)):,} digits")


def check_built(value: Any, what: str) -> int:
    """Refuse a value just built past the text, list or number budget; return what it costs
    the output budget (its characters, or `ITEM_COST` a list item). Constant time."""
    if isinstance(value, (str, bytes)):
        TEMPLATE_VALUE.check(len(value), what)
        return len(value)
    if isinstance(value, CONTAINERS):
        TEMPLATE_ITEMS.check(len(value), what)
        return ITEM_COST * len(value)
    return _digits(value) if isinstance(value, int) else 1


def read_cost(value: Any) -> int:
    """What reading `value` whole (sorting it, taking its `max`, searching it) costs the output
    budget, as `check_built` would charge for building it; constant time."""
    if isinstance(value, (str, bytes)):
        return len(value)
    return ITEM_COST * len(value) if isinstance(value, CONTAINERS) else 0


def _number(value: Any) -> int:
    return value if isinstance(value, int) else 0


def check_sizes(name: str, args: Iterable[Any]) -> None:
    """Refuse whole-number arguments of filter or method `name` that ask for too wide a result."""
    budget = TEMPLATE_ITEMS if name in ("batch", "slice") else TEMPLATE_VALUE
    for arg in args:
        if isinstance(arg, int) and budget.over(abs(arg)):
            raise budget.exceeded(f"{name}() asked for a size of {arg:,}")


def text_size(name: str, value: Any) -> int:
    """About how many characters filter `name` reads from `value` once it is text: each item
    for `join`, the whole value printed for the others; counted only to the text budget."""
    if name != "join" or not isinstance(value, (list, tuple)):
        return printed_size(value, VALUE)
    total = 0
    for item in value:
        total += printed_size(item, VALUE)
        if total > VALUE:
            break
    return total


def percent_size(fmt: str, args: Any) -> int:
    """An upper bound on the length of `fmt % args`, reading each conversion's width and value."""
    given = list(args) if isinstance(args, tuple) else [args]
    named = args if isinstance(args, dict) else {}
    total = len(fmt)

    def take() -> Any:
        return given.pop(0) if given else ""

    def number(text: str | None) -> int:
        if text == "*":
            return abs(_number(take()))
        return int(text) if text and len(text) < 10 else (VALUE + 1 if text else 0)

    for match in _PERCENT.finditer(fmt):
        if match[4] == "%":
            continue
        width, precision = number(match[2]), number(match[3])
        value = named.get(match[1], "") if match[1] is not None else take()
        total += width + precision + printed_size(value, VALUE) + 24
        if total > VALUE:
            break
    return total


def estimate_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any],
                     size: int) -> int:
    """An upper bound on what filter `name` writes from a value that prints `size` characters."""
    def arg(index: int, key: str, default: Any) -> Any:
        return args[index] if len(args) > index else kwargs.get(key, default)

    if name == "join":
        return size + printed_size(arg(0, "d", ""), VALUE) * (len(value) if isinstance(value, Sized) else 1)
    if name == "replace":
        old, new = str(arg(0, "old", "")), arg(1, "new", "")
        found = value.count(old) if isinstance(value, str) and old else size + 1
        return size + found * printed_size(new, VALUE)
    if name == "indent":
        width = arg(0, "width", 4)
        lines = value.count("\n") + 1 if isinstance(value, str) else size
        return size + lines * (width if isinstance(width, int) else printed_size(width, VALUE))
    if name == "wordwrap":
        width, wrap = arg(0, "width", 79), arg(3, "wrapstring", None)
        lines = size // max(_number(width), 1) + 1
        return size + lines * (1 + (printed_size(wrap, VALUE) if wrap is not None else 0))
    if name == "center":
        return max(size, _number(arg(0, "width", 80)))
    if name == "format":
        return percent_size(str(value), kwargs or args)
    if name in ("tojson", "pprint"):  # each line indented up to the deepest nesting
        return size + size * _number(arg(0, "indent", 1)) * TEMPLATE_DEPTH.value
    if name == "urlize":  # `rel` and `target` are repeated in every link (a link is 4 or more)
        extra = sum(printed_size(kwargs.get(key) or "", VALUE) for key in ("rel", "target"))
        return size + (size // 4 + 1) * extra
    if name == "truncate":
        return size + printed_size(arg(2, "end", "..."), VALUE)
    return size  # the others write at most a few times what they read: checked once built


def estimate_method(owner: Any, name: str, args: tuple[Any, ...]) -> int:
    """An upper bound on what a method of text (`str`, `bytes`) builds, for the ones that can
    build much more than they read; 0 for the others."""
    if not isinstance(owner, (str, bytes)):
        return 0
    text: Any = owner
    if name == "join" and args and isinstance(args[0], (list, tuple)):
        parts = args[0]
        return sum(len(p) if isinstance(p, (str, bytes)) else 0 for p in parts) + len(text) * len(parts)
    if name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        found = text.count(old) if isinstance(old, type(text)) and old else len(text) + 1
        return len(text) + found * (len(new) if isinstance(new, (str, bytes)) else 0)
    if name == "expandtabs":
        tab = "\t" if isinstance(text, str) else b"\t"
        tabs: int = text.count(tab)
        return len(text) + tabs * _number(args[0] if args else 8)
    if name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
        return len(text) * longest
    return 0


class CheckedFormatter(SandboxedFormatter):
    """`str.format` in the sandbox, with each field's width and value sized before it is written."""

    def __init__(self, env: Any, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self._written = 0

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        TEMPLATE_VALUE.check(printed_size(value, VALUE), "a format field prints a value")
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        for digits in _SPEC_NUMBER.findall(format_spec):
            if len(digits) > 9 or int(digits) > VALUE:
                raise TEMPLATE_VALUE.exceeded(f"a format field asks for a width of {digits}")
        TEMPLATE_VALUE.check(printed_size(value, VALUE), "a format field prints a value")
        out = super().format_field(value, format_spec)
        self._written += len(out)
        TEMPLATE_VALUE.check(self._written, "str.format() would build a value")
        return out


class CheckedEscapeFormatter(CheckedFormatter, SandboxedEscapeFormatter):
    """The same, for a format string that is Markup (its fields are escaped)."""


def listed(items: Any) -> list[Any]:
    """The items of a lazy sequence (a `map`, a `select`), refused past the list budget."""
    found = list(islice(items, ITEMS + 1))
    TEMPLATE_ITEMS.check(len(found), "a sequence holds too many items")
    return found
