"""Reading the case documents a command is given."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from amparo.cases.model import Case


def load_all(paths: Iterable[Path], *, records: bool = False) -> list[Case]:
    """Every case document, or one error listing every problem in all of them.

    ``records``: for commands that only read a case's fields (``assess``), a valid
    document is read by :mod:`amparo.cases.quick`, without pydantic; a document it
    is not sure of, and every document otherwise, by the full loader.
    """
    import amparo
    from amparo.errors import CaseValidationError, Problem

    loaded: list[Case] = []
    problems: list[Problem] = []
    for path in paths:
        if records:
            from amparo.cases.quick import read_case

            record = read_case(path)
            if record is not None:
                loaded.append(cast("Case", record))  # reads as a Case does
                continue
        try:
            loaded.append(amparo.load_case(str(path)))
        except CaseValidationError as e:
            problems.extend(e.problems)
    if problems:
        raise CaseValidationError(problems)
    return loaded
