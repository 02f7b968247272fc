"""Word (.docx): a document read into the tree, the way Word would show it.

The package is opened by hand with `zipfile` and a hardened lxml parser (see
`_safety`), `word/document.xml` is streamed paragraph by paragraph (`_body`),
automatic list numbers are replayed from `word/numbering.xml` (`_numbering`),
and the paragraphs, one line each with their visible numbers, go through the
plain-text reader, so a .docx and its text export give the same tree. Headings (a
"Heading N" style or an outline level, on the paragraph or up its style chain) reach it as
Markdown headings of their level, and the heading words it knows (`drafting.words`, every
language) are the ones recognised here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from lxml import etree

from drafting import words
from drafting.errors import DraftingError
from drafting.model import ATTACHMENTS, Document, Point, body_and_attachments
from drafting.readers.docx._body import P, TBL, TOP, Block, Body, Para, Table, joined
from drafting.readers.docx._numbering import Numbering, Styles
from drafting.readers.docx._safety import Package

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_STRICT = b"purl.oclc.org/ooxml/wordprocessingml/main"
_WORD = rf"(?:{words.WORD_PATTERN})"
#: A unit's heading word and number, as written or drawn by a numbering level: "Article 5",
#: "CHAPITRE II", "Стаття 3", "Art. 5 bis", "§ 4".
_LABEL = re.compile(rf"(?P<word>{_WORD})(?:\s+|(?<=[.§])\s*)(?P<number>{words.NUMBER_PATTERN})",
                    re.IGNORECASE)
#: A table cell that holds only a number: "5", "5.", "(a)", "iv)", "Article 3".
_NUMBER_CELL = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?|\(?(?:[a-z]{1,3}|[ivxlcdm]{1,6})[.)]"
                          r"|\((?:\d{1,3}|[a-z]{1,3}|[ivxlcdm]{1,6})\)|[a-z]|[IVXLCDM]{1,8}[.)]?")
_BARE_LETTERS = re.compile(r"[a-z]")
#: A line the text reader takes as a unit start other than an article: keep it plain.
_UNIT_START = re.compile(r"(?:\d|\(|[-*\u2022]\s|[IVXLCDM]{1,8}[.)]|[a-z]{1,6}[.)])")
#: A number typed before a bold heading: "4.", "(a)", "ii)", "IV.", "2.1", "-".
_LITERAL_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\s?[.)]?|\([0-9a-z]{1,6}\)|[a-z]{1,6}[.)]"
                             r"|[IVXLCDM]{1,8}[.)]|[-*\u2022]")
#: A line that starts with a heading word ("Article 3", "ANNEX", "Глава 2").
_WORD_START = re.compile(rf"{_WORD}(?=[\s\d]|$)", re.IGNORECASE)
#: "Article 5 Collective defence" in a heading: the number, then the heading with no separator.
_LABEL_HEADING = re.compile(rf"(?P<label>{_LABEL.pattern})\s+(?P<rest>\w.*)", re.IGNORECASE)
#: Divisions that end a text after its closing lines.
#: Markdown has six levels of heading; the Title is the first.
_DEEPEST = 6
_SPACES = re.compile(r"[ \t\r\n]+")
_TRACKED = "the document has tracked changes; read with all changes {}"
_OTHER_FORMATS = (("xl/workbook.xml", "an Excel workbook"),
                  ("ppt/presentation.xml", "a PowerPoint presentation"),
                  ("content.xml", "an OpenDocument file (.odt)"))


def read_docx(data: bytes, *, source: str = "", rejected: bool = False) -> Document:
    """Read a Word document into a `Document`, its tracked changes accepted (or `rejected`).

    `source` names the file in `Meta.source` and in errors ("" when unknown).
    Automatic list numbers are read as Word draws them; a table of (number,
    text) rows reads as numbered paragraphs. When the document has tracked
    changes, a note in `Meta.extra` says which view was read. Raises
    `DraftingError` for a file that is not a Word document, is damaged,
    password-protected, or built to exhaust the reader (zip bombs, entities).
    """
    body = Body(rejected)
    with _opened(data, source) as (package, main, rels, styles, numbering):
        title, lines, closing = _lines(_top_blocks(package, main, body), numbering, styles)
        core = _optional(package, rels.get("core"))
    if not lines and not title:
        raise DraftingError("the Word document has no text", path=source or None,
                            hint="check that this is the right file; text in text boxes, "
                                 "headers, footers and comments is not read")
    if title:
        lines.insert(0, f"# {title}")
    from drafting.readers.text import read_text

    doc = _with_closing(read_text("\n\n".join(lines), source=source), tuple(closing))
    if not doc.title:
        fallback = core.findtext(_DC_TITLE) if core is not None else None
        doc = replace(doc, title=" ".join((fallback or "").split()))
    if body.revised:
        note = ("note", _TRACKED.format("rejected" if rejected else "accepted"))
        doc = doc.with_meta(extra=(*doc.meta.extra, note))
    return doc


def paragraph_lines(data: bytes, *, source: str = "", marks: str = "") -> list[str]:
    """The text of a Word file paragraph by paragraph (tables row by row), as the reader sees it:
    tracked changes accepted, list numbers as Word draws them, a bold heading after a number as
    "**Heading.**". A character of `marks` (a quotation mark) before such a number is set aside
    while the heading is read, so "“2. **Heading.**" keeps both. The file is checked as
    `read_docx` checks it."""
    lines: list[str] = []
    with _opened(data, source) as (package, main, _rels, styles, numbering):
        for block in joined(_top_blocks(package, main, Body(False))):
            if isinstance(block, Table):
                lines += _table_lines(block, numbering, styles)
                continue
            mark, bold = block.text[:1], block.bold
            if mark and mark in marks and bold is not None:
                block = replace(block, text=block.text[1:], bold=(max(bold[0] - 1, 0), bold[1] - 1))
            else:
                mark = ""
            found = _para_lines(block, numbering)
            lines += [mark + found[0], *found[1:]] if found else [mark] if mark else []
    return lines


@contextmanager
def _opened(data: bytes, source: str) -> Iterator[tuple[Package, str, dict[str, str], Styles, Numbering]]:
    """The checked package, its main part, the main part's relations, styles and numbering;
    the package closed after."""
    package = Package(data, source)
    try:
        main = _main_part(package)
        rels = _relations(package, main)
        styles = Styles(_optional(package, rels.get("styles")))
        yield package, main, rels, styles, Numbering(_optional(package, rels.get("numbering")), styles)
    finally:
        package.close()


def _main_part(package: Package) -> str:
    """The name of the main document part, or why this zip is not a Word document."""
    main = "word/document.xml"
    if "_rels/.rels" in package.names:
        for rel in package.xml("_rels/.rels").iter(_REL):
            if rel.get("Type", "").endswith("/officeDocument"):
                main = rel.get("Target", main).lstrip("/")
                break
    if main not in package.names or "[Content_Types].xml" not in package.names:
        what = next((name for part, name in _OTHER_FORMATS if part in package.names),
                    "a zip archive")
        raise package.error(f"this is {what}, not a Word document (it has no {main})",
                            "give a .docx saved by Word or LibreOffice; other formats can be "
                            "saved as .docx or exported as text first")
    head = package.stream(main).read(4096)
    if _STRICT in head:
        raise package.error("this .docx is saved as Strict Open XML, which is not read",
                            "save it again choosing \"Word Document (*.docx)\", not "
                            "\"Strict Open XML Document\"")
    return main


def _relations(package: Package, main: str) -> dict[str, str]:
    """The parts the reader wants, by short name: styles, numbering, core properties."""
    found = {"styles": posixpath.join(posixpath.dirname(main), "styles.xml"),
             "numbering": posixpath.join(posixpath.dirname(main), "numbering.xml"),
             "core": "docProps/core.xml"}
    name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    for rels, base in ((name, posixpath.dirname(main)), ("_rels/.rels", "")):
        if rels not in package.names:
            continue
        for rel in package.xml(rels).iter(_REL):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if kind in ("styles", "numbering", "core-properties") and target and \
                    rel.get("TargetMode") != "External":
                path = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(base, target))
                found["core" if kind == "core-properties" else kind] = path
    return found


def _optional(package: Package, name: str | None) -> etree._Element | None:
    """A part parsed, or None when the package does not have it."""
    if name is None or name not in package.names:
        return None
    return package.xml(name)


def _top_blocks(package: Package, main: str, body: Body) -> Iterator[Block]:
    """The body's paragraphs and tables in order, each freed once read (big files stay small)."""
    for element in package.iterparse(main, (P, TBL)):
        parent = element.getparent()
        if parent is None or any(a.tag not in TOP for a in element.iterancestors()):
            continue  # inside a table cell or a text box: read with its table, or not at all
        if element.tag == P:
            yield body.paragraph(element)
        else:
            yield body.table(element)
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


