"""Open a .docx without trusting it: zip bombs, entity tricks and damage become clear errors.

A .docx is a zip of XML parts, and both layers can be turned against a reader:
a part that inflates to gigabytes, a central directory with a million entries,
a DOCTYPE that declares entities which expand exponentially ("billion laughs")
or fetch files and URLs. `Package` checks the zip's declared sizes before
reading anything, counts bytes again while inflating (declared sizes can lie),
refuses any DOCTYPE, and parses with entity resolution, DTD loading and network
access switched off. Every failure is a `DraftingError` naming the file.
"""

from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, TypeVar

from lxml import etree

from drafting.errors import DraftingError

#: Refuse packages with more entries than this: a Word file has a few dozen.
MAX_ENTRIES = 10_000
#: Refuse a part that inflates past this, or a package whose parts add up past `MAX_TOTAL`.
MAX_PART = 100 * 2**20
MAX_TOTAL = 200 * 2**20
#: A part bigger than `RATIO_FLOOR` that compressed better than this is a bomb, not prose.
MAX_RATIO = 200
RATIO_FLOOR = 10 * 2**20

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Stream names an OLE file holds when Office encrypted a .docx in it (names are UTF-16).
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), b"EncryptedPackage")
_DOCTYPE = tuple(
    marker.encode(enc) for marker in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_MARKER_SPAN = max(len(m) for m in _DOCTYPE)
_REPAIR = "open it in Word or LibreOffice and save a copy, which repairs what can be repaired"
_CHUNK = 1 << 16

T = TypeVar("T")
#: What the zip and zlib modules raise on a damaged archive (ValueError covers bad names).
#: What a damaged archive can raise, for each compression a zip may declare (deflate, bzip2, LZMA).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, EOFError, OSError,
               ValueError, NotImplementedError, struct.error, KeyError, IndexError, OverflowError)


def is_encrypted(data: bytes) -> bool:
    """True when `data` is an OLE compound file holding a password-protected Office document."""
    return data.startswith(OLE_MAGIC) and any(name in data for name in _ENCRYPTED)


def parser() -> etree.XMLParser:
    """An XML parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, remove_comments=True, remove_pis=True)


class _Limited:
    """A part's bytes as they inflate, with the size limit and the DOCTYPE ban enforced."""

    def __init__(self, raw: IO[bytes], name: str, refuse: _Refuser) -> None:
        self._raw = raw
        self._name = name
        self._refuse = refuse
        self._count = 0
        self._tail = b""

    def read(self, size: int | None = -1) -> bytes:
        size = _CHUNK if size is None or size < 0 else min(size, _CHUNK)
        chunk = self._refuse.guard(self._name, lambda: self._raw.read(size))
        self._count += len(chunk)
        self._refuse.inflated += len(chunk)
        if self._count > MAX_PART:
            raise self._refuse.bomb(f"the part {self._name} inflates past {MAX_PART // 2**20} MB")
        if self._refuse.inflated > MAX_TOTAL:
            raise self._refuse.bomb(f"the parts inflate past {MAX_TOTAL // 2**20} MB in all")
        window = self._tail + chunk
        if any(marker in window for marker in _DOCTYPE):
            raise self._refuse.doctype(self._name)
        self._tail = window[-_MARKER_SPAN:]
        return chunk

    def readall(self) -> bytes:
        parts = []
        while chunk := self.read(_CHUNK):
            parts.append(chunk)
        return b"".join(parts)


class _Refuser:
    """Builds the errors, all naming the same file, and counts the bytes inflated so far."""

    def __init__(self, source: str) -> None:
        self.source = source or None
        self.inflated = 0

    def error(self, message: str, hint: str) -> DraftingError:
        return DraftingError(message, path=self.source, hint=hint)

    def damaged(self, detail: str) -> DraftingError:
        return self.error(f"the Word file is damaged: {detail}", _REPAIR)

    def bomb(self, detail: str) -> DraftingError:
        return self.error(f"refused: {detail}, which looks like a zip bomb, not a document",
                          "a real agreement is far smaller; if this file is genuine, "
                          "remove embedded media and save it again")

    def doctype(self, name: str) -> DraftingError:
        return self.error(f"refused: the part {name} declares a DOCTYPE or entities, "
                          "which Word never writes and which can be used to attack a reader",
                          "if the file is genuine, open it in Word or LibreOffice and save a copy")

    def guard(self, name: str, read: Callable[[], T]) -> T:
        """Run `read`, turning the zip and zlib library's complaints into a damage error."""
        try:
            return read()
        except DraftingError:
            raise
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            if "encrypted" in str(exc):
                raise self.error("the Word file is password-protected",
                                 "remove the password in Word (File > Info > Protect "
                                 "Document) and save it again") from None
            raise self.damaged(f"{name}: {exc}") from None
        except _ZIP_ERRORS as exc:
            raise self.damaged(f"{name}: {exc}") from None


