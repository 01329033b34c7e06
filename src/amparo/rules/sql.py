"""Compile frameworks to SQL, for populations: one column per factor, category, outcome.

The same parsed trees the per-case evaluator runs (:mod:`amparo.rules.pycompile`)
become SQL expressions over a table of facts, one row per person. The text is
plain SQL that both DuckDB and Spark SQL accept; only identifier and string
quoting differ (:class:`Dialect`).

Columns of the facts table (the input of the compiled expressions):

- a ``bool`` fact is a BOOLEAN column named as the fact (NULL: unknown);
- an ``enum`` or ``country`` fact is a text column named as the fact;
- a ``number`` or ``date`` fact is a span, two columns ``<fact>__lo`` and
  ``<fact>__hi`` (equal when exact), both NULL or both set;
- ``__on`` is the DATE each row is assessed on.

Semantics, exactly those of the per-case evaluator:

- unknown is NULL, and ``and`` / ``or`` / ``not`` are SQL's, which are Kleene's;
- a comparison that reads a span is known only where the whole span agrees:
  ``age < 18`` is ``CASE WHEN age__hi < 18 THEN TRUE WHEN age__lo >= 18 THEN
  FALSE END`` (``_span_compare`` in :mod:`amparo.rules.pycompile`); a NULL end
  leaves every branch NULL, so an unknown fact gives an unknown comparison;
- a parameter is a CASE on ``__on`` over its dated values (NULL before the
  first), and a country set is a CASE on the country whose branches test the
  days that country was in the set, built from the same dated values
  ``Parameter.entry_on`` reads;
- a category holds when any of its decisive factors holds (``OR``; ``FALSE``
  when it has none), or by its own ``when`` over the factor columns;
- the outcome is a CASE over the outcome rules in order: the first that is true
  wins, one that is unknown before any true gives the framework's unknown
  outcome; outside the framework's in-force dates it is ``not_in_force``, and
  with no date it is NULL.

Examples:
    >>> from amparo.rules.expr import parse
    >>> sql = Dialect("duckdb")
    >>> condition_sql(parse("age >= 65"), sql, lambda name: "number")
    '(CASE WHEN "age__lo" >= 65 THEN TRUE WHEN "age__hi" < 65 THEN FALSE ELSE CAST(NULL AS BOOLEAN) END)'
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from amparo.errors import ExpressionError, FrameworkError
from amparo.rules.expr import BoolOp, Compare, Const, Name, Node, Not, Param

if TYPE_CHECKING:
    from amparo.rules.framework import Framework
    from amparo.rules.parameters import Parameter

DialectName = Literal["duckdb", "spark"]
DAY = "__on"  # the column of each row's assessment date
NOT_IN_FORCE = "not_in_force"
# The 'official' column where no enforcement framework encoded was in force, as
# `amparo assess --framework official` says it.
NONE_IN_FORCE = "none_in_force"
SPAN_TYPES = ("number", "date")
SQL_TYPES = {
    "bool": "BOOLEAN",
    "number": "DOUBLE",
    "date": "DATE",
    "enum": "VARCHAR",
    "country": "VARCHAR",
}
_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "=", "!=": "<>"}


@dataclass(frozen=True, slots=True)
class Dialect:
    """The few things DuckDB and Spark SQL write differently."""

    name: DialectName = "duckdb"

    def ident(self, name: str) -> str:
        """A quoted column name."""
        if self.name == "spark":
            return "`" + name.replace("`", "``") + "`"
        return '"' + name.replace('"', '""') + '"'

    def string(self, value: str) -> str:
        """A quoted string literal.

        Spark reads ``''`` as two adjacent literals, so it gets backslash escapes.
        """
        if self.name == "spark":
            text = value.replace("\\", "\\\\").replace("'", "\\'")
        else:
            text = value.replace("'", "''")
        return f"'{text}'"

    def literal(self, value: object) -> str:
        """A constant of the condition language, or a parameter value."""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, dt.date):
            return f"DATE '{value.isoformat()}'"
        if isinstance(value, str):
            return self.string(value)
        msg = f"{value!r} cannot be written in SQL"
        raise ExpressionError(msg)

    @staticmethod
    def null(sql_type: str = "BOOLEAN") -> str:
        # Spark refuses an untyped NULL where a BOOLEAN is needed.
        return f"CAST(NULL AS {sql_type})"

    def type_name(self, sql_type: str) -> str:
        if self.name == "spark" and sql_type == "VARCHAR":
            return "STRING"
        return sql_type


def span_columns(fact_id: str) -> tuple[str, str]:
    """The two columns of a number or date fact: its lowest and highest value."""
    return f"{fact_id}__lo", f"{fact_id}__hi"


def fact_columns(fact_id: str, fact_type: str) -> tuple[str, ...]:
    """The columns a fact takes in a facts table."""
    return span_columns(fact_id) if fact_type in SPAN_TYPES else (fact_id,)


# ------------------------------------------------------------------- column names


def outcome_column(prefix: str) -> str:
    return f"{prefix}__outcome"


def category_column(prefix: str, category_id: str) -> str:
    return f"{prefix}__category__{category_id}"


def factor_column(prefix: str, factor_id: str) -> str:
    return f"{prefix}__factor__{factor_id}"


def not_weighed_column(prefix: str, item_id: str) -> str:
    return f"{prefix}__not_weighed__{item_id}"


# --------------------------------------------------------------------- conditions

TypeOf = Callable[[str], str | None]  # a name -> "bool", "number", ..., "rule" or None


class _Compiler:
    def __init__(
        self,
        sql: Dialect,
        type_of: TypeOf,
        column_of: Callable[[str], str] | None = None,
        parameters: Mapping[str, Parameter] | None = None,
        day: str = DAY,
    ) -> None:
        self.sql = sql
        self.type_of = type_of
        self.column_of = column_of or (lambda name: name)
        self.parameters = parameters or {}
        self.day = sql.ident(day)

    def emit(self, node: Node) -> str:
        if isinstance(node, Name):
            if self.type_of(node.id) in SPAN_TYPES:
                msg = f"{node.id!r} is a number or date; compare it instead of using it as yes/no"
                raise ExpressionError(msg)
            return self.sql.ident(self.column_of(node.id))
        if isinstance(node, Param):
            return self._param(node.id)
        if isinstance(node, Const):
            if isinstance(node.value, tuple):
                msg = "a list may appear only after 'in' or 'not in'"
                raise ExpressionError(msg)
            return self.sql.literal(node.value)
        if isinstance(node, Not):
            return f"(NOT {self.emit(node.operand)})"
        if isinstance(node, BoolOp):
            joiner = " AND " if node.op == "and" else " OR "
            return "(" + joiner.join(self.emit(o) for o in node.operands) + ")"
        return self._compare(node)

    # A parameter: its value on each row's day, NULL before its first value.
    def _parameter(self, name: str) -> Parameter:
        parameter = self.parameters.get(name)
        if parameter is None:
            msg = f"params.{name} has no parameter file"
            raise ExpressionError(msg)
        return parameter

    def _param(self, name: str) -> str:
        parameter = self._parameter(name)
        if parameter.type == "country_set":
            msg = f"params.{name} is a set of countries; test it with 'in' or 'not in'"
            raise ExpressionError(msg)
        branches = " ".join(
            f"WHEN {self.day} >= {self.sql.literal(v.start)} THEN {self.sql.literal(v.value)}"
            for v in reversed(parameter.values)
        )
        null = self.sql.null(_param_sql_type(parameter))
        return f"(CASE {branches} ELSE {null} END)"

    def _compare(self, node: Compare) -> str:
        right = node.right
        if node.op in ("in", "not in"):
            return self._membership(node)
        if self._is_span(node.left) or self._is_span(node.right):
            lo_a, hi_a = self._ends(node.left)
            lo_b, hi_b = self._ends(right)
            return _span_compare(node.op, lo_a, hi_a, lo_b, hi_b, self.sql.null())
        return f"({self.emit(node.left)} {_OPS[node.op]} {self.emit(right)})"

    def _membership(self, node: Compare) -> str:
        left, right = node.left, node.right
        if self._is_span(left):
            msg = f"{unparse_name(left)} is a number or date; compare it with <, <=, >, >="
            raise ExpressionError(msg)
        value = self.emit(left)
        if isinstance(right, Param):
            test = self._country_set(value, self._parameter(right.id))
        elif isinstance(right, Const):
            items = right.value if isinstance(right.value, tuple) else (right.value,)
            if items:
                listed = ", ".join(self.sql.literal(v) for v in items)
                test = f"({value} IN ({listed}))"
            else:  # nothing is in an empty list; unknown stays unknown
                test = (
                    f"(CASE WHEN {value} IS NULL THEN {self.sql.null()} ELSE FALSE END)"
                )
        else:
            msg = "write the values after 'in' as a list, or a country-set parameter"
            raise ExpressionError(msg)
        return test if node.op == "in" else f"(NOT {test})"

    def _country_set(self, value: str, parameter: Parameter) -> str:
        """Whether ``value`` is in the set on each row's day (NULL before its first value)."""
        if parameter.type != "country_set":
            msg = f"params.{parameter.id} is not a set; 'in' needs a country set or a list"
            raise ExpressionError(msg)
        branches = []
        for country, spans in sorted(_membership_spans(parameter).items()):
            days = " OR ".join(self._covers(start, end) for start, end in spans)
            branches.append(f"WHEN {self.sql.string(country)} THEN ({days})")
        known = " ".join(branches)
        inner = f"CASE {value} {known} ELSE FALSE END" if branches else "FALSE"
        first = self.sql.literal(parameter.values[0].start)
        null = self.sql.null()
        return (
            f"(CASE WHEN {value} IS NULL OR {self.day} IS NULL OR {self.day} < {first} "
            f"THEN {null} ELSE {inner} END)"
        )

    def _covers(self, start: dt.date, end: dt.date | None) -> str:
        low = f"{self.day} >= {self.sql.literal(start)}"
        if end is None:
            return low
        return f"({low} AND {self.day} <= {self.sql.literal(end)})"

    def _is_span(self, operand: Node) -> bool:
        return isinstance(operand, Name) and self.type_of(operand.id) in SPAN_TYPES

    def _ends(self, operand: Name | Param | Const) -> tuple[str, str]:
        if isinstance(operand, Name) and self._is_span(operand):
            lo, hi = span_columns(self.column_of(operand.id))
            return self.sql.ident(lo), self.sql.ident(hi)
        text = self.emit(operand)
        return text, text


