"""A protocol from a file: the reader by its suffix, the file checked as every input is."""

from __future__ import annotations

from pathlib import Path

from drafting.amend._apply import consolidate
from drafting.amend._model import Protocol
from drafting.budgets import INPUT_BYTES
from drafting.errors import DraftingError
from drafting.model import Document


def read_protocol_file(path: Path) -> Protocol:
    """The protocol in a .md, .txt, .docx or .xml (Akoma Ntoso) file."""
    from drafting.amend import _read
    from drafting.readers import ZIP_MAGIC, decode

    if not path.is_file():
        raise DraftingError("file not found" if not path.exists() else "this is not a regular file", path=path)
    INPUT_BYTES.check(path.stat().st_size, "the protocol", path=path)
    data = path.read_bytes()
    if not data.strip():
        raise DraftingError("the file is empty", path=path)
    suffix = path.suffix.lower()
    if suffix == ".docx" or data.startswith(ZIP_MAGIC):
        return _read.read_protocol_docx(data, source=str(path))
    text, _ = decode(data, str(path))
    if suffix == ".xml" or text.lstrip().startswith("<"):
        return _read.read_protocol_akn(data, source=str(path))
    return _read.read_protocol(text, source=str(path))


def consolidate_file(base: Document, path: Path) -> tuple[Document, int]:
    """`base` amended by the protocol in the file at `path`, and how many instructions it applied."""
    protocol = read_protocol_file(path)
    return consolidate(base, protocol, source=str(path)), len(protocol.instructions)
