"""An amending protocol as Word: numbered instructions, the new text quoted in a style of its own.

The items are laid out by `_layout.body`, as in the Markdown and plain-text protocols, so the
three say the same; here its numbered and lettered lines become paragraphs in the treaty styles
with their numbers typed (not Word's list numbering: the text reads the same in every program,
and `read_protocol_docx` reads it back), and each quoted block becomes "Quoted Text" paragraphs
opened with “ and closed with ”. The package is the draft writer's (`drafting.writers.docx`):
its styles, page, header and fixed zip dates, so the same protocol gives the same bytes.
"""

from __future__ import annotations

import re

from drafting.amend import Protocol
from drafting.writers.docx import _when, moment
from drafting.writers.docx import _styles as st
from drafting.writers.docx._parts import Core, package
from drafting.writers.docx._revisions import EQUAL, Stream, body_xml
from drafting.writers.protocol._layout import body, opening, title_of
from drafting.writers.text import WIDTH

__all__ = ["protocol"]

#: Starts the line that stands for a quoted block in the laid-out lines; a line of `body`'s own
#: starts with a number or with spaces, never with a NUL.
_TOKEN = "\x00"
#: A point's heading as `point_lines` quotes it, "**Heading.**", after the number (and the “).
_BOLD = re.compile(r"^(?P<pre>\S*\s?)\*\*(?P<bold>[^*]+?)\*\*(?=\s|$)")


def protocol(p: Protocol, *, date: str | None = None) -> bytes:
    """The protocol as .docx: title, opening line, numbered instructions, the new text quoted.

    `date` (ISO 8601) dates the file's properties; None takes the amended version's date, and
    leaves the dates out when it has none. The same protocol and date give the same bytes.
    """
    created = moment(date) if date is not None else _when(p.meta.date)
    stream = Stream()
    title = title_of(p)
    _paragraph(stream, title, st.TITLE)
    _paragraph(stream, opening(p), st.PARAGRAPH)
    _items(stream, p)
    core = Core(title=title, subject=f"amends the {p.amends.strip()}" if p.amends.strip() else "",
                version=p.meta.version, status=p.meta.status, description="amending protocol",
                created=created)
    return package(body_xml(stream), header=title, core=core)


def _items(stream: Stream, p: Protocol) -> None:
    """The numbered items ("1.", a tab, the sentence), the lettered ones a level in, and each
    quoted block indented as far as the item it follows."""
    quotes: list[list[str]] = []

    def keep(lines: list[str], pad: str) -> list[str]:
        quotes.append(lines)
        return [f"{_TOKEN}{len(quotes) - 1}"] if lines else []

    left = 0
    for line in body(p, keep):
        if line.startswith(_TOKEN):
            _quote(stream, quotes[int(line[1:])], left)
        elif line.strip():
            lettered = line.startswith(" ")
            mark, _, text = line.strip().partition(" ")
            _paragraph(stream, f"{mark}\t{text}", st.SUB if lettered else st.NUMBERED)
            left = 2 * st.INDENT if lettered else 0


def _quote(stream: Stream, lines: list[str], left: int) -> None:
    """The quoted lines as "Quoted Text" paragraphs indented `left` twips (0: the style's one
    step), the first opened with “ and the last closed with ”."""
    paras = blocks(lines)
    if not paras:
        return
    paras[0] = "“" + paras[0]
    paras[-1] += "”"  # after the first: a quote of one paragraph gets both
    for text in paras:
        _paragraph(stream, text, st.QUOTED, left, quoted=True)


def blocks(lines: list[str]) -> list[str]:
    """Laid-out lines as paragraphs: a blank line ends one and a wrapped line runs on into it, but
    a line the wrapping did not end (the next word would have fitted on it: a unit's number over
    its heading, "Article 5" / "Collective defence") is a paragraph of its own."""
    paras: list[str] = []
    last = ""  # the previous line of the paragraph being gathered; "" after a blank line
    for line in lines:
        if not line.strip():
            last = ""
            continue
        if last and len(last) + 1 + len(line.split()[0]) > WIDTH:
            paras[-1] += " " + line.strip()
        else:
            paras.append(line.strip())
        last = line.rstrip()
    return paras


def _paragraph(stream: Stream, text: str, style: str, left: int = 0, *, quoted: bool = False) -> None:
    """One paragraph in `style`; in `quoted` text, a point's "**Heading.**" is drawn as bold words."""
    bold = _BOLD.match(text) if quoted else None
    if bold:
        stream.run(bold["pre"], EQUAL)
        stream.run(bold["bold"], EQUAL, True)
        text = text[bold.end():]
    stream.run(text, EQUAL)
    stream.end(EQUAL, style, left)
