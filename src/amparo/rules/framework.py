"""A framework is a folder of rules as data; this module loads and checks one.

Layout of ``frameworks/<id>/``::

    framework.yaml        id, title, sources, in-force dates, categories, outcome rules,
                          the facts not weighed (protection frameworks) and why
    factors/*.yaml        one file per category: each factor's condition, citation,
                          labels (en, es) and the evidence that proves it
    parameters/*.yaml     dated values, each cited or labelled the project's reading
    cases/*.yaml          readable test cases

A framework may ``extends: <id>`` another and override only what differs: factors,
parameters and categories by id (``remove: true`` drops a factor), other keys whole.

Loading fails, with every problem listed, when a factor has no citation, a
condition names a fact or parameter that does not exist or uses one the wrong
way, a parameter has no value on a day the framework is in force, or a protection
framework would count a fact it must not weigh against the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from amparo.errors import ExpressionError, FrameworkLoadError, Problem
from amparo.facts.catalogue import Catalogue, catalogue
from amparo.i18n import word
from amparo.lib.yamlio import read_yaml
from amparo.rules import expr
from amparo.rules.citations import Citation, Source, parse_citation
from amparo.rules.parameters import Parameter
from amparo.rules.pycompile import Program, compile_conditions

Text = Mapping[str, str]
Kind = Literal["protection", "enforcement"]
Role = Literal["protective", "priority", "mitigating", "aggravating", "determination"]
# Roles whose factors make their category hold; the others are listed, not decisive.
# A ``determination`` is an officer's discretionary judgment that no record can make
# (a public-safety "threat"): a category's ``when`` may require it, and it stays
# unknown, with the mitigating and aggravating factors that judgment weighs listed.
DECISIVE_ROLES = ("protective", "priority")
ROLES = ("protective", "priority", "mitigating", "aggravating", "determination")
# How an official framework relates to the others on the days it is in force:
# ``enforcement`` is what ``--framework official`` resolves to; ``proceedings``
# governs attorneys in removal proceedings alongside it; ``reading`` is another
# reading of an enforcement framework's text (shown beside it, never resolved to).
Official = Literal["enforcement", "proceedings", "reading"]


@dataclass(frozen=True, slots=True)
class Category:
    """A group of factors. It holds when any of its decisive factors holds, unless
    ``when`` gives another condition over the framework's factor ids."""

    id: str
    label: Text
    cites: tuple[Citation, ...]
    when: str | None = None
    condition: expr.Node | None = None
    note: Text | None = None

    @property
    def unconfirmed(self) -> bool:
        return any(c.unconfirmed for c in self.cites)


@dataclass(frozen=True, slots=True, eq=False)
class Factor:
    id: str
    category: str
    role: Role
    label: Text
    when: str
    condition: expr.Node
    cites: tuple[Citation, ...]
    evidence: tuple[Text, ...] = ()
    note: str | None = None
    file: str | None = None  # the file that defines it, for error messages

    @property
    def unconfirmed(self) -> bool:
        return any(c.unconfirmed for c in self.cites)


@dataclass(frozen=True, slots=True)
class OutcomeRule:
    id: str
    when: str
    condition: expr.Node
    cites: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class NotWeighed:
    """A kind of fact the framework must never weigh against the person."""

    id: str
    label: Text
    facts: tuple[str, ...]
    present: expr.Node
    reason: Text
    cites: tuple[Citation, ...]
    shows: tuple[
        str, ...
    ] = ()  # also shown when present, but not guarded (used in favour)


@dataclass(frozen=True, slots=True)
class InForce:
    start: dt.date
    end: dt.date | None = None  # last day in force, inclusive
    note: str | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class OutOfForce:
    """A stretch when the framework was not in force, and why (a vacatur, say)."""

    start: dt.date
    end: dt.date | None
    note: Text
    cites: tuple[Citation, ...] = ()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, eq=False)
