"""A redline's header names both versions so they can be told apart."""

from __future__ import annotations

from drafting.diff import diff
from drafting.model import Document, Meta, Point
from drafting.writers import redline_writer


def _doc(template: str, version: str) -> Document:
    return Document(title="Plan", points=(Point(key="", label="1", paragraphs=(f"Text of {template}.",)),),
                    meta=Meta(version=version, template=template))


def test_two_drafts_both_v1_are_named_by_their_templates() -> None:
    rl = diff(_doc("plan-28-point", "v1"), _doc("plan-20-point", "v1"))
    for fmt in ("term", "md"):
        text = str(redline_writer(fmt)(rl))
        assert "plan-28-point/v1 -> plan-20-point/v1" in text or "plan-28-point/v1 \u2192 plan-20-point/v1" in text


def test_versions_of_one_template_keep_their_short_names() -> None:
    rl = diff(_doc("plan-28-point", "v1"), _doc("plan-28-point", "v2"))
    text = str(redline_writer("term")(rl))
    assert text.startswith("v1 -> v2")
