"""A protocol's text cut into its sentences, each with the new text it quotes after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting.amend._address import CLOSERS, OPENERS
from drafting.errors import DraftingError
from drafting.model import Point

@dataclass
class Sentence:
    """One instruction's sentence, its line, its item number, and the lines it quotes; a reader
    that has the quoted text already read (Akoma Ntoso) gives it as `paragraphs` or `units`."""

    text: str
    line: int
    marker: str = ""
    quoted: list[str] = field(default_factory=list)
    paragraphs: tuple[str, ...] | None = None
    units: tuple[Point, ...] | None = None


_ITEM = re.compile(r"^(?:(?P<num>\d+)[.)]|\((?P<paren>\d+)\)|\((?P<letter>[a-z]{1,3}|[ivx]+)\))\s+(?P<text>.*)$")
_OPENS = re.compile(rf"^[{OPENERS}]")
_CLOSES = re.compile(rf"[{CLOSERS}][.;,]?(?:\s*(?:and|or))?$")


_PARTNER = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def _quotation(lines: list[str], k: int, source: str) -> tuple[list[str], int]:
    """The lines quoted from line `k` on, without their quotation marks, and the line after.

    Curly quotes nest: the quotation ends where its closing mark balances its opening one,
    so a quoted article may itself quote a term; straight quotes end at the first line that
    ends with one. A quotation never closed is an error: read to the end, it would take the
    instructions after it for new text and leave them undone."""
    start = k
    opener = lines[k].strip()[0]
    closer = _PARTNER.get(opener, opener)
    depth, block, closed = 0, [], False
    while k < len(lines) and not closed:
        line = lines[k]
        block.append(line)
        k += 1
        if opener != closer:
            depth += line.count(opener) - line.count(closer)
            closed = depth <= 0
        elif len(block) > 1 or line.strip().count(opener) > 1:
            closed = _CLOSES.search(line.strip()) is not None
    if not closed:
        raise DraftingError(f"the quotation that opens with {opener} here is never closed", path=source or None,
                            line=start + 1, hint=f"end the quoted text with {closer}")
    indent = min(len(b) - len(b.lstrip()) for b in block if b.strip())
    block = [b[indent:] for b in block]
    block[0] = block[0].lstrip()[1:]
    block[-1] = re.sub(rf"{re.escape(closer)}[.;,]?(?:\s*(?:and|or))?$", "", block[-1].rstrip())
    return block, k


def sentences(lines: list[str], source: str = "") -> list[Sentence]:
    """The protocol's sentences with the text each quotes, in order (`source` names the file
    in an error)."""
    out: list[Sentence] = []
    k = 0
    while k < len(lines):
        raw = lines[k]
        line = raw.strip()
        if not line:
            k += 1
            continue
        if line.startswith(">"):  # a Markdown block quote: the new text
            block = []
            while k < len(lines) and lines[k].strip().startswith(">"):
                block.append(re.sub(r"^\s*> ?", "", lines[k]))
                k += 1
            if out:
                out[-1].quoted.extend(block)
            continue
        if _OPENS.match(line) and out and out[-1].text.endswith(":") and not out[-1].quoted:
            block, k = _quotation(lines, k, source)
            out[-1].quoted.extend(block)
            continue
        text, start = [line], k
        k += 1
        while k < len(lines) and lines[k].strip() and not lines[k].strip().startswith(">") and not _ITEM.match(
                lines[k].strip()) and not text[-1].endswith((":", ".", ";")):
            text.append(lines[k].strip())
            k += 1
        whole = " ".join(text).strip("*# ")
        item = _ITEM.match(whole)
        marker = ""
        if item:
            marker, whole = item["num"] or item["paren"] or f"({item['letter']})", item["text"]
        out.append(Sentence(whole.strip().strip("*").strip(), start + 1, marker))
    return out
