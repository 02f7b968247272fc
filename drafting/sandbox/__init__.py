"""Jinja2's immutable sandbox with every kind of work a template can ask for metered.

Jinja's sandbox keeps a template away from Python's internals, but not from working
without end: `'x' * 10**10`, `range(10**10)`, `lipsum(10**9)`, a macro calling itself,
loops inside loops. `BoundedEnvironment` meters all the renders of one draft (the
template's and its clause texts') against `drafting.budgets`:

- loop turns, filters and operators are counted as steps and calls as calls, and the
  clock is read at each;
- what an operator, filter or string method would build is sized *before* it is built,
  and all that is written or built is counted;
- calls, macros, includes, imports and extends nest only so deep.

The compiler is taught four things for this: a loop iterates through `budget_iter`,
`~` joins through `budget_concat`, literal text is written through `budget_data`, and
`x in y` reads `y` through `budget_seek`.
Printing anything but text, numbers and lists or dicts of them (a function, a macro, a
generator, an undefined name inside a list) is refused: it would put `<function …>`
into a draft.
"""

from __future__ import annotations

import functools
import math
import os
import posixpath
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import BuiltinMethodType, ModuleType
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template, TemplateError, TemplateRuntimeError, nodes
from jinja2.compiler import CodeGenerator, Frame, operators
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from drafting.budgets import (TEMPLATE_CALLS, TEMPLATE_DEPTH, TEMPLATE_ITEMS, TEMPLATE_OUTPUT,
                              TEMPLATE_SECONDS, TEMPLATE_SIZE, TEMPLATE_STEPS, TEMPLATE_VALUE)
from drafting.sandbox._sizes import (CONTAINERS, SIZED, STRUCTURAL, VALUE, CheckedEscapeFormatter,
                                     CheckedFormatter, check_bits, check_built, check_sizes,
                                     estimate_filter, estimate_method, listed, percent_size,
                                     printed_size, read_cost, text_size)

__all__ = ["RENDER_ERRORS", "BoundedEnvironment", "BoundedLoader", "Meter", "printed_size", "render_reason",
           "template_where"]

#: What a template's own code can raise while it runs; each becomes one message with its line.
RENDER_ERRORS = (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError,
                 RuntimeError, SyntaxError, MemoryError)


class Meter:
    """What one draft's renders have spent so far; the template and its clause texts share it."""

    def __init__(self) -> None:
        self.steps = 0
        self.calls = 0
        self.output = 0
        self.depth = 0
        self.deadline = time.monotonic() + TEMPLATE_SECONDS.value

    def step(self) -> None:
        """Count one loop turn, filter or operator, and read the clock."""
        self.steps += 1
        if self.steps > TEMPLATE_STEPS.value:
            raise TEMPLATE_STEPS.exceeded("the template takes too many steps "
                                          "(loop turns, filters, operators)")
        self._clock()

    def call(self) -> None:
        """Count one call (a macro, a layout function, a method), and read the clock."""
        self.calls += 1
        if self.calls > TEMPLATE_CALLS.value:
            raise TEMPLATE_CALLS.exceeded("the template makes too many calls (macros calling macros?)")
        self._clock()

    def _clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TEMPLATE_SECONDS.exceeded("the template is still running")

    def spend(self, chars: int) -> None:
        """Count `chars` characters (or items) written or built."""
        self.output += chars
        if self.output > TEMPLATE_OUTPUT.value:
            raise TEMPLATE_OUTPUT.exceeded("the template writes or builds too much text")

    def enter(self) -> None:
        """One level deeper: a call, or an included, imported or extended template."""
        self.depth += 1
        if self.depth > TEMPLATE_DEPTH.value:
            raise TEMPLATE_DEPTH.exceeded("calls, macros or included templates nest too deep "
                                          "(one calls or includes itself?)")


