"""The prosecutorial-discretion request letter, in the order practice uses.

Header (date, addressee, reference block); the request; a summary of the protective
factors by category; one section per category with the facts and the exhibits that
prove them; the facts that should not be weighed, with the letter's reasons and the
official framework's own words; the analysis under the official framework in force;
the conclusion; and, after the signature, the exhibit index.

Only factors that *hold* are argued. A factor the record leaves unknown never appears
here: it is in the evidence checklist, as something to find out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from amparo.documents.content.common import (
    RequestKind,
    count_word,
    display_name,
    join_words,
    kind_label,
    long_date,
    placeholder,
    request_kind,
    t,
)
from amparo.documents.content.parts import letterhead, reference_block, signature
from amparo.documents.content.record import Exhibit, Record, fact_phrase, known_facts
from amparo.documents.errors import RequestMismatchError
from amparo.documents.model import (
    Block,
    Document,
    Inline,
    Run,
    Table,
    bold,
    bullets,
    heading,
    hole,
    italic,
    para,
    runs,
)
from amparo.i18n import pick

if TYPE_CHECKING:
    from amparo.documents.org import OrgSettings
    from amparo.engine.assess import Assessment, FactorResult
    from amparo.engine.compare import Flag
    from amparo.facts.catalogue import FactValue
    from amparo.rules.citations import Citation
    from amparo.rules.framework import Category, Framework

SECTIONS = ("request", "summary", "not_weighed", "analysis", "conclusion", "exhibits")

_T: dict[str, dict[str, str]] = {
    "title": {
        "en": "Request for prosecutorial discretion",
        "es": "Solicitud de discreción procesal",
    },
    "opla_to": {
        "en": "Office of the Chief Counsel;Office of the Principal Legal Advisor;U.S. Immigration and Customs Enforcement",
        "es": "Oficina del Asesor Jurídico Jefe;Oficina del Asesor Jurídico Principal (OPLA);Servicio de Inmigración y Control de Aduanas (ICE)",
    },
    "ero_to": {
        "en": "Field Office Director;Enforcement and Removal Operations;U.S. Immigration and Customs Enforcement",
        "es": "Dirección de la Oficina de Campo;Operaciones de Control y Deportación (ERO);Servicio de Inmigración y Control de Aduanas (ICE)",
    },
    "opla_short": {
        "en": "the Office of the Principal Legal Advisor (OPLA)",
        "es": "la Oficina del Asesor Jurídico Principal (OPLA)",
    },
    "ero_short": {
        "en": "Enforcement and Removal Operations (ERO)",
        "es": "Operaciones de Control y Deportación (ERO)",
    },
    "opla_dear": {
        "en": "Dear Chief Counsel:",
        "es": "Estimada Oficina del Asesor Jurídico Jefe:",
    },
    "ero_dear": {
        "en": "Dear Field Office Director:",
        "es": "Estimada Dirección de la Oficina de Campo:",
    },
    "to_dear": {"en": "Dear {to}:", "es": "Estimada {to}:"},
    "by_email": {
        "en": "By email and first-class mail",
        "es": "Por correo electrónico y correo postal",
    },
    "h_request": {"en": "Request", "es": "Solicitud"},
    "request": {
        "en": "On behalf of our client, {name}, we respectfully request that {office} {ask}.",
        "es": "En nombre de nuestro/a cliente, {name}, solicitamos respetuosamente que {office} {ask}.",
    },
    "request_kind": {
        "en": "Form of discretion requested: ",
        "es": "Forma de discreción solicitada: ",
    },
    "framework_intro": {
        "en": "{name} presents {n} protective {factors} under the protection-first framework that about 150 organizations proposed to the Secretary of Homeland Security on June 28, 2021. That framework asks DHS to presumptively grant prosecutorial discretion to people who have any of these characteristics, analyzing each case holistically.",
        "es": "{name} presenta {n} {factors} de protección según el marco de protección primero que unas 150 organizaciones propusieron al Secretario de Seguridad Nacional el 28 de junio de 2021. Ese marco pide a DHS conceder de forma presunta la discreción procesal a las personas que tengan cualquiera de estas características, analizando cada caso de forma integral.",
    },
    "factor_one": {"en": "factor", "es": "factor"},
    "factor_many": {"en": "factors", "es": "factores"},
    "no_factor_intro": {
        "en": "The protection-first framework that about 150 organizations proposed to the Secretary of Homeland Security on June 28, 2021 asks DHS to reject categorical bars and to consider each person's case holistically and with full regard for their humanity.",
        "es": "El marco de protección primero que unas 150 organizaciones propusieron al Secretario de Seguridad Nacional el 28 de junio de 2021 pide a DHS rechazar los impedimentos categóricos y considerar el caso de cada persona de forma integral y con pleno respeto por su humanidad.",
    },
    "h_summary": {
        "en": "Summary of protective factors",
        "es": "Resumen de los factores de protección",
    },
    "none_established": {
        "en": "[NO PROTECTIVE FACTOR ESTABLISHED YET: see the evidence checklist]",
        "es": "[NINGÚN FACTOR DE PROTECCIÓN ESTABLECIDO TODAVÍA: ver la lista de pruebas]",
    },
    "shows": {"en": "The record shows: ", "es": "El expediente muestra: "},
    "tps": {
        "en": "{country} is designated for Temporary Protected Status or Deferred Enforced Departure as of {day}",
        "es": "{country} está designado para el Estatus de Protección Temporal o la Salida Forzada Diferida al {day}",
    },
    "proof": {"en": "Proof: ", "es": "Prueba: "},
    "exhibit": {"en": "Exhibit {tab}", "es": "Anexo {tab}"},
    "proof_missing": {
        "en": "[EXHIBITS TO ADD: see the evidence checklist]",
        "es": "[ANEXOS POR AGREGAR: ver la lista de pruebas]",
    },
    "as_letter": {
        "en": "As the coalition letter explains: ",
        "es": "Como explica la carta de la coalición (en su texto original, en inglés): ",
    },
    "source": {"en": "Source: ", "es": "Fuente: "},
    "h_not_weighed": {
        "en": "Facts that should not be weighed against {name}",
        "es": "Hechos que no deben sopesarse en contra de {name}",
    },
    "nw_intro": {
        "en": "The record includes facts of the kinds below. Under the protection-first framework, none of them should be weighed against {name}.",
        "es": "El expediente incluye hechos de los tipos que siguen. Según el marco de protección primero, ninguno debe sopesarse en contra de {name}.",
    },
    "nw_none": {
        "en": "No fact of the kinds the protection-first framework excludes (recent entry, contacts with the criminal legal system, immigration violations, prior removal orders) is recorded in this case. Should any come to light, it should not be weighed against {name} either.",
        "es": "En este caso no consta ningún hecho de los tipos que el marco de protección primero excluye (entrada reciente, contactos con el sistema penal, infracciones migratorias, órdenes de deportación previas). Si apareciera alguno, tampoco debería sopesarse en contra de {name}.",
    },
    "nw_facts": {"en": "In the record: ", "es": "En el expediente: "},
    "letter_reason": {"en": "The framework's reason: ", "es": "La razón del marco: "},
    "official_words_one": {
        "en": "In its own words ({title}): ",
        "es": "En sus propias palabras ({title}): ",
    },
    "verify": {
        "en": "[VERIFY THIS QUOTATION AGAINST THE ORIGINAL BEFORE SENDING]",
        "es": "[VERIFICAR ESTA CITA CON EL ORIGINAL ANTES DE ENVIAR]",
    },
    "holistic": {
        "en": "The record also shows {facts}. Under the protection-first framework these are for the holistic review; none is a categorical bar.",
        "es": "El expediente también muestra {facts}. Según el marco de protección primero, esto corresponde a la revisión integral; nada de ello es un impedimento categórico.",
    },
    "h_analysis": {
        "en": "Analysis under the official framework in force",
        "es": "Análisis bajo el marco oficial vigente",
    },
    "official_in_force": {
        "en": "On {day}, the official enforcement framework in force was: {title}.",
        "es": "Al {day}, el marco oficial de aplicación vigente era: {title}.",
    },
    "no_official": {
        "en": "On {day}, no official enforcement framework encoded by amparo was in force.",
        "es": "Al {day}, no estaba vigente ningún marco oficial de aplicación de los que amparo codifica.",
    },
    "outcome": {
        "en": "Applied to the record, it gives: {outcome}.",
        "es": "Aplicado al expediente, da como resultado: {outcome}.",
    },
    "not_priority_outcome": {
        "en": "{name} is not a priority even under the {title}.",
        "es": "{name} no es prioridad ni siquiera bajo el marco oficial ({title}).",
    },
    "not_priority_category": {
        "en": "{kinds} do not make {name} a priority under “{category}”, even under the {title}: ",
        "es": "{kinds} no convierten a {name} en prioridad por «{category}», ni siquiera bajo el marco oficial ({title}): ",
    },
    "only_not_weighed": {
        "en": "Under the {title}, {name} would be a priority under “{category}” only because of {kinds}, which the protection-first framework never weighs: ",
        "es": "Bajo el marco «{title}», {name} sería prioridad por «{category}» solo por {kinds}, que el marco de protección primero nunca sopesa: ",
    },
    "mitigating": {
        "en": "Mitigating factors that the {title} itself names, present here:",
        "es": "Factores atenuantes que el propio marco oficial ({title}) nombra y que están presentes aquí:",
    },
    "not_established": {
        "en": "On this record, no priority category of that framework is established for {name}.",
        "es": "Con este expediente, no se establece ninguna categoría prioritaria de ese marco respecto de {name}.",
    },
    "no": {"en": "no", "es": "no"},
    "no_limits": {
        "en": "It publishes no list of enforcement priorities and no mitigating factors. Discretion remains, case by case, and the protective factors set out above are the reasons to exercise it in {name}'s favor.",
        "es": "No publica ninguna lista de prioridades de aplicación ni factores atenuantes. La discreción sigue existiendo, caso por caso, y los factores de protección expuestos arriba son las razones para ejercerla a favor de {name}.",
    },
    "h_conclusion": {"en": "Conclusion", "es": "Conclusión"},
    "conclusion": {
        "en": "For these reasons, we respectfully request that {office} {ask}. We are glad to provide any further information or documents that would assist in this review.",
        "es": "Por estas razones, solicitamos respetuosamente que {office} {ask}. Con gusto proporcionaremos cualquier otra información o documento que ayude en esta revisión.",
    },
    "conclusion_list": {
        "en": "{name}'s protective factors: {factors}.",
        "es": "Factores de protección de {name}: {factors}.",
    },
    "thanks": {
        "en": "Thank you for your attention to this request.",
        "es": "Gracias por su atención a esta solicitud.",
    },
    "h_exhibits": {"en": "Exhibit index", "es": "Índice de anexos"},
    "tab": {"en": "Tab", "es": "Anexo"},
    "description": {"en": "Description", "es": "Descripción"},
    "supports": {"en": "Supports", "es": "Respalda"},
    "no_description": {"en": "[DESCRIPTION]", "es": "[DESCRIPCIÓN]"},
    "to_obtain": {"en": "[TO OBTAIN: {what}]", "es": "[POR OBTENER: {what}]"},
    "no_exhibits": {
        "en": "[NO EXHIBITS LISTED IN THE CASE: see the evidence checklist]",
        "es": "[EL CASO NO LISTA ANEXOS: ver la lista de pruebas]",
    },
}

# The official frameworks' own words that answer each kind of fact the letter says not
# to weigh: quote ids in the framework's ``quotes:``. The choice of quotation is the
# letter's argument, not a rule, so it lives here; the words live in the framework.
OFFICIAL_WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "dhs-2021-guidelines": {
        "criminal_legal_contacts": ("conviction_or_database_alone", "no_bright_lines"),
        "recent_entry": ("removable_alone_not_basis",),
        "immigration_violations": ("removable_alone_not_basis",),
        "prior_removal_orders": ("removable_alone_not_basis",),
        # the person is no priority under the guidelines
        "not_priority": ("removable_alone_not_basis",),
    },
}


def _fill(template: str, **values: str | Run | Iterable[Run]) -> tuple[Run, ...]:
    """``template`` with ``{name}`` fields replaced by text or runs (placeholders kept)."""
    out: list[Run] = []
    for piece in re.split(r"(\{[a-z_]+\})", template):
        key = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if key is not None and key in values:
            value = values[key]
            if isinstance(value, str):
                out.append(Run(value))
            elif isinstance(value, Run):
                out.append(value)
            else:
                out.extend(value)
        elif piece:
            out.append(Run(piece))
    return runs(out)


def ask_runs(kind: RequestKind, name: str, lang: str) -> tuple[Run, ...]:
    """What the request asks, with a placeholder where the advocate must say more."""
    return _fill(
        pick(kind.ask, lang),
        name=name,
        issues=placeholder("issues", lang),
        motion=placeholder("motion", lang),
    )


def office_short(kind: RequestKind, lang: str) -> str:
    return t(_T[f"{kind.office}_short"], lang)


def make_letter(
    record: Record,
    kind_id: str,
    org: OrgSettings,
    lang: str = "en",
    to: str | None = None,
    dated: dt.date | None = None,
) -> Document:
    """The request letter for one case.

    Raises:
        RequestKindError: ``kind_id`` is no form of discretion.
        RequestMismatchError: the request contradicts the case (release of a person
            the case says is not detained).
    """
    kind = request_kind(kind_id)
    case = record.case
    if (
        kind.id == "release"
        and case.custody is not None
        and case.custody.detained is False
    ):
        msg = (
            f"Case {case.id}: --request release asks for release from detention, but the case "
            "says the person is not detained (custody.detained: false). Choose another "
            "--request, or correct the case."
        )
        raise RequestMismatchError(msg)
    name = display_name(case, lang)
    day = dated or dt.date.today()
    blocks: list[Block] = []
    blocks.append(para(long_date(day, lang), role="address"))
    blocks.append(para("", role="address"))
    blocks.append(para(t(_T["by_email"], lang), role="address"))
    if to:
        to_lines = [line.strip() for line in to.split(";") if line.strip()]
        blocks.extend(para(line, role="address") for line in to_lines)
        dear = t(_T["to_dear"], lang, to=to_lines[0] if to_lines else to)
    else:
        blocks.extend(
            para(line, role="address")
            for line in t(_T[f"{kind.office}_to"], lang).split(";")
        )
        blocks.append(para(placeholder("office_place", lang), role="address"))
        blocks.append(para(placeholder("office_address", lang), role="address"))
        dear = t(_T[f"{kind.office}_dear"], lang)
    blocks.append(para("", role="address"))
    blocks.extend(para(line, role="address") for line in reference_block(case, lang))
    blocks.append(para("", role="address"))
    blocks.append(para(dear))

    holding = record.holding()
    office = office_short(kind, lang)
    ask = ask_runs(kind, name, lang)
    # ---------------------------------------------------------------- the request
    blocks.append(heading(t(_T["h_request"], lang)))
    blocks.append(
        para(_fill(t(_T["request"], lang), name=bold(name), office=office, ask=ask))
    )
    blocks.append(para(t(_T["request_kind"], lang), bold(kind_label(kind.id, lang))))
    if holding:
        n = len(holding)
        blocks.append(
            para(
                t(
                    _T["framework_intro"],
                    lang,
                    name=name,
                    n=count_word(n, lang),
                    factors=t(_T["factor_one" if n == 1 else "factor_many"], lang),
                )
            )
        )
    else:
        blocks.append(para(t(_T["no_factor_intro"], lang)))
    # ---------------------------------------------------------------- the summary
    blocks.append(heading(t(_T["h_summary"], lang)))
    by_category = _by_category(record)
    if by_category:
        blocks.append(
            bullets(
                runs(
                    bold(pick(category.label, lang) + ": "),
                    "; ".join(pick(r.factor.label, lang) for r in results),
                )
                for category, results in by_category
            )
        )
    else:
        blocks.append(para(hole(t(_T["none_established"], lang))))
    # ---------------------------------------------------------------- one section per category
    for category, results in by_category:
        blocks.append(heading(pick(category.label, lang)))
        for result in results:
            blocks.extend(_factor_blocks(record, result, lang))
    # ---------------------------------------------------------------- not weighed
    blocks.append(heading(t(_T["h_not_weighed"], lang, name=name)))
    blocks.extend(_not_weighed_blocks(record, name, lang))
    # ---------------------------------------------------------------- the official framework
    blocks.append(heading(t(_T["h_analysis"], lang)))
    blocks.extend(_analysis_blocks(record, name, lang))
    # ---------------------------------------------------------------- conclusion
    blocks.append(heading(t(_T["h_conclusion"], lang)))
    if holding:
        blocks.append(
            para(
                t(
                    _T["conclusion_list"],
                    lang,
                    name=name,
                    factors="; ".join(pick(r.factor.label, lang) for r in holding),
                )
            )
        )
    blocks.append(para(_fill(t(_T["conclusion"], lang), office=office, ask=ask)))
    blocks.append(para(t(_T["thanks"], lang)))
    return Document(
        kind="letter",
        lang=lang,
        title=f"{t(_T['title'], lang)}: {name}",
        letterhead=letterhead(org, lang),
        blocks=tuple(blocks),
        signature=signature(org, lang, name),
        appendix=tuple(_exhibit_index(record, lang)),
        page_label="Page" if lang == "en" else "Página",
    )


def _by_category(record: Record) -> list[tuple[Category, list[FactorResult]]]:
    framework = record.assessment.framework
    holding = record.holding()
    out: list[tuple[Category, list[FactorResult]]] = []
    for category in framework.categories:
        results = [r for r in holding if r.factor.category == category.id]
        if results:
            out.append((category, results))
    return out


def _factor_blocks(record: Record, result: FactorResult, lang: str) -> list[Block]:
    factor = result.factor
    blocks: list[Block] = [heading(pick(factor.label, lang), level=2)]
    facts = known_facts(result.facts, lang)
    countries = result.params.get("tps_or_ded_countries")
    country = result.facts.get("removal_country")
    if isinstance(country, str) and countries is not None and country in countries:
        from amparo.documents.content.common import country_name

        facts.append(
            t(
                _T["tps"],
                lang,
                country=country_name(country, lang),
                day=long_date(record.day, lang),
            )
        )
    facts.extend(_details(record, factor.id, lang))
    if facts:
        blocks.append(para(t(_T["shows"], lang), _sentence("; ".join(facts))))
    exhibits = record.proving(result)
    if exhibits:
        blocks.append(para(t(_T["proof"], lang), _exhibit_list(exhibits, lang), "."))
    else:
        blocks.append(para(t(_T["proof"], lang), hole(t(_T["proof_missing"], lang))))
    for cite in factor.cites:
        if cite.quote:
            blocks.append(
                para(
                    t(_T["as_letter"], lang),
                    italic(f"“{_squash(cite.quote)}”"),
                    role="quote",
                )
            )
        blocks.append(para(t(_T["source"], lang), cite.short(), role="note"))
    return blocks


def _details(record: Record, factor_id: str, lang: str) -> list[str]:
    """Words the case itself gives for a factor that holds (summaries, programs)."""
    case = record.case
    out: list[str] = []
    if factor_id == "vindicating_rights" and case.proceedings is not None:
        for won in case.proceedings.outcomes_won or ():
            if won.summary:
                out.append(_squash(won.summary).rstrip("."))
        for action in case.proceedings.pending_actions_as_party or ():
            if action.summary:
                out.append(_squash(action.summary).rstrip("."))
    if factor_id == "criminal_justice_reform" and case.rehabilitation is not None:
        programs = case.rehabilitation.programs_completed or ()
        out.extend(_squash(p).rstrip(".") for p in programs)
    return out


def _exhibit_list(exhibits: list[Exhibit], lang: str) -> tuple[Run, ...]:
    items: list[Run] = []
    for index, exhibit in enumerate(exhibits):
        if index:
            items.append(Run("; "))
        items.append(Run(t(_T["exhibit"], lang, tab=exhibit.tab) + " ("))
        items.append(
            Run(_squash(exhibit.description))
            if exhibit.description
            else hole(t(_T["no_description"], lang))
        )
        items.append(Run(")"))
    return tuple(items)


def _not_weighed_blocks(record: Record, name: str, lang: str) -> list[Block]:
    assessment = record.assessment
    blocks: list[Block] = []
    if not assessment.not_weighed:
        blocks.append(para(t(_T["nw_none"], lang, name=name)))
    else:
        blocks.append(para(t(_T["nw_intro"], lang, name=name)))
    official = record.comparison.official.framework
    for item in assessment.not_weighed:
        blocks.append(heading(pick(item.item.label, lang), level=2))
        facts = known_facts(_flags_only(item.facts), lang)
        if facts:
            blocks.append(para(t(_T["nw_facts"], lang), _sentence("; ".join(facts))))
        blocks.append(para(t(_T["letter_reason"], lang), pick(item.item.reason, lang)))
        blocks.append(
            para(
                t(_T["source"], lang),
                "; ".join(c.short() for c in item.item.cites),
                role="note",
            )
        )
        if official is not None:
            blocks.extend(_official_words(official, item.item.id, lang))
    if assessment.holistic:
        facts = [fact_phrase(k, v, lang) for k, v in assessment.holistic.items()]
        blocks.append(para(t(_T["holistic"], lang, facts=join_words(facts, lang))))
    return blocks


def _official_words(framework: Framework, kind: str, lang: str) -> list[Block]:
    """The official framework's own words on a kind of fact not to weigh, as quoted."""
    quotes = framework.extra.get("quotes")
    chosen = OFFICIAL_WORDS.get(framework.id, {}).get(kind, ())
    if not isinstance(quotes, Mapping) or not chosen:
        return []
    blocks: list[Block] = []
    title = pick(framework.title, lang)
    source = next(iter(framework.sources.values()))
    for index, quote_id in enumerate(chosen):
        quote = quotes.get(quote_id)
        if not isinstance(quote, Mapping) or not quote.get("text"):
            continue
        lead = t(_T["official_words_one"], lang, title=title) if index == 0 else ""
        parts: list[Run] = [Run(lead), italic(f"“{_squash(str(quote['text']))}”")]
        if quote.get("confidence") == "unconfirmed":
            parts.extend([Run(" "), hole(t(_T["verify"], lang))])
        blocks.append(para(runs(parts), role="quote"))
        at = quote.get("at")
        short = source.short or source.title
        blocks.append(
            para(t(_T["source"], lang), f"{short}, {at}" if at else short, role="note")
        )
    return blocks


