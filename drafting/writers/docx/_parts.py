"""The .docx package around a body: python-docx for styles, header, footer and properties.

python-docx builds everything but the body; the body, already WordprocessingML text, is set
into `word/document.xml` when the package is zipped again. The zip has fixed timestamps and
no thumbnail, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from drafting.writers.docx import _styles as st
from drafting.writers.docx._revisions import escape, xml_text

_EPOCH = (1980, 1, 1, 0, 0, 0)
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DCTERMS = "{http://purl.org/dc/terms/}"


@dataclass(frozen=True, slots=True)
class Core:
    """The document properties Word shows under File > Info; None/"" leaves one unset."""

    title: str = ""
    subject: str = ""
    version: str = ""
    status: str = ""
    identifier: str = ""
    description: str = ""
    keywords: str = ""
    created: datetime | None = None


def _prop(value: str) -> str:
    """A core property as Word takes it: XML-legal characters, at most 255 of them."""
    return xml_text(value)[:255]


def _core(doc: DocxDocument, core: Core) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "treaty-drafting"
    props.title, props.subject, props.version = _prop(core.title), _prop(core.subject), _prop(core.version)
    props.content_status, props.identifier = _prop(core.status), _prop(core.identifier)
    props.comments, props.keywords = _prop(core.description), _prop(core.keywords)
    props.revision = 1
    if core.created is not None:
        props.created = props.modified = core.created
    else:  # the template's 2013 dates would be a lie; leave the dates out
        for tag in ("created", "modified"):
            for elem in props._element.findall(f"{_DCTERMS}{tag}"):
                props._element.remove(elem)


def _comments(doc: DocxDocument, comments: list[tuple[int, str]], date: str) -> None:
    stamp = f' w:date="{escape(date)}"' if date else ""
    xml = "".join(
        f'<w:comment w:id="{cid}" w:author="treaty-drafting" w:initials="TD"{stamp}><w:p><w:pPr>'
        f'<w:pStyle w:val="{st.COMMENT_TEXT}"/></w:pPr><w:r><w:rPr><w:rStyle w:val="{st.COMMENT_REF}"/>'
        f'</w:rPr><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        "</w:p></w:comment>" for cid, text in comments)
    root = doc.part._comments_part.element
    for elem in parse_xml(f'<w:comments {nsdecls("w")}>{xml}</w:comments>'):
        root.append(elem)


def package(body: str, *, header: str, core: Core, comments: list[tuple[int, str]] | None = None,
            comment_date: str = "") -> bytes:
    """The .docx bytes: the treaty styles, `header` on every page, `body` inside `w:body`."""
    doc = docx.Document()
    st.apply(doc, xml_text(header))
    _core(doc, core)
    if comments:
        _comments(doc, comments, comment_date)
    # The template's thumbnail shows another document; its Word 2010 styles copy would
    # disagree with the styles set here. Both parts are optional: leave them out.
    for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, _STYLES_WITH_EFFECTS)):
        for rid in [rid for rid, rel in rels.items() if rel.reltype == reltype]:
            del rels[rid]
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                cut = text.index("<w:body>") + len("<w:body>")
                data = (text[:cut] + body + text[cut:]).encode("utf-8")
            zout.writestr(zipfile.ZipInfo(info.filename, _EPOCH), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
