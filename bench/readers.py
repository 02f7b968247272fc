"""Reader accuracy: how well `drafting.readers.text.read_text` reads agreements as published.

    .venv/bin/python bench/readers.py [--seed 1] [--out FILE] [--verbose]
                                      [--shapes ...] [--styles ...] [--no-corpus]

Generated agreements (`readers_gen.py`), laid out here in every publication style
that fits them, and the published texts of ../shared/corpus against the labels and
counts in `readers-truth/`, are read once each and scored (`readers_score.py`).
Prints one table a style and writes them to bench/readers-results.md. Never run in
CI; a reader that raises scores nothing for that text and the error is reported.
The layouts are written here, not by the project's writers, so that the writers'
habits cannot leak into the test.
"""

from __future__ import annotations

import argparse
import random
import shlex
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(1, str(ROOT))

from drafting.model import Document, Point  # noqa: E402
from readers_gen import EN, FR, SHAPES, UK, Lang, build  # noqa: E402
from readers_score import Expect, Score, load_truth, norm, score  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
TRUTH = HERE / "readers-truth"
RESULTS = HERE / "readers-results.md"
#: Mismatches listed per style unless --verbose, taken in turn from each shape.
SHOWN = 8


# --- styles: the text ------------------------------------------------------------------

_ARTICLES = ("flat", "roman", "words", "bis", "trade", "uk", "fr")
#: Each style and the shapes it applies to. `wrapped`, `crlf` and `pagebreaks` lay a shape
#: out in its home style (`separate`; `numbered` for the plan) and then change the lines.
STYLES: dict[str, tuple[str, ...]] = {
    "separate": _ARTICLES, "colon": _ARTICLES, "dash": _ARTICLES,
    "inline": ("flat", "roman", "words", "bis", "uk", "fr"), "upper": _ARTICLES,
    "decimal": ("trade",), "numbered": ("plan",),
    "markdown": SHAPES, "wrapped": SHAPES, "crlf": SHAPES, "pagebreaks": SHAPES}
_MODIFIERS = ("wrapped", "crlf", "pagebreaks")
WIDTH = 60

_Block = tuple[bool, list[str]]  # (a paragraph of text, its lines); False for heading lines


@dataclass(frozen=True)
class Case:
    """One agreement in one style: the text as published, the truth, the page marks put in."""

    shape: str
    style: str
    text: str
    truth: Document
    marks: tuple[str, ...] = ()


def cases(seed: int, shapes: tuple[str, ...] = SHAPES,
          styles: tuple[str, ...] = tuple(STYLES)) -> list[Case]:
    """Every (shape, style) pair that makes sense, the same for the same seed."""
    out: list[Case] = []
    for shape in shapes:
        doc = build(shape, random.Random(f"{seed}/{shape}"))
        out.extend(render(shape, style, doc, random.Random(f"{seed}/{shape}/{style}"))
                   for style in styles if shape in STYLES[style])
    return out


def render(shape: str, style: str, doc: Document, rng: random.Random) -> Case:
    """`doc` laid out in `style`, with the truth as a reader can know it from that text."""
    base = ("numbered" if shape == "plan" else "separate") if style in _MODIFIERS else style
    shown = _restyle(doc, base)
    truth = _bare_decimals(shown) if base == "decimal" else shown
    lang = {"uk": UK, "fr": FR}.get(doc.meta.language, EN)
    blocks: list[_Block] = []
    if truth.title:
        blocks.append((False, [f"# {truth.title}" if base == "markdown" else truth.title]))
    blocks.extend((True, [p]) for p in truth.preamble)
    for point in shown.points:
        _unit(point, base, lang, 0, 0, blocks)
    blocks.extend((True, [c]) for c in truth.closing)
    marks: list[str] = []
    if style == "wrapped":
        blocks = [(text, [w for line in lines for w in textwrap.wrap(
            line, WIDTH, break_long_words=False, break_on_hyphens=False)] if text else lines)
            for text, lines in blocks]
    elif style == "pagebreaks":
        blocks = _page_breaks(blocks, rng, marks)
    eol = "\r\n" if style == "crlf" else "\n"
    return Case(shape, style, (eol * 2).join(eol.join(lines) for _, lines in blocks) + eol,
                truth, tuple(marks))


def _bare_decimals(doc: Document) -> Document:
    """`decimal` writes articles as bare numbered headings ("3.1 Name") with no heading word,
    which a reader rightly takes as numbered points."""
    def bare(p: Point) -> Point:
        kind = "point" if p.kind == "article" and "." in p.label else p.kind
        return replace(p, kind=kind, children=tuple(map(bare, p.children)))

    return replace(doc, points=tuple(map(bare, doc.points)))


