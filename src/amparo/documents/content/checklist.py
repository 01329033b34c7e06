"""The evidence checklist: for each protective factor that holds or is unknown, what
proves it, what the case already lists as on hand, and what is missing.

A factor that holds needs its proof gathered; a factor the record leaves unknown is
something to find out first (the question that settles it), then to prove. Factors
known not to hold are left out: there is nothing to prove.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.documents.content.common import display_name, long_date, t
from amparo.documents.content.parts import letterhead
from amparo.documents.content.record import Record, known_facts
from amparo.documents.model import (
    Block,
    Document,
    Inline,
    Table,
    bold,
    bullets,
    heading,
    hole,
    para,
    runs,
)
from amparo.i18n import pick

if TYPE_CHECKING:
    from amparo.documents.org import OrgSettings
    from amparo.engine.assess import FactorResult

_T: dict[str, dict[str, str]] = {
    "title": {"en": "Evidence checklist", "es": "Lista de pruebas"},
    "for": {
        "en": "Client: {name} · Case {case} · assessed as of {day}",
        "es": "Cliente: {name} · Caso {case} · evaluado al {day}",
    },
    "intro": {
        "en": "For each protective factor of the protection-first framework that holds, or that the record leaves unknown: what proves it, what the case lists as on hand, and what is still missing. Unknown is not “no”: an unknown factor is something to find out, not a fact.",
        "es": "Para cada factor de protección del marco de protección primero que se cumple, o que el expediente deja sin saber: qué lo prueba, qué lista el caso como disponible y qué falta todavía. Desconocido no es «no»: un factor desconocido es algo por averiguar, no un hecho.",
    },
    "h_holds": {
        "en": "Factors that hold: gather the proof",
        "es": "Factores que se cumplen: reunir las pruebas",
    },
    "h_unknown": {"en": "Factors to find out", "es": "Factores por averiguar"},
    "none_holds": {
        "en": "No protective factor holds on the record yet.",
        "es": "Todavía no se cumple ningún factor de protección según el expediente.",
    },
    "none_unknown": {
        "en": "None: every other protective factor is known not to hold.",
        "es": "Ninguno: se sabe que los demás factores de protección no se cumplen.",
    },
    "holds": {"en": "Holds", "es": "Se cumple"},
    "unknown": {"en": "Unknown", "es": "Desconocido"},
    "because": {"en": "Shown by: ", "es": "Lo muestra: "},
    "ask": {"en": "To find out: ", "es": "Por averiguar: "},
    "proves": {"en": "What proves it", "es": "Qué lo prueba"},
    "on_hand": {"en": "On hand", "es": "Disponible"},
    "missing": {"en": "Missing", "es": "Falta"},
    "tab": {"en": "Exhibit {tab}: ", "es": "Anexo {tab}: "},
    "nothing": {"en": "nothing yet", "es": "nada todavía"},
    "all": {
        "en": "[ALL OF IT: nothing on hand yet]",
        "es": "[TODO: no hay nada disponible todavía]",
    },
    "check": {
        "en": "[CHECK: the kinds of proof above that the exhibits on hand do not cover]",
        "es": "[REVISAR: los tipos de prueba de arriba que los anexos disponibles no cubren]",
    },
    "no_description": {"en": "[DESCRIPTION]", "es": "[DESCRIPCIÓN]"},
    "source": {"en": "Source: ", "es": "Fuente: "},
    "h_unused": {
        "en": "Exhibits not tied to a factor",
        "es": "Anexos no vinculados a un factor",
    },
}


def make_checklist(record: Record, org: OrgSettings, lang: str = "en") -> Document:
    """The evidence checklist for one case."""
    case = record.case
    name = display_name(case, lang)
    blocks: list[Block] = [
        heading(t(_T["title"], lang)),
        para(
            t(_T["for"], lang, name=name, case=case.id, day=long_date(record.day, lang))
        ),
        para(t(_T["intro"], lang), role="note"),
        heading(t(_T["h_holds"], lang)),
    ]
    holding = record.holding()
    if not holding:
        blocks.append(para(t(_T["none_holds"], lang)))
    for result in holding:
        blocks.extend(_factor(record, result, lang))
    blocks.append(heading(t(_T["h_unknown"], lang)))
    unknown = record.unknown()
    if not unknown:
        blocks.append(para(t(_T["none_unknown"], lang)))
    for result in unknown:
        blocks.extend(_factor(record, result, lang))
    used = {e.tab for r in [*holding, *unknown] for e in record.proving(r)}
    unused = [e for e in record.exhibits if e.tab not in used]
    if unused:
        blocks.append(heading(t(_T["h_unused"], lang)))
        blocks.append(
            bullets(
                runs(
                    t(_T["tab"], lang, tab=e.tab),
                    e.description or hole(t(_T["no_description"], lang)),
                )
                for e in unused
            )
        )
    return Document(
        kind="checklist",
        lang=lang,
        title=f"{t(_T['title'], lang)}: {name}",
        letterhead=letterhead(org, lang),
        blocks=tuple(blocks),
        page_label="Page" if lang == "en" else "Página",
    )


def _factor(record: Record, result: FactorResult, lang: str) -> list[Block]:
    factor = result.factor
    state = t(_T["holds" if result.value is True else "unknown"], lang)
    blocks: list[Block] = [heading(pick(factor.label, lang), f" — {state}", level=2)]
    if result.value is True:
        facts = known_facts(result.facts, lang)
        if facts:
            blocks.append(para(t(_T["because"], lang), "; ".join(facts)))
    else:
        questions = _questions(record, result, lang)
        if questions:
            blocks.append(para(bold(t(_T["ask"], lang))))
            blocks.append(bullets(questions))
    exhibits = record.proving(result)
    on_hand: Inline = (
        runs(
            *[
                runs(
                    ("; " if i else ""),
                    t(_T["tab"], lang, tab=e.tab),
                    e.description or hole(t(_T["no_description"], lang)),
                )
                for i, e in enumerate(exhibits)
            ]
        )
        if exhibits
        else runs(t(_T["nothing"], lang))
    )
    missing: Inline = runs(hole(t(_T["check" if exhibits else "all"], lang)))
    proves = "; ".join(pick(e, lang) for e in factor.evidence)
    blocks.append(
        Table(
            header=(),
            rows=(
                (runs(bold(t(_T["proves"], lang))), runs(proves)),
                (runs(bold(t(_T["on_hand"], lang))), on_hand),
                (runs(bold(t(_T["missing"], lang))), missing),
            ),
            widths=(0.22, 0.78),
        )
    )
    blocks.append(
        para(
            t(_T["source"], lang),
            "; ".join(c.short() for c in factor.cites),
            role="note",
        )
    )
    return blocks


def _questions(record: Record, result: FactorResult, lang: str) -> list[str]:
    """The questions that would settle an unknown factor, from the assessment."""
    assessment = record.assessment
    factor_id = result.factor.id
    out: list[str] = []
    for question in (*assessment.questions, *assessment.further_questions):
        if factor_id in question.factors:
            text = question.text(lang)
            if text not in out:
                out.append(text)
    return out
