"""The condition language (amparo.rules.expr) and its Python compiler (pycompile).

Each compiled result is checked against a reference written here from first
principles: Kleene tables for and/or/not, and brute force over every value a
span may stand for.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.errors import ExpressionError
from amparo.rules import expr
from amparo.rules.expr import (
    BoolOp,
    Compare,
    Const,
    Name,
    Not,
    Param,
    parse,
    polarities,
    unparse,
)
from amparo.rules.pycompile import compile_conditions

TRI = (True, False, None)


def run(
    text: str, facts: dict[str, Any], types: dict[str, str], params: Any = None
) -> Any:
    """Compile one condition and evaluate it."""
    program = compile_conditions([parse(text)], types)
    return program.run(facts, params or {})[program.roots[0]]


# ---------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "a and",
        "or b",
        "(a or b",
        "a or b)",
        "x = 1",
        "a; b",
        "not",
        "a >=",
        "== 3",
        "*a",
        "yield a",
        "a b",
    ],
)
def test_a_condition_that_cannot_be_read_names_its_text(text: str) -> None:
    with pytest.raises(ExpressionError, match="cannot read the condition") as info:
        parse(text)
    assert repr(" ".join(text.split())) in str(info.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("f(a)", "is not allowed"),
        ("len(a) > 1", "is not allowed"),
        ("params.f(1)", "is not allowed"),
        ("a.b", "is not allowed"),
        ("facts.age >= 1", "is not allowed"),
        ("params.a.b", "is not allowed"),
        ("params['a']", "is not allowed"),
        ("a[0]", "is not allowed"),
        ("1 < a < 3", "one comparison at a time"),
        ("a == b == c", "one comparison at a time"),
        ("a + 1 > 2", "is not allowed"),
        ("a - 1 > 2", "is not allowed"),
        ("a * 2", "is not allowed"),
        ("a / 2 >= 1", "is not allowed"),
        ("a % 2 == 0", "is not allowed"),
        ("a ** 2", "is not allowed"),
        ("a @ b", "is not allowed"),
        ("-a", "is not allowed"),
        ("+1", "is not allowed"),
        ("~a", "is not allowed"),
        ("a if b else c", "is not allowed"),
        ("lambda: a", "is not allowed"),
        ("(a := b)", "is not allowed"),
        ("None", "is not allowed"),
        ("a == None", "is not allowed"),
        ("b'x'", "is not allowed"),
        ("f'{a}'", "is not allowed"),
        ("...", "is not allowed"),
        ("{1, 2}", "is not allowed"),
        ("{'a': 1}", "is not allowed"),
        ("[x for x in a]", "is not allowed"),
        ("a in [b]", "only plain values"),
        ("a in [1, [2]]", "only plain values"),
        ("a in [params.x]", "only plain values"),
    ],
)
def test_disallowed_syntax_is_rejected_naming_the_text(text: str, words: str) -> None:
    with pytest.raises(ExpressionError, match=words) as info:
        parse(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("text", ["a is b", "a is not true"])
def test_is_is_rejected_as_an_expression_error(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a", Name("a")),
        ("true", Const(True)),
        ("false", Const(False)),
        ("params.x", Param("x")),
        ("not a", Not(Name("a"))),
        ("a and b and c", BoolOp("and", (Name("a"), Name("b"), Name("c")))),
        ("a or not b", BoolOp("or", (Name("a"), Not(Name("b"))))),
        ("n >= params.k", Compare(Name("n"), ">=", Param("k"))),
        ("3 < n", Compare(Const(3), "<", Name("n"))),
        ("n > -2", Compare(Name("n"), ">", Const(-2))),
        ("n <= 1.5", Compare(Name("n"), "<=", Const(1.5))),
        ("s == 'x'", Compare(Name("s"), "==", Const("x"))),
        ('s != "it\'s"', Compare(Name("s"), "!=", Const("it's"))),
        ("s in ['a', 'b']", Compare(Name("s"), "in", Const(("a", "b")))),
        ("s in ('a', 'b')", Compare(Name("s"), "in", Const(("a", "b")))),
        ("s not in []", Compare(Name("s"), "not in", Const(()))),
        ("c in params.countries", Compare(Name("c"), "in", Param("countries"))),
        ("a == true", Compare(Name("a"), "==", Const(True))),
        ("a\n  or\n  b", BoolOp("or", (Name("a"), Name("b")))),
    ],
)
def test_what_parses_and_to_what(text: str, tree: expr.Node) -> None:
    assert parse(text) == tree


def test_names_and_params_are_collected() -> None:
    node = parse("(a or n >= params.k) and not s in ['x'] and c in params.set")
    assert expr.names(node) == {"a", "n", "s", "c"}
    assert expr.param_names(node) == {"k", "set"}
    assert next(iter(expr.walk(node))) == node


# ------------------------------------------------------------------ Kleene logic


def ref_not(a: bool | None) -> bool | None:
    return None if a is None else not a


def ref_and(*xs: bool | None) -> bool | None:
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def ref_or(*xs: bool | None) -> bool | None:
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


BOOLS = {"a": "bool", "b": "bool", "c": "bool"}


@pytest.mark.parametrize(("a", "b"), list(itertools.product(TRI, TRI)))
def test_and_follows_kleene(a: bool | None, b: bool | None) -> None:
    assert run("a and b", {"a": a, "b": b}, BOOLS) is ref_and(a, b)


@pytest.mark.parametrize(("a", "b"), list(itertools.product(TRI, TRI)))
def test_or_follows_kleene(a: bool | None, b: bool | None) -> None:
    assert run("a or b", {"a": a, "b": b}, BOOLS) is ref_or(a, b)


@pytest.mark.parametrize("a", TRI)
def test_not_follows_kleene(a: bool | None) -> None:
    assert run("not a", {"a": a}, BOOLS) is ref_not(a)


def test_the_kleene_tables_in_full() -> None:
    """Written out, so that a reader sees the tables themselves."""
    t, f, u = True, False, None
    and_table = {
        (t, t): t, (t, f): f, (t, u): u,
        (f, t): f, (f, f): f, (f, u): f,
        (u, t): u, (u, f): f, (u, u): u,
    }  # fmt: skip
    or_table = {
        (t, t): t, (t, f): t, (t, u): t,
        (f, t): t, (f, f): f, (f, u): u,
        (u, t): t, (u, f): u, (u, u): u,
    }  # fmt: skip
    program = compile_conditions(
        [parse("a and b"), parse("a or b"), parse("not a")], BOOLS
    )
    for (a, b), expected in and_table.items():
        assert program.run({"a": a, "b": b}, {})[program.roots[0]] is expected
    for (a, b), expected in or_table.items():
        assert program.run({"a": a, "b": b}, {})[program.roots[1]] is expected
    for a, expected in ((t, f), (f, t), (u, u)):
        assert program.run({"a": a, "b": None}, {})[program.roots[2]] is expected


@pytest.mark.parametrize("abc", list(itertools.product(TRI, TRI, TRI)))
def test_three_way_and_or_and_nesting(abc: tuple[bool | None, ...]) -> None:
    a, b, c = abc
    facts = {"a": a, "b": b, "c": c}
    assert run("a and b and c", facts, BOOLS) is ref_and(a, b, c)
    assert run("a or b or c", facts, BOOLS) is ref_or(a, b, c)
    assert run("a and (b or not c)", facts, BOOLS) is ref_and(a, ref_or(b, ref_not(c)))
    assert run("not (a or b) or c", facts, BOOLS) is ref_or(ref_not(ref_or(a, b)), c)


def test_every_node_value_is_returned_for_explanations() -> None:
    program = compile_conditions([parse("a or not b")], BOOLS)
    values = program.run({"a": None, "b": False}, {})
    by_node = {
        slot.node: value for slot, value in zip(program.slots, values, strict=True)
    }
    assert by_node[Name("a")] is None
    assert by_node[Name("b")] is False
    assert by_node[Not(Name("b"))] is True
    assert values[program.roots[0]] is True
    assert program.parents[program.roots[0]] == -1


# --------------------------------------------------------------- span comparisons

OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
SPANS = {"n": "number", "m": "number", "d": "date", "e": "date"}


def brute(op: str, left: Any, right: Any) -> bool | None:
    """Known where every value the spans stand for gives the same answer."""

    def each(side: Any) -> list[Any]:
        if isinstance(side, tuple):
            lo, hi = side
            if isinstance(lo, dt.date):
                return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
            return list(range(lo, hi + 1))
        return [side]

    answers = {OPS[op](x, y) for x in each(left) for y in each(right)}
    return answers.pop() if len(answers) == 1 else None


small_spans = st.tuples(st.integers(-3, 6), st.integers(0, 4)).map(
    lambda p: (p[0], p[0] + p[1])
)
op_names = st.sampled_from(sorted(OPS))


@settings(max_examples=300, deadline=None)
@given(span=small_spans, constant=st.integers(-5, 12), op=op_names)
def test_a_span_against_a_constant_matches_brute_force(
    span: tuple[int, int], constant: int, op: str
) -> None:
    assert run(f"n {op} {constant}", {"n": span}, SPANS) is brute(op, span, constant)
    assert run(f"{constant} {op} n", {"n": span}, SPANS) is brute(op, constant, span)
    # The same through a parameter.
    assert run(f"n {op} params.k", {"n": span}, SPANS, {"k": constant}) is brute(
        op, span, constant
    )


@settings(max_examples=300, deadline=None)
@given(left=small_spans, right=small_spans, op=op_names)
def test_two_spans_match_brute_force(
    left: tuple[int, int], right: tuple[int, int], op: str
) -> None:
    assert run(f"n {op} m", {"n": left, "m": right}, SPANS) is brute(op, left, right)


date_spans = st.tuples(
    st.dates(dt.date(2020, 2, 20), dt.date(2020, 3, 10)), st.integers(0, 5)
).map(lambda p: (p[0], p[0] + dt.timedelta(days=p[1])))


@settings(max_examples=200, deadline=None)
@given(left=date_spans, right=date_spans, op=op_names)
def test_date_spans_match_brute_force(
    left: tuple[dt.date, dt.date], right: tuple[dt.date, dt.date], op: str
) -> None:
    assert run(f"d {op} e", {"d": left, "e": right}, SPANS) is brute(op, left, right)
    assert run(f"d {op} params.day", {"d": left}, SPANS, {"day": right[0]}) is brute(
        op, left, right[0]
    )


@pytest.mark.parametrize("op", sorted(OPS))
def test_an_unknown_span_or_parameter_makes_an_unknown_comparison(op: str) -> None:
    assert run(f"n {op} 3", {"n": None}, SPANS) is None
    assert run(f"n {op} m", {"n": (1, 1), "m": None}, SPANS) is None
    assert run(f"n {op} params.k", {"n": (1, 1)}, SPANS, {"k": None}) is None


def test_the_documented_example_of_an_unsettled_age() -> None:
    # Born in 2003, on 2021-06-28: 17 or 18.
    assert run("n >= 18", {"n": (17, 18)}, SPANS) is None
    assert run("n >= 18", {"n": (18, 19)}, SPANS) is True
    assert run("n < 18", {"n": (17, 18)}, SPANS) is None
    # Kleene, not classical logic: each half is unknown, so the whole is.
    assert run("n < 65 or n >= 65", {"n": (64, 65)}, SPANS) is None


# -------------------------------------------------------------------------- in

ENUMS = {"s": "enum", "c": "country"}


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("s in ['refugee', 'asylee']", "refugee", True),
        ("s in ['refugee', 'asylee']", "lpr", False),
        ("s in ['refugee', 'asylee']", None, None),
        ("s not in ['refugee', 'asylee']", "refugee", False),
        ("s not in ['refugee', 'asylee']", "lpr", True),
        ("s not in ['refugee', 'asylee']", None, None),
        ("s in []", "lpr", False),
        ("s in ['lpr']", "lpr", True),
        ("s == 'lpr'", "lpr", True),
        ("s != 'lpr'", "lpr", False),
        ("s == 'lpr'", None, None),
        ("not s in ['lpr']", None, None),
    ],
)
def test_in_with_a_list(text: str, value: str | None, expected: bool | None) -> None:
    assert run(text, {"s": value}, ENUMS) is expected


@pytest.mark.parametrize(
    ("country", "countries", "expected"),
    [
        ("SV", frozenset({"SV", "HT"}), True),
        ("MX", frozenset({"SV", "HT"}), False),
        (None, frozenset({"SV"}), None),
        ("SV", None, None),  # no value of the parameter: unknown, not "no"
        ("SV", frozenset(), False),
    ],
)
def test_in_with_a_set_parameter(
    country: str | None, countries: frozenset[str] | None, expected: bool | None
) -> None:
    assert run("c in params.set", {"c": country}, ENUMS, {"set": countries}) is expected


# ------------------------------------------------------------------- polarities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", [("a", 1)]),
        ("not a", [("a", -1)]),
        ("not not a", [("a", 1)]),
        ("a and not b", [("a", 1), ("b", -1)]),
        ("not (a or not b)", [("a", -1), ("b", 1)]),
        ("n >= 1", [("n", 1)]),
        ("n > 1", [("n", 1)]),
        ("n < 1", [("n", -1)]),
        ("n <= 1", [("n", -1)]),
        ("1 < n", [("n", 1)]),
        ("1 >= n", [("n", -1)]),
        ("not n >= 1", [("n", -1)]),
        ("n >= params.k", [("n", 1)]),
        ("n < m", [("m", 1), ("n", -1)]),
        ("s == 'x'", [("s", 0)]),
        ("s != 'x'", [("s", 0)]),
        ("s in ['x']", [("s", 0)]),
        ("not s not in ['x']", [("s", 0)]),
        ("c in params.set", [("c", 0)]),
        ("true", []),
        ("params.flag", []),
        ("a or a", [("a", 1), ("a", 1)]),
        ("a and not a", [("a", -1), ("a", 1)]),
    ],
)
def test_polarities(text: str, expected: list[tuple[str, int]]) -> None:
    assert sorted(polarities(parse(text))) == expected


# ---------------------------------------------------------------------- unparse


@pytest.mark.parametrize(
    "text",
    [
        "a",
        "true",
        "false",
        "not a",
        "not not a",
        "a and b",
        "a or b or c",
        "a and (b or c)",
        "(a or b) and c",
        "a and (b and c)",
        "not (a or b) and c",
        "not (a and b)",
        "not n >= 1",
        "n >= params.long_residence_years",
        "age < params.tender_age or age >= params.advanced_age",
        "3 < n",
        "n > -2",
        "n <= 1.5",
        "s == 'x'",
        's != "it\'s"',
        "s in ['refugee', 'asylee']",
        "s not in []",
        "a == true",
        "removal_country in params.tps_or_ded_countries or fear_of_return",
    ],
)
def test_unparse_round_trips(text: str) -> None:
    node = parse(text)
    assert parse(unparse(node)) == node
    assert unparse(parse(unparse(node))) == unparse(node)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("a  and\n b", "a and b"),
        ("(a)", "a"),
        ("not(a)", "not a"),
        ("s in ('a', 'b')", "s in ['a', 'b']"),
        ('s == "x"', "s == 'x'"),
        ("a and (b)", "a and b"),
    ],
)
def test_unparse_writes_the_canonical_form(written: str, canonical: str) -> None:
    assert unparse(parse(written)) == canonical


identifiers = st.sampled_from(["a", "b", "age", "child_in_us", "s"])
literals = st.one_of(
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(-100, 100, allow_nan=False).filter(lambda x: x == x),
    st.text(st.characters(codec="ascii", exclude_categories=("Cc", "Zs")), max_size=6),
)
operands = st.one_of(
    identifiers.map(Name),
    identifiers.map(Param),
    literals.map(Const),
)


def compares() -> st.SearchStrategy[expr.Node]:
    ordered = st.builds(
        Compare, operands, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), operands
    )
    membership = st.builds(
        Compare,
        identifiers.map(Name),
        st.sampled_from(["in", "not in"]),
        st.lists(literals, max_size=3).map(lambda xs: Const(tuple(xs)))
        | identifiers.map(Param),
    )
    return ordered | membership


trees = st.recursive(
    identifiers.map(Name) | compares() | st.booleans().map(Const),
    lambda inner: st.one_of(
        inner.map(Not),
        st.builds(
            BoolOp,
            st.sampled_from(["and", "or"]),
            st.lists(inner, min_size=2, max_size=3).map(tuple),
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(trees)
def test_any_tree_round_trips_through_its_text(tree: expr.Node) -> None:
    assert parse(unparse(tree)) == tree


def test_the_compiled_source_is_one_function() -> None:
    program = compile_conditions(
        [parse("a or n >= 10"), parse("not a")], {"a": "bool", "n": "number"}
    )
    assert program.source.startswith("def _run(f, p):")
    assert len(program.roots) == 2
    assert (
        len(program.slots)
        == len(program.names)
        == len(program.params)
        == len(program.kinds)
    )


@pytest.mark.parametrize("text", ["n > -true", "n > -True", "-false"])
def test_a_negated_truth_value_is_rejected(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse(text)


def test_whitespace_inside_quoted_text_is_kept() -> None:
    assert parse("s == 'a  b'") == Compare(Name("s"), "==", Const("a  b"))