def unparse_name(node: Node) -> str:
    return node.id if isinstance(node, (Name, Param)) else repr(node)


def _span_compare(
    op: str, lo_a: str, hi_a: str, lo_b: str, hi_b: str, null: str
) -> str:
    """The SQL of ``pycompile._span_compare``: known where every pair of values agrees."""
    if op == "<":
        true, false = f"{hi_a} < {lo_b}", f"{lo_a} >= {hi_b}"
    elif op == "<=":
        true, false = f"{hi_a} <= {lo_b}", f"{lo_a} > {hi_b}"
    elif op == ">":
        true, false = f"{lo_a} > {hi_b}", f"{hi_a} <= {lo_b}"
    elif op == ">=":
        true, false = f"{lo_a} >= {hi_b}", f"{hi_a} < {lo_b}"
    else:
        same = f"{lo_a} = {hi_a} AND {hi_a} = {lo_b} AND {lo_b} = {hi_b}"
        apart = f"({hi_a} < {lo_b} OR {hi_b} < {lo_a})"
        true, false = (same, apart) if op == "==" else (apart, same)
    return f"(CASE WHEN {true} THEN TRUE WHEN {false} THEN FALSE ELSE {null} END)"


def _param_sql_type(parameter: Parameter) -> str:
    return {"number": "DOUBLE", "date": "DATE", "bool": "BOOLEAN"}.get(
        parameter.type, "VARCHAR"
    )


