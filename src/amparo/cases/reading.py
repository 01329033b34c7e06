"""Case documents read into plain Python values, keeping each value's line.

The first half of reading a case (:mod:`amparo.cases.load` validates): YAML
nodes are composed with libyaml (JSON is YAML's subset) and plain values built
from them by :class:`Builder`. Nothing here imports pydantic, so the quick
``amparo assess`` path (:mod:`amparo.cases.quick`) reads documents through the
very same code.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from amparo.errors import Problem

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Loc = tuple[str | int, ...]
"""A field's place: keys and list indexes, ``('family', 'members', 0)``."""

TAG = "tag:yaml.org,2002:"
MERGE = TAG + "merge"


def compose(text: str) -> yaml.Node | None:
    """The document's YAML nodes, each with its line (None for an empty document).

    Raises:
        yaml.YAMLError: the text is not YAML (nor JSON).
    """
    return yaml.compose(text, Loader=_Loader)


class Builder:
    """Plain Python values from YAML nodes, keeping YAML's scalar types.

    Mapping keys are kept as written (``yes:`` stays the key ``'yes'``), a date
    YAML cannot construct (``2014-13-01``) stays text for the model to report,
    and duplicate keys, tags and self-referring aliases become problems.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._done: dict[int, object] = {}
        self._busy: set[int] = set()

    def build(self, node: yaml.Node, path: Loc) -> object:
        key = id(node)
        if key in self._done:  # an alias to a node already built
            return self._done[key]
        if key in self._busy:
            self._problem(
                node, path, "this alias refers to itself.", "Remove the alias (*name)."
            )
            return None
        self._busy.add(key)
        try:
            if isinstance(node, yaml.ScalarNode):
                value = self._scalar(node, path)
            elif isinstance(node, yaml.SequenceNode):
                self._check_tag(node, path, "seq")
                value = [
                    self.build(item, (*path, i)) for i, item in enumerate(node.value)
                ]
            else:
                assert isinstance(node, yaml.MappingNode)
                self._check_tag(node, path, "map")
                value = self._mapping(node, path)
        finally:
            self._busy.discard(key)
        self._done[key] = value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Loc) -> dict[str, object]:
        result: dict[str, object] = {}
        first_line: dict[str, int] = {}
        merged: list[dict[str, object]] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merged.extend(self._merge_sources(value_node, path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    key_node,
                    path,
                    "a field name must be a plain word, not a list or a mapping.",
                    "Write the field as `name: value`.",
                )
                continue
            name = key_node.value
            line = key_node.start_mark.line + 1
            if name in first_line:
                self._problem(
                    key_node,
                    (*path, name),
                    f"the field {name!r} is written twice here (first on line {first_line[name]}).",
                    "Keep one of them.",
                )
            else:
                first_line[name] = line
            result[name] = self.build(value_node, (*path, name))
        for source in merged:
            for name, value in source.items():
                result.setdefault(name, value)
        return result

    def _merge_sources(self, node: yaml.Node, path: Loc) -> list[dict[str, object]]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources = []
        for item in nodes:
            value = self.build(item, path)
            if isinstance(value, dict):
                sources.append(value)
            else:
                self._problem(
                    item,
                    path,
                    "a merge (<<) must refer to a mapping.",
                    "Use <<: *name.",
                )
        return sources

    def _scalar(self, node: yaml.ScalarNode, path: Loc) -> object:
        tag = node.tag
        if tag == TAG + "str":
            return node.value
        construct = _SCALARS.get(tag)
        if construct is None:
            self._problem(
                node,
                path,
                f"the YAML tag {tag!r} is not used in case documents.",
                "Remove the tag (the word starting with !).",
            )
            return node.value
        try:
            return construct(node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            if tag == TAG + "timestamp":
                return node.value  # e.g. 2014-13-01: the model reports it as not a date
            self._problem(
                node,
                path,
                f"{node.value!r} cannot be read as the tag {tag!r} says.",
                "Remove the tag, or correct the value.",
            )
            return node.value

    def _check_tag(self, node: yaml.Node, path: Loc, kind: str) -> None:
        if node.tag != TAG + kind:
            self._problem(
                node,
                path,
                f"the YAML tag {node.tag!r} is not used in case documents.",
                "Remove the tag (the word starting with !).",
            )

    def _problem(self, node: yaml.Node, path: Loc, message: str, hint: str) -> None:
        self.problems.append(
            Problem(
                message,
                file=self.source,
                line=node.start_mark.line + 1,
                path=dotted(path) or None,
                hint=hint,
            )
        )


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS: dict[str, Callable[[yaml.ScalarNode], object]] = {
    TAG + "null": lambda node: None,
    TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


def dotted(path: Loc) -> str:
    """``('family', 'members', 0, 'age')`` -> ``'family.members[0].age'``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
