"""The facts table: one row per person, one column per fact (two for a span).

This is the table the compiled frameworks read (:mod:`amparo.rules.sql`), and
the shape of a synthetic population (:mod:`.synth`): a ``bool`` fact is a
BOOLEAN column, an ``enum`` or ``country`` fact a text column, a ``number`` or
``date`` fact two columns ``<fact>__lo`` and ``<fact>__hi``; ``assessed_on`` is
the date each row is assessed on and ``id`` names the row.

Examples:
    >>> import datetime as dt
    >>> row = flatten({"age": (17, 18), "child_in_us": None}, dt.date(2021, 6, 28))
    >>> row["age__lo"], row["age__hi"], row["child_in_us"], row["assessed_on"]
    (17, 18, None, datetime.date(2021, 6, 28))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from amparo.facts.catalogue import FactValue, catalogue
from amparo.rules.sql import SQL_TYPES, fact_columns

ASSESSED_ON = "assessed_on"
ID = "id"


def facts_schema(fact_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """The columns of a facts table, with their SQL types, in catalogue order."""
    cat = catalogue()
    wanted = set(cat.facts if fact_ids is None else fact_ids)
    out = [(ID, "VARCHAR"), (ASSESSED_ON, "DATE")]
    for fact_id, fact in cat.facts.items():
        if fact_id not in wanted:
            continue
        sql_type = "BIGINT" if fact.type == "number" else SQL_TYPES[fact.type]
        out += [(name, sql_type) for name in fact_columns(fact_id, fact.type)]
    return out


def flatten(
    facts: Mapping[str, FactValue], on: dt.date | None, row_id: str = ""
) -> dict[str, object]:
    """One row of a facts table from flat facts (``derive_facts``'s output)."""
    cat = catalogue()
    row: dict[str, object] = {ID: row_id, ASSESSED_ON: on}
    for fact_id, fact in cat.facts.items():
        value = facts.get(fact_id)
        if fact.ordered:
            lo, hi = fact_columns(fact_id, fact.type)
            span = value if isinstance(value, tuple) else (None, None)
            row[lo], row[hi] = span
        else:
            row[fact_id] = value
    return row


def write_facts(rows: Iterable[Mapping[str, object]], out: Path) -> Path:
    """Write rows of a facts table (from :func:`flatten`) to a Parquet file.

    For tests and small tables: the rows pass through Python. Every fact gets a
    column, typed as :func:`facts_schema` says, so a row may leave any out.
    """
    from amparo.population.duck import DuckEngine

    schema = facts_schema()
    engine = DuckEngine()
    try:
        con = engine.con
        columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in schema)
        con.execute(f"CREATE TABLE facts ({columns})")
        marks = ", ".join("?" for _ in schema)
        values = [[row.get(name) for name, _ in schema] for row in rows]
        if values:
            con.executemany(f"INSERT INTO facts VALUES ({marks})", values)
        target = str(out).replace("'", "''")
        con.execute(f"COPY facts TO '{target}' (FORMAT parquet)")
    finally:
        engine.close()
    return out