def _membership_spans(
    parameter: Parameter,
) -> dict[str, list[tuple[dt.date, dt.date | None]]]:
    """For each country, the days (first, last; last ``None``: open) it is in the set.

    Read from the dated values, as ``Parameter.entry_on`` reads them: a value holds
    from its date to the day before the next value's date.
    """
    out: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    values = parameter.values
    for index, entry in enumerate(values):
        end = (
            values[index + 1].start - dt.timedelta(days=1)
            if index + 1 < len(values)
            else None
        )
        if end is not None and end < entry.start:
            continue  # two values on one day: the later in the list wins
        members = entry.value if isinstance(entry.value, frozenset) else frozenset()
        for country in members:
            spans = out.setdefault(country, [])
            if spans and spans[-1][1] is not None:
                last_end = spans[-1][1]
                if last_end + dt.timedelta(days=1) == entry.start:
                    spans[-1] = (spans[-1][0], end)
                    continue
            spans.append((entry.start, end))
    return out


def condition_sql(
    node: Node,
    sql: Dialect,
    type_of: TypeOf,
    column_of: Callable[[str], str] | None = None,
    parameters: Mapping[str, Parameter] | None = None,
    day: str = DAY,
) -> str:
    """One condition as a SQL expression (TRUE, FALSE or NULL for unknown).

    ``type_of`` gives each name's type (a fact type, or ``"rule"`` for a factor or
    category column); ``column_of`` the column a name reads (default: itself).

    Raises:
        ExpressionError: the condition uses something SQL cannot express here.
    """
    return _Compiler(sql, type_of, column_of, parameters, day).emit(node)