def _analysis_blocks(record: Record, name: str, lang: str) -> list[Block]:
    comparison = record.comparison
    official = comparison.official.framework
    day = long_date(record.day, lang)
    blocks: list[Block] = []
    if official is None:
        blocks.append(para(t(_T["no_official"], lang, day=day)))
        reason = _no_official_reason(record, lang)
        if reason:
            blocks.append(para(reason, role="note"))
    shown: list[Assessment] = [
        r
        for r in comparison.results
        if r.framework.kind == "enforcement" and r.in_force
    ]
    for result in shown:
        fw = result.framework
        title = pick(fw.title, lang)
        if fw is official:
            blocks.append(para(t(_T["official_in_force"], lang, day=day, title=title)))
        else:
            blocks.append(heading(title, level=2))
        if result.outcome == fw.unknown_outcome:
            blocks.append(para(t(_T["not_established"], lang, name=name)))
        else:
            blocks.append(
                para(
                    t(
                        _T["outcome"],
                        lang,
                        outcome=fw.outcome_label(result.outcome, lang),
                    )
                )
            )
        # The frameworks' own explanations speak to the advocate ("a request can say
        # so"); the letter says it in its own words: the flags below, and this.
        if not (fw.priority_outcomes or fw.not_priority_outcomes):
            blocks.append(para(t(_T["no_limits"], lang, name=name)))
        for flag in (f for f in comparison.flags if f.framework is fw):
            blocks.append(para(_flag_runs(flag, name, lang)))
        if result.outcome in fw.not_priority_outcomes:
            blocks.extend(_official_words(fw, "not_priority", lang))
        # A reading of another framework's text repeats its factors: its flags suffice.
        mitigating = [
            r
            for r in result.factors
            if r.factor.role == "mitigating"
            and r.value is True
            and fw.official != "reading"
        ]
        if mitigating:
            blocks.append(para(t(_T["mitigating"], lang, title=title)))
            blocks.append(
                bullets(
                    runs(pick(r.factor.label, lang), f" ({_cites(r.factor.cites)})")
                    for r in mitigating
                )
            )
    return blocks


