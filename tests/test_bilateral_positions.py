"""The delegations' positions in the bilateral security agreement (issue 12, library part).

Each delegation's draft must say what its position in the library says, the positions must leave
several places open between delegations, `--set` must still override them, and the other shipped
templates must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.assemble import assemble
from drafting.errors import DraftingError
from drafting.library import load_library
from drafting.model import Document, Point
from drafting.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
LIB = load_library(ROOT / "clauses")
TEMPLATE = "bilateral-security-agreement"
DELEGATIONS = ("us-draft", "europe", "framework-20", "ukraine")

COMMITMENT = "mutual-defence.commitment"
ATTACK = "trigger.armed-attack"
AREA = "trigger.territorial-scope"
APPROVAL = "ratification.congressional-approval"
DURATION = "bilateral.duration-and-withdrawal"

# Words only that delegation's version of the Article says (None: the delegation takes no position
# there, so the clause's default applies and is checked instead).
ARTICLE_5_LIKE = "in accordance with its constitutional processes"
AUTOMATIC = "respond at once with its armed forces"
CONSULTATION = "creates no obligation to use armed force"
ANY_ATTACK = '"armed attack" means any use of armed force'
SIGNIFICANT = '"armed attack" means a significant, deliberate and sustained use of armed force'
CONTROLLED = "the territory under the control of the Government of Ukraine"
RECOGNISED = "internationally recognised borders"
SENATE = "advice and consent by a majority of two thirds"
BOTH_CHAMBERS = "both the Senate and the House of Representatives"
EXECUTIVE = "as an executive agreement"
TEN_YEARS = "shall remain in force for 10 years"
NO_LIMIT = "shall remain in force without limit of time"

SAYS: dict[str, dict[str, tuple[str, str | None]]] = {
    # clause: delegation -> (words its Article must say, words it must not say)
    COMMITMENT: {"us-draft": (CONSULTATION, ARTICLE_5_LIKE), "europe": (ARTICLE_5_LIKE, AUTOMATIC),
                 "framework-20": (ARTICLE_5_LIKE, AUTOMATIC), "ukraine": (AUTOMATIC, ARTICLE_5_LIKE)},
    ATTACK: {"us-draft": (SIGNIFICANT, ANY_ATTACK), "europe": (ANY_ATTACK, SIGNIFICANT),
             "framework-20": (ANY_ATTACK, SIGNIFICANT), "ukraine": (ANY_ATTACK, SIGNIFICANT)},
    AREA: {"us-draft": (CONTROLLED, RECOGNISED), "europe": (CONTROLLED, RECOGNISED),
           "framework-20": (CONTROLLED, RECOGNISED), "ukraine": (RECOGNISED, CONTROLLED)},
    APPROVAL: {"us-draft": (EXECUTIVE, SENATE), "europe": (SENATE, BOTH_CHAMBERS),
               "framework-20": (BOTH_CHAMBERS, SENATE), "ukraine": (SENATE, BOTH_CHAMBERS)},
    DURATION: {"us-draft": (TEN_YEARS, NO_LIMIT), "europe": (TEN_YEARS, NO_LIMIT),
               "framework-20": (TEN_YEARS, NO_LIMIT), "ukraine": (NO_LIMIT, TEN_YEARS)},
}


def draft(position: str | None = None, **settings: str) -> Document:
    return assemble(TEMPLATE, LIB, ROOT / "templates", position=position, settings=settings)


def article(doc: Document, key: str) -> Point:
    found = [p for p in doc.points if p.key == key]
    assert found, f"{key} is not an Article of the draft"
    return found[0]


def text_of(doc: Document, key: str) -> str:
    point = article(doc, key)
    return " ".join([point.text, *(child.text for child in point.children)])


DRAFTS = {name: draft(name) for name in DELEGATIONS}


@pytest.mark.parametrize("delegation", DELEGATIONS)
@pytest.mark.parametrize("key", list(SAYS))
def test_each_delegation_s_article_says_what_its_position_says(delegation: str, key: str) -> None:
    doc = DRAFTS[delegation]
    wanted, unwanted = SAYS[key][delegation]
    text = text_of(doc, key)
    assert wanted in text
    assert unwanted is None or unwanted not in text
    # The Article records the position it came from, where the clause has one.
    provenance = dict(article(doc, key).meta)
    assert provenance.get("position") == (delegation if delegation in LIB.get(key).positions else None)


def test_the_ukrainian_duration_binds_for_twenty_years_before_withdrawal() -> None:
    assert "once it has been in force for 20 years" in text_of(DRAFTS["ukraine"], DURATION)
    assert "once it has been in force" not in text_of(DRAFTS["us-draft"], DURATION)


def test_the_positions_leave_at_least_four_places_open() -> None:
    keys = [p.key for p in DRAFTS["ukraine"].points]
    open_places = [key for key in keys if len({text_of(doc, key) for doc in DRAFTS.values()}) > 1]
    assert {COMMITMENT, ATTACK, AREA, APPROVAL, DURATION} <= set(open_places)
    assert len(open_places) >= 4


def test_every_position_of_the_disputed_clauses_names_its_sources() -> None:
    for key in SAYS:
        positions = LIB.get(key).positions
        assert {"us-draft", "ukraine"} <= set(positions), key
        for name, position in positions.items():
            assert position.sources and position.label, f"{key}, position {name}"


@pytest.mark.parametrize(("defence", "words"), [
    ("article-5-like", ARTICLE_5_LIKE), ("consultation-only", CONSULTATION), ("automatic-response", AUTOMATIC),
])
def test_set_defence_chooses_the_form_and_overrides_every_position(defence: str, words: str) -> None:
    assert words in text_of(draft(defence=defence), COMMITMENT)
    for name in ("us-draft", "ukraine"):
        assert words in text_of(draft(name, defence=defence), COMMITMENT)


def test_consultation_only_leaves_the_meeting_to_the_consultation_article() -> None:
    doc = draft(defence="consultation-only")
    assert "within 24 hours" in text_of(doc, "bilateral.consultation")
    assert "24 hours" not in text_of(doc, COMMITMENT)


def test_the_area_names_the_commitment_s_article() -> None:
    doc = DRAFTS["ukraine"]
    assert f"set out in Article {article(doc, COMMITMENT).label} apply" in text_of(doc, AREA)


@pytest.mark.parametrize("route", ["advice-and-consent", "both-chambers", "executive-agreement"])
def test_entry_into_force_reads_the_same_whatever_the_route(route: str) -> None:
    assert (text_of(draft(route=route), "ratification.entry-into-force")
            == text_of(DRAFTS["us-draft"], "ratification.entry-into-force"))


def test_set_route_still_overrides_a_position() -> None:
    assert "executive agreement" in text_of(draft("ukraine", route="executive-agreement"), APPROVAL)


def test_an_unknown_defence_form_is_one_message_naming_the_forms() -> None:
    with pytest.raises(DraftingError, match="consultation-only") as caught:
        draft(defence="nato-membership")
    assert caught.value.clause == COMMITMENT


@pytest.mark.parametrize("template", ["plan-28-point", "plan-20-point", "europe-counterproposal"])
def test_the_other_shipped_templates_keep_their_content(template: str) -> None:
    stored = read_document(ROOT / "drafts" / template / "v1.json")
    assert assemble(template, LIB, ROOT / "templates").content_hash == stored.content_hash