# ---------------------------------------------------------------------- frameworks


@dataclass(frozen=True, slots=True)
class Column:
    """One output column and the SQL that computes it."""

    name: str
    sql: str


@dataclass(frozen=True, slots=True)
class CompiledFramework:
    """A framework as SQL, in three layers (each reads the columns of the one before).

    ``factors`` and ``not_weighed`` read the facts and ``__on``; ``categories`` read
    the factor columns; ``outcome`` reads the category and factor columns and
    ``__on``.
    """

    framework_id: str
    prefix: str
    facts: tuple[str, ...]  # the facts the framework reads, in catalogue order
    factors: tuple[Column, ...]
    not_weighed: tuple[Column, ...]
    categories: tuple[Column, ...]
    outcome: Column
    outcomes: tuple[str, ...]  # every value the outcome column can take


def compile_framework(
    framework: Framework,
    dialect: DialectName = "duckdb",
    prefix: str | None = None,
    day: str = DAY,
) -> CompiledFramework:
    """Compile every factor, category and the outcome of a framework to SQL.

    Raises:
        FrameworkError: a condition cannot be compiled (the message names the rule).
    """
    from amparo.facts.catalogue import catalogue
    from amparo.rules import expr
    from amparo.rules.framework import DECISIVE_ROLES

    sql = Dialect(dialect)
    cat = catalogue()
    prefix = prefix or framework.id
    fact_type: TypeOf = lambda name: cat[name].type if name in cat else None  # noqa: E731

    def compile_one(where: str, node: Node, **kwargs: object) -> str:
        try:
            return condition_sql(node, sql, day=day, **kwargs)  # type: ignore[arg-type]
        except ExpressionError as e:
            msg = f"framework {framework.id!r}, {where}: {e}"
            raise FrameworkError(msg) from None

    factor_ids = {f.id for f in framework.factors}
    factors = tuple(
        Column(
            factor_column(prefix, f.id),
            compile_one(
                f"factor {f.id!r}",
                f.condition,
                type_of=fact_type,
                parameters=framework.parameters,
            ),
        )
        for f in framework.factors
    )
    not_weighed = tuple(
        Column(
            not_weighed_column(prefix, n.id),
            compile_one(
                f"not-weighed {n.id!r}",
                n.present,
                type_of=fact_type,
                parameters=framework.parameters,
            ),
        )
        for n in framework.not_weighed
    )
    rule_type: TypeOf = lambda name: "rule"  # noqa: E731
    categories = []
    for category in framework.categories:
        if category.condition is not None:
            text = compile_one(
                f"category {category.id!r}",
                category.condition,
                type_of=rule_type,
                column_of=lambda name: factor_column(prefix, name),
            )
        else:
            decisive = [
                sql.ident(factor_column(prefix, f.id))
                for f in framework.factors
                if f.category == category.id and f.role in DECISIVE_ROLES
            ]
            text = "(" + " OR ".join(decisive) + ")" if decisive else "FALSE"
        categories.append(Column(category_column(prefix, category.id), text))

    def rule_column(name: str) -> str:
        # A factor and a category of the same id: the factor wins, as in assess.
        if name in factor_ids:
            return factor_column(prefix, name)
        return category_column(prefix, name)

    rules = [
        (
            rule.id,
            compile_one(
                f"outcome {rule.id!r}",
                rule.condition,
                type_of=rule_type,
                column_of=rule_column,
            ),
        )
        for rule in framework.outcome_rules
    ]
    unknown = sql.string(framework.unknown_outcome)
    branches = " ".join(
        f"WHEN {text} IS NULL THEN {unknown} WHEN {text} THEN {sql.string(rule_id)}"
        for rule_id, text in rules
    )
    day_sql = sql.ident(day)
    outcome = (
        f"(CASE WHEN {day_sql} IS NULL THEN {sql.null(sql.type_name('VARCHAR'))} "
        f"WHEN NOT ({in_force_sql(framework, sql, day)}) THEN {sql.string(NOT_IN_FORCE)} "
        f"{branches} ELSE {unknown} END)"
    )
    read: set[str] = set()
    for f in framework.factors:
        read |= expr.names(f.condition)
    for n in framework.not_weighed:
        read |= expr.names(n.present)
    outcomes = tuple(
        dict.fromkeys(
            [r.id for r in framework.outcome_rules]
            + [framework.unknown_outcome, NOT_IN_FORCE]
        )
    )
    return CompiledFramework(
        framework_id=framework.id,
        prefix=prefix,
        facts=tuple(f for f in cat.facts if f in read),
        factors=factors,
        not_weighed=not_weighed,
        categories=tuple(categories),
        outcome=Column(outcome_column(prefix), outcome),
        outcomes=outcomes,
    )


