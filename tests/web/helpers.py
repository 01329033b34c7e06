"""Obviously fictional case documents for the web tests."""

from __future__ import annotations

import amparo


def doc(
    reference: str, pseudonym: str, court: str | None = None, hearing: str | None = None
) -> str:
    lines = [
        "format: 1",
        f"id: {reference}",
        "assessed_on: 2021-06-28",
        "person:",
        f"  pseudonym: {pseudonym}",
    ]
    if court or hearing:
        lines.append("proceedings:")
        lines.append("  in_removal_proceedings: true")
        if court:
            lines.append(f"  court: {court}")
        if hearing:
            lines.append(f"  next_hearing: {hearing}")
    return "\n".join(lines) + "\n"


def add_case(org, text: str):  # type: ignore[no-untyped-def]
    from amparo_web.cases import store

    row = store.new_row(org)
    store.write(row, text, amparo.parse_case(text, "test.yaml"))
    row.save()
    return row