def _no_official_reason(record: Record, lang: str) -> str:
    from amparo.rules.registry import framework_ids, get_framework

    for framework_id in framework_ids():
        framework = get_framework(framework_id)
        if framework.official != "enforcement":
            continue
        gap = framework.out_of_force_on(record.day)
        if gap is not None:
            return _squash(pick(gap.note, lang))
    return record.comparison.official.reason if lang == "en" else ""


def _flag_runs(flag: Flag, name: str, lang: str) -> tuple[Run, ...]:
    fw = flag.framework
    title = pick(fw.title, lang)
    from amparo.rules.registry import get_framework

    pf = get_framework("protection-first")
    labels = {item.id: pick(item.label, lang).lower() for item in pf.not_weighed}
    kinds = join_words([labels.get(k, k) for k in flag.not_weighed], lang)
    category = next(
        (pick(c.label, lang) for c in fw.categories if c.id == flag.category), ""
    )
    facts = _sentence(
        "; ".join(_flag_fact(k, v, lang) for k, v in _flags_only(flag.facts).items())
    )
    if flag.kind == "not_a_priority_even_officially":
        if flag.category is None:
            return runs(t(_T["not_priority_outcome"], lang, name=name, title=title))
        head = t(
            _T["not_priority_category"],
            lang,
            kinds=_cap(kinds),
            name=name,
            category=category,
            title=title,
        )
        return runs(head, facts)
    head = t(
        _T["only_not_weighed"],
        lang,
        title=title,
        name=name,
        category=category,
        kinds=kinds,
    )
    return runs(head, facts)