def _restyle(doc: Document, base: str) -> Document:
    """What survives the layout: `upper` writes names and number words in capitals,
    `inline` writes no article names and its number words in capitals."""
    if base not in ("upper", "inline"):
        return doc

    def fix(p: Point) -> Point:
        if not (p.is_division or p.kind == "article"):
            return p
        label = p.label if any(ch.isdigit() for ch in p.label) else p.label.upper()
        heading = p.heading.upper() if base == "upper" else p.heading
        if base == "inline" and p.kind == "article":
            heading = ""
        return replace(p, label=label, heading=heading, children=tuple(map(fix, p.children)))

    return replace(doc, points=tuple(map(fix, doc.points)))


def _unit(p: Point, base: str, lang: Lang, depth: int, level: int, out: list[_Block]) -> None:
    """Append the blocks of `p` and its children; `level` counts the sub-point levels."""
    if p.kind == "article" or p.is_division:
        head = _heading(p, base, lang, depth)
        paras = list(p.paragraphs)
        if base == "inline" and p.kind == "article" and paras:
            out.append((True, [f"{head[0]} {paras.pop(0)}"]))
        else:
            out.append((False, head))
        out.extend((True, [q]) for q in paras)
        for child in p.children:
            _unit(child, base, lang, depth + 1, 0, out)
        return
    pad = "   " * level if base == "markdown" else ""
    first, *rest = p.paragraphs or ("",)
    marker = f"({p.label})" if p.kind == "sub" else f"{p.label}."
    out.append((True, [f"{pad}{marker} {first}".rstrip()]))
    out.extend((True, [pad + q]) for q in rest)
    for child in p.children:
        _unit(child, base, lang, depth + 1, level + 1, out)


def _heading(p: Point, base: str, lang: Lang, depth: int) -> list[str]:
    """The heading lines of a division or an article in `base` style."""
    word = lang.words[p.kind]
    if base in ("upper", "inline") or p.is_division and base in ("separate", "decimal"):
        word = word.upper()
    num = p.label if base == "decimal" and "." in p.label else f"{word} {p.label}"
    name = p.heading
    if not name:
        lines = [num]
    elif base in ("colon", "markdown"):
        lines = [f"{num}: {name}"]
    elif base == "dash":
        lines = [f"{num} \u2013 {name}"]
    elif base == "decimal" and "." in p.label:
        lines = [f"{num} {name}"]
    else:
        lines = [num, name]
    return ["#" * (depth + 2) + " " + lines[0]] if base == "markdown" else lines


def _page_breaks(blocks: list[_Block], rng: random.Random, marks: list[str]) -> list[_Block]:
    """Archive page marks between paragraphs: `[Page N]` or a lone number; the first one
    right after the first recital, so a polluted preamble shows."""
    page = rng.randint(2, 400)
    out: list[_Block] = []
    for i, block in enumerate(blocks):
        out.append(block)
        if block[0] and i + 1 < len(blocks) and (not marks or rng.random() < 0.25):
            mark = f"[Page {page}]" if rng.random() < 0.5 else str(page)
            marks.append(mark)
            out.append((False, [mark]))
            page += 1
    return out


# --- running ---------------------------------------------------------------------------

Rows = list[tuple[str, Score]]


def _read(text: str, source: str) -> tuple[Document | None, str]:
    """The reader's document, or None and why it failed."""
    from drafting.readers.text import read_text

    try:
        return read_text(text, source=source), ""
    except Exception as exc:  # a failing reader is a result to report, not a crash
        return None, f"{type(exc).__name__}: {norm(str(exc))[:120]}"


def run_generated(seed: int, shapes: Sequence[str], styles: Sequence[str]) -> dict[str, Rows]:
    """Each style's rows: every shape it applies to, read and scored."""
    results: dict[str, Rows] = {style: [] for style in styles}
    for case in cases(seed, tuple(shapes), tuple(styles)):
        got, error = _read(case.text, f"{case.shape}-{case.style}.txt")
        results[case.style].append((case.shape, score(Expect(case.truth, case.marks), got, error)))
    return {style: rows for style, rows in results.items() if rows}