def _lines(blocks: Iterator[Block], numbering: Numbering,
           styles: Styles) -> tuple[str, list[str], list[str]]:
    """The title (from a Title-style paragraph), one text line per paragraph with its number,
    headings as Markdown headings of their level, and the lines in the closing style of this
    package's Word writer (kept when only annexes and the like follow them)."""
    title = ""
    lines: list[str] = []
    closing: list[str] = []
    closed = False
    parties: list[str] = []
    for block in joined(blocks):
        if isinstance(block, Table):
            lines.extend(_table_lines(block, numbering, styles))
            continue
        role = styles.role(block.style)
        level = styles.level(block.style, block.outline)
        heading = level is not None or role == "heading" and block.outline is None
        found = _para_lines(block, numbering, heading=heading)
        if not found:
            continue
        if role == "parties":  # one paragraph per party: the text reader's "Parties:" line
            if not parties:
                lines.append("")
            parties.extend(found)
            lines[-1] = "Parties: " + "; ".join(parties)
            continue
        parties = []
        if role == "closing" and not closed:
            closing.extend(found)
        elif closing and not closed:
            if heading and _attachment(found[0]):
                closed = True  # the annexes after the closing lines
            else:
                closing.clear()  # not at the end after all
        if role == "title" and not title:
            title = " ".join(found)
        elif heading and (_WORD_START.match(found[0]) or not _UNIT_START.match(found[0])):
            marks = "#" * min(level + 1, _DEEPEST) if level else "##"
            lines.extend(f"{marks} {line}" for line in found)  # the text reader takes it as a heading
        else:
            lines.extend(found)
    return title, lines, closing


