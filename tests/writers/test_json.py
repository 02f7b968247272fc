"""The JSON writer: documents round-trip, redlines follow the checked-in schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.diff import diff
from drafting.readers.json import read_json
from drafting.writers.json import document, redline
from tests.strategies import documents, edited

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "drafting" / "redline.schema.json").read_text())


@settings(max_examples=100, deadline=None)
@given(documents())
def test_document_json_round_trips(doc) -> None:  # type: ignore[no-untyped-def]
    assert read_json(document(doc)) == doc


@st.composite
def pairs(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    old = draw(documents())
    return old, draw(edited(old))


@settings(max_examples=100, deadline=None)
@given(pairs())
def test_redline_json_follows_the_schema(pair) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(redline(diff(*pair)))
    jsonschema.validate(data, SCHEMA)
    assert sum(data["summary"]["points"].values()) == len(data["points"])


def test_the_schema_rejects_a_wrong_status() -> None:
    data = json.loads(redline(diff(*_tiny())))
    data["points"][0]["status"] = "rewritten"
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepted an unknown status")


def _tiny():  # type: ignore[no-untyped-def]
    from drafting.model import Document, Point

    a = Document(points=(Point(key="@1", label="1", paragraphs=("One.",)),))
    return a, Document(points=(Point(key="@1", label="1", paragraphs=("One more.",)),))