def run_corpus() -> tuple[Rows, list[str]]:
    """Each published text that has a truth file, read once and scored; notes on the rest."""
    if not CORPUS.is_dir():
        return [], [f"skipped: {CORPUS} not found"]
    rows: Rows = []
    notes = []
    covered = set()
    for path in sorted(TRUTH.glob("*.truth")):
        name, expect = load_truth(path)
        covered.add(name)
        text = CORPUS / name
        if not text.is_file():
            notes.append(f"skipped: {name} not in {CORPUS}")
            continue
        got, error = _read(text.read_text(encoding="utf-8"), str(text))
        rows.append((name.removesuffix(".txt"), score(expect, got, error)))
    notes.extend(f"no truth file for {p.name}" for p in sorted(CORPUS.glob("*.txt"))
                 if p.name not in covered)
    return rows, notes


# --- the report ------------------------------------------------------------------------

_SUMMED = ("units", "units_exact", "divisions", "divisions_exact", "false", "marks")
_HEAD = ("| {} | units exact | divisions exact | false | front | page marks | % |\n"
         "| --- | ---: | ---: | ---: | :---: | ---: | ---: |")


def _row(name: str, scores: list[Score]) -> str:
    """One table row for one text, or the sums over several (the front then counted)."""
    t = Score(**{f: sum(getattr(s, f) for s in scores) for f in _SUMMED})
    fronts = sum(s.front for s in scores)
    cells = [name, f"{t.units_exact}/{t.units}",
             f"{t.divisions_exact}/{t.divisions}" if t.divisions else "–", str(t.false),
             ("✓" if fronts else "✗") if len(scores) == 1 else f"{fronts}/{len(scores)}",
             str(t.marks), f"{t.percent:.1f}" if t.units + t.divisions else "–"]
    return "| " + " | ".join(cells) + " |"


def _listed(rows: Rows, verbose: bool) -> list[str]:
    """The mismatches to show: all, or `SHOWN` taken in turn from each shape that has some."""
    ranked = sorted((k, i, f"- {name}: {m}") for i, (name, s) in enumerate(rows)
                    for k, m in enumerate(s.mismatches))
    kept = ranked if verbose else ranked[:SHOWN]
    lines = [line for _, _, line in sorted(kept, key=lambda r: (r[1], r[0]))]
    left = len(ranked) - len(lines)
    return lines + [f"- … {left} more (--verbose lists all)"] if left else lines


def report(results: dict[str, Rows], corpus: Rows, notes: list[str], *, command: str,
           verbose: bool) -> str:
    """The Markdown report: totals by style, then a table and the mismatches for each style."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Reader accuracy: `drafting.readers.text.read_text`", "",
           f"`{command}` ({when})", "",
           "A unit (article or point) is exact when the reader gives one with the same label, "
           "kind family, name, division path (labels), text (whitespace-normalised, sub-units "
           "included) and the same labels of numbered paragraphs and sub-points beneath it. "
           "A division is exact when its kind, label, name and the labels of the units it holds "
           "match. *false*: units and divisions read that do not exist. *front*: title, preamble "
           "and closing lines as expected, and every party read named in the title or preamble. "
           "*page marks*: archive page marks left anywhere in what was read. The corpus is scored "
           "by labels, kinds and counts only (paragraphs, preamble lines, parties).", "",
           "## Totals", "", _HEAD.format("style")]
    groups = [(style, rows) for style, rows in results.items()]
    if corpus:
        groups.append(("corpus", corpus))
    out.extend(_row(style, [s for _, s in rows]) for style, rows in groups)
    out.append(_row("**all**", [s for _, rows in groups for _, s in rows]))
    for style, rows in groups:
        out.extend(["", f"## {style}", "", _HEAD.format("shape" if style != "corpus" else "text")])
        out.extend(_row(name, [s]) for name, s in rows)
        shown = _listed(rows, verbose)
        if shown:
            out.extend(["", "Mismatches (expected -> got):", "", *shown])
    if notes:
        out.extend(["", "## Notes", "", *(f"- {n}" for n in notes)])
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report file")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--styles", nargs="+", choices=list(STYLES), default=list(STYLES))
    parser.add_argument("--no-corpus", action="store_true", help="leave the published texts out")
    args = parser.parse_args(argv)
    try:  # a reader that cannot be imported has read nothing, right or wrong: say so and stop
        import drafting.readers.text  # noqa: F401
    except Exception as exc:
        print(f"cannot import the reader: {type(exc).__name__}: {exc} "
              "(run with the project's .venv/bin/python)", file=sys.stderr)
        return 2
    results = run_generated(args.seed, args.shapes, args.styles)
    corpus, notes = ([], ["corpus left out (--no-corpus)"]) if args.no_corpus else run_corpus()
    command = shlex.join(["python", "bench/readers.py", *(sys.argv[1:] if argv is None else argv)])
    text = report(results, corpus, notes, command=command, verbose=args.verbose)
    print(text, end="")
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
