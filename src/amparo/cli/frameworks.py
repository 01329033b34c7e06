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
    loaded = [amparo.get_framework(i) for i in amparo.framework_ids()]
    # Protection-first leads; the official frameworks follow in the order
    # they came into force.
    loaded.sort(key=lambda f: (f.kind != "protection", f.in_force[0].start, f.id))
    for fw in loaded:
        rows.append(
            {
                "id": fw.id,
                "kind": fw.kind,
                "official": fw.official,
                "extends": fw.extends,
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
                "out_of_force": [
                    {
                        "from": p.start.isoformat(),
                        "to": p.end.isoformat() if p.end else None,
                        "note": pick(p.note, lang.value),
                    }
                    for p in fw.out_of_force
                ],
                "factors": len(fw.factors),
                "unconfirmed": [f.id for f in fw.factors if f.unconfirmed],
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        spans = ", ".join(f"{p['from']} – {p['to'] or '…'}" for p in row["in_force"])
        role = (
            f", {row['official']}" if row["official"] not in (None, row["kind"]) else ""
        )
        typer.echo(
            f"{row['id']}  ({row['kind']}{role}; {row['factors']} factors; in force {spans})"
        )
        typer.echo(f"  {row['title']}")
        if row["extends"]:
            typer.echo(f"  extends {row['extends']}")
        for gap in row["out_of_force"]:
            typer.echo(
                f"  not in force {gap['from']} – {gap['to'] or '…'}: {gap['note']}"
            )
        if row["unconfirmed"]:
            typer.echo(f"  unconfirmed: {', '.join(row['unconfirmed'])}")
        for source in row["sources"]:
            bits = [b for b in (source["author"], source["date"], source["url"]) if b]
            typer.echo(
                f"  source: {' '.join(source['title'].split())}"
                + (f" — {', '.join(bits)}" if bits else "")
            )
        typer.echo("")