class Framework:
    id: str
    kind: Kind
    title: Text
    summary: Text
    folder: Path
    sources: Mapping[str, Source]
    categories: tuple[Category, ...]
    factors: tuple[Factor, ...]
    parameters: Mapping[str, Parameter]
    outcome_rules: tuple[OutcomeRule, ...]
    unknown_outcome: str
    outcome_labels: Mapping[str, Text]
    outcome_explain: Mapping[str, Text]
    not_weighed: tuple[NotWeighed, ...]
    holistic_facts: tuple[str, ...]
    holistic_cites: tuple[Citation, ...]
    in_force: tuple[InForce, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)
    parameter_files: Mapping[str, str] = field(default_factory=dict)
    official: Official | None = None
    priority_outcomes: tuple[str, ...] = ()
    not_priority_outcomes: tuple[str, ...] = ()
    out_of_force: tuple[OutOfForce, ...] = ()
    extends: str | None = None

    def in_force_on(self, day: dt.date) -> InForce | None:
        return next((p for p in self.in_force if p.covers(day)), None)

    def out_of_force_on(self, day: dt.date) -> OutOfForce | None:
        """Why the framework was not in force on ``day``, where its files say."""
        return next((p for p in self.out_of_force if p.covers(day)), None)

    @cached_property
    def decisive_by_category(self) -> Mapping[str, tuple[str, ...]]:
        """The ids of each category's decisive factors, in order."""
        return {
            c.id: tuple(
                f.id
                for f in self.factors
                if f.category == c.id and f.role in DECISIVE_ROLES
            )
            for c in self.categories
        }

    @cached_property
    def unconfirmed_ids(self) -> tuple[str, ...]:
        """The factors that rest on an unconfirmed source, in order."""
        return tuple(f.id for f in self.factors if f.unconfirmed)

    @property
    def unconfirmed(self) -> bool:
        """Whether any rule of the framework rests on an unconfirmed source."""
        return any(f.unconfirmed for f in self.factors) or any(
            c.unconfirmed for c in self.categories
        )

    def factor(self, factor_id: str) -> Factor:
        return next(f for f in self.factors if f.id == factor_id)

    @cached_property
    def program(self) -> Program:
        """Every factor condition, then every not-weighed test, in one function."""
        conditions = [f.condition for f in self.factors] + [
            n.present for n in self.not_weighed
        ]
        return compile_conditions(conditions, _fact_types(catalogue()))

    @cached_property
    def category_program(self) -> Program | None:
        """The categories that have their own ``when``, over factor ids."""
        conditions = [c.condition for c in self.categories if c.condition is not None]
        if not conditions:
            return None
        types = {f.id: "bool" for f in self.factors}
        return compile_conditions(conditions, types)

    @cached_property
    def outcome_program(self) -> Program:
        types = {name: "bool" for name in self._rule_names}
        return compile_conditions([r.condition for r in self.outcome_rules], types)

    @cached_property
    def _rule_names(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories) + tuple(f.id for f in self.factors)

    def params_on(self, day: dt.date) -> Mapping[str, Any]:
        return _params_on(self, day)

    def outcome_label(self, outcome: str, lang: str) -> str:
        labels = self.outcome_labels.get(outcome, {})
        if not labels and outcome == "not_in_force":
            return word("not_in_force", lang)
        return labels.get(lang) or labels.get("en") or outcome


@lru_cache(maxsize=4096)
def _params_on(framework: Framework, day: dt.date) -> Mapping[str, Any]:
    out: dict[str, Any] = {}
    for name, parameter in framework.parameters.items():
        entry = parameter.entry_on(day)
        out[name] = None if entry is None else entry.value
    return out


def _fact_types(cat: Catalogue) -> dict[str, str]:
    return {fact_id: fact.type for fact_id, fact in cat.facts.items()}


# ---------------------------------------------------------------------------- loading


def load_framework(
    folder: Path, registry: Mapping[str, Path] | None = None
) -> Framework:
    """Load and check one framework folder.

    Raises:
        FrameworkLoadError: every problem found, each with its file and rule.
    """
    raw = _read_folder(folder, registry or {})
    problems: list[Problem] = []
    framework = _build(folder, raw, problems)
    if framework is not None:
        _check(framework, problems)
    if problems or framework is None:
        raise FrameworkLoadError(problems)
    return framework


