"""The condition language: small three-valued expressions over facts.

A condition is written in a Python-like syntax and parsed with :mod:`ast`, so the
grammar is familiar and the parser is the standard library's:

    spouse_in_us or child_in_us
    years_of_residence >= params.long_residence_years
    current_status in ['refugee', 'asylee']
    not has_conviction            (only where the framework allows it)

Names are facts (from the fact catalogue), other rules of the same framework
(factor and category ids, in outcome rules), or ``params.NAME``. Literals are
numbers, strings, ``true``/``false`` and lists of literals (after ``in``). Only
``and``, ``or``, ``not``, one comparison per test, and ``in`` / ``not in`` are
allowed. Unknown stays unknown (Kleene logic, as in SQL).

The parsed tree is the one definition every evaluator compiles from: the
per-case Python evaluator (:mod:`amparo.rules.pycompile`) and SQL for
populations (:mod:`amparo.rules.sql`).

Examples:
    >>> node = parse("child_in_us or years_of_residence >= params.long_residence_years")
    >>> sorted(names(node))
    ['child_in_us', 'years_of_residence']
    >>> sorted(param_names(node))
    ['long_residence_years']
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, TypeAlias

from amparo.errors import ExpressionError

Scalar: TypeAlias = bool | int | float | str
CompareOp = Literal["<", "<=", ">", ">=", "==", "!=", "in", "not in"]


@dataclass(frozen=True, slots=True)
class Name:
    """A fact, or another rule of the framework."""

    id: str


@dataclass(frozen=True, slots=True)
class Param:
    """A dated parameter of the framework, ``params.NAME``."""

    id: str


@dataclass(frozen=True, slots=True)
class Const:
    value: Scalar | tuple[Scalar, ...]


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: Literal["and", "or"]
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Compare:
    left: Name | Param | Const
    op: CompareOp
    right: Name | Param | Const


Node: TypeAlias = Name | Param | Const | Not | BoolOp | Compare

_OPS: dict[type[ast.cmpop], CompareOp] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}
_KEYWORDS = {"true": True, "false": False}


def parse(text: str) -> Node:
    """Parse a condition into its tree.

    Raises:
        ExpressionError: the text is not a condition in this language.
    """
    source = " ".join(text.splitlines()).strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        msg = f"cannot read the condition {source!r}: {e.msg} at column {e.offset}."
        raise ExpressionError(msg) from None
    return _convert(tree.body, source)


def _convert(node: ast.expr, source: str) -> Node:
    if isinstance(node, ast.BoolOp):
        op: Literal["and", "or"] = "and" if isinstance(node.op, ast.And) else "or"
        return BoolOp(op, tuple(_convert(v, source) for v in node.values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return Not(_convert(node.operand, source))
    if isinstance(node, ast.Compare):
        if len(node.ops) != 1:
            msg = f"in {source!r}: write one comparison at a time, joined with 'and'."
            raise ExpressionError(msg)
        cmp_op = _OPS.get(type(node.ops[0]))
        if cmp_op is None:
            msg = f"in {source!r}: use <, <=, >, >=, ==, !=, in or not in to compare."
            raise ExpressionError(msg)
        left = _operand(node.left, source)
        right = _operand(node.comparators[0], source)
        return Compare(left, cmp_op, right)
    return _operand(node, source)


def _operand(node: ast.expr, source: str) -> Name | Param | Const:
    if isinstance(node, ast.Name):
        if node.id in _KEYWORDS:
            return Const(_KEYWORDS[node.id])
        return Name(node.id)
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "params"
    ):
        return Param(node.attr)
    if isinstance(node, ast.Constant) and isinstance(
        node.value, (bool, int, float, str)
    ):
        return Const(node.value)
    if isinstance(node, (ast.List, ast.Tuple)):
        items: list[Scalar] = []
        for element in node.elts:
            item = _operand(element, source)
            if not isinstance(item, Const) or isinstance(item.value, tuple):
                msg = f"in {source!r}: a list may hold only plain values."
                raise ExpressionError(msg)
            items.append(item.value)
        return Const(tuple(items))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _operand(node.operand, source)
        if (
            isinstance(inner, Const)
            and isinstance(inner.value, (int, float))
            and not isinstance(inner.value, bool)
        ):
            return Const(-inner.value)
    msg = (
        f"in {source!r}: {ast.unparse(node)!r} is not allowed here. Use facts, "
        "params.NAME, numbers, 'text', true/false, lists after 'in', "
        "and, or, not, and one comparison per test."
    )
    raise ExpressionError(msg)


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    yield node
    if isinstance(node, Not):
        yield from walk(node.operand)
    elif isinstance(node, BoolOp):
        for operand in node.operands:
            yield from walk(operand)
    elif isinstance(node, Compare):
        yield from walk(node.left)
        yield from walk(node.right)


def names(node: Node) -> set[str]:
    """The facts (or rules) a condition reads."""
    return {n.id for n in walk(node) if isinstance(n, Name)}


def param_names(node: Node) -> set[str]:
    """The parameters a condition reads."""
    return {n.id for n in walk(node) if isinstance(n, Param)}


def unparse(node: Node) -> str:
    """Write a tree back as condition text.

    Examples:
        >>> unparse(parse("not (a or b) and c >= params.x"))
        'not (a or b) and c >= params.x'
    """
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Param):
        return f"params.{node.id}"
    if isinstance(node, Const):
        return _literal(node.value)
    if isinstance(node, Not):
        inner = unparse(node.operand)
        return f"not ({inner})" if isinstance(node.operand, BoolOp) else f"not {inner}"
    if isinstance(node, BoolOp):
        parts = [
            f"({unparse(o)})" if isinstance(o, BoolOp) else unparse(o)
            for o in node.operands
        ]
        return f" {node.op} ".join(parts)
    return f"{unparse(node.left)} {node.op} {unparse(node.right)}"


def _literal(value: Scalar | tuple[Scalar, ...]) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


Polarity = Literal[
    1, -1, 0
]  # 1: more of the fact can only help, -1: only hurt, 0: either


def polarities(node: Node, sign: Literal[1, -1] = 1) -> Iterator[tuple[str, Polarity]]:
    """How each fact occurrence moves the condition.

    For each name, yield 1 where a larger value (``true`` over ``false``, a bigger
    number, a later date) can only make the condition more true, -1 where it can
    only make it less true, and 0 where it can do either (equality tests).

    Examples:
        >>> sorted(polarities(parse("a and not b")))
        [('a', 1), ('b', -1)]
        >>> sorted(polarities(parse("n < 3 or s == 'x'")))
        [('n', -1), ('s', 0)]
    """
    if isinstance(node, Name):
        yield node.id, sign
    elif isinstance(node, Not):
        yield from polarities(node.operand, -sign)
    elif isinstance(node, BoolOp):
        for operand in node.operands:
            yield from polarities(operand, sign)
    elif isinstance(node, Compare):
        for side, operand in (("left", node.left), ("right", node.right)):
            if not isinstance(operand, Name):
                continue
            yield operand.id, _comparison_sign(node.op, side, sign)


def _comparison_sign(op: CompareOp, side: str, sign: Literal[1, -1]) -> Polarity:
    if op in ("==", "!=", "in", "not in"):
        return 0
    grows = op in (">", ">=")  # left > right grows with left
    if side == "right":
        grows = not grows
    return sign if grows else -sign
