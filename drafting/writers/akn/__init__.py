"""Akoma Ntoso 3.0 (OASIS LegalDocML): a draft as an `act` named "treaty", and an amending
protocol as an `act` named "protocol" whose provisions hold `mod`s.

`document(doc)` writes a Document, which `drafting.readers.akn` reads back into an equal tree;
`protocol(p)` writes a `drafting.amend.Protocol`. The naming (eIds, FRBR IRIs, which element a
kind becomes) is in `_names`, which the reader shares.
"""

from drafting.writers.akn._document import document
from drafting.writers.akn._protocol import address_eid, protocol

__all__ = ["address_eid", "document", "protocol"]
