"""Writers of amending protocols (`treaty diff --format amendments`): one module per file type.

Each takes a `drafting.amend.Protocol` and lays out `drafting.amend.lines(protocol)`: numbered
items, the instructions on one article grouped under it, the new text quoted after its sentence.
"""
