"""The summary of a run: counts the engine computes over the results, as JSON.

Every count is one aggregate query over the view ``results`` (or over the facts
layer, for the unknown facts), in SQL that DuckDB and Spark both read, so a
summary never pulls the rows into Python. A factor is counted over the rows on
whose date its framework was in force: outside those dates it decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from amparo.facts.catalogue import catalogue
from amparo.population.engine import Engine
from amparo.population.plan import ASSESSED_ON, Plan, Spec
from amparo.rules.sql import NOT_IN_FORCE, Dialect, fact_columns

NO_DATE = "no_date"  # the outcome of a row with no date to assess it on
NONE = "none"  # the official framework of a day when none was in force


def summarize(
    engine: Engine, plan: Plan, baseline: str | None, reform: str
) -> dict[str, Any]:
    """The summary of the results the engine holds as ``results``."""
    sql = Dialect(engine.dialect)
    q = sql.ident
    rows = int(engine.query("SELECT count(*) FROM results")[0][0])
    summary: dict[str, Any] = {"rows": rows, "reform": reform, "baseline": baseline}
    specs = {s.name: s for s in plan.specs}
    outcomes: dict[str, dict[str, int]] = {}
    columns = [(s.name, s.outcome) for s in plan.specs] + [
        (c.framework_id, c.outcome.name)
        for c in plan.compiled
        if c.framework_id not in specs
    ]
    for name, column in columns:
        outcomes[name] = _counts(
            engine, f"COALESCE({q(column)}, {sql.string(NO_DATE)})"
        )
    summary["outcomes"] = outcomes
    if plan.official:
        summary["official_framework"] = _counts(
            engine, f"COALESCE({q('official__framework')}, {sql.string(NONE)})"
        )
    if baseline is not None:
        summary["transitions"] = _transitions(
            engine, sql, specs[baseline], specs[reform]
        )
    factors: dict[str, dict[str, dict[str, int]]] = {}
    categories: dict[str, dict[str, dict[str, int]]] = {}
    not_weighed: dict[str, dict[str, dict[str, int]]] = {}
    in_force_rows: dict[str, int] = {}
    for compiled in plan.compiled:
        outcome = q(compiled.outcome.name)
        where = f"{outcome} IS NOT NULL AND {outcome} <> {sql.string(NOT_IN_FORCE)}"
        groups = [
            (compiled.factors, factors),
            (compiled.categories, categories),
            (compiled.not_weighed, not_weighed),
        ]
        names = [c.name for cols, _ in groups for c in cols]
        counted = _tri_counts(engine, sql, names, where)
        in_force_rows[compiled.framework_id] = counted.pop("__rows")["true"]
        for cols, target in groups:
            entry = target.setdefault(compiled.framework_id, {})
            for col in cols:
                entry[col.name.split("__")[-1]] = counted[col.name]
    summary["in_force_rows"] = in_force_rows
    summary["factors"] = factors
    summary["categories"] = categories
    summary["not_weighed"] = {k: v for k, v in not_weighed.items() if v}
    summary["by"] = {
        column: _by(engine, sql, column, list(plan.specs)) for column in plan.by
    }
    summary["over_time"] = _over_time(engine, sql, list(plan.specs))
    return summary


def unknown_facts(engine: Engine, plan: Plan) -> dict[str, int]:
    """How many rows leave each fact the frameworks read unknown."""
    sql = Dialect(engine.dialect)
    cat = catalogue()
    names = [fact_columns(f, cat[f].type)[0] for f in plan.facts]
    if not names:
        return {}
    items = ", ".join(
        f"sum(CASE WHEN {sql.ident(n)} IS NULL THEN 1 ELSE 0 END)" for n in names
    )
    row = engine.query(f"SELECT {items} FROM ({plan.facts_sql}) AS t")[0]
    return {fact: int(n or 0) for fact, n in zip(plan.facts, row, strict=True)}


def _counts(engine: Engine, expression: str) -> dict[str, int]:
    rows = engine.query(
        f"SELECT {expression} AS v, count(*) AS n FROM results GROUP BY {expression} ORDER BY n DESC, v"
    )
    return {str(v): int(n) for v, n in rows}


def _tri_counts(
    engine: Engine, sql: Dialect, columns: Sequence[str], where: str
) -> dict[str, dict[str, int]]:
    parts = ["count(*)"]
    for name in columns:
        c = sql.ident(name)
        parts += [
            f"sum(CASE WHEN {c} THEN 1 ELSE 0 END)",
            f"sum(CASE WHEN NOT {c} THEN 1 ELSE 0 END)",
            f"sum(CASE WHEN {c} IS NULL THEN 1 ELSE 0 END)",
        ]
    row = engine.query(f"SELECT {', '.join(parts)} FROM results WHERE {where}")[0]
    values = [int(v or 0) for v in row]
    out = {"__rows": {"true": values[0], "false": 0, "unknown": 0}}
    for index, name in enumerate(columns):
        t, f, u = values[1 + 3 * index : 4 + 3 * index]
        out[name] = {"true": t, "false": f, "unknown": u}
    return out


def _transitions(
    engine: Engine, sql: Dialect, baseline: Spec, reform: Spec
) -> list[dict[str, Any]]:
    b = f"COALESCE({sql.ident(baseline.outcome)}, {sql.string(NO_DATE)})"
    r = f"COALESCE({sql.ident(reform.outcome)}, {sql.string(NO_DATE)})"
    rows = engine.query(
        f"SELECT {b} AS b, {r} AS r, count(*) AS n FROM results GROUP BY {b}, {r} ORDER BY n DESC, b, r"
    )
    return [{"baseline": str(x), "reform": str(y), "n": int(n)} for x, y, n in rows]


def _by(
    engine: Engine, sql: Dialect, column: str, specs: Sequence[Spec]
) -> dict[str, Any]:
    c = f"COALESCE(CAST({sql.ident(column)} AS {sql.type_name('VARCHAR')}), {sql.string('unknown')})"
    out: dict[str, Any] = {}
    for spec in specs:
        o = f"COALESCE({sql.ident(spec.outcome)}, {sql.string(NO_DATE)})"
        rows = engine.query(
            f"SELECT {c} AS v, {o} AS o, count(*) AS n FROM results GROUP BY {c}, {o} ORDER BY v, o"
        )
        for value, outcome, n in rows:
            out.setdefault(str(value), {}).setdefault(spec.name, {})[str(outcome)] = (
                int(n)
            )
    return out


def _over_time(
    engine: Engine, sql: Dialect, specs: Sequence[Spec]
) -> list[dict[str, Any]]:
    day = sql.ident(ASSESSED_ON)
    month = f"(year({day}) * 100 + month({day}))"
    out: list[dict[str, Any]] = []
    for spec in specs:
        o = sql.ident(spec.outcome)
        rows = engine.query(
            f"SELECT {month} AS m, {o} AS o, count(*) AS n FROM results "
            f"WHERE {day} IS NOT NULL GROUP BY {month}, {o} ORDER BY m, o"
        )
        for m, outcome, n in rows:
            key = f"{int(m) // 100:04d}-{int(m) % 100:02d}"
            out.append(
                {
                    "month": key,
                    "framework": spec.name,
                    "outcome": str(outcome),
                    "n": int(n),
                }
            )
    return out
