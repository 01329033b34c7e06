"""``amparo frameworks``: the frameworks amparo knows, with their sources."""

from __future__ import annotations

import json
from typing import Any

import typer

from amparo.cli.options import JsonOption, Lang, LangOption


def register(app: typer.Typer) -> None:
    app.command("frameworks")(frameworks)


def frameworks(lang: LangOption = Lang.en, as_json: JsonOption = False) -> None:
    """List the frameworks with their sources and the dates they are in force."""
    import amparo
    from amparo.i18n import pick

    rows: list[dict[str, Any]] = []
    for framework_id in amparo.framework_ids():
        fw = amparo.get_framework(framework_id)
        rows.append(
            {
                "id": fw.id,
                "kind": fw.kind,
                "title": pick(fw.title, lang.value),
                "in_force": [
                    {
                        "from": p.start.isoformat(),
                        "to": p.end.isoformat() if p.end else None,
                    }
                    for p in fw.in_force
                ],
                "sources": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "author": s.author,
                        "date": s.date.isoformat() if s.date else None,
                        "url": s.url,
                    }
                    for s in fw.sources.values()
                ],
                "factors": len(fw.factors),
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        spans = ", ".join(f"{p['from']} – {p['to'] or '…'}" for p in row["in_force"])
        typer.echo(
            f"{row['id']}  ({row['kind']}; {row['factors']} factors; in force {spans})"
        )
        typer.echo(f"  {row['title']}")
        for source in row["sources"]:
            bits = [b for b in (source["author"], source["date"], source["url"]) if b]
            typer.echo(
                f"  source: {' '.join(source['title'].split())}"
                + (f" — {', '.join(bits)}" if bits else "")
            )
        typer.echo("")
