"""The case list: search by reference or full pseudonym, filters by outcome, office and hearing."""

from __future__ import annotations

import pytest
from tests.web.helpers import add_case, doc


@pytest.fixture
def three_cases(organization):  # type: ignore[no-untyped-def]
    return [
        add_case(
            organization,
            doc("T-0001", "Fictional Client One", "Test Court North", "2031-03-01"),
        ),
        add_case(
            organization,
            doc("T-0002", "Fictional Client Two", "Test Court South", "2031-05-01"),
        ),
        add_case(organization, doc("X-0003", "Fictional Client Three")),
    ]


def refs(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {row["case"].reference for row in response.context["rows"]}


def test_it_lists_the_organizations_cases_with_pseudonyms(
    admin_client, three_cases
) -> None:
    r = admin_client.get("/cases/")
    assert refs(r) == {"T-0001", "T-0002", "X-0003"}
    assert "Fictional Client Two" in r.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "T-000"}, {"T-0001", "T-0002"}),
        ({"q": "fictional client three"}, {"X-0003"}),  # the whole pseudonym, any case
        ({"q": "Fictional"}, set()),  # names are stored encrypted: no partial match
        ({"office": "Test Court North"}, {"T-0001"}),
        ({"hearing_from": "2031-04-01"}, {"T-0002"}),
        ({"hearing_to": "2031-04-01"}, {"T-0001"}),
        ({"outcome": "needs_information"}, {"T-0001", "T-0002", "X-0003"}),
    ],
)
def test_it_filters(admin_client, three_cases, query, expected) -> None:
    assert refs(admin_client.get("/cases/", query)) == expected


def test_an_outcome_filter_lists_only_outcomes_present(
    admin_client, three_cases
) -> None:
    choices = dict(
        admin_client.get("/cases/").context["form"].fields["outcome"].choices
    )
    assert set(choices) == {"", "needs_information"}
