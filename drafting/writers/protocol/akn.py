"""An amending protocol in Akoma Ntoso: the writer lives with the other AKN writing in
`drafting.writers.akn` (eIds, FRBR names, the body of a quoted structure)."""

from drafting.writers.akn import protocol

__all__ = ["protocol"]