def _read_folder(folder: Path, registry: Mapping[str, Path]) -> dict[str, Any]:
    """The folder's files as data, merged over the framework it extends."""
    meta_file = folder / "framework.yaml"
    if not meta_file.is_file():
        raise FrameworkLoadError(
            [Problem("no framework.yaml in the folder", file=str(folder))]
        )
    meta = read_yaml(meta_file) or {}
    factors: dict[str, tuple[Path, dict[str, Any]]] = {}
    parameters: dict[str, tuple[Path, dict[str, Any]]] = {}
    base: dict[str, Any] = {}
    parent_id = meta.get("extends")
    if parent_id:
        if parent_id not in registry:
            problem = Problem(
                f"extends {parent_id!r}, which is not a framework", file=str(meta_file)
            )
            raise FrameworkLoadError([problem])
        base = _read_folder(registry[parent_id], registry)
        factors = dict(base["factors"])
        parameters = dict(base["parameters"])
    for path in sorted((folder / "factors").glob("*.yaml")):
        data = read_yaml(path) or {}
        for item in data.get("factors") or ():
            item = dict(item)
            item.setdefault("category", data.get("category"))
            if item.get("remove"):
                factors.pop(str(item.get("id")), None)
                continue
            factors[str(item.get("id"))] = (path, item)
    for path in sorted((folder / "parameters").glob("*.yaml")):
        data = read_yaml(path) or {}
        parameters[str(data.get("id", path.stem))] = (path, data)
    merged = {k: v for k, v in base.get("meta", {}).items() if k != "id"}
    merged.update(meta)
    if base and meta.get("categories"):
        merged["categories"] = _merge_by_id(
            base["meta"].get("categories") or [], meta["categories"]
        )
    sources = dict(base.get("meta", {}).get("sources") or {})
    sources.update(meta.get("sources") or {})
    merged["sources"] = sources
    return {"meta": merged, "factors": factors, "parameters": parameters}


