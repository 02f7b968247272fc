"""Writers: one module per format; this registry maps a format name to its entry points.

A format may draw a Document, a Redline, or both. Binary formats return bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drafting.errors import DraftingError


@dataclass(frozen=True, slots=True)
class Format:
    """A format name, the module that writes it, and whether its output is bytes."""

    name: str
    module: str
    binary: bool
    document: bool
    redline: bool
    suffix: str
    synopsis: bool = False
    protocol: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "markdown", False, True, True, ".md", synopsis=True, protocol=True),
        Format("txt", "text", False, True, False, ".txt", protocol=True),
        Format("json", "json", False, True, True, ".json", synopsis=True),
        Format("term", "terminal", False, False, True, ".txt", synopsis=True),
        Format("html", "html", False, True, True, ".html", synopsis=True),
        Format("docx", "docx", True, True, True, ".docx", synopsis=True, protocol=True),
        Format("xlsx", "xlsx", True, False, False, ".xlsx", synopsis=True),
        Format("outline", "outline", False, True, False, ".txt"),
        Format("provenance", "provenance", False, True, False, ".txt"),
        Format("akn", "akn", False, True, False, ".xml", protocol=True),
    )
}


def _entry(name: str, what: str) -> Callable[..., Any]:
    fmt = FORMATS.get(name)
    known = [f.name for f in FORMATS.values() if getattr(f, what)]
    if fmt is None or not getattr(fmt, what):
        raise DraftingError(f"unknown {what} format {name!r}", matches=known,
                            hint=f"known formats: {', '.join(known)}")
    try:
        # A synopsis and a protocol have writers of their own, one module per format in a folder.
        package = f"drafting.writers.{what}" if what in ("synopsis", "protocol") else "drafting.writers"
        module = importlib.import_module(f"{package}.{fmt.module}")
        return getattr(module, what)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        raise DraftingError(f"the {name} {what} writer is not available in this version",
                            hint=f"known formats: {', '.join(known)}") from None


def document_writer(name: str) -> Callable[..., str | bytes]:
    """The function that writes a Document in format `name`."""
    return _entry(name, "document")


def redline_writer(name: str) -> Callable[..., str | bytes]:
    """The function that writes a Redline in format `name`."""
    return _entry(name, "redline")


def protocol_writer(name: str) -> Callable[..., str | bytes]:
    """The function that writes an amending protocol (`treaty diff --format amendments`) in format `name`."""
    return _entry(name, "protocol")


def synopsis_writer(name: str) -> Callable[..., str | bytes]:
    """The function that writes a Synopsis (`treaty compare`) in format `name`."""
    return _entry(name, "synopsis")
