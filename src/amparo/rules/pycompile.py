"""Compile conditions to one Python function per framework, for a single case.

Every node of every condition becomes one local variable of a generated function,
so the function returns the value of each node (the explanation reads them) at
the cost of a few hundred nanoseconds per node. Unknown values (``None``) follow
Kleene logic; numbers and dates are spans ``(low, high)``, and a comparison is
known only when the whole span agrees.

The same trees compile to SQL in :mod:`amparo.rules.sql`; a differential test keeps
the two in agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from amparo.lib import diskcache
from amparo.rules import expr
from amparo.rules.expr import BoolOp, Compare, Const, Name, Node, Not, Param

# What a name stands for: a fact type from the catalogue, or "rule" (a factor or
# category of the same framework, read by outcome rules).
NameTypes = Mapping[str, str]
Evaluator = Callable[[Mapping[str, Any], Mapping[str, Any]], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Slot:
    """One node of a compiled condition, and the slots of its children."""

    node: Node
    children: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Program:
    """Conditions compiled together: ``run(facts, params)`` gives every node's value."""

    run: Evaluator
    slots: tuple[Slot, ...]
    roots: tuple[int, ...]  # the slot of each condition's root, in the order given
    source: str
    parents: tuple[int, ...] = ()  # each slot's parent slot, -1 for a root
    names: tuple[tuple[str, ...], ...] = ()  # the names each slot's subtree reads
    params: tuple[tuple[str, ...], ...] = ()  # the parameters each slot's subtree reads
    kinds: tuple[int, ...] = ()  # LEAF, NOT, AND or OR, for walking without isinstance
    # Per root: picks, from every node's value, those that decide how its
    # explanation reads (the truth values, not the facts compared), so that
    # explanations can be kept per shape (see ``amparo.engine.assess.explain``).
    shapes: Mapping[int, Callable[[tuple[Any, ...]], Any]] = field(
        default_factory=dict, compare=False
    )
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def kept(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()``, kept in :attr:`memo` under ``key``. A caseload has few
        shapes per condition, so the bound only guards against pathological input."""
        found = self.memo.get(key)
        if found is None:
            found = make()
            if len(self.memo) < MEMO_LIMIT:
                self.memo[key] = found
        return found


def compile_conditions(conditions: Sequence[Node], types: NameTypes) -> Program:
    """Compile conditions into one function.

    Examples:
        >>> from amparo.rules.expr import parse
        >>> program = compile_conditions([parse("a or n >= 10")], {"a": "bool", "n": "number"})
        >>> values = program.run({"a": None, "n": (9, 10)}, {})
        >>> values[program.roots[0]] is None   # 9 or 10 years: not settled
        True
        >>> values = program.run({"a": None, "n": (10, 12)}, {})
        >>> values[program.roots[0]]
        True
    """
    builder = _Builder(types)
    roots = tuple(builder.emit(condition) for condition in conditions)
    body = "\n".join(f"    {line}" for line in builder.lines) or "    pass"
    names = ", ".join(f"v{i}" for i in range(len(builder.slots)))
    source = f"def _run(f, p):\n{body}\n    return ({names}{',' if names else ''})\n"
    namespace: dict[str, Any] = {}
    # Code compiled from amparo's own parsed conditions, never from input.
    exec(diskcache.compiled(source, "<amparo conditions>"), namespace)  # nosec B102
    slots = tuple(builder.slots)
    parents = [-1] * len(slots)
    for index, slot in enumerate(slots):
        for child in slot.children:
            parents[child] = index
    kinds = tuple(_kind(slot.node) for slot in slots)
    return Program(
        namespace["_run"],
        slots,
        roots,
        source,
        tuple(parents),
        tuple(tuple(sorted(expr.names(slot.node))) for slot in slots),
        tuple(tuple(sorted(expr.param_names(slot.node))) for slot in slots),
        kinds,
        _shapes(slots, roots, parents, kinds),
    )


LEAF, NOT, AND, OR = 0, 1, 2, 3
MEMO_LIMIT = 100_000  # entries kept per program (Program.kept)


def _shapes(
    slots: Sequence[Slot],
    roots: Sequence[int],
    parents: Sequence[int],
    kinds: Sequence[int],
) -> dict[int, Callable[[tuple[Any, ...]], Any]]:
    """For each root, a getter of the values its explanation depends on.

    Slots are emitted children first, so a root's subtree is the run of slots
    from its first leaf up to the root itself. Within it, the operands of a
    comparison (a fact, a parameter, a constant) are left out: the walk reads
    only whether each comparison and each branch holds.
    """
    out: dict[int, Callable[[tuple[Any, ...]], Any]] = {}
    for root in roots:
        first = root
        stack = [root]
        while stack:
            index = stack.pop()
            first = min(first, index)
            stack.extend(slots[index].children)
        picked = [
            i for i in range(first, root + 1) if i == root or kinds[parents[i]] != LEAF
        ]
        # itemgetter of one index gives the value itself, which serves as well.
        out[root] = itemgetter(*picked)
    return out


def _kind(node: Node) -> int:
    if isinstance(node, Not):
        return NOT
    if isinstance(node, BoolOp):
        return AND if node.op == "and" else OR
    return LEAF


class _Builder:
    def __init__(self, types: NameTypes) -> None:
        self.types = types
        self.lines: list[str] = []
        self.slots: list[Slot] = []

    def _slot(self, node: Node, children: tuple[int, ...], expression: str) -> int:
        index = len(self.slots)
        self.slots.append(Slot(node, children))
        self.lines.append(f"v{index} = {expression}")
        return index

    def emit(self, node: Node) -> int:
        if isinstance(node, Name):
            return self._slot(node, (), f"f[{node.id!r}]")
        if isinstance(node, Param):
            return self._slot(node, (), f"p[{node.id!r}]")
        if isinstance(node, Const):
            return self._slot(node, (), repr(node.value))
        if isinstance(node, Not):
            child = self.emit(node.operand)
            return self._slot(
                node, (child,), f"None if v{child} is None else not v{child}"
            )
        if isinstance(node, BoolOp):
            children = tuple(self.emit(o) for o in node.operands)
            return self._slot(node, children, _boolop(node.op, children))
        return self._compare(node)

    def _compare(self, node: Compare) -> int:
        left = self.emit(node.left)
        right = self.emit(node.right)
        a, b = f"v{left}", f"v{right}"
        ordered = self._is_span(node.left) or self._is_span(node.right)
        if ordered:
            lo_a, hi_a = self._ends(node.left, a)
            lo_b, hi_b = self._ends(node.right, b)
            text = _span_compare(node.op, lo_a, hi_a, lo_b, hi_b)
        elif node.op in ("in", "not in"):
            text = f"{a} {node.op} {b}"
        else:
            text = f"{a} {node.op} {b}"
        guards = [
            v for v, n in ((a, node.left), (b, node.right)) if not isinstance(n, Const)
        ]
        if guards:
            unknown = " or ".join(f"{g} is None" for g in guards)
            text = f"None if ({unknown}) else ({text})"
        return self._slot(node, (left, right), text)

    def _is_span(self, operand: Node) -> bool:
        return isinstance(operand, Name) and self.types.get(operand.id) in (
            "number",
            "date",
        )

    def _ends(self, operand: Node, var: str) -> tuple[str, str]:
        if self._is_span(operand):
            return f"{var}[0]", f"{var}[1]"
        return var, var


def _boolop(op: str, children: tuple[int, ...]) -> str:
    names = [f"v{c}" for c in children]
    decisive, other = ("False", "True") if op == "and" else ("True", "False")
    hit = " or ".join(f"{n} is {decisive}" for n in names)
    unknown = " or ".join(f"{n} is None" for n in names)
    return f"{decisive} if ({hit}) else (None if ({unknown}) else {other})"


def _span_compare(op: str, lo_a: str, hi_a: str, lo_b: str, hi_b: str) -> str:
    """A comparison of two spans: known where every pair of values agrees."""
    if op == "<":
        return f"True if {hi_a} < {lo_b} else (False if {lo_a} >= {hi_b} else None)"
    if op == "<=":
        return f"True if {hi_a} <= {lo_b} else (False if {lo_a} > {hi_b} else None)"
    if op == ">":
        return f"True if {lo_a} > {hi_b} else (False if {hi_a} <= {lo_b} else None)"
    if op == ">=":
        return f"True if {lo_a} >= {hi_b} else (False if {hi_a} < {lo_b} else None)"
    same = f"{lo_a} == {hi_a} == {lo_b} == {hi_b}"
    apart = f"{hi_a} < {lo_b} or {hi_b} < {lo_a}"
    if op == "==":
        return f"True if {same} else (False if {apart} else None)"
    if op == "!=":
        return f"False if {same} else (True if {apart} else None)"
    msg = f"{op!r} does not apply to numbers or dates"
    raise ValueError(msg)
