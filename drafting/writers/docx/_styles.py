"""The look of a treaty draft: page, fonts, named paragraph styles, header and footer.

Every paragraph the writers produce uses one of the named styles below, never direct
formatting (deeper sub-point levels add only an indent), so a reader can restyle the whole
document from Word's or LibreOffice's style pane. Divisions use Word's own "Heading 1" to
"Heading 4" (parts and annexes, chapters, sections, subsections) and articles a style one
outline level below them, so Word's navigation pane and LibreOffice's navigator list them.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

FONT = "Times New Roman"
#: One indent step in twips (1.27 cm): the gap between a point's number and its text.
INDENT = 720

TITLE = "Title"
PARTIES = "TreatyParties"
PARAGRAPH = "TreatyParagraph"
PREAMBLE = "TreatyPreamble"
POINT = "TreatyPoint"
POINT_TEXT = "TreatyPointText"
SUB = "TreatySubpoint"
SUB_TEXT = "TreatySubpointText"
ARTICLE = "TreatyArticleHeading"
ARTICLE_TITLE = "TreatyArticleTitle"
ARTICLE_TEXT = "TreatyArticleText"
NUMBERED = "TreatyNumberedParagraph"
NUMBERED_TEXT = "TreatyNumberedParagraphText"
DIVISION_TEXT = "TreatyDivisionText"
CLOSING = "TreatyClosing"
COVER = "TreatyCoverHeading"
COVER_TEXT = "TreatyCoverText"
COMMENT_TEXT = "CommentText"
COMMENT_REF = "CommentReference"
#: The paragraphs of a table of alternatives: left-aligned, as narrow columns read best.
TABLE_TEXT = "TreatyAlternativesTable"
#: Character styles of negotiating text: words not agreed, one delegation's alternative, a remark.
BRACKETED = "TreatyBracketedText"
ALTERNATIVE = "TreatyAlternative"
REMARK = "TreatyRemark"
#: The new text an amending protocol quotes, indented under its instruction.
QUOTED = "TreatyQuotedText"

#: The built-in heading style of each division kind: its outline level is the number less one.
HEADINGS = {"part": "Heading1", "chapter": "Heading2", "section": "Heading3", "subsection": "Heading4",
            "annex": "Heading1", "appendix": "Heading1", "protocol": "Heading1", "schedule": "Heading1"}
#: The outline level (0 = Heading 1) of an article heading: below every division.
ARTICLE_OUTLINE = 4
#: Size in points of the headings, from Heading 1 down.
_HEADING_SIZES = (14, 13, 12, 12)


@dataclass(frozen=True, slots=True)
class _Style:
    sid: str
    name: str
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    left: int = 0
    hanging: int = 0
    first: int = 0
    before: float = 0
    after: float = 6
    bold: bool = False
    italic: bool = False
    size: float = 0
    keep: bool = False
    outline: int | None = None


_LEFT, _CENTER = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
_PARAGRAPH_STYLES = (
    _Style(PARTIES, "Treaty Parties", _CENTER, after=3, bold=True, keep=True),
    _Style(PREAMBLE, "Treaty Preamble", first=INDENT, after=6),
    _Style(PARAGRAPH, "Treaty Paragraph", after=6),
    _Style(POINT, "Treaty Point", left=INDENT, hanging=INDENT, before=3, after=6),
    _Style(POINT_TEXT, "Treaty Point Text", left=INDENT, after=6),
    _Style(SUB, "Treaty Sub-point", left=2 * INDENT, hanging=INDENT, after=4),
    _Style(SUB_TEXT, "Treaty Sub-point Text", left=2 * INDENT, after=4),
    _Style(ARTICLE, "Treaty Article Heading", _CENTER, before=12, after=3, bold=True, keep=True,
           outline=ARTICLE_OUTLINE),
    _Style(ARTICLE_TITLE, "Treaty Article Title", _CENTER, after=6, italic=True, keep=True),
    _Style(ARTICLE_TEXT, "Treaty Article Text", after=6),
    _Style(NUMBERED, "Treaty Numbered Paragraph", left=INDENT, hanging=INDENT, after=6),
    _Style(NUMBERED_TEXT, "Treaty Numbered Paragraph Text", left=INDENT, after=6),
    _Style(DIVISION_TEXT, "Treaty Division Text", after=6),
    _Style(CLOSING, "Treaty Closing", _LEFT, before=12, after=6),
    _Style(COVER, "Treaty Cover Heading", _LEFT, after=6, bold=True, size=14, keep=True),
    _Style(COVER_TEXT, "Treaty Cover Text", _LEFT, before=2, after=2, size=10),
    _Style(COMMENT_TEXT, "annotation text", _LEFT, after=0, size=10),
    _Style(TABLE_TEXT, "Treaty Alternatives Table", _LEFT, before=2, after=2),
    _Style(QUOTED, "Quoted Text", left=INDENT, after=6),
)


def _paragraph_style(doc: DocxDocument, spec: _Style) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.sid
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    if spec.left:
        fmt.left_indent = Twips(spec.left)
    if spec.hanging:
        fmt.first_line_indent = Twips(-spec.hanging)
        fmt.tab_stops.add_tab_stop(Twips(spec.left))
    elif spec.first:
        fmt.first_line_indent = Twips(spec.first)
    fmt.keep_with_next = spec.keep or None
    style.font.bold = spec.bold or None
    style.font.italic = spec.italic or None
    if spec.size:
        style.font.size = Pt(spec.size)
    if spec.outline is not None:  # after w:jc, as the schema orders a paragraph's properties
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{spec.outline}"/>'))


#: The character styles of negotiating text: (id, name, underline, italic). A delegation restyles
#: them in Word's style pane; the bracket characters themselves are bold in the text.
_CHARACTER_STYLES = ((BRACKETED, "Bracketed text", WD_UNDERLINE.DOTTED, False),
                     (ALTERNATIVE, "Alternative", WD_UNDERLINE.DASH, False),
                     (REMARK, "Remark", None, True))


def _character_styles(doc: DocxDocument) -> None:
    for sid, name, underline, italic in _CHARACTER_STYLES:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.style_id = sid
        style.quick_style = True
        style.font.underline = underline
        style.font.italic = italic or None


def _defaults(doc: DocxDocument) -> None:
    """Times New Roman 12 pt everywhere, single spacing: replace the template's theme fonts."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), "24")
    spacing = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))[0]
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")


