"""`official` resolves, on every day from 2021-01-01 to today, to exactly one
enforcement framework or to an explicit "none in force" with its reason."""

from __future__ import annotations

import datetime as dt

import pytest

from amparo.rules.registry import official_on, resolve

# The days frameworks.md gives: (first day, framework in force from then, or None).
CHANGES = [
    (dt.date(2021, 1, 1), None),
    (dt.date(2021, 2, 18), "ice-2021-interim"),
    (dt.date(2021, 11, 29), "dhs-2021-guidelines"),
    (dt.date(2022, 6, 24), None),  # vacated nationwide (Texas v. United States)
    (dt.date(2023, 7, 28), "dhs-2021-guidelines"),  # reinstated
    (dt.date(2025, 1, 20), "eo-14159"),
]


def expected_on(day: dt.date) -> str | None:
    current = None
    for start, framework in CHANGES:
        if day >= start:
            current = framework
    return current


def test_every_day_resolves_to_exactly_one_or_none() -> None:
    day = dt.date(2021, 1, 1)
    today = dt.date.today()
    seen = set()
    while day <= today:
        found = official_on(day)
        got = found.framework.id if found.framework else None
        assert got == expected_on(day), day
        if got is None:
            assert found.reason, f"no reason given for {day}"
        else:
            assert found.reason == ""
        seen.add(got)
        day += dt.timedelta(days=1)
    assert seen == {None, "ice-2021-interim", "dhs-2021-guidelines", "eo-14159"}


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2021, 2, 17), "2021-02-18"),
        (dt.date(2020, 6, 1), "ice-2021-interim"),
        (dt.date(2022, 6, 24), "vacat"),
        (dt.date(2023, 7, 27), "vacat"),
    ],
)
def test_none_in_force_says_why(day: dt.date, words: str) -> None:
    found = official_on(day)
    assert found.framework is None
    assert words in found.reason


@pytest.mark.parametrize(
    ("day", "framework"),
    [
        (dt.date(2021, 2, 18), "ice-2021-interim"),
        (dt.date(2021, 11, 28), "ice-2021-interim"),
        (dt.date(2021, 11, 29), "dhs-2021-guidelines"),
        (dt.date(2022, 6, 23), "dhs-2021-guidelines"),
        (dt.date(2023, 7, 28), "dhs-2021-guidelines"),
        (dt.date(2025, 1, 19), "dhs-2021-guidelines"),
        (dt.date(2025, 1, 20), "eo-14159"),
    ],
)
def test_boundaries(day: dt.date, framework: str) -> None:
    got = resolve("official", day)
    assert getattr(got, "id", None) == framework


def test_other_names_resolve_to_themselves() -> None:
    got = resolve("protection-first", dt.date(2021, 6, 28))
    assert getattr(got, "id", None) == "protection-first"
