"""Exceptions raised by amparo.

Every message says what happened, names the place (file, line, field), gives the
value found, and says how to fix it. The core only raises; each surface (the CLI,
the web app) renders these in one place.

AmparoError
├── CaseError                 a case document is wrong (fix the case)
│   └── CaseValidationError   one or more problems, each with file, line and field
├── FrameworkError            a framework folder is wrong (fix the framework)
│   ├── FrameworkLoadError    one or more problems, each with file and rule
│   └── ExpressionError       a condition cannot be parsed or names an unknown fact
└── LookupFailedError         an id (framework, factor, fact) that does not exist
    └── NoneInForceError      'official' on a day no encoded framework was in force
"""

from __future__ import annotations

from dataclasses import dataclass


class AmparoError(Exception):
    """Base class; catch this at the edge of the CLI and the web app."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``path`` is the field path as written in the document (``person.birth_date``,
    ``family.members[0].relationship``); ``line`` is 1-based.
    """

    message: str
    file: str | None = None
    line: int | None = None
    path: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"line {self.line}" if self.line is not None else None,
                self.path,
            )
            if part
        )
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" {self.hint}"
        return text


class _ProblemsError(AmparoError):
    """An error that carries a list of problems and prints one per line."""

    summary = "problem{s}"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} " + self.summary.format(s="" if count == 1 else "s")
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class CaseError(AmparoError, ValueError):
    """A case document is incomplete or invalid."""


class CaseValidationError(_ProblemsError, CaseError):
    """A case document has one or more problems; nothing was loaded."""

    summary = "problem{s} in the case document"


class FrameworkError(AmparoError):
    """A framework folder is wrong."""


class FrameworkLoadError(_ProblemsError, FrameworkError):
    """A framework folder has one or more problems; the framework did not load."""

    summary = "problem{s} in the framework"


class ExpressionError(FrameworkError, ValueError):
    """A condition cannot be parsed, or names something that does not exist."""


class LookupFailedError(AmparoError, LookupError):
    """An id that names nothing: a framework, a factor or a fact."""


class NoneInForceError(LookupFailedError):
    """``official`` names no framework on this day; ``reason`` says why."""

    def __init__(self, day: object, reason: str) -> None:
        self.day = day
        self.reason = reason
        super().__init__(f"No official framework to assess on {day}: {reason}")
