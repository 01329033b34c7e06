"""Three-valued (Kleene) logic, as in SQL: ``True``, ``False`` and ``None`` (unknown).

Examples:
    >>> any3([False, None]), any3([None, True]), any3([]), all3([True, None])
    (None, True, False, None)
"""

from __future__ import annotations

from collections.abc import Iterable

Tri = bool | None


def and3(a: Tri, b: Tri) -> Tri:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def or3(a: Tri, b: Tri) -> Tri:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def not3(a: Tri) -> Tri:
    return None if a is None else not a


def any3(values: Iterable[Tri]) -> Tri:
    """True if any is true; false if all are false (or there are none); else unknown."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def all3(values: Iterable[Tri]) -> Tri:
    """False if any is false; true if all are true (or there are none); else unknown."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def equals3(value: object, expected: object) -> Tri:
    """Whether a possibly-unknown value equals ``expected``."""
    return None if value is None else value == expected
