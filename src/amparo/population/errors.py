"""Errors of population runs.

MappingError    a mapping file is wrong, or the data does not fit it (fix the mapping)
EngineError     an engine is missing or refused the query (install it, or fix the input)

Both are :class:`amparo.AmparoError`, so the CLI's one error boundary prints them.
"""

from __future__ import annotations

from amparo.errors import AmparoError, Problem


class MappingError(AmparoError, ValueError):
    """A mapping file has problems, or the data has a column or value it does not map."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'' if count == 1 else 's'} with the mapping"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class EngineError(AmparoError, RuntimeError):
    """A population engine is not installed, or failed on the query."""
