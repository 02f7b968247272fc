"""JSON documents with wrong types and depths: valid `document@2` forms, mutated.

The seeds are the shipped drafts (drafts/*/v1.json) and the golden layouts' document.json. A
mutation puts a number where text goes, text where a list goes, NaN, a huge integer, deep
nesting, an unknown key, a missing one, a chain of points thousands deep, or cuts the text.
Raw pieces that `json.dumps` cannot write (a 5,000-digit integer, a list nested 100,000 deep)
ride in as markers replaced after dumping.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.fuzz.cases import redlined, shown

ROOT = Path(__file__).resolve().parents[2]
SEEDS = tuple(json.loads(p.read_text(encoding="utf-8"))
              for p in sorted([*ROOT.glob("drafts/*/v1.json"), *ROOT.glob("tests/golden/layouts/*/document.json")]))
SEED_TEXT = json.dumps(SEEDS[0], ensure_ascii=False, indent=2)
RAW = "\ue000raw:"  # a marker: the string becomes the raw text after it
_MARKER = re.compile('"' + RAW + '([0-9a-f]*)\ue001"')


def raw(text: str) -> str:
    """A value written into the JSON as it is (not as a string)."""
    return f"{RAW}{text.encode('utf-8').hex()}\ue001"


def _nested(depth: int, opener: str, closer: str, inner: str = "1") -> str:
    return raw(opener * depth + inner + closer * depth)


WRONG = st.one_of(
    st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans(),
    st.text(max_size=12), st.just([]), st.just({}), st.lists(st.integers(), max_size=3),
    st.just({"key": 1}), st.just(["a", ["b"]]), st.just("x" * 100_000),
    st.sampled_from((raw("1" * 5000), raw("-0"), raw("1e999"), raw("NaN"), raw("-Infinity"), raw('"\\ud800"'),
                     raw('"\\u0000"'), raw('"\\u001b[31mred"'))),
    st.sampled_from((10, 1000, 100_000)).map(lambda d: _nested(d, "[", "]")),
    st.sampled_from((10, 1000, 100_000)).map(lambda d: _nested(d, '{"a":', "}")),
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*at, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _chain(depth: int) -> str:
    """A point whose only child has a child … `depth` deep."""
    return raw('{"key":"k","children":[' * depth + '{"key":"leaf"}' + "]}" * depth)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """One seed with one to four mutations, as JSON text (sometimes cut or garbled)."""
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    if draw(st.integers(0, 6)):
        data.pop("hash", None)  # most mutations would only meet the hash check otherwise
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = paths[draw(st.integers(0, len(paths) - 1))]
        parent = _parent(data, path)
        how = draw(st.integers(0, 9))
        if how < 5:
            parent[path[-1]] = copy.deepcopy(draw(WRONG))
        elif how == 5 and isinstance(parent, dict):
            del parent[path[-1]]
        elif how == 6:
            target = parent[path[-1]] if isinstance(parent[path[-1]], dict) else data
            target[draw(st.sampled_from(("extra", "", "__class__", "children", "hash")))] = copy.deepcopy(draw(WRONG))
        elif how == 7:
            data["format"] = draw(st.sampled_from(("treaty-drafting/document@1", "treaty-drafting/document@3",
                                                   "treaty-drafting/redline@1", "", None, 2)))
        elif how == 8:
            data["points"] = [draw(st.sampled_from((10, 500, 3000)).map(_chain))]
        else:
            points = data.get("points") if isinstance(data.get("points"), list) else []
            times = draw(st.sampled_from((2, 1000, 5000)))  # up to 20 MB: a big file, not a huge one
            data["points"] = points[:1] * min(times, 20 * 2**20 // len(json.dumps(points[:1], ensure_ascii=False)))
            break  # too many paths to walk again
    text = json.dumps(data, ensure_ascii=False, indent=draw(st.sampled_from((None, 1))))
    text = _MARKER.sub(lambda m: bytes.fromhex(m.group(1)).decode("utf-8"), text)  # markers become raw JSON
    garble = draw(st.integers(0, 9))
    if garble == 0:
        text = text[:draw(st.integers(0, len(text)))]
    elif garble == 1:
        text = "\ufeff" + text
    elif garble == 2:
        text = text.replace("{", '{"title": 1, "title": "twice", ', 1)
    elif garble == 3:
        text += draw(st.sampled_from(("garbage", "\x00", "}", "// comment", "\n" * 3)))
    return text


def show_json() -> st.SearchStrategy[dict[str, Any]]:
    """A mutated document shown in any format."""
    return shown(mutated(), ("in.json", "in.JSON", "in.md", "in"))


def diff_json() -> st.SearchStrategy[dict[str, Any]]:
    """A valid document redlined against a mutated one, or two mutated ones."""
    return redlined(st.tuples(st.one_of(st.just(SEED_TEXT), mutated()), mutated()), ("old.json", "new.json"))