class _MeteredCodeGenerator(CodeGenerator):
    """Jinja's compiler, routing loops, `~` and literal text through the environment's meter."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        wrapped = node.iter
        if not (isinstance(wrapped, nodes.Call) and isinstance(wrapped.node, nodes.EnvironmentAttribute)
                and wrapped.node.name == "budget_iter"):
            call = nodes.Call(nodes.EnvironmentAttribute("budget_iter"), [wrapped], [], None, None,
                              lineno=wrapped.lineno)
            call.set_environment(self.environment)
            node.iter = call
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.budget_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        escape = "context.eval_ctx.autoescape" if frame.eval_ctx.volatile else str(frame.eval_ctx.autoescape)
        self.write(f"), {escape})")

    def visit_Operand(self, node: nodes.Operand, frame: Frame) -> None:
        if node.op not in ("in", "notin"):
            super().visit_Operand(node, frame)
            return
        self.write(f" {operators[node.op]} environment.budget_seek(")
        self.visit(node.expr, frame)
        self.write(")")

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.budget_data({super()._output_const_repr(group)})"


class BoundedLoader(FileSystemLoader):
    """Templates from a folder, each refused past the `TEMPLATE_SIZE` budget before it is read."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for root in self.searchpath:
            filename = posixpath.join(root, *pieces)
            if os.path.isfile(filename):
                TEMPLATE_SIZE.check(os.path.getsize(filename), f"the template {template} is too large",
                                    path=filename)
                break
        return super().get_source(environment, template)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, undefined names as errors, every render metered by `meter`."""

    intercepted_binops = frozenset(ImmutableSandboxedEnvironment.default_binop_table)
    code_generator_class = _MeteredCodeGenerator

    def __init__(self, meter: Meter, loader: FileSystemLoader | None = None) -> None:
        self.meter = meter
        super().__init__(loader=loader, undefined=StrictUndefined, autoescape=False,
                         finalize=self._finalize)
        self.globals.update(range=self._range, lipsum=self._lipsum)
        self.tests["in"] = lambda value, container: value in self.budget_seek(container)
        self.filters = {name: self._bounded(name, func) for name, func in self.filters.items()}

    # -- what the compiled templates call ---------------------------------------------
    def budget_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, one step each."""
        step = self.meter.step
        for item in iterable:
            step()
            yield item

    def budget_concat(self, values: tuple[Any, ...], escape: bool) -> str:
        """`a ~ b`, sized before it is joined."""
        size = sum(printed_size(value, VALUE) for value in values)
        TEMPLATE_VALUE.check(size, "'~' would build a value")
        self.meter.spend(size)
        return str((markup_join if escape else str_join)(values))

    def budget_seek(self, container: Any) -> Any:
        """The right side of `in`, whose search costs what reading it does."""
        self.meter.spend(read_cost(container))
        return container

    def budget_data(self, text: str) -> str:
        """The template's literal text, counted as it is written."""
        self.meter.spend(len(text))
        return text

    def _finalize(self, value: Any) -> Any:
        size = printed_size(value, min(VALUE, TEMPLATE_OUTPUT.value - self.meter.output) + 1)
        self.meter.spend(size)
        TEMPLATE_VALUE.check(size, "the template prints a value")
        return value

    # -- the sandbox's hooks ------------------------------------------------------------
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.meter.step()
        if operator == "*":
            seq, count = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, int):
                budget = TEMPLATE_VALUE if isinstance(seq, (str, bytes)) else TEMPLATE_ITEMS
                budget.check(len(seq) * max(count, 0), "'*' would build a value")
            elif isinstance(left, int) and isinstance(right, int):
                check_bits(left.bit_length() + right.bit_length(), "'*'")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            check_bits(math.log2(abs(left)) * max(right, 0), "'**'")
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, type(left)):
            budget = TEMPLATE_VALUE if isinstance(left, str) else TEMPLATE_ITEMS
            budget.check(len(left) + len(right), "'+' would build a value")
        elif operator == "%" and isinstance(left, str):
            TEMPLATE_VALUE.check(percent_size(left, right), "'%' would format a value")
        return self._built(self.binop_table[operator](left, right), operator)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        meter = self.meter
        meter.call()
        name = getattr(obj, "__name__", "")
        if isinstance(obj, LoopContext) and args:  # a recursive loop's next level
            args = (self.budget_iter(args[0]), *args[1:])
        elif isinstance(obj, BuiltinMethodType) and not isinstance(obj.__self__, (ModuleType, type(None))):
            meter.spend(read_cost(obj.__self__))
            if name in SIZED:
                check_sizes(name, (*args, *kwargs.values()))
            if name == "join" and args and not isinstance(args[0], (list, tuple)):
                args = (listed(args[0]), *args[1:])
            TEMPLATE_VALUE.check(estimate_method(obj.__self__, name, args), f"{name}() would build a value")
        meter.enter()
        try:
            result = super().call(context, obj, *args, **kwargs)
        except RecursionError:
            raise TEMPLATE_DEPTH.exceeded("calls nest deeper than Python can follow") from None
        finally:
            meter.depth -= 1
        return self._built(result, f"{name or 'a call'}()")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map` through a formatter that sizes every field first."""
        if super().wrap_str_format(value) is None:
            return None
        text: str = value.__self__
        formatter = (CheckedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
                     else CheckedFormatter(self))
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if not is_map:
                return type(text)(formatter.vformat(text, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return type(text)(formatter.vformat(text, (), args[0]))

        return functools.update_wrapper(wrapper, value)

    def get_template(self, name: str | Template, parent: str | None = None,
                     globals: Any = None) -> Template:
        return self._metered(super().get_template(name, parent, globals))

    def select_template(self, names: Iterable[str | Template], parent: str | None = None,
                        globals: Any = None) -> Template:
        return self._metered(super().select_template(names, parent, globals))

    # -- helpers ---------------------------------------------------------------------------
    def _built(self, value: Any, what: str) -> Any:
        self.meter.spend(check_built(value, f"{what} built a value"))
        return value

    def _metered(self, template: Template) -> Template:
        """`template`, whose renders (as the main template, included, imported or extended) nest."""
        render = template.root_render_func
        if getattr(render, "metered", False):
            return template
        meter = self.meter

        def metered(context: Any) -> Iterator[str]:
            meter.enter()
            try:
                yield from render(context)
            finally:
                meter.depth -= 1

        metered.metered = True  # type: ignore[attr-defined]
        template.root_render_func = metered
        return template

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        try:
            count = len(numbers)
        except OverflowError:
            count = abs(numbers.stop - numbers.start) // abs(numbers.step)
        TEMPLATE_ITEMS.check(count, "range() would count numbers")
        return numbers

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        TEMPLATE_VALUE.check(12 * n * (max if max > min else min), "lipsum() would write characters")
        return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))

    def _bounded(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """Filter `func`, sized before it runs: its size arguments, and what it would write."""
        skip = 1 if getattr(func, "jinja_pass_arg", None) else 0
        text = name not in STRUCTURAL
        meter = self.meter

        @functools.wraps(func)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            meter.step()
            value, rest = (args[skip], args[skip + 1:]) if len(args) > skip else (None, ())
            if name in SIZED:
                check_sizes(name, (*rest, *kwargs.values()))
            if name in ("join", "sum") and not isinstance(value, (list, tuple)):
                value = listed(value)
                args = (*args[:skip], value, *rest)
            if text:
                size = text_size(name, value)
                TEMPLATE_VALUE.check(size, f"|{name} reads a value")
                meter.spend(size)
                TEMPLATE_VALUE.check(estimate_filter(name, value, rest, kwargs, size),
                                     f"|{name} would build a value")
            else:
                meter.spend(read_cost(value))
                if name == "sum" and isinstance(value, Iterable):
                    TEMPLATE_ITEMS.check(sum(len(item) for item in value if isinstance(item, CONTAINERS)),
                                         "|sum would build a list")
            try:
                result = func(*args, **kwargs)
            except AssertionError as exc:  # Jinja checks some arguments with assert
                raise TemplateRuntimeError(f"|{name}: {exc}") from None
            return self._built(result, f"|{name}")

        return bounded


def render_reason(exc: BaseException) -> str:
    """What went wrong in a render, in the exception's words (or its kind when it has none)."""
    if isinstance(exc, MemoryError):
        return "it ran out of memory"
    if isinstance(exc, OverflowError) or "max_str_digits" in str(exc):
        return f"a number too large to compute or write ({type(exc).__name__})"
    return str(exc) or type(exc).__name__


def template_where(exc: BaseException, templates_dir: Path, main: str) -> tuple[str, int | None]:
    """The template file and line a render error came from: the innermost frame of a template
    in `templates_dir` (an included one, when the error is there), else `main`."""
    root = os.path.realpath(templates_dir) + os.sep
    where: tuple[str, int | None] = (main, getattr(exc, "lineno", None))
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if not name.startswith("<") and os.path.realpath(name).startswith(root):
            where = (os.path.realpath(name), lineno)
    return where
