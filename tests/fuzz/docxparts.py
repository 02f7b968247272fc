"""Word files from a counterpart: .docx packages built with the readers' test builders
(tests/readers/docx_fixtures.py) from hostile parts, or the shipped drafts' packages mutated.

numbering.xml asks for absurd starts, formats and level texts (`&`, `%1` a thousand times,
levels 99 deep, styles linking to each other); document.xml nests tables and revisions
deeply and carries control characters; [Content_Types].xml and the relationships go missing or
point away; and the zip itself loses, doubles or damages members.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.fuzz.cases import redlined, shown
from tests.fuzz.texts import sentence
from tests.readers.docx_fixtures import (
    CONTENT_TYPES, ROOT_RELS, dele, docx, ins, lvl, move_from, move_to, numbering, p, r, style, styles, table,
)

ROOT = Path(__file__).resolve().parents[2]
SEED_PACKAGES = tuple(p.read_bytes() for p in sorted(ROOT.glob("drafts/*/v1.docx")))
BASE = docx(p("Article 1", style="Heading1") + p("The Parties agree.") + p("(a) within 30 days;"),
            title="Base")

NUMBER_FORMATS = ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet", "none",
                  "ordinal", "cardinalText", "ordinalText", "decimalZero", "hex", "chicago",
                  "ideographDigital", "russianLower", "", "nonsense")
LEVEL_TEXTS = ("%1.", "Article %1", "%1.%2.%3", "(%2)", "&", "&amp;", "%", "%0", "%10", "%9", "%%1",
               "%1" * 1000, "x" * 10_000, "", "[/x]", "\x1b[31m%1", "%1\x07")
STARTS = (0, 1, 2, -1, 26, 27, 702, 703, 3999, 4000, 10**6, 10**10, 2**31, 2**63, 10**30)
LEVELS = (0, 1, 2, 3, 8, 9, 10, 99, -1)


@st.composite
def numbering_xml(draw: st.DrawFn) -> tuple[str, str]:
    """numbering.xml of one to three lists, and a styles.xml whose styles may link into them."""
    abstracts = {}
    for aid in range(draw(st.integers(1, 3))):
        levels = [lvl(draw(st.sampled_from(LEVELS)), draw(st.sampled_from(NUMBER_FORMATS)),
                      draw(st.sampled_from(LEVEL_TEXTS)), start=draw(st.sampled_from(STARTS)),
                      restart=draw(st.sampled_from((None, 0, 1, 5, 99, -1))), legal=draw(st.booleans()),
                      style=draw(st.sampled_from(("", "Heading1", "ListA"))))
                  for _ in range(draw(st.integers(0, 9)))]
        if draw(st.integers(0, 4)) == 0:  # a list that is only a link to a numbering style
            levels.append(f'<w:numStyleLink w:val="{draw(st.sampled_from(("ListA", "ListB", "Missing")))}"/>')
        if draw(st.integers(0, 4)) == 0:
            levels.append('<w:styleLink w:val="ListA"/>')
        abstracts[aid] = levels
    nums = {nid: (draw(st.sampled_from((*abstracts, 99))),
                  draw(st.dictionaries(st.sampled_from(LEVELS), st.sampled_from(STARTS), max_size=3)))
            for nid in range(1, draw(st.integers(1, 4)))}
    linked = styles(style("Heading1", "heading 1", outline=draw(st.sampled_from((None, 0, 1, 9, 99)))),
                    style("ListA", "list a", num=(draw(st.sampled_from((1, 2, 99))), draw(st.sampled_from((None, 0, 99))))),
                    style("ListB", "list b", num=(1, None), based_on=draw(st.sampled_from(("", "ListA", "ListB")))))
    return numbering(abstracts, nums), linked


text = sentence.map(lambda t: t.encode("utf-8", "replace").decode("utf-8"))  # zipfile writes a text member as UTF-8
run = st.one_of(text.map(r), text.map(ins), text.map(dele), text.map(move_from),
                text.map(move_to), text.map(lambda t: r(t, hidden=True)))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """A paragraph of hostile runs, numbered from a random list and level, maybe styled and tracked."""
    num = draw(st.one_of(st.none(), st.tuples(st.sampled_from((0, 1, 2, 3, 99)), st.sampled_from(LEVELS))))
    return p(*draw(st.lists(run, min_size=1, max_size=4)), num=num,
             style=draw(st.sampled_from(("", "Heading1", "Title", "ListA", "ListB", "Nope"))),
             mark=draw(st.sampled_from(("", "", "ins", "del", "moveFrom", "moveTo"))),
             outline=draw(st.sampled_from((None, 0, 8, 9, 99))))


def _deep(kind: str, depth: int, inner: str) -> str:
    if kind == "table":
        for _ in range(depth):
            inner = table((inner,))
        return inner
    if kind == "ins":
        return "<w:p>" + '<w:ins w:id="1" w:author="A">' * depth + r("deep") + "</w:ins>" * depth + "</w:p>"
    return '<w:sdt><w:sdtContent>' * depth + inner + "</w:sdtContent></w:sdt>" * depth


@st.composite
def body(draw: st.DrawFn) -> str:
    """The inside of `w:body`: a few paragraphs and tables, or something very deep or very long."""
    parts = draw(st.lists(st.one_of(paragraph(), st.lists(paragraph(), min_size=1, max_size=2)
                                    .map(lambda ps: table(tuple(ps)))), max_size=12))
    shape = draw(st.integers(0, 9))
    if shape == 0:
        parts.append(_deep(draw(st.sampled_from(("table", "ins", "sdt"))), draw(st.sampled_from((50, 300, 3000))),
                           p("x")))
    elif shape == 1:
        parts *= draw(st.sampled_from((100, 2000)))
    return "".join(parts)


XXE = ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")
LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>', "&d;")
CONTENT_TYPES_VARIANTS = (CONTENT_TYPES, None, "garbage", CONTENT_TYPES.replace("main+xml", "template.main+xml"),
                          CONTENT_TYPES.replace("/word/document.xml", "/word/other.xml"), "<Types/>")
RELS_VARIANTS = (ROOT_RELS, None, ROOT_RELS.replace('Target="word/document.xml"', 'Target="word/missing.xml"'),
                 ROOT_RELS.replace('Target="word/document.xml"', 'Target="../../../../etc/passwd"'),
                 ROOT_RELS.replace('Target="word/document.xml"',
                                   'Target="file:///etc/passwd" TargetMode="External"'))


def _entity(xml: str, trick: tuple[str, str]) -> str:
    """`xml` with a DOCTYPE after its declaration and the entity used in its first text run."""
    xml = re.sub(r"(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + trick[0], xml, count=1)
    return xml.replace(">deep<", f">{trick[1]}<").replace("<w:body>", f"<w:body><w:p><w:r><w:t>{trick[1]}</w:t></w:r></w:p>", 1)


@st.composite
def built(draw: st.DrawFn) -> dict[str, bytes | str]:
    """A package from the builders: hostile numbering, body, title and package parts."""
    numbers, linked = draw(numbering_xml())
    package = zipfile.ZipFile(io.BytesIO(docx(draw(body()), numbering_xml=numbers, styles_xml=linked,
                                              title=draw(text))))
    members: dict[str, bytes | str | None] = {name: package.read(name) for name in package.namelist()}
    members["[Content_Types].xml"] = draw(st.sampled_from(CONTENT_TYPES_VARIANTS))
    members["_rels/.rels"] = draw(st.sampled_from(RELS_VARIANTS))
    trick = draw(st.sampled_from((None, None, None, XXE, LAUGHS)))
    if trick:
        members["word/document.xml"] = _entity(package.read("word/document.xml").decode("utf-8"), trick)
    return {name: data for name, data in members.items() if data is not None}


JUNK = ("", "-1", "99999999999999999999", "x", "&amp;", "%1%1%1", "1e9", "\x01")


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, bytes | str]:
    """A shipped draft's package with its XML damaged: values replaced, tags cut, parts dropped."""
    package = zipfile.ZipFile(io.BytesIO(draw(st.sampled_from(SEED_PACKAGES))))
    members: dict[str, bytes | str] = {name: package.read(name) for name in package.namelist()}
    for _ in range(draw(st.integers(1, 5))):
        name = draw(st.sampled_from(("word/document.xml", "word/numbering.xml", "word/styles.xml",
                                     "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels")))
        xml = members.get(name)
        if xml is None:
            continue
        text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
        values = list(re.finditer(r'w:val="[^"]*"', text))
        how = draw(st.integers(0, 4))
        if how <= 1 and values:
            hit = values[draw(st.integers(0, len(values) - 1))]
            text = text[:hit.start()] + f'w:val="{draw(st.sampled_from(JUNK))}"' + text[hit.end():]
        elif how == 2:
            at = draw(st.integers(0, len(text)))
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif how == 3:
            del members[name]
            continue
        else:
            text = _entity(text, draw(st.sampled_from((XXE, LAUGHS))))
        members[name] = text
    return members


