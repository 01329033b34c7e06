"""Every YAML test case beside every framework, as one parametrized test."""

from __future__ import annotations

import pytest

from amparo.testing import load_cases, run_case

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_framework_case(case) -> None:
    run = run_case(case)
    assert run.actual == run.expected, run.explanation


def test_there_are_framework_cases() -> None:
    assert len(CASES) >= 40
