"""A mapping as SQL: the columns of each fact, computed from a row of the table.

The text is the same for DuckDB and Spark but for quoting and three functions
(JSON parsing, list filtering, raising an error), chosen by :class:`Dialect`. An
unmapped value fails the query with a message marked :data:`UNMAPPED`, which
:func:`amparo.population.check.unmapped` turns back into a mapping error.
"""

from __future__ import annotations

from collections.abc import Sequence

from amparo.facts.catalogue import catalogue
from amparo.population.mapping import Condition, FactSpec, Mapping
from amparo.rules.sql import SQL_TYPES, Dialect, fact_columns, span_columns

ITEM = "item"  # the name of one JSON list item in a `where`


def json_column(column: str) -> str:
    """The column holding a JSON column's parsed list."""
    return f"__json__{column}"


def json_parse_sql(column: str, keys: Sequence[str], sql: Dialect) -> str:
    """A JSON text column parsed as a list of objects with text values."""
    text = f"NULLIF(TRIM({sql.ident(column)}), '')"
    if sql.name == "spark":
        fields = ",".join(f"`{k}`:string" for k in keys)
        return f"from_json({text}, 'array<struct<{fields}>>')"
    fields = ",".join(f'"{k}":"VARCHAR"' for k in keys)
    return f"from_json({text}, '[{{{fields}}}]')"


def _matching(cond: Condition, sql: Dialect) -> str:
    """The items of a JSON list for which ``where`` holds."""
    parsed = sql.ident(json_column(str(cond.any_of)))
    where = cond.where or "TRUE"
    if sql.name == "spark":
        return f"filter({parsed}, {ITEM} -> ({where}))"
    return f"list_filter({parsed}, lambda {ITEM}: ({where}))"


def _size(cond: Condition, sql: Dialect) -> str:
    parsed = sql.ident(json_column(str(cond.any_of)))
    function = "size" if sql.name == "spark" else "len"
    # Spark's size(NULL) is -1: keep an absent list unknown explicitly.
    return f"(CASE WHEN {parsed} IS NULL THEN NULL ELSE {function}({_matching(cond, sql)}) END)"


def condition_sql(cond: Condition, sql: Dialect) -> str:
    if cond.any_of is not None:
        return f"({_size(cond, sql)} > 0)"
    return f"({cond.sql})"


def whole_years_sql(start: str, end: str) -> str:
    """Whole years from ``start`` to ``end``, as ``amparo.cases.dates.whole_years``."""
    return (
        f"(year({end}) - year({start}) - CASE WHEN month({end}) * 100 + dayofmonth({end}) "
        f"< month({start}) * 100 + dayofmonth({start}) THEN 1 ELSE 0 END)"
    )


def fact_sql(spec: FactSpec, mapping: Mapping, sql: Dialect) -> list[tuple[str, str]]:
    """The columns of one fact, each with its SQL over the (parsed) source row.

    A ``years_since`` fact reads the columns of the date fact it names, so it is
    computed in a second layer (see :func:`derived`).
    """
    cast_type = sql.type_name(SQL_TYPES[spec.type])

    def cast(text: str) -> str:
        return f"CAST({text} AS {cast_type})"

    names = fact_columns(spec.fact, spec.type)
    if spec.years_since is not None:
        lo, hi = span_columns(spec.years_since)
        day = sql.ident("__on")
        return [
            (names[0], cast(whole_years_sql(sql.ident(hi), day))),
            (names[1], cast(whole_years_sql(sql.ident(lo), day))),
        ]
    if spec.lo is not None and spec.hi is not None:
        lo_text, hi_text = cast(f"({spec.lo})"), cast(f"({spec.hi})")
        null = sql.null(cast_type)
        # A span is known at both ends or not at all.
        return [
            (names[0], f"(CASE WHEN {hi_text} IS NULL THEN {null} ELSE {lo_text} END)"),
            (names[1], f"(CASE WHEN {lo_text} IS NULL THEN {null} ELSE {hi_text} END)"),
        ]
    if spec.count is not None:
        text = cast(_size(spec.count, sql))
    elif spec.true_when or spec.false_when:
        branches = (
            [
                f"WHEN {' OR '.join(condition_sql(c, sql) for c in spec.true_when)} THEN TRUE"
            ]
            if spec.true_when
            else []
        )
        if spec.false_when:
            branches.append(
                f"WHEN {' OR '.join(condition_sql(c, sql) for c in spec.false_when)} THEN FALSE"
            )
        text = f"(CASE {' '.join(branches)} ELSE {sql.null()} END)"
    elif spec.sql is not None:
        text = cast(f"({spec.sql})")
    else:
        text = _column_sql(spec, mapping, sql, cast_type)
    return [(name, text) for name in names]


def _column_sql(spec: FactSpec, mapping: Mapping, sql: Dialect, cast_type: str) -> str:
    column = sql.ident(str(spec.column))
    null = sql.null(cast_type)
    if spec.values is None:
        if spec.type == "enum":
            allowed = catalogue()[spec.fact].values
            listed = ", ".join(sql.string(v) for v in allowed)
            text = f"CAST({column} AS {cast_type})"
            message = f"{mapping.where(spec)}: column {spec.column!r} ({spec.fact}) has the value "
            fix = f", which the fact never takes; it takes {', '.join(allowed)}."
            fail = _raise(sql, message, text, fix)
            return f"(CASE WHEN {text} IS NULL OR {text} IN ({listed}) THEN {text} ELSE {fail} END)"
        return f"CAST({column} AS {cast_type})"
    text = f"CAST({column} AS {sql.type_name('VARCHAR')})"
    branches = " ".join(
        f"WHEN {sql.string(key)} THEN "
        + (null if value is None else f"CAST({sql.literal(value)} AS {cast_type})")
        for key, value in spec.values.items()
    )
    if spec.unmapped == "unknown":
        otherwise = null
    else:
        message = f"{mapping.where(spec)}: {spec.fact}: the value "
        fix = (
            f" of column {spec.column!r} is not in its 'values'. Add it to 'values' "
            "(null for unknown), or set 'unmapped: unknown'."
        )
        otherwise = _raise(sql, message, text, fix)
    return f"(CASE WHEN {text} IS NULL THEN {null} ELSE CASE {text} {branches} ELSE {otherwise} END END)"


def _raise(sql: Dialect, before: str, value: str, after: str) -> str:
    """Fail the query with a message naming the value found."""
    message = f"{sql.string(UNMAPPED + before)} || {sql.string(chr(39))} || {value} || {sql.string(chr(39))} || {sql.string(after)}"
    function = "raise_error" if sql.name == "spark" else "error"
    return f"{function}({message})"


UNMAPPED = "[amparo-mapping] "  # marks the engine error raised for an unmapped value


def base_and_derived(
    mapping: Mapping, needed: Sequence[str]
) -> tuple[list[FactSpec], list[FactSpec]]:
    """The specs computed from the row, then those computed from other facts."""
    base: list[FactSpec] = []
    derived: list[FactSpec] = []
    for fact_id in needed:
        spec = mapping.facts.get(fact_id)
        if spec is None:
            continue
        (derived if spec.years_since else base).append(spec)
    for spec in derived:
        target = mapping.facts[str(spec.years_since)]
        if target not in base:
            base.append(target)
    return base, derived
