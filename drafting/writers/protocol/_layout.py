"""What the Markdown and the plain-text protocol share: the heading, the opening line, the items."""

from __future__ import annotations

from collections.abc import Callable

from drafting.amend import Item, Protocol, lines
from drafting.numerals import letters
from drafting.writers.text import point_lines, wrapped

#: A protocol without a heading of its own is called this.
DEFAULT_TITLE = "Amending protocol"

Quote = Callable[[list[str], str], list[str]]


def opening(protocol: Protocol) -> str:
    """"The Treaty of Mutual Assistance is amended as follows:" (the amended text by its title)."""
    amends = protocol.amends.strip()
    return f"The {amends} is amended as follows:" if amends else "The text is amended as follows:"


def quoted(item: Item, language: str) -> list[str]:
    """The new text an item quotes, as the plain-text writer lays out a draft (so it reads back)."""
    out: list[str] = []
    for point in item.points:
        out += point_lines(point, language, bold=True)
    for para in item.text:
        out += [*wrapped(para), ""]
    while out and not out[-1]:
        out.pop()
    return out


def body(protocol: Protocol, quote: Quote, *, sub_indent: str = "   ") -> list[str]:
    """The numbered items, each followed by its quoted text (through `quote`, with the indent
    it stands at) and its lettered sub-items."""
    language = protocol.meta.language
    out: list[str] = []
    for n, item in enumerate(lines(protocol), 1):
        lead = f"{n}. "
        out += [lead + item.sentence, ""]
        pad = " " * len(lead)
        if item.points or item.text:
            out += quote(quoted(item, language), pad) + [""]
        for k, sub in enumerate(item.items):
            mark = f"({letters(k + 1)}) "
            said = _lower(sub.sentence)
            if said.endswith(".") and k + 1 < len(item.items):
                said = said[:-1] + ";"  # items run on as one sentence: "(a) ...; (b) ...."
            out += [f"{pad}{mark}{said}", ""]
            if sub.points or sub.text:
                out += quote(quoted(sub, language), pad + " " * len(mark)) + [""]
    return out


def _lower(sentence: str) -> str:
    """A sub-item starts in lower case ("(a) in paragraph 2, ..."), unless it opens with a name."""
    first = sentence.split(" ", 1)[0]
    plain = ("In", "The", "Point", "Points", "Paragraph", "Paragraphs", "Indent", "Indents")
    return sentence[:1].lower() + sentence[1:] if first in plain else sentence


def title_of(protocol: Protocol) -> str:
    return protocol.title.strip() or DEFAULT_TITLE
