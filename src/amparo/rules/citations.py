"""Citations: where a rule or a parameter value comes from.

A citation names a source document, either by id (a source the framework
declares once, with its title, author, date and address) or in full, plus a
pinpoint (``at``) and, where it helps, the words quoted. An item the sources leave
unconfirmed says so (``confidence: unconfirmed``), and every output built on it
shows that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Confidence = Literal["confirmed", "unconfirmed"]


@dataclass(frozen=True, slots=True)
class Source:
    """A document rules are drawn from."""

    id: str
    title: str
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None
    short: str | None = None  # how a line of output names it

    @classmethod
    def from_data(cls, source_id: str, data: Mapping[str, Any]) -> Source:
        return cls(
            id=source_id,
            title=str(data["title"]),
            author=data.get("author"),
            date=data.get("date"),
            url=data.get("url"),
            short=data.get("short"),
        )


@dataclass(frozen=True, slots=True)
class Citation:
    """A pinpoint in a source."""

    source: Source
    at: str | None = None
    quote: str | None = None
    confidence: Confidence = "confirmed"
    note: str | None = None

    @property
    def unconfirmed(self) -> bool:
        return self.confidence == "unconfirmed"

    def short(self) -> str:
        """One line: the source's short name and the pinpoint.

        Examples:
            >>> s = Source("letter", "Letter", short="letter")
            >>> Citation(s, at="§1 ¶1 s2").short()
            'letter, §1 ¶1 s2'
        """
        name = self.source.short or self.source.title
        text = f"{name}, {self.at}" if self.at else name
        return text + (" [unconfirmed]" if self.unconfirmed else "")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source.id, "title": self.source.title}
        if self.source.author:
            out["author"] = self.source.author
        if self.source.date:
            out["date"] = self.source.date.isoformat()
        if self.source.url:
            out["url"] = self.source.url
        if self.at:
            out["at"] = self.at
        if self.quote:
            out["quote"] = self.quote
        out["confidence"] = self.confidence
        return out


def parse_citation(data: object, sources: Mapping[str, Source]) -> Citation:
    """Read a citation written in a framework file.

    Either ``{source: ID, at, quote}`` naming a declared source, or a full
    ``{title, author, date, url, at, quote}``.

    Raises:
        ValueError: it names no source, or an undeclared one.
    """
    if not isinstance(data, Mapping):
        msg = "a citation must be a mapping with 'source' (or 'title') and 'at'"
        raise ValueError(msg)
    confidence = data.get("confidence", "confirmed")
    if confidence not in ("confirmed", "unconfirmed"):
        msg = f"confidence is {confidence!r}; use 'confirmed' or 'unconfirmed'"
        raise ValueError(msg)
    if "source" in data:
        source_id = str(data["source"])
        if source_id not in sources:
            known = ", ".join(sorted(sources)) or "none"
            msg = f"the source {source_id!r} is not declared (declared: {known})"
            raise ValueError(msg)
        source = sources[source_id]
    elif "title" in data:
        source = Source.from_data(str(data.get("id") or data["title"]), data)
    else:
        msg = "a citation needs 'source' (a declared source id) or 'title'"
        raise ValueError(msg)
    at = data.get("at")
    return Citation(
        source=source,
        at=str(at) if at is not None else None,
        quote=data.get("quote"),
        confidence=confidence,
        note=data.get("note"),
    )
