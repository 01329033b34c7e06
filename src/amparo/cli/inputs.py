"""Reading the case documents a command is given."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from amparo.cases.model import Case


def load_all(paths: Iterable[Path]) -> list[Case]:
    """Every case document, or one error listing every problem in all of them."""
    import amparo
    from amparo.errors import CaseValidationError, Problem

    loaded = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(amparo.load_case(str(path)))
        except CaseValidationError as e:
            problems.extend(e.problems)
    if problems:
        raise CaseValidationError(problems)
    return loaded