def _declared_entries(data: bytes) -> int | None:
    """The entry count the end-of-central-directory record claims, read before zipfile does."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, at + 10)
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if data[offset:offset + 4] == b"PK\x06\x06" and offset + 40 <= len(data):
            (count,) = struct.unpack_from("<Q", data, offset + 32)
    return int(count)


class Package:
    """The parts of a .docx, read with limits; `source` names the file in errors."""

    def __init__(self, data: bytes, source: str) -> None:
        self._refuse = _Refuser(source)
        self._zip = self._open(data)
        self.names = frozenset(info.filename for info in self._zip.infolist())

    def _open(self, data: bytes) -> zipfile.ZipFile:
        refuse = self._refuse
        if is_encrypted(data):
            raise refuse.error("the Word file is password-protected",
                               "remove the password in Word (File > Info > Protect Document > "
                               "Encrypt with Password, clear it) and save it again")
        if data.startswith(OLE_MAGIC):
            raise refuse.error("this is an old binary Word (.doc) file, which is not read",
                               "save it as .docx (Word: File > Save As; LibreOffice: "
                               "soffice --headless --convert-to docx FILE)")
        declared = _declared_entries(data)
        if declared is not None and declared > MAX_ENTRIES:
            raise refuse.bomb(f"the package has {declared:,} parts (more than {MAX_ENTRIES:,})")
        try:
            package = zipfile.ZipFile(io.BytesIO(data))
        except _ZIP_ERRORS:
            if data.startswith(b"PK\x03\x04"):
                raise refuse.damaged("the zip package is cut off or broken") from None
            what = "named .docx but not" if str(refuse.source).lower().endswith(".docx") else "not"
            raise refuse.error(f"this file is {what} a Word file (it is not a .docx package)",
                               "it may be another format renamed to .docx; open it in the "
                               "program that made it and save it as a Word document") from None
        infos = package.infolist()
        if len(infos) > MAX_ENTRIES:
            raise refuse.bomb(f"the package has {len(infos):,} parts (more than {MAX_ENTRIES:,})")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART:
                raise refuse.bomb(f"the part {info.filename} says it inflates to "
                                  f"{info.file_size // 2**20:,} MB")
            if (info.file_size > RATIO_FLOOR
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise refuse.bomb(f"the part {info.filename} compresses "
                                  f"{info.file_size // max(info.compress_size, 1):,} to 1")
        if total > MAX_TOTAL:
            raise refuse.bomb(f"the parts say they inflate to {total // 2**20:,} MB in all")
        return package

    def error(self, message: str, hint: str) -> DraftingError:
        """A `DraftingError` about this package."""
        return self._refuse.error(message, hint)

    def damaged(self, detail: str) -> DraftingError:
        """A `DraftingError` saying the package is damaged, with the usual repair hint."""
        return self._refuse.damaged(detail)

    def stream(self, name: str) -> _Limited:
        """A part's bytes as a file, inflated lazily with the limits enforced."""
        raw = self._refuse.guard(name, lambda: self._zip.open(name))
        return _Limited(raw, name, self._refuse)

    def read(self, name: str) -> bytes:
        """A whole part's bytes, with the limits enforced."""
        return self.stream(name).readall()

    def xml(self, name: str) -> etree._Element:
        """A small part parsed whole (styles, numbering, relationships)."""
        data = self.read(name)
        try:
            root = etree.fromstring(data, parser())
        except etree.LxmlError as exc:
            raise self.damaged(f"{name} is not well-formed XML ({exc})") from None
        self.check_doctype(root, name)
        return root

    def check_doctype(self, root: etree._Element, name: str) -> None:
        """Refuse a part whose parsed tree still shows a DOCTYPE (an encoding the byte check missed)."""
        info = root.getroottree().docinfo
        if info.internalDTD is not None:  # set by any DOCTYPE, with or without a subset
            raise self._refuse.doctype(name)

    def iterparse(self, name: str, tags: tuple[str, ...]) -> Iterator[etree._Element]:
        """Each element with one of `tags`, as soon as its end tag is read: a big part streams.

        The caller may clear what it has read; a DOCTYPE or damage anywhere still raises.
        """
        context = etree.iterparse(self.stream(name), events=("end",), tag=tags,
                                  resolve_entities=False, no_network=True, huge_tree=False,
                                  load_dtd=False, remove_comments=True, remove_pis=True)
        try:
            for _event, element in context:
                yield element
        except etree.LxmlError as exc:
            raise self.damaged(f"{name} is not well-formed XML ({exc})") from None
        root = context.root
        if root is not None:
            self.check_doctype(root, name)

    def close(self) -> None:
        """Release the zip."""
        self._zip.close()
