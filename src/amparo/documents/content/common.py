"""What every document shares: the forms of discretion, dates, country names, the
person's name, and the placeholders the advocate fills in.

Examples:
    >>> import datetime as dt
    >>> long_date(dt.date(2021, 6, 28), "es")
    '28 de junio de 2021'
    >>> kind_label("release", "en")
    'Release from detention (a request to ERO)'
    >>> kind_label("dismissal", "es")
    'Desestimar el proceso de deportación'
    >>> country_name("NI", "es")
    'Nicaragua'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from amparo.documents.errors import RequestKindError
from amparo.documents.model import Run, hole
from amparo.i18n import pick

if TYPE_CHECKING:
    from amparo.cases.dates import PartialDate
    from amparo.cases.model import Case

Text = Mapping[str, str]
Office = Literal["opla", "ero"]


def t(text: Text, lang: str, **values: Any) -> str:
    """The ``lang`` version of ``{en, es}`` text, with ``values`` filled in."""
    out = pick(text, lang)
    return out.format(**values) if values else out


# -------------------------------------------------------------- forms of discretion


@dataclass(frozen=True, slots=True)
class RequestKind:
    """A form of discretion a request can ask for.

    ``ask`` completes "we respectfully request that [the office] …"; ``plain``
    completes "ask ICE to …" for the client.
    """

    id: str
    office: Office
    label: Text
    ask: Text
    plain: Text


_KINDS: tuple[RequestKind, ...] = (
    RequestKind(
        "decline_nta",
        "opla",
        {
            "en": "Declining to file, or cancelling, the Notice to Appear",
            "es": "Abstención de presentar, o cancelación de, la Notificación de Comparecencia",
        },
        {
            "en": "exercise its prosecutorial discretion not to file the Notice to Appear against {name} with the immigration court or, if it has been issued, to cancel it",
            "es": "ejerza su discreción procesal para no presentar ante el tribunal de inmigración la Notificación de Comparecencia contra {name} o, si ya se emitió, para cancelarla",
        },
        {
            "en": "not start a deportation case against you in immigration court (or cancel the papers that start it, called the “Notice to Appear”)",
            "es": "no empiece un caso de deportación contra usted en la corte de inmigración (o cancele los papeles que lo empiezan, llamados “Notificación de Comparecencia”)",
        },
    ),
    RequestKind(
        "dismissal",
        "opla",
        {
            "en": "Dismissal of the removal proceedings",
            "es": "Desestimación del proceso de deportación",
        },
        {
            "en": "exercise its prosecutorial discretion to move to dismiss the removal proceedings against {name} without prejudice (8 C.F.R. §§ 239.2(c), 1239.2(c))",
            "es": "ejerza su discreción procesal para solicitar la desestimación, sin perjuicio, del proceso de deportación contra {name} (8 C.F.R. §§ 239.2(c), 1239.2(c))",
        },
        {
            "en": "ask the judge to close your deportation case for good (this is called “dismissal”)",
            "es": "le pida al juez que cierre su caso de deportación (esto se llama “desestimación”)",
        },
    ),
    RequestKind(
        "administrative_closure",
        "opla",
        {"en": "Administrative closure", "es": "Cierre administrativo"},
        {
            "en": "exercise its prosecutorial discretion to move for, or not to oppose, the administrative closure of {name}'s removal proceedings",
            "es": "ejerza su discreción procesal para solicitar el cierre administrativo del proceso de deportación de {name}, o para no oponerse a él",
        },
        {
            "en": "agree to pause your deportation case, taking it off the court's calendar (this is called “administrative closure”)",
            "es": "acepte pausar su caso de deportación y sacarlo del calendario de la corte (esto se llama “cierre administrativo”)",
        },
    ),
    RequestKind(
        "continuance",
        "opla",
        {"en": "Continuance", "es": "Aplazamiento de la audiencia (continuance)"},
        {
            "en": "exercise its prosecutorial discretion to join, or not to oppose, a motion to continue {name}'s removal proceedings",
            "es": "ejerza su discreción procesal para adherirse a una moción de aplazamiento del proceso de deportación de {name}, o para no oponerse a ella",
        },
        {
            "en": "agree to move your court hearing to a later date (this is called a “continuance”)",
            "es": "acepte cambiar su audiencia en la corte para una fecha más adelante (esto se llama “aplazamiento”)",
        },
    ),
    RequestKind(
        "stipulation",
        "opla",
        {"en": "Stipulation", "es": "Estipulación"},
        {
            "en": "exercise its prosecutorial discretion to stipulate to {issues} in {name}'s removal proceedings",
            "es": "ejerza su discreción procesal para estipular {issues} en el proceso de deportación de {name}",
        },
        {
            "en": "agree in writing, before the judge, on some points of your case (this is called a “stipulation”), so the case can move faster",
            "es": "acepte por escrito, ante el juez, algunos puntos de su caso (esto se llama “estipulación”), para que el caso avance más rápido",
        },
    ),
    RequestKind(
        "join_motion",
        "opla",
        {
            "en": "Joining a motion (for example, to reopen)",
            "es": "Adhesión a una moción (por ejemplo, de reapertura)",
        },
        {
            "en": "exercise its prosecutorial discretion to join {motion} in {name}'s case",
            "es": "ejerza su discreción procesal para adherirse a {motion} en el caso de {name}",
        },
        {
            "en": "join us in asking the court to do something in your case, for example to reopen it (this is called “joining a motion”)",
            "es": "se una a nosotros para pedirle a la corte algo en su caso, por ejemplo que lo reabra (esto se llama “adherirse a una moción”)",
        },
    ),
    RequestKind(
        "decline_appeal",
        "opla",
        {"en": "Declining to appeal", "es": "Abstención de apelar"},
        {
            "en": "exercise its prosecutorial discretion not to appeal the decision in {name}'s favor",
            "es": "ejerza su discreción procesal para no apelar la decisión favorable a {name}",
        },
        {
            "en": "not appeal the decision you won, so that it stands",
            "es": "no apele la decisión que usted ganó, para que quede firme",
        },
    ),
    RequestKind(
        "release",
        "ero",
        {"en": "Release from detention", "es": "Liberación de la detención"},
        {
            "en": "exercise its discretion to release {name} from immigration detention, on recognizance or under the least restrictive conditions",
            "es": "ejerza su discreción para liberar a {name} de la detención migratoria, bajo palabra o con las condiciones menos restrictivas",
        },
        {
            "en": "let you out of detention while your case goes on",
            "es": "lo deje salir de la detención mientras sigue su caso",
        },
    ),
    RequestKind(
        "deferred_action",
        "ero",
        {"en": "Deferred action", "es": "Acción diferida"},
        {
            "en": "exercise its prosecutorial discretion to grant {name} deferred action",
            "es": "ejerza su discreción procesal para conceder a {name} acción diferida",
        },
        {
            "en": "decide not to deport you for a period of time (this is called “deferred action”)",
            "es": "decida no deportarlo por un tiempo (esto se llama “acción diferida”)",
        },
    ),
    RequestKind(
        "stay_of_removal",
        "ero",
        {
            "en": "Stay of removal",
            "es": "Suspensión de la deportación (stay of removal)",
        },
        {
            "en": "exercise its discretion to grant a stay of {name}'s removal",
            "es": "ejerza su discreción para conceder la suspensión de la deportación de {name}",
        },
        {
            "en": "stop your deportation for now (this is called a “stay of removal”)",
            "es": "detenga su deportación por ahora (esto se llama “suspensión de la deportación”)",
        },
    ),
)

KIND_IDS = tuple(k.id for k in _KINDS)


@cache
def _opla_forms() -> dict[str, Text]:
    """The labels OPLA's framework gives its forms of discretion, where it has them."""
    from amparo.errors import AmparoError
    from amparo.rules.registry import framework_ids, get_framework

    if "opla-2021-interim" not in framework_ids():
        return {}
    try:
        raw = get_framework("opla-2021-interim").extra.get("forms_of_discretion")
    except AmparoError:
        return {}
    out: dict[str, Text] = {}
    items: list[Any] = []
    if isinstance(raw, Mapping):
        items = [
            {"id": k, **v} if isinstance(v, Mapping) else {"id": k}
            for k, v in raw.items()
        ]
    elif isinstance(raw, list):
        items = [i for i in raw if isinstance(i, Mapping)]
    for item in items:
        label = item.get("label")
        if isinstance(label, Mapping) and label.get("en") and label.get("es"):
            out[str(item.get("id"))] = {"en": str(label["en"]), "es": str(label["es"])}
    return out