_DATE = (2026, 1, 1, 0, 0, 0)


def _zip(members: dict[str, bytes | str], damage: int, method: int, extra: list[str]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", method) as z:
        warnings.simplefilter("ignore")  # a doubled member is the point
        for name, data in members.items():  # a fixed date: the same case gives the same bytes
            z.writestr(zipfile.ZipInfo(name, _DATE), data, compress_type=method)
        for name in extra:
            z.writestr(zipfile.ZipInfo(name, _DATE), b"<x/>", compress_type=zipfile.ZIP_STORED)  # cheap, thousands
    zipped = bytearray(buffer.getvalue())
    for i in range(damage if zipped else 0):
        zipped[(i * 7919 + damage * 104729) % len(zipped)] ^= 0x55
    return bytes(zipped)


@st.composite
def package(draw: st.DrawFn) -> bytes:
    """The zipped package, sometimes damaged, compressed oddly or with odd extra members."""
    members = draw(st.one_of(built(), mutated()))
    extra = draw(st.sampled_from(([], [], [], ["word/document.xml"], ["../../evil.xml", "/abs.xml"],
                                  [f"junk/{i}.xml" for i in range(12_000)])))
    method = draw(st.sampled_from((zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED,
                                   zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)))
    damage = draw(st.sampled_from((0, 0, 0, 1, 5, 50)))
    data = _zip(members, damage, method, extra)
    if draw(st.integers(0, 14)) == 0:  # cut at a share of the length, drawn apart from it, so that the
        data = data[:len(data) * draw(st.integers(0, 1000)) // 1000]  # draws never depend on the bytes
    return data


def show_docx() -> st.SearchStrategy[dict[str, Any]]:
    """A hostile package shown in any format."""
    return shown(package(), ("in.docx", "in.docx", "in", "in.txt"))


def diff_docx() -> st.SearchStrategy[dict[str, Any]]:
    """A plain package redlined against a hostile one."""
    return redlined(st.tuples(st.just(BASE), package()), ("old.docx", "new.docx"))
