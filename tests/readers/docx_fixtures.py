"""Tiny .docx packages built from raw WordprocessingML, for the Word reader's tests and bench.

python-docx cannot write tracked changes or custom numbering, so these builders write the XML
by hand: `p("text", num=(1, 0))` is a paragraph in list 1 at level 0, `ins("x")` an inserted
run, `docx(body, numbering=...)` the zipped package.
"""

from __future__ import annotations

import io
import random
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REV = 'w:id="{id}" w:author="A" w:date="2026-01-01T00:00:00Z"'
_ids = iter(range(1, 10**9))

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
)


def _rev() -> str:
    return _REV.format(id=next(_ids))


def r(text: str, *, hidden: bool = False) -> str:
    """A run of text; tabs in `text` become `w:tab`."""
    props = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    pieces = [f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else ""
              for part in text.split("\t")]
    return f"<w:r>{props}{'<w:tab/>'.join(pieces)}</w:r>"


def ins(text: str) -> str:
    """An inserted run."""
    return f"<w:ins {_rev()}>{r(text)}</w:ins>"


def dele(text: str) -> str:
    """A deleted run (its text in `w:delText`)."""
    return (f'<w:del {_rev()}><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText>'
            f"</w:r></w:del>")


def move_from(text: str) -> str:
    """A run moved away from here."""
    return (f'<w:moveFrom {_rev()}><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            f"</w:moveFrom>")


def move_to(text: str) -> str:
    """A run moved to here."""
    return f"<w:moveTo {_rev()}>{r(text)}</w:moveTo>"


def p(*content: str, num: tuple[int, int] | None = None, style: str = "", mark: str = "",
      outline: int | None = None) -> str:
    """A paragraph of runs (plain strings are runs; strings starting with "<" are XML as is).

    `num` is (numId, ilvl); `mark` "ins", "del", "moveFrom" or "moveTo" tracks the paragraph mark;
    `outline` is the paragraph's own outline level (0 = a first-level heading, 9 = body text).
    """
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    if mark:
        props += f"<w:rPr><w:{mark} {_rev()}/></w:rPr>"
    runs = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def table(*rows: tuple[str, ...]) -> str:
    """A table; each cell is a paragraph's XML or plain text."""
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{c if c.startswith('<') else p(c)}</w:tc>" for c in row) + "</w:tr>"
        for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, restart: int | None = None,
        style: str = "", legal: bool = False) -> str:
    """A numbering level definition."""
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{style}"/>' if style else ""
    extra += "<w:isLgl/>" if legal else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{escape(text)}"/></w:lvl>')


def numbering(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, dict[int, int]]]) -> str:
    """numbering.xml: abstract id → levels; num id → (abstract id, {ilvl: startOverride})."""
    out = [f'<w:numbering xmlns:w="{W_NS}">']
    for aid, levels in abstracts.items():
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>')
    for nid, (aid, starts) in nums.items():
        overrides = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
                            for i, s in starts.items())
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>')
    return "".join(out) + "</w:numbering>"


def styles(*defs: str) -> str:
    """styles.xml from `w:style` elements."""
    return f'<w:styles xmlns:w="{W_NS}">{"".join(defs)}</w:styles>'


def style(sid: str, name: str, *, num: tuple[int, int | None] | None = None,
          based_on: str = "", outline: int | None = None) -> str:
    """A paragraph style, optionally carrying numbering (numId, ilvl or None) and an outline level."""
    props = ""
    if num is not None:
        level = f'<w:ilvl w:val="{num[1]}"/>' if num[1] is not None else ""
        props = f'<w:numPr>{level}<w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{base}'
            f"{props}</w:style>")


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>')


def docx(body: str, *, numbering_xml: str = "", styles_xml: str = "", title: str = "",
         parts: dict[str, bytes | str] | None = None) -> bytes:
    """A minimal .docx package around `body` (the inside of `w:body`)."""
    files: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": document_xml(body),
    }
    if numbering_xml:
        files["word/numbering.xml"] = numbering_xml
    if styles_xml:
        files["word/styles.xml"] = styles_xml
    if title:
        files["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title></cp:coreProperties>")
    files.update(parts or {})
    return zipped(files)


def zipped(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


_VOCAB = ("the", "Parties", "shall", "guarantee", "security", "armed", "attack", "within", "days",
          "ceasefire", "monitoring", "line", "of", "contact", "sanctions", "Council", "territory",
          "and", "not", "each", "Party", "forces", "withdraw", "agree", "to", "in", "accordance",
          "with", "Article", "provisions", "implementation", "commission", "report", "annually")


def big_docx(words: int, *, seed: int = 1) -> bytes:
    """A long agreement of about `words` words, numbered as legal drafts are: articles
    ("Article %1", a Heading 1), points ("%2.") and lettered sub-points ("(%3)"), every
    paragraph split over formatted runs, some tracked insertions and deletions."""
    rand = random.Random(seed)
    numbering_xml = numbering({1: [lvl(0, "decimal", "Article %1"), lvl(1, "decimal", "%2."),
                                   lvl(2, "lowerLetter", "(%3)")]}, {1: (1, {})})
    styles_xml = styles(style("Heading1", "heading 1"))
    fmt = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
           'w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/>'
           '<w:lang w:val="en-GB"/></w:rPr>')
    level = 0
    body: list[str] = []
    count = 0
    while count < words:
        if not body or rand.random() < 0.08:
            heading = " ".join(rand.choice(_VOCAB) for _ in range(3)).capitalize()
            body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/>'
                        f'<w:numId w:val="1"/></w:numPr></w:pPr>{r(heading)}</w:p>')
            level = 0
        size = rand.randint(30, 90)
        chunk = [rand.choice(_VOCAB) for _ in range(size)]
        count += size
        runs = []
        for start in range(0, size, 5):
            text = " ".join(chunk[start:start + 5]) + ("." if start + 5 >= size else " ")
            roll = rand.random()
            run = (f'<w:r w:rsidR="00{rand.randrange(16**6):06X}">{fmt}'
                   f'<w:t xml:space="preserve">{text}</w:t></w:r>')
            if roll < 0.03:
                run = f"<w:ins {_rev()}>{run}</w:ins>"
            elif roll < 0.06:
                run = (f'<w:del {_rev()}><w:r>{fmt}<w:delText xml:space="preserve">{text}'
                       f"</w:delText></w:r></w:del>")
            runs.append(run + ('<w:proofErr w:type="gramStart"/>' if roll > 0.9 else ""))
        level = 2 if level and rand.random() < 0.4 else 1
        body.append(f'<w:p w:rsidR="00{rand.randrange(16**6):06X}"><w:pPr><w:spacing w:after="120"/>'
                    f'<w:jc w:val="both"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/>'
                    f"</w:numPr></w:pPr>{''.join(runs)}</w:p>")
    return docx("".join(body), numbering_xml=numbering_xml, styles_xml=styles_xml)


def zip_bomb(size: int) -> bytes:
    """A package whose document.xml inflates to `size` bytes of zeros (cheap: written in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\0" * 2**20
            for _ in range(size // len(block)):
                part.write(block)
    return buffer.getvalue()
