"""Markdown: drafts as readable Markdown, redlines in CriticMarkup.

A minor change (a reference that only follows a renumbering, a difference of case or
typography the user chose to ignore) keeps both texts and is followed by a CriticMarkup
comment that says so: `{~~3~>4~~}{>>reference update<<}`.
"""

from __future__ import annotations

from drafting.diff.redline import DELETE, EQUAL, INSERT, Marks, Ops, PointDiff, Redline, marked, summarize
from drafting.model import Document, PARA_SEP, Path, Point, body_and_attachments
from drafting.writers._brackets import changes, open_places
from drafting.writers._shared import (
    MINOR_NAMES,
    Sides,
    heading_line,
    marker,
    meta_pairs,
    minor_counts,
    old_path,
    side_names,
    status_line,
    titled,
    updated,
)


def _point_lines(point: Point, language: str, level: int = 2, indent: str = "") -> list[str]:
    """A unit's lines; a division or an article is a heading of `level` (capped at six `#`)."""
    lines: list[str] = []
    if point.kind == "article" or point.is_division:
        lines += [f"{'#' * min(level, 6)} {heading_line(point, language)}", ""]
        lines += [line for para in point.paragraphs for line in (para, "")]
        for child in point.children:
            lines += _point_lines(child, language, level + 1)
        return lines
    mark = marker(point, language)
    lead = f"{indent}{mark} " if mark else indent
    pad = indent + " " * len(mark + " ") if mark else indent
    first, *rest = point.paragraphs or ("",)
    heading = f"**{point.heading}.** " if point.heading else ""
    lines += [f"{lead}{heading}{first}".rstrip(), ""]
    lines += [line for para in rest for line in (f"{pad}{para}", "")]
    for child in point.children:
        lines += _point_lines(child, language, level + 1, pad)
    return lines


def document(doc: Document) -> str:
    """The draft as Markdown: a metadata comment, title, parties, preamble, points, closing, annexes.

    Divisions are headings one level per depth under the `#` title, articles one
    level below their division.
    """
    language = doc.meta.language
    body, attachments = body_and_attachments(doc.points)
    lines: list[str] = []
    pairs = meta_pairs(doc)
    if pairs:
        lines += ["<!-- treaty-drafting: " + "; ".join(f"{k}={v}" for k, v in pairs) + " -->", ""]
    if doc.title:
        lines += [f"# {doc.title}", ""]
    status = status_line(doc.meta)
    if status:
        lines += [f"*{status}*", ""]
    if doc.parties:
        lines += ["Parties: " + "; ".join(doc.parties), ""]
    lines += [line for para in doc.preamble for line in (para, "")]
    for point in body:
        lines += _point_lines(point, language)
    lines += [line for para in doc.closing for line in (para, "")]
    for point in attachments:
        lines += _point_lines(point, language)
    return "\n".join(lines).rstrip() + "\n"


def critic(ops: Ops, marks: Marks = ()) -> str:
    """Word operations in CriticMarkup: {++ ++}, {-- --}, and {~~ old~>new ~~} for a replacement;
    a minor one is followed by a comment naming it, {>>reference update<<}."""
    out: list[str] = []
    runs = marked(ops, marks)
    i = 0
    while i < len(runs):
        op, text, mark = runs[i]
        text = text.replace(PARA_SEP, "\n\n")
        if op == EQUAL:
            out.append(text)
        elif op == DELETE and i + 1 < len(runs) and runs[i + 1][0] == INSERT and runs[i + 1][2] == mark:
            out.append(f"{{~~{text}~>{runs[i + 1][1].replace(PARA_SEP, chr(10) * 2)}~~}}")
            i += 1
        else:
            out.append(f"{{++{text}++}}" if op == INSERT else f"{{--{text}--}}")
        if op != EQUAL and mark:
            out.append(f"{{>>{MINOR_NAMES[mark]}<<}}")
        i += 1
    return "".join(out)


def _title(d: PointDiff, sides: Sides) -> str:
    """What names a pair in its heading: "Chapter 3: name", "Article 5", "Point 5", "a", "Paragraph"."""
    point = d.new or d.old
    assert point is not None
    if point.is_division:
        return titled(sides.mark(d), critic(d.heading, d.heading_marks))
    number = d.new_label or d.old_label
    noun = {"point": "Point", "paragraph": "Paragraph"}.get(point.kind, "")
    word = sides.mark(d) if point.kind == "article" else f"{noun} {number}".strip() if number else ""
    return word or noun or "Paragraph"


def _pair_md(d: PointDiff, sides: Sides, here: Path | None, depth: int = 0) -> list[str]:
    tag = "; ".join(t for t in (sides.tag(d, here, changed_too=False), updated(d)) if t)
    lines = [f"{'#' * min(3 + depth, 6)} {_title(d, sides)} *({tag})*", ""]
    if d.brackets:
        lines += [f"*{changes(d)}*", ""]
    if d.heading and not d.is_division:
        lines += [f"**{critic(d.heading, d.heading_marks)}**", ""]
    if d.body:
        lines += [critic(d.body, d.body_marks), ""]
    for child in d.children:
        lines += _pair_md(child, sides, old_path(d), depth + 1)
    return lines


def redline(rl: Redline, *, summary_only: bool = False) -> str:
    """The redline as Markdown with CriticMarkup, a summary table first."""
    s = summarize(rl)
    old, new = side_names(rl)
    lines = [f"# Redline: {old} → {new}", "", "| points | count |", "| --- | ---: |"]
    lines += [f"| {status} | {n} |" for status, n in s.points]
    lines += ["", f"Words inserted: {s.words_inserted}; deleted: {s.words_deleted}.", ""]
    places = open_places(s)
    if places:
        lines += [f"{places[0].upper()}{places[1:]}.", ""]
    minor = minor_counts(s)
    if minor:
        lines += [f"Not counted: {'; '.join(minor)}. Each keeps both texts and is followed by "
                  "`{>>reference update<<}` (a reference that follows a renumbering) or "
                  "`{>>ignored: case<<}` / `{>>ignored: typography<<}` (a difference you chose to ignore).", ""]
    lines += [f"> {note}" for note in rl.notes]
    if summary_only:
        return "\n".join(lines).rstrip() + "\n"
    for name in ("title", "parties", "preamble"):
        lines += _front(rl, name)
    lines += ["## Points", ""]
    sides = Sides.of(rl)
    for d in rl.points:
        lines += _pair_md(d, sides, ())
    lines += _front(rl, "closing")
    return "\n".join(lines).rstrip() + "\n"


def _front(rl: Redline, name: str) -> list[str]:
    """The title, parties, preamble or closing (`name`) in CriticMarkup, under its heading."""
    ops: Ops = getattr(rl, name)
    return [f"## {name.capitalize()}", "", critic(ops, rl.marks_of(name)), ""] if ops else []