def _flags_only(facts: Mapping[str, FactValue]) -> dict[str, FactValue]:
    """The yes-or-no facts of an adverse record, without counts or spans of years.

    A count in the record is the number of entries the case lists, which may stand
    for more (a story that says "convictions" lists the least it allows); the letter
    names the kind of record and leaves the details to the advocate.
    """
    return {k: v for k, v in facts.items() if isinstance(v, bool)}


def _flag_fact(name: str, value: FactValue, lang: str) -> str:
    if value is False:
        from amparo.facts.catalogue import catalogue

        return f"{pick(catalogue()[name].label, lang)}: {t(_T['no'], lang)}"
    return fact_phrase(name, value, lang)


def _exhibit_index(record: Record, lang: str) -> list[Block]:
    blocks: list[Block] = [heading(t(_T["h_exhibits"], lang))]
    rows: list[tuple[Inline, ...]] = []
    from amparo.facts.catalogue import catalogue

    facts = catalogue()
    labels = {name: pick(facts[name].label, lang) for name in facts.facts}
    labels.update(
        {f.id: pick(f.label, lang) for f in record.assessment.framework.factors}
    )
    labels.update(
        {c.id: pick(c.label, lang) for c in record.assessment.framework.categories}
    )
    for exhibit in record.exhibits:
        description: Inline = (
            runs(_squash(exhibit.description))
            if exhibit.description
            else runs(hole(t(_T["no_description"], lang)))
        )
        supports = ", ".join(labels.get(s, s) for s in sorted(exhibit.supports))
        rows.append((runs(exhibit.tab), description, runs(supports)))
    next_tab = len(record.exhibits)
    from amparo.documents.content.record import tab_name

    for result in record.holding():
        if record.proving(result):
            continue
        what = "; ".join(pick(e, lang) for e in result.factor.evidence)
        rows.append(
            (
                runs(tab_name(next_tab)),
                runs(hole(t(_T["to_obtain"], lang, what=what))),
                runs(pick(result.factor.label, lang)),
            )
        )
        next_tab += 1
    if not rows:
        blocks.append(para(hole(t(_T["no_exhibits"], lang))))
        return blocks
    blocks.append(
        Table(
            header=(
                runs(bold(t(_T["tab"], lang))),
                runs(bold(t(_T["description"], lang))),
                runs(bold(t(_T["supports"], lang))),
            ),
            rows=tuple(rows),
            widths=(0.12, 0.58, 0.3),
        )
    )
    return blocks


def _cites(cites: Iterable[Citation]) -> str:
    return "; ".join(c.short() for c in cites)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
