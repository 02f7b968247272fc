"""Readers: every input format becomes the same Document tree.

`read_document` is the one door: it checks the file (missing, empty, binary,
encoding) and picks the reader by suffix and content.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from drafting.budgets import INPUT_BYTES
from drafting.errors import DraftingError
from drafting.model import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
AKN_SUFFIXES = {".xml", ".akn"}
#: An Akoma Ntoso root element near the start of a file: a suffix-less or renamed AKN file is read as one.
_AKN_ROOT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:\w+:)?akomaNtoso[\s>/]",
                       re.DOTALL)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Text from bytes, and the encoding used: UTF-8 (with or without BOM), UTF-16 with a BOM,
    else Windows-1252, which maps nearly every byte; binary data is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DraftingError(f"the file begins as UTF-16 text but is damaged at byte {exc.start:,}",
                                path=source, hint="open it in an editor and save it again as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise DraftingError("this is a binary file, not text", path=source,
                            hint="give a .txt, .md, .json or .docx file")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_bytes(data: bytes, source: str, *, suffix: str = "", rejected: bool = False) -> Document:
    """A Document from the bytes of a file called `source` (suffix picks the reader)."""
    if not data.strip():
        raise DraftingError("the file is empty", path=source)
    if data.startswith(OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        from drafting.readers.docx import read_docx  # a password-protected .docx: it says so

        return read_docx(data, source=source, rejected=rejected)
    if data.startswith(OLE_MAGIC) or suffix == ".doc":
        raise DraftingError("this is an old binary Word (.doc) file, which is not read", path=source,
                            hint="save it as .docx (Word: File > Save As; LibreOffice: "
                                 "soffice --headless --convert-to docx FILE)")
    if suffix == ".docx" or data.startswith(ZIP_MAGIC):
        from drafting.readers.docx import read_docx

        return read_docx(data, source=source, rejected=rejected)
    if suffix in AKN_SUFFIXES or _AKN_ROOT.match(data[:4096]):
        from drafting.readers.akn import read_akn

        return read_akn(data, source=source)
    text, encoding = decode(data, source)
    if suffix == ".json" or (suffix not in TEXT_SUFFIXES and text.lstrip().startswith("{")):
        from drafting.readers.json import read_json

        return read_json(text, source=source)
    if suffix not in TEXT_SUFFIXES:
        raise DraftingError(f"unknown input format {suffix!r}", path=source,
                            hint="known formats: .txt, .md, .json, .docx, .xml (Akoma Ntoso)")
    from drafting.readers.text import read_text

    doc = read_text(text, source=source)
    if encoding not in ("utf-8",):
        doc = doc.with_meta(extra=(*doc.meta.extra, ("warning", f"not UTF-8; decoded as {encoding}")))
    return doc


def read_document(path: Path, *, rejected: bool = False) -> Document:
    """The Document in the file at `path`; a `DraftingError` saying why when it can't be read."""
    if not path.exists():
        raise DraftingError("file not found", path=path)
    if path.is_dir():
        raise DraftingError("this is a folder, not a file", path=path)
    if not path.is_file():  # reading a pipe or a device would wait for ever or never end
        raise DraftingError("this is not a regular file (a pipe, a device or a socket)", path=path,
                            hint="save the text to a file and name that file")
    INPUT_BYTES.check(path.stat().st_size, "the file", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DraftingError(f"cannot read the file: {exc.strerror}", path=path) from None
    return read_bytes(data, str(path), suffix=path.suffix.lower(), rejected=rejected)
