"""The JSON form of a draft is checked field by field: wrong types are one message, never a tree."""

from __future__ import annotations

import json
from typing import Any

import pytest

from drafting.errors import DraftingError
from drafting.model import DOCUMENT_FORMAT, Document, Meta, Point
from drafting.readers.json import read_json
from drafting.writers.json import document as write_json

DOC = Document(title="Plan", parties=("A", "B"), preamble=("Recalling.",),
               points=(Point(key="k.one", label="1", heading="One", paragraphs=("Text.", "More."),
                             children=(Point(key="", label="a", kind="sub", paragraphs=("Sub.",)),)),),
               closing=("Done.",), meta=Meta(version="v1", clauses=(("k.one", "1.10"),), language="en"))


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(write_json(DOC))
    del data["hash"]  # so that a mutation reaches the schema, not the hash check
    return data


def test_the_written_form_reads_back_into_the_same_tree() -> None:
    assert read_json(write_json(DOC)) == DOC


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda d: d.update(title=5), "title"),
    (lambda d: d.update(parties="AB"), "parties"),  # a string is not a list of parties
    (lambda d: d["points"][0].update(paragraphs="Text."), "points[0].paragraphs"),
    (lambda d: d["points"][0].update(kind="clause"), "points[0].kind"),
    (lambda d: d["points"][0]["children"][0].update(label=1), "points[0].children[0].label"),
    (lambda d: d["points"][0].update(colour="red"), "points[0].colour"),
    (lambda d: d["meta"]["clauses"][0].update(version=1.1), "meta.clauses[0].version"),
    (lambda d: d.update(points={"key": "x"}), "points"),
    (lambda d: d["points"][0].pop("key"), "points[0].key"),
    (lambda d: d.update(preamble=[None]), "preamble[0]"),
])
def test_a_wrong_type_names_the_field(mutate: Any, where: str) -> None:
    data = _data()
    mutate(data)
    with pytest.raises(DraftingError) as caught:
        read_json(json.dumps(data), source="draft.json")
    assert f"at {where}:" in str(caught.value)


def test_nan_is_not_a_title() -> None:
    data = _data()
    text = json.dumps(data).replace('"title": "Plan"', '"title": NaN')
    with pytest.raises(DraftingError):
        read_json(text)


def test_the_first_form_is_still_read() -> None:
    data = _data()
    data["format"] = DOCUMENT_FORMAT.replace("@2", "@1")
    assert read_json(json.dumps(data)).title == "Plan"


def test_a_lone_surrogate_spelled_in_json_becomes_a_replacement_character() -> None:
    data = _data()
    text = json.dumps(data).replace('"title": "Plan"', '"title": "Plan \\ud800"')
    assert read_json(text).title == "Plan \ufffd"