def request_kind(kind_id: str) -> RequestKind:
    """A form of discretion by id.

    Raises:
        RequestKindError: no such form; the message lists them all.
    """
    for kind in _KINDS:
        if kind.id == kind_id:
            return kind
    raise RequestKindError(kind_id, list(KIND_IDS))


def kind_label(kind_id: str, lang: str) -> str:
    """The form's label: OPLA's own where its framework gives one, else ours."""
    official = _opla_forms().get(kind_id)
    return t(official or request_kind(kind_id).label, lang)


# ------------------------------------------------------------------------- dates

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


def long_date(day: dt.date, lang: str) -> str:
    month = _MONTHS.get(lang, _MONTHS["en"])[day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


def partial_date(value: PartialDate, lang: str) -> str:
    """A date as precise as the record: ``2013``, ``May 2014``, ``May 1, 2014``."""
    if value.month is None:
        return str(value.year)
    if value.day is None:
        month = _MONTHS.get(lang, _MONTHS["en"])[value.month - 1]
        return f"{month} de {value.year}" if lang == "es" else f"{month} {value.year}"
    return long_date(dt.date(value.year, value.month, value.day), lang)


def span_date(value: tuple[dt.date, dt.date], lang: str) -> str:
    """A fact's date span as the record gave it (year, month or day)."""
    from amparo.cases.dates import PartialDate

    lo, hi = value
    if lo == hi:
        return long_date(lo, lang)
    if (
        lo.month == 1
        and lo.day == 1
        and hi.month == 12
        and hi.day == 31
        and lo.year == hi.year
    ):
        return partial_date(PartialDate(lo.year), lang)
    if lo.year == hi.year and lo.month == hi.month:
        return partial_date(PartialDate(lo.year, lo.month), lang)
    return f"{long_date(lo, lang)} – {long_date(hi, lang)}"


def years_text(value: tuple[int, int], lang: str) -> str:
    """A whole number of years kept as a span: ``7`` or ``7 or 8`` (``7 u 8``)."""
    lo, hi = value
    if lo == hi:
        return str(lo)
    word = {"en": "or", "es": "u" if str(hi).startswith("8") or hi in (11,) else "o"}
    return f"{lo} {word.get(lang, 'or')} {hi}"


# --------------------------------------------------------------------- countries

_COUNTRIES: dict[str, tuple[str, str]] = {
    "AF": ("Afghanistan", "Afganistán"),
    "AR": ("Argentina", "Argentina"),
    "BD": ("Bangladesh", "Bangladés"),
    "BO": ("Bolivia", "Bolivia"),
    "BR": ("Brazil", "Brasil"),
    "BZ": ("Belize", "Belice"),
    "CL": ("Chile", "Chile"),
    "CM": ("Cameroon", "Camerún"),
    "CN": ("China", "China"),
    "CO": ("Colombia", "Colombia"),
    "CR": ("Costa Rica", "Costa Rica"),
    "CU": ("Cuba", "Cuba"),
    "DO": ("the Dominican Republic", "República Dominicana"),
    "EC": ("Ecuador", "Ecuador"),
    "EG": ("Egypt", "Egipto"),
    "ER": ("Eritrea", "Eritrea"),
    "ET": ("Ethiopia", "Etiopía"),
    "GH": ("Ghana", "Ghana"),
    "GN": ("Guinea", "Guinea"),
    "GT": ("Guatemala", "Guatemala"),
    "HK": ("Hong Kong", "Hong Kong"),
    "HN": ("Honduras", "Honduras"),
    "HT": ("Haiti", "Haití"),
    "IN": ("India", "India"),
    "IQ": ("Iraq", "Irak"),
    "IR": ("Iran", "Irán"),
    "JM": ("Jamaica", "Jamaica"),
    "LB": ("Lebanon", "Líbano"),
    "LR": ("Liberia", "Liberia"),
    "MM": ("Burma (Myanmar)", "Birmania (Myanmar)"),
    "MR": ("Mauritania", "Mauritania"),
    "MX": ("Mexico", "México"),
    "NG": ("Nigeria", "Nigeria"),
    "NI": ("Nicaragua", "Nicaragua"),
    "NP": ("Nepal", "Nepal"),
    "PA": ("Panama", "Panamá"),
    "PE": ("Peru", "Perú"),
    "PH": ("the Philippines", "Filipinas"),
    "PK": ("Pakistan", "Pakistán"),
    "PS": ("the Palestinian territories", "los territorios palestinos"),
    "PY": ("Paraguay", "Paraguay"),
    "RU": ("Russia", "Rusia"),
    "SD": ("Sudan", "Sudán"),
    "SL": ("Sierra Leone", "Sierra Leona"),
    "SN": ("Senegal", "Senegal"),
    "SO": ("Somalia", "Somalia"),
    "SS": ("South Sudan", "Sudán del Sur"),
    "SV": ("El Salvador", "El Salvador"),
    "SY": ("Syria", "Siria"),
    "TR": ("Türkiye", "Turquía"),
    "UA": ("Ukraine", "Ucrania"),
    "UY": ("Uruguay", "Uruguay"),
    "VE": ("Venezuela", "Venezuela"),
    "VN": ("Vietnam", "Vietnam"),
    "YE": ("Yemen", "Yemen"),
}


def country_name(code: str, lang: str) -> str:
    """A country's name; the ISO code itself where the table has no name."""
    names = _COUNTRIES.get(code.upper())
    if names is None:
        return code
    return names[1] if lang == "es" else names[0]


# ----------------------------------------------------------------- the person

PLACEHOLDERS: dict[str, Text] = {
    "legal_name": {"en": "[LEGAL NAME]", "es": "[NOMBRE LEGAL]"},
    "client": {"en": "[CLIENT]", "es": "[CLIENTE]"},
    "a_number": {"en": "[A-NUMBER]", "es": "[NÚMERO A]"},
    "birth_date": {"en": "[DATE OF BIRTH]", "es": "[FECHA DE NACIMIENTO]"},
    "citizenship": {"en": "[COUNTRY OF CITIZENSHIP]", "es": "[PAÍS DE NACIONALIDAD]"},
    "court": {"en": "[IMMIGRATION COURT]", "es": "[TRIBUNAL DE INMIGRACIÓN]"},
    "next_hearing": {
        "en": "[NEXT HEARING DATE]",
        "es": "[FECHA DE LA PRÓXIMA AUDIENCIA]",
    },
    "facility": {"en": "[DETENTION FACILITY]", "es": "[CENTRO DE DETENCIÓN]"},
    "since": {"en": "[DATE]", "es": "[FECHA]"},
    "detention": {
        "en": "[DETAINED OR NOT: CONFIRM]",
        "es": "[¿DETENIDO/A O NO? CONFIRMAR]",
    },
    "office_place": {"en": "[FIELD LOCATION]", "es": "[SEDE]"},
    "office_address": {"en": "[OFFICE ADDRESS]", "es": "[DIRECCIÓN DE LA OFICINA]"},
    "org_name": {"en": "[ORGANIZATION NAME]", "es": "[NOMBRE DE LA ORGANIZACIÓN]"},
    "org_address": {"en": "[ADDRESS]", "es": "[DIRECCIÓN]"},
    "org_phone": {"en": "[PHONE]", "es": "[TELÉFONO]"},
    "org_email": {"en": "[EMAIL]", "es": "[CORREO ELECTRÓNICO]"},
    "signer_name": {"en": "[SIGNER NAME]", "es": "[NOMBRE DE QUIEN FIRMA]"},
    "signer_title": {"en": "[TITLE]", "es": "[CARGO]"},
    "signer_credential": {
        "en": "[BAR NUMBER OR ACCREDITATION]",
        "es": "[NÚMERO DE COLEGIATURA O ACREDITACIÓN]",
    },
    "issues": {
        "en": "[ISSUES TO STIPULATE: eligibility for relief, bond, …]",
        "es": "[PUNTOS A ESTIPULAR: elegibilidad para un alivio, fianza, …]",
    },
    "motion": {
        "en": "[THE MOTION: to reopen, to terminate, …]",
        "es": "[LA MOCIÓN: de reapertura, de terminación, …]",
    },
}


def placeholder(key: str, lang: str) -> Run:
    return hole(t(PLACEHOLDERS[key], lang))


def legal_name(case: Case) -> str | None:
    person = case.person
    if person is None or person.name is None:
        return None
    parts = [p for p in (person.name.given, person.name.family) if p]
    return " ".join(parts) or None


def display_name(case: Case, lang: str) -> str:
    """How the documents name the person: the legal name, else the pseudonym."""
    name = legal_name(case)
    if name:
        return name
    if case.person is not None and case.person.pseudonym:
        return case.person.pseudonym
    return t(PLACEHOLDERS["client"], lang)


def join_words(items: list[str], lang: str, last: str | None = None) -> str:
    """``a, b and c`` / ``a, b y c`` (``e`` before an i- sound in Spanish)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if last is None:
        if lang == "es":
            last = (
                "e"
                if items[-1].lower().startswith(("i", "hi"))
                and not items[-1].lower().startswith(("hie", "hia"))
                else "y"
            )
        else:
            last = "and"
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def count_word(n: int, lang: str, feminine: bool = False) -> str:
    """Small numbers in words, as letters write them."""
    en = (
        "no",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    )
    es = (
        "ningún",
        "un",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
    )
    if n > 10:
        return str(n)
    if lang == "es":
        if feminine and n in (0, 1):
            return ("ninguna", "una")[n]
        return es[n]
    return en[n]
