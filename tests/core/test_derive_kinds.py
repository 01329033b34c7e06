"""The one-pass reading of a list by kind agrees with its definition in Kleene logic.

``_per_kind`` gives, for every kind, ``any3(and3(equals3(item.kind, kind), test(item)))``
over the items, without a pass per kind; an unknown kind or test must stay unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hypothesis import given
from hypothesis import strategies as st

from amparo.facts.derive import _per_kind
from amparo.lib.kleene import and3, any3, equals3

KINDS = ("parent", "spouse", "child")


class Kind(StrEnum):  # as the case model gives closed sets: names differ from values
    PARENT = "parent"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER = "other"  # a value the catalogue does not list


@dataclass
class Item:
    kind: Kind | None
    flag: bool | None


items = st.none() | st.lists(
    st.builds(Item, st.none() | st.sampled_from(Kind), st.none() | st.booleans()),
    max_size=4,
)


@given(items)
def test_one_pass_agrees_with_the_definition(given_items: list[Item] | None) -> None:
    facts: dict[str, object] = {}
    _per_kind(facts, "{}_in_us", KINDS, given_items, "kind", lambda i: i.flag)
    for kind in KINDS:
        expected = (
            None
            if given_items is None
            else any3(and3(equals3(i.kind, kind), i.flag) for i in given_items)
        )
        assert facts[f"{kind}_in_us"] is expected, (kind, given_items)


@given(items)
def test_without_a_test_only_the_kind_counts(given_items: list[Item] | None) -> None:
    facts: dict[str, object] = {}
    _per_kind(facts, "has_{}", KINDS, given_items, "kind")
    for kind in KINDS:
        expected = (
            None
            if given_items is None
            else any3(equals3(i.kind, kind) for i in given_items)
        )
        assert facts[f"has_{kind}"] is expected, (kind, given_items)