def _merge_by_id(
    base: list[dict[str, Any]], override: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The base's items, each updated by the override with its id; new ones appended.

    An override item may set a key to null to drop it (``when: null``: the
    category holds again when any of its decisive factors holds).
    """
    out = {str(item.get("id")): dict(item) for item in base}
    for item in override:
        key = str(item.get("id"))
        out[key] = {**out.get(key, {}), **item}
    return list(out.values())


def _build(
    folder: Path, raw: dict[str, Any], problems: list[Problem]
) -> Framework | None:
    meta = raw["meta"]
    meta_file = str(folder / "framework.yaml")

    def cites(data: object, file: str, where: str) -> tuple[Citation, ...]:
        items = data if isinstance(data, list) else ([data] if data else [])
        out = []
        for item in items:
            try:
                out.append(parse_citation(item, sources))
            except ValueError as e:
                problems.append(Problem(f"{where}: {e}.", file=file))
        return tuple(out)

    def condition(text: object, file: str, where: str) -> expr.Node | None:
        if not isinstance(text, (str, bool)):
            problems.append(Problem(f"{where} has no condition ('when').", file=file))
            return None
        try:
            return expr.parse(str(text).lower() if isinstance(text, bool) else text)
        except ExpressionError as e:
            problems.append(Problem(f"{where}: {e}", file=file))
            return None

    try:
        sources = {
            sid: Source.from_data(sid, data) for sid, data in meta["sources"].items()
        }
    except (KeyError, TypeError) as e:
        problems.append(
            Problem(f"a source lacks {e}; give each a title.", file=meta_file)
        )
        return None

    categories = tuple(
        Category(
            c["id"],
            c.get("label") or {"en": c["id"]},
            cites(c.get("cite"), meta_file, f"category {c['id']!r}"),
            when=" ".join(str(c["when"]).split()) if c.get("when") else None,
            condition=(
                condition(c["when"], meta_file, f"category {c['id']!r}")
                if c.get("when")
                else None
            ),
            note=c.get("note"),
        )
        for c in meta.get("categories") or ()
    )
    default_role: Role = (
        "protective" if meta.get("kind") == "protection" else "priority"
    )
    factors = []
    for factor_id, (path, item) in raw["factors"].items():
        where = f"factor {factor_id!r}"
        node = condition(item.get("when"), str(path), where)
        factor_cites = cites(item.get("cite"), str(path), where)
        if not factor_cites:
            problems.append(
                Problem(
                    f"{where} has no citation. Add 'cite:' with the source and the paragraph it encodes; "
                    "a factor without a citation does not load.",
                    file=str(path),
                )
            )
        if node is None:
            continue
        factors.append(
            Factor(
                id=factor_id,
                category=str(item.get("category")),
                role=item.get("role", default_role),
                label=item.get("label") or {"en": factor_id},
                when=" ".join(str(item["when"]).split()),
                condition=node,
                cites=factor_cites,
                evidence=tuple(item.get("evidence") or ()),
                note=item.get("note"),
                file=str(path),
            )
        )

    order = {c.id: i for i, c in enumerate(categories)}
    factors.sort(key=lambda f: order.get(f.category, len(order)))

    parameters: dict[str, Parameter] = {}
    for name, (path, data) in raw["parameters"].items():
        try:
            parameters[name] = Parameter.from_data(data, sources)
        except (ValueError, KeyError, TypeError) as e:
            problems.append(Problem(f"parameter {name!r}: {e}.", file=str(path)))

    outcome = meta.get("outcome") or {}
    rules = []
    for rule in outcome.get("rules") or ():
        where = f"outcome {rule.get('id')!r}"
        node = condition(rule.get("when"), meta_file, where)
        rule_cites = cites(rule.get("cite"), meta_file, where)
        if not rule_cites:
            problems.append(Problem(f"{where} has no citation.", file=meta_file))
        if node is not None:
            rules.append(
                OutcomeRule(str(rule["id"]), str(rule["when"]), node, rule_cites)
            )

    not_weighed = []
    for item in meta.get("not_weighed") or ():
        where = f"not-weighed {item.get('id')!r}"
        node = condition(item.get("present_when"), meta_file, where)
        if node is not None:
            not_weighed.append(
                NotWeighed(
                    id=str(item["id"]),
                    label=item.get("label") or {"en": item["id"]},
                    facts=tuple(item.get("facts") or ()),
                    present=node,
                    reason=item.get("reason") or {},
                    cites=cites(item.get("cite"), meta_file, where),
                    shows=tuple(item.get("also_shows") or ()),
                )
            )

    holistic = meta.get("holistic_review") or {}
    in_force = tuple(
        InForce(p["from"], p.get("to"), p.get("note"))
        for p in meta.get("in_force") or ()
    )
    out_of_force = tuple(
        OutOfForce(
            p["from"],
            p.get("to"),
            p.get("note") or {},
            cites(p.get("cite"), meta_file, "out_of_force"),
        )
        for p in meta.get("out_of_force") or ()
    )
    if not in_force:
        problems.append(Problem("no 'in_force' dates.", file=meta_file))
    # Built even when problems were found, so the checks can report theirs too.
    return Framework(
        id=str(meta["id"]),
        kind=meta.get("kind", "enforcement"),
        title=meta.get("title") or {"en": meta["id"]},
        summary=meta.get("summary") or {},
        folder=folder,
        sources=sources,
        categories=categories,
        factors=tuple(factors),
        parameters=parameters,
        outcome_rules=tuple(rules),
        unknown_outcome=str(outcome.get("unknown", "needs_information")),
        outcome_labels=outcome.get("labels") or {},
        outcome_explain=outcome.get("explain") or {},
        not_weighed=tuple(not_weighed),
        holistic_facts=tuple(holistic.get("facts") or ()),
        holistic_cites=cites(holistic.get("cite"), meta_file, "holistic_review"),
        in_force=in_force,
        extra={k: v for k, v in meta.items() if k not in _KNOWN_KEYS},
        parameter_files={
            name: str(path) for name, (path, _) in raw["parameters"].items()
        },
        official=meta.get("official"),
        priority_outcomes=tuple(outcome.get("priority") or ()),
        not_priority_outcomes=tuple(outcome.get("not_priority") or ()),
        out_of_force=out_of_force,
        extends=meta.get("extends"),
    )


_KNOWN_KEYS = {
    "id", "kind", "title", "summary", "in_force", "sources", "categories", "outcome",
    "not_weighed", "holistic_review", "extends", "official", "out_of_force",
}  # fmt: skip


# ----------------------------------------------------------------------------- checks


def _check(framework: Framework, problems: list[Problem]) -> None:
    cat = catalogue()
    types = _fact_types(cat)
    meta_file = str(framework.folder / "framework.yaml")
    category_ids = {c.id for c in framework.categories}
    factor_ids = {f.id for f in framework.factors}
    for category in framework.categories:
        if category.condition is None:
            continue
        for name in sorted(expr.names(category.condition) - factor_ids):
            problems.append(
                Problem(
                    f"category {category.id!r} reads {name!r}, which is not a factor of "
                    "the framework (a category's 'when' reads factor ids).",
                    file=meta_file,
                )
            )
    outcomes = {r.id for r in framework.outcome_rules} | {framework.unknown_outcome}
    for name in framework.priority_outcomes + framework.not_priority_outcomes:
        if name not in outcomes:
            problems.append(
                Problem(f"outcome {name!r} is listed but has no rule.", file=meta_file)
            )
    for factor in framework.factors:
        where = f"factor {factor.id!r}"
        file = factor.file or str(framework.folder / "factors")
        if factor.role not in ROLES:
            problems.append(
                Problem(
                    f"{where} has role {factor.role!r}; roles are {', '.join(ROLES)}.",
                    file=file,
                )
            )
        if factor.category not in category_ids:
            problems.append(
                Problem(
                    f"{where}: category {factor.category!r} is not declared in framework.yaml.",
                    file=file,
                )
            )
        _check_condition(factor.condition, where, file, types, cat, framework, problems)
        missing = [lang for lang in ("en", "es") if not factor.label.get(lang)]
        if missing:
            problems.append(
                Problem(
                    f"{where} has no label in {', '.join(missing)}; give 'label: {{en: …, es: …}}'.",
                    file=file,
                )
            )
        if factor.role in DECISIVE_ROLES and not factor.evidence:
            problems.append(
                Problem(
                    f"{where} lists no evidence; say what documents would prove it ('evidence:').",
                    file=file,
                )
            )
    for item in framework.not_weighed:
        where = f"not-weighed {item.id!r}"
        _check_condition(
            item.present, where, meta_file, types, cat, framework, problems
        )
        for fact in item.facts + item.shows:
            if fact not in cat:
                problems.append(
                    Problem(
                        f"{where} lists {fact!r}, which is not a fact.", file=meta_file
                    )
                )
    for fact in framework.holistic_facts:
        if fact not in cat:
            problems.append(
                Problem(
                    f"holistic_review lists {fact!r}, which is not a fact.",
                    file=meta_file,
                )
            )
    rule_types = dict.fromkeys(framework._rule_names, "bool")
    for rule in framework.outcome_rules:
        for name in expr.names(rule.condition) - set(rule_types):
            problems.append(
                Problem(
                    f"outcome {rule.id!r} reads {name!r}, which is neither a category nor a factor.",
                    file=meta_file,
                )
            )
    _check_parameter_coverage(framework, problems)
    if framework.kind == "protection":
        _check_firewall(framework, problems)


def _check_condition(
    node: expr.Node,
    where: str,
    file: str,
    types: Mapping[str, str],
    cat: Catalogue,
    framework: Framework,
    problems: list[Problem],
) -> None:
    for name in sorted(expr.names(node)):
        if name not in types:
            hint = _did_you_mean(name, types)
            problems.append(
                Problem(
                    f"{where} reads {name!r}, which is not a fact.{hint}", file=file
                )
            )
    for name in sorted(expr.param_names(node)):
        # A parameter whose file has its own problem is reported once, there.
        if name not in framework.parameters and name not in framework.parameter_files:
            problems.append(
                Problem(
                    f"{where} reads params.{name}, which has no parameter file.",
                    file=file,
                )
            )
    for bare in _bare_names(node):
        if types.get(bare.id) not in (None, "bool"):
            problems.append(
                Problem(
                    f"{where} uses {bare.id!r} ({types[bare.id]}) as yes/no; compare it instead.",
                    file=file,
                )
            )
    for sub in expr.walk(node):
        if isinstance(sub, expr.Compare):
            _check_compare(sub, where, file, types, cat, problems)


def _bare_names(node: expr.Node) -> list[expr.Name]:
    """The names used as yes/no: every name not an operand of a comparison."""
    if isinstance(node, expr.Name):
        return [node]
    if isinstance(node, expr.Not):
        return _bare_names(node.operand)
    if isinstance(node, expr.BoolOp):
        return [name for operand in node.operands for name in _bare_names(operand)]
    return []


def _check_compare(
    node: expr.Compare,
    where: str,
    file: str,
    types: Mapping[str, str],
    cat: Catalogue,
    problems: list[Problem],
) -> None:
    for side, other in ((node.left, node.right), (node.right, node.left)):
        if (
            isinstance(side, expr.Name)
            and types.get(side.id) in ("number", "date")
            and node.op in ("in", "not in")
        ):
            problems.append(
                Problem(
                    f"{where} tests {side.id!r} ({types[side.id]}) with {node.op!r}; "
                    "compare it with <, <=, >, >= instead.",
                    file=file,
                )
            )
        if not isinstance(side, expr.Name) or types.get(side.id) != "enum":
            continue
        allowed = set(cat[side.id].values)
        if isinstance(other, expr.Const):
            given = other.value if isinstance(other.value, tuple) else (other.value,)
            for value in given:
                if value not in allowed:
                    problems.append(
                        Problem(
                            f"{where} compares {side.id!r} with {value!r}, which it never takes "
                            f"(it takes: {', '.join(sorted(allowed))}).",
                            file=file,
                        )
                    )


def _check_parameter_coverage(framework: Framework, problems: list[Problem]) -> None:
    used = set()
    for factor in framework.factors:
        used |= expr.param_names(factor.condition)
    for item in framework.not_weighed:
        used |= expr.param_names(item.present)
    for name in sorted(used & set(framework.parameters)):
        parameter = framework.parameters[name]
        for period in framework.in_force:
            if parameter.first_day > period.start:
                problems.append(
                    Problem(
                        f"parameter {name!r} has no value from {period.start} (the framework is in "
                        f"force from then) until {parameter.first_day}. Add a value from "
                        f"{period.start} or earlier.",
                        file=framework.parameter_files.get(
                            name, str(framework.folder / "parameters")
                        ),
                    )
                )


def _check_firewall(framework: Framework, problems: list[Problem]) -> None:
    """No protective rule may count a not-weighed fact against the person.

    Each not-weighed fact grows as the record grows (more convictions, a later
    entry, a removal order added). A factor may read it only where more of it
    can never turn the factor off.
    """
    guarded = {fact: item.id for item in framework.not_weighed for fact in item.facts}
    cat = catalogue()
    for factor in framework.factors:
        for fact, sign in expr.polarities(factor.condition):
            worse = -1 if fact in cat and cat[fact].adverse == "down" else 1
            if fact in guarded and sign != worse:
                problems.append(
                    Problem(
                        f"factor {factor.id!r} would count {fact!r} against the person: the "
                        f"framework never weighs {guarded[fact]!r}. A protective factor may use it "
                        "only in the person's favour (where more of it can never turn the factor off).",
                        file=factor.file or str(framework.folder / "factors"),
                    )
                )


def _did_you_mean(name: str, known: Mapping[str, str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""