def _restyle(doc: DocxDocument, name: str, ppr: str, size: float) -> None:
    """Replace the look of a built-in style: its paragraph properties `ppr`, bold, `size` points."""
    style = doc.styles[name]
    for old in (style.element.pPr, style.element.rPr):
        if old is not None:
            style.element.remove(old)
    style.element.append(parse_xml(f'<w:pPr {nsdecls("w")}>{ppr}</w:pPr>'))
    half = round(size * 2)
    style.element.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:b/><w:bCs/><w:sz w:val="{half}"/>'
                                   f'<w:szCs w:val="{half}"/></w:rPr>'))
    style.font.color.rgb = RGBColor(0, 0, 0)


def _titles(doc: DocxDocument) -> None:
    """The template's Title and headings are blue, in another font; a treaty's are plain, bold,
    centred, and the headings keep their outline levels."""
    _restyle(doc, "Title", '<w:keepNext/><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/>', 16)
    for level, size in enumerate(_HEADING_SIZES):
        _restyle(doc, f"Heading {level + 1}",
                 f'<w:keepNext/><w:keepLines/><w:spacing w:before="{240 - 40 * level}" w:after="120"/>'
                 f'<w:jc w:val="center"/><w:outlineLvl w:val="{level}"/>', size)


def _field(paragraph_xml: list[str], instr: str) -> None:
    paragraph_xml += ['<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                      f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
                      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', "<w:r><w:t>1</w:t></w:r>",
                      '<w:r><w:fldChar w:fldCharType="end"/></w:r>']


def _page(doc: DocxDocument, header: str) -> None:
    """A4, 2.5 cm margins, the status line on top, "Page X of Y" below."""
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.left_margin = section.right_margin = Twips(1418)
    section.top_margin = section.bottom_margin = Twips(1418)
    section.header_distance = section.footer_distance = Twips(709)
    top = section.header.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    top.add_run(header).font.size = Pt(9)
    bottom = section.footer.paragraphs[0]
    bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs = ['<w:r><w:t xml:space="preserve">Page </w:t></w:r>']
    _field(runs, "PAGE")
    runs.append('<w:r><w:t xml:space="preserve"> of </w:t></w:r>')
    _field(runs, "NUMPAGES")
    for run in runs:
        elem = parse_xml(run.replace("<w:r>", f'<w:r {nsdecls("w")}><w:rPr><w:sz w:val="18"/></w:rPr>', 1))
        bottom._p.append(elem)


def apply(doc: DocxDocument, header: str) -> None:
    """Give `doc` the treaty look: defaults, styles, page, `header` text and page numbers."""
    _defaults(doc)
    _titles(doc)
    for spec in _PARAGRAPH_STYLES:
        _paragraph_style(doc, spec)
    _character_styles(doc)
    ref = doc.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    ref.style_id = COMMENT_REF
    ref.font.size = Pt(8)
    _page(doc, header)
