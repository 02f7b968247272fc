"""Drafts in git: the diff driver (textconv and external diff) and the merge driver.

git knows nothing of points, brackets or Word: a .docx is "Binary files differ" and two
delegations' edits of one sentence are a line conflict. `treaty git setup` tells git to ask
`treaty` instead (gitattributes(5): an external diff driver, a textconv, a custom merge
driver); the helpers git then calls live here, so the CLI only parses and prints.
"""

from __future__ import annotations

from drafting.gitdrivers._diff import external_diff, textconv
from drafting.gitdrivers._merge import Driven, merge_driver, side_names
from drafting.gitdrivers._setup import Setup, setup, undo

__all__ = ["Driven", "Setup", "external_diff", "merge_driver", "setup", "side_names", "textconv", "undo"]
