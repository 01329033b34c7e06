"""The client summary: what we found, what papers to gather, what happens next.

Written for the person, in Spanish or English: short sentences, and every legal
term explained where it appears. It never states as a fact something the case does
not know; what is unknown is a question we still need to ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.documents.content.common import (
    display_name,
    join_words,
    long_date,
    partial_date,
    request_kind,
    t,
)
from amparo.documents.content.parts import letterhead
from amparo.documents.content.record import Record
from amparo.documents.model import Block, Document, bullets, heading, para
from amparo.i18n import pick

if TYPE_CHECKING:
    from collections.abc import Mapping

    from amparo.documents.org import OrgSettings

# Protective factors and excluded facts in plain words, for the client.
_PLAIN: dict[str, dict[str, str]] = {
    "unlawful_arrest": {
        "en": "Your arrest may have been unfair (for example, because of your race) or may have broken your rights",
        "es": "Su arresto pudo ser injusto (por ejemplo, por su raza) o pudo violar sus derechos",
    },
    "vindicating_rights": {
        "en": "You are defending your rights before a court or an agency, or you won a case",
        "es": "Usted está defendiendo sus derechos ante una corte o una agencia, o ganó un caso",
    },
    "relief_available": {
        "en": "You may be able to get legal status another way (for example, a visa or another application)",
        "es": "Usted podría obtener un estatus legal de otra forma (por ejemplo, una visa u otra solicitud)",
    },
    "criminal_justice_reform": {
        "en": "You finished a program, a treatment or your sentence, or your record was cleared or reduced",
        "es": "Usted terminó un programa, un tratamiento o su sentencia, o su récord fue borrado o reducido",
    },
    "family_in_us": {
        "en": "You have family in the United States",
        "es": "Usted tiene familia en Estados Unidos",
    },
    "caregiver_or_provider": {
        "en": "Your family depends on you for care or for money",
        "es": "Su familia depende de usted para su cuidado o su sustento",
    },
    "community_ties": {
        "en": "You have ties to your community (work, school, church, volunteering, letters of support)",
        "es": "Usted tiene lazos con su comunidad (trabajo, escuela, iglesia, voluntariado, cartas de apoyo)",
    },
    "long_residence": {
        "en": "You have lived in the United States for many years, or you came as a child",
        "es": "Usted ha vivido muchos años en Estados Unidos, o llegó de niño o niña",
    },
    "country_conditions": {
        "en": "It may be dangerous for you to go back to your country",
        "es": "Podría ser peligroso para usted regresar a su país",
    },
    "age": {
        "en": "Your age (you are very young, or older)",
        "es": "Su edad (es muy joven, o es mayor)",
    },
    "health_or_disability": {
        "en": "Your health, a disability or a pregnancy",
        "es": "Su salud, una discapacidad o un embarazo",
    },
    "vulnerable_group": {
        "en": "You belong to a group that faces special risks (for example, LGBTQI+ or Indigenous people, or survivors of crimes)",
        "es": "Usted pertenece a un grupo que enfrenta riesgos especiales (por ejemplo, personas LGBTQI+ o indígenas, o sobrevivientes de delitos)",
    },
    "trauma": {
        "en": "You have lived through trauma, including harm while detained",
        "es": "Usted ha vivido experiencias traumáticas, incluido un daño mientras estuvo detenido/a",
    },
}
_PLAIN_NOT_WEIGHED: dict[str, dict[str, str]] = {
    "recent_entry": {"en": "when or how you arrived", "es": "cuándo o cómo llegó"},
    "criminal_legal_contacts": {
        "en": "arrests, charges or convictions",
        "es": "arrestos, cargos o condenas",
    },
    "immigration_violations": {
        "en": "how you entered or stayed in the country",
        "es": "cómo entró o se quedó en el país",
    },
    "prior_removal_orders": {
        "en": "an earlier deportation order",
        "es": "una orden de deportación anterior",
    },
}

_T: dict[str, dict[str, str]] = {
    "title": {"en": "Summary of your case", "es": "Resumen de su caso"},
    "hello": {"en": "Dear {name}:", "es": "Estimado/a {name}:"},
    "why": {
        "en": "This page explains what we found when we reviewed your case on {day}. It also lists the papers we need from you and what comes next. It is not a decision by the government.",
        "es": "Esta hoja explica lo que encontramos al revisar su caso el {day}. También dice qué papeles necesitamos de usted y qué sigue. No es una decisión del gobierno.",
    },
    "h_found": {"en": "What we found", "es": "Lo que encontramos"},
    "pd": {
        "en": "Immigration officers can choose not to pursue a deportation case. This choice is called “prosecutorial discretion.”",
        "es": "Los agentes de inmigración pueden decidir no seguir adelante con un caso de deportación. Esta decisión se llama «discreción procesal».",
    },
    "framework": {
        "en": "We used a set of rules that about 150 groups that defend immigrants proposed in 2021. These rules are not law. We use them to explain why the government should protect you.",
        "es": "Usamos un conjunto de reglas que unos 150 grupos que defienden a los inmigrantes propusieron en 2021. Estas reglas no son ley. Las usamos para explicar por qué el gobierno debería protegerlo/a.",
    },
    "strong": {
        "en": "Under these rules, your case has these reasons for protection:",
        "es": "Según estas reglas, su caso tiene estas razones para recibir protección:",
    },
    "none": {
        "en": "We have not yet confirmed a reason for protection under these rules. That does not mean there is none. We need more information from you.",
        "es": "Todavía no confirmamos una razón de protección según estas reglas. Eso no quiere decir que no la haya. Necesitamos más información de usted.",
    },
    "not_weighed": {
        "en": "Your record includes things like {things}. Under these rules, they should not count against you. The government may still look at them, so we will address them.",
        "es": "Su expediente incluye cosas como {things}. Según estas reglas, no deberían contar en su contra. El gobierno puede mirarlas de todos modos, así que las vamos a tratar.",
    },
    "official_none": {
        "en": "Right now the government has no published rules that limit who it can try to deport. That is why your papers matter so much.",
        "es": "Ahora mismo el gobierno no tiene reglas publicadas que limiten a quién puede intentar deportar. Por eso sus papeles importan tanto.",
    },
    "official_not_priority": {
        "en": "The government's own rules in force say you are not among the people it wants to deport first.",
        "es": "Las propias reglas del gobierno que están vigentes dicen que usted no está entre las personas que quiere deportar primero.",
    },
    "official_priority": {
        "en": "Under the government's own rules in force, you may be among the people it wants to deport first. We will still ask for protection and explain why.",
        "es": "Según las propias reglas del gobierno vigentes, usted podría estar entre las personas que quiere deportar primero. Aun así pediremos protección y explicaremos por qué.",
    },
    "official_open": {
        "en": "The government's own rules in force leave officers room to decide. We do not know yet how they will see your case.",
        "es": "Las propias reglas del gobierno vigentes dejan que los agentes decidan. Todavía no sabemos cómo verán su caso.",
    },
    "h_papers": {"en": "Papers to gather", "es": "Papeles que debe reunir"},
    "papers_intro": {
        "en": "Please bring copies of these papers, if you have them. Do not give us your only original.",
        "es": "Por favor traiga copias de estos papeles, si los tiene. No nos dé su único original.",
    },
    "papers_none": {
        "en": "We have the papers we need for now. We will tell you if we need more.",
        "es": "Por ahora tenemos los papeles que necesitamos. Le avisaremos si necesitamos más.",
    },
    "h_questions": {
        "en": "Questions we still need to ask you",
        "es": "Preguntas que todavía necesitamos hacerle",
    },
    "questions_intro": {
        "en": "We do not know yet if any of these is true for you. Tell us: it may help your case.",
        "es": "Todavía no sabemos si algo de esto es cierto en su caso. Cuéntenos: puede ayudar a su caso.",
    },
    "h_next": {"en": "What happens next", "es": "Qué sigue"},
    "ask": {
        "en": "We will write to the government and ask it to {plain}.",
        "es": "Vamos a escribirle al gobierno para pedirle que {plain}.",
    },
    "ask_generic": {
        "en": "We will decide with you what to ask the government for, and write to it.",
        "es": "Vamos a decidir con usted qué pedirle al gobierno, y le escribiremos.",
    },
    "decide": {
        "en": "The government decides. It does not have to answer by a set date, and it can say no.",
        "es": "El gobierno decide. No tiene una fecha fija para responder, y puede decir que no.",
    },
    "hearing": {
        "en": "Your next court hearing is on {day}. You must go, even while we wait for an answer.",
        "es": "Su próxima audiencia en la corte es el {day}. Debe ir, aunque estemos esperando una respuesta.",
    },
    "hearing_unknown": {
        "en": "Go to every court hearing and every appointment with immigration, even while we wait for an answer. If you get a letter with a date, call us.",
        "es": "Vaya a todas sus audiencias en la corte y a todas sus citas con inmigración, aunque estemos esperando una respuesta. Si recibe una carta con una fecha, llámenos.",
    },
    "call": {
        "en": "Call us if anything changes: your address, your phone, an arrest, or a letter from immigration.",
        "es": "Llámenos si algo cambia: su dirección, su teléfono, un arresto o una carta de inmigración.",
    },
    "contact": {"en": "Our contact: ", "es": "Cómo contactarnos: "},
}


def make_summary(
    record: Record, org: OrgSettings, lang: str = "es", kind_id: str | None = None
) -> Document:
    """The plain-language summary for the client."""
    case = record.case
    name = display_name(case, lang)
    blocks: list[Block] = [
        heading(t(_T["title"], lang)),
        para(t(_T["hello"], lang, name=name)),
        para(t(_T["why"], lang, day=long_date(record.day, lang))),
        heading(t(_T["h_found"], lang)),
        para(t(_T["pd"], lang)),
        para(t(_T["framework"], lang)),
    ]
    holding = record.holding()
    if holding:
        blocks.append(para(t(_T["strong"], lang)))
        blocks.append(
            bullets(plain_label(r.factor.id, r.factor.label, lang) for r in holding)
        )
    else:
        blocks.append(para(t(_T["none"], lang)))
    if record.assessment.not_weighed:
        things = [
            pick(_PLAIN_NOT_WEIGHED.get(n.item.id) or n.item.label, lang)
            for n in record.assessment.not_weighed
        ]
        blocks.append(para(t(_T["not_weighed"], lang, things=join_words(things, lang))))
    blocks.append(para(t(_T[_official_key(record)], lang)))
    # ------------------------------------------------------------------ papers
    blocks.append(heading(t(_T["h_papers"], lang)))
    papers: list[str] = []
    # Only the proof of factors that hold and have none on hand: an unknown factor is
    # a question first (below), and a long list of papers helps no one.
    for result in holding:
        if record.proving(result):
            continue
        for item in result.factor.evidence:
            text = pick(item, lang)
            if text not in papers:
                papers.append(text)
    if papers:
        blocks.append(para(t(_T["papers_intro"], lang)))
        blocks.append(bullets(papers))
    else:
        blocks.append(para(t(_T["papers_none"], lang)))
    # ------------------------------------------------------------------ questions
    questions: list[str] = []
    for result in record.unknown():
        label = plain_label(result.factor.id, result.factor.label, lang)
        if label not in questions:
            questions.append(label)
    if questions:
        blocks.append(heading(t(_T["h_questions"], lang)))
        blocks.append(para(t(_T["questions_intro"], lang)))
        blocks.append(bullets(questions))
    # ------------------------------------------------------------------ next
    blocks.append(heading(t(_T["h_next"], lang)))
    if kind_id:
        blocks.append(
            para(t(_T["ask"], lang, plain=pick(request_kind(kind_id).plain, lang)))
        )
    else:
        blocks.append(para(t(_T["ask_generic"], lang)))
    blocks.append(para(t(_T["decide"], lang)))
    hearing = case.proceedings.next_hearing if case.proceedings else None
    if hearing is not None:
        blocks.append(para(t(_T["hearing"], lang, day=partial_date(hearing, lang))))
    else:
        blocks.append(para(t(_T["hearing_unknown"], lang)))
    blocks.append(para(t(_T["call"], lang)))
    return Document(
        kind="summary",
        lang=lang,
        title=f"{t(_T['title'], lang)}: {name}",
        letterhead=letterhead(org, lang),
        blocks=tuple(blocks),
        page_label="Page" if lang == "en" else "Página",
    )


def plain_label(factor_id: str, label: Mapping[str, str], lang: str) -> str:
    """A protective factor in the client's words, else its label."""
    return pick(_PLAIN.get(factor_id) or label, lang)


def _official_key(record: Record) -> str:
    """Which plain sentence tells the official framework's view of the case."""
    official = record.comparison.official.framework
    if official is None:
        return "official_open"
    result = next(r for r in record.comparison.results if r.framework is official)
    if not (official.priority_outcomes or official.not_priority_outcomes):
        return "official_none"
    if result.outcome in official.not_priority_outcomes:
        return "official_not_priority"
    if result.outcome in official.priority_outcomes:
        return "official_priority"
    return "official_open"