def in_force_sql(framework: Framework, sql: Dialect, day: str = DAY) -> str:
    """Whether the framework is in force on each row's day."""
    compiler = _Compiler(sql, lambda name: None, day=day)
    spans = [compiler._covers(p.start, p.end) for p in framework.in_force]
    return " OR ".join(spans) if spans else "FALSE"


def official_sql(
    frameworks: Sequence[Framework],
    dialect: DialectName = "duckdb",
    prefixes: Mapping[str, str] | None = None,
    day: str = DAY,
) -> tuple[str, str]:
    """The enforcement framework in force on each row's day, and its outcome.

    Returns the SQL of two columns: the id of the framework in force (NULL where
    none is), and that framework's outcome column (``none_in_force`` where none is),
    reading the outcome columns of the compiled frameworks (``prefixes``: id ->
    prefix, default the id).

    Raises:
        FrameworkError: two enforcement frameworks are in force on the same day.
    """
    sql = Dialect(dialect)
    _check_no_overlap(frameworks)
    prefixes = prefixes or {}
    which = " ".join(
        f"WHEN {in_force_sql(f, sql, day)} THEN {sql.string(f.id)}" for f in frameworks
    )
    null = sql.null(sql.type_name("VARCHAR"))
    framework_sql = f"(CASE {which} ELSE {null} END)" if frameworks else null
    picks = " ".join(
        f"WHEN {sql.string(f.id)} THEN {sql.ident(outcome_column(prefixes.get(f.id, f.id)))}"
        for f in frameworks
    )
    day_sql = sql.ident(day)
    outcome_sql = (
        f"(CASE WHEN {day_sql} IS NULL THEN {null} "
        f"ELSE CASE {framework_sql} {picks} ELSE {sql.string(NONE_IN_FORCE)} END END)"
        if frameworks
        else f"(CASE WHEN {day_sql} IS NULL THEN {null} ELSE {sql.string(NONE_IN_FORCE)} END)"
    )
    return framework_sql, outcome_sql


def _check_no_overlap(frameworks: Iterable[Framework]) -> None:
    periods = sorted(
        (p.start, p.end or dt.date.max, f.id) for f in frameworks for p in f.in_force
    )
    for (_, end, first), (start, _, second) in itertools.pairwise(periods):
        if start <= end and first != second:
            msg = (
                f"More than one official enforcement framework is in force on {start}: "
                f"{first}, {second}."
            )
            raise FrameworkError(msg)
