"""Amending protocols: a redline written as amending instructions, and applied back.

`amendments(redline)` writes the protocol that turns the old text into the new one;
`consolidate(base, protocol)` applies one; `read_protocol` reads one written by hand or
by us; `lines(protocol)` lays its instructions out for the writers.
"""

from drafting.amend._apply import consolidate, shape
from drafting.amend._draft import WORD_CHANGES, amendments, draft
from drafting.amend._file import consolidate_file, read_protocol_file
from drafting.amend._model import (
    ACTIONS, AFTER, BEFORE, END, INSERTION, JOIN, RENUMBERING, REPEAL, SPLIT, SUBSTITUTION, Address,
    Instruction, Place, Protocol,
)
from drafting.amend._read import read_protocol
from drafting.amend._wording import Item, cite, lines, sentence

__all__ = [
    "ACTIONS", "AFTER", "BEFORE", "END", "INSERTION", "JOIN", "RENUMBERING", "REPEAL", "SPLIT", "SUBSTITUTION",
    "WORD_CHANGES", "Address", "Instruction", "Item", "Place", "Protocol", "amendments", "cite", "consolidate",
    "consolidate_file", "draft", "lines", "read_protocol", "read_protocol_file", "sentence", "shape",
]
