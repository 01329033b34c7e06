"""Get and set a value at a dotted path of a case document's data; ``None`` removes it."""

from __future__ import annotations

from typing import Any


def get_path(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    trail = []
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            if value is None:
                return
            child = node[part] = {}
        trail.append((node, part))
        node = child
    if value is None:
        node.pop(parts[-1], None)
        # An emptied section is unknown as a whole: drop it rather than keep `{}`.
        for parent, key in reversed(trail):
            if parent[key] == {}:
                del parent[key]
    else:
        node[parts[-1]] = value