def _attachment(line: str) -> bool:
    """True when `line` starts an annex, appendix, protocol or schedule."""
    found = _WORD_START.match(line)
    kind = words.kind_of(found[0]) if found else None
    return kind is not None and kind[0] in ATTACHMENTS


def _with_closing(doc: Document, closing: tuple[str, ...]) -> Document:
    """The document with the paragraphs Word styled as closing lines moved out of the last unit
    of the body (before any annexes that end the document).

    The text reader knows a closing only by its words ("Done at ..."); the style says it for sure.
    """
    if not closing or doc.closing == closing or closing[len(closing) - len(doc.closing):] != doc.closing:
        return doc
    tail = closing[: len(closing) - len(doc.closing)]
    body, attachments = body_and_attachments(doc.points)
    points = _drop_tail(body, tail)
    return doc if points is None else replace(doc, points=(*points, *attachments), closing=closing)


def _drop_tail(points: tuple[Point, ...], tail: tuple[str, ...]) -> tuple[Point, ...] | None:
    """`points` with `tail` taken off the end of the last paragraphs, or None if they are not there."""
    if not points:
        return None
    last = points[-1]
    if last.children:
        children = _drop_tail(last.children, tail)
        return None if children is None else (*points[:-1], replace(last, children=children))
    if len(last.paragraphs) < len(tail) or last.paragraphs[len(last.paragraphs) - len(tail):] != tail:
        return None
    return (*points[:-1], replace(last, paragraphs=last.paragraphs[: len(last.paragraphs) - len(tail)]))


def _para_lines(para: Para, numbering: Numbering, *, heading: bool = False) -> list[str]:
    """A paragraph's text with the number Word shows, spaces collapsed; [] when both are empty.

    A unit's number and the heading Word shows beside it ("Article 3" and "Scope") become two
    lines, as the text reader expects; a heading's number over its name on the next line of
    the same paragraph ("Chapter 3", a line break, "Rules of Origin") becomes one line
    "Chapter 3: Rules of Origin".
    """
    number = numbering.label(para.style, para.num_id, para.ilvl)
    raw = _bold_heading(para, bool(number)).strip()
    first, _, rest = raw.partition("\n")
    if heading and rest.strip() and (_LABEL.fullmatch(first.strip()) or words.kind_of(first.strip())):
        raw = f"{first.strip()}: {rest}"  # "Chapter 3" or an unnumbered "PROTOCOL" over its name
    text = _SPACES.sub(" ", raw).strip()
    if not number:
        head = _LABEL_HEADING.fullmatch(text) if heading and not _LABEL.fullmatch(text) else None
        return [head["label"], head["rest"]] if head else [text] if text else []
    if text and _LABEL.fullmatch(number):
        return [number, text]
    return [f"{number} {text}".strip()]


def _bold_heading(para: Para, numbered: bool) -> str:
    """The text with a bold lead-in after the number ("4. **Moves.** Text") marked as Markdown
    bold, which the text reader takes as the point's heading, as it does in Markdown."""
    if para.bold is None:
        return para.text
    start, end = para.bold
    before, lead, after = para.text[:start].strip(), para.text[start:end].strip(), para.text[end:]
    if not (lead.endswith(".") and "*" not in lead and len(lead) <= 120 and after.strip()):
        return para.text
    if not (before == "" and numbered or _LITERAL_MARKER.fullmatch(before)):
        return para.text
    return f"{before} **{lead}** {after.lstrip()}"


def _table_lines(table: Table, numbering: Numbering, styles: Styles) -> list[str]:
    """A table in reading order; a row of (number, text) cells becomes one numbered line."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[list[str]] = []
        for cell in row:
            cell_lines: list[str] = []
            for block in joined(cell):
                if isinstance(block, Table):
                    cell_lines.extend(_table_lines(block, numbering, styles))
                else:
                    cell_lines.extend(_para_lines(block, numbering))
            if cell_lines:
                cells.append(cell_lines)
        if len(cells) == 2 and len(cells[0]) == 1 and _number_cell(cells[0][0]):
            first, *rest = cells[1]
            lines.extend([f"{_number(cells[0][0])} {first}", *rest])
        else:
            lines.extend(line for cell in cells for line in cell)
    return lines


def _number_cell(cell: str) -> bool:
    """True when a table cell holds only a number or a unit's label."""
    return bool(_NUMBER_CELL.fullmatch(cell) or _LABEL.fullmatch(cell))


def _number(cell: str) -> str:
    """A bare number cell written as the text reader knows it: "5" → "5.", "a" → "(a)"."""
    if cell.isdigit():
        return f"{cell}."
    if _BARE_LETTERS.fullmatch(cell):
        return f"({cell})"
    if re.fullmatch(r"[IVXLCDM]{1,8}", cell):
        return f"{cell}."
    return cell

