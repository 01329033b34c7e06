"""Checks of a mapping against a table, and engine errors turned into mapping errors.

A missing column is found before anything runs, from the table's header. An
expression the engine refuses is located by asking the engine about each fact
alone, so the message names the mapping's line. An unmapped value stops the run
inside the engine (see ``mapping_sql._raise``) and comes back here as a
:class:`MappingError` naming the value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from amparo.errors import Problem
from amparo.population.engine import Engine
from amparo.population.errors import EngineError, MappingError
from amparo.population.mapping import Mapping
from amparo.population.mapping_sql import UNMAPPED, fact_sql
from amparo.rules.sql import Dialect

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_columns(mapping: Mapping, columns: Sequence[str]) -> None:
    """Every column the mapping names plainly is in the table.

    Raises:
        MappingError: one problem per missing column, with the fix.
    """
    present = set(columns)
    problems: list[Problem] = []

    def missing(column: str, what: str, line: int | None) -> None:
        close = difflib.get_close_matches(column, list(columns), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        listed = ", ".join(columns[:40]) + (" …" if len(columns) > 40 else "")
        problems.append(
            Problem(
                f"{what} reads column {column!r}, which the table does not have.{hint} "
                f"Fix the column name in the mapping. The table's columns: {listed}.",
                file=mapping.file,
                line=line,
            )
        )

    for spec in mapping.facts.values():
        if spec.column is not None and spec.column not in present:
            missing(spec.column, f"fact {spec.fact}", spec.line)
    for column in mapping.json:
        if column not in present:
            missing(column, "json", None)
    on = mapping.assessed_on
    if on is not None and _IDENT.match(on) and on not in present:
        missing(on, "assessed_on", mapping.assessed_on_line)
    if (
        mapping.id is not None
        and _IDENT.match(mapping.id)
        and mapping.id not in present
    ):
        missing(mapping.id, "id", None)
    if problems:
        raise MappingError(problems)


def locate(engine: Engine, mapping: Mapping, json_sql: str, complaint: str) -> None:
    """Find which part of the mapping the engine refused, and raise that.

    Raises:
        MappingError: the fact (or date, or id) whose SQL the engine refuses,
            with its line and the engine's words.
        EngineError: no single part fails alone (the engine's complaint as is).
    """
    sql = Dialect(engine.dialect)
    problems: list[Problem] = []
    parts: list[tuple[str, str, int | None]] = []
    if mapping.assessed_on:
        parts.append(
            (
                "assessed_on",
                f"CAST(({mapping.assessed_on}) AS DATE)",
                mapping.assessed_on_line,
            )
        )
    if mapping.id:
        parts.append(("id", f"({mapping.id})", None))
    for spec in mapping.facts.values():
        if spec.years_since is not None:
            continue  # reads another fact, checked there
        for _, text in fact_sql(spec, mapping, sql)[:1]:
            parts.append((f"fact {spec.fact}", text, spec.line))
    for what, text, line in parts:
        refused = engine.probe(f"SELECT {text} AS x FROM ({json_sql}) AS t")
        if refused is not None:
            problems.append(
                Problem(
                    f"{what}: the engine cannot compute {_short(text)}: {_first_line(refused)} "
                    "Fix the expression in the mapping (expressions are SQL over the table's columns).",
                    file=mapping.file,
                    line=line,
                )
            )
    if problems:
        raise MappingError(problems)
    raise EngineError(_first_line(complaint))


def unmapped(error: EngineError) -> MappingError | None:
    """The mapping error an engine failure stands for, if it was an unmapped value."""
    text = str(error)
    found = re.search(re.escape(UNMAPPED) + r"(.*?)(?:\n|$)", text)
    if found is None:
        return None
    message = found.group(1).strip().rstrip("\"'")
    return MappingError([Problem(message)])


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else text


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
