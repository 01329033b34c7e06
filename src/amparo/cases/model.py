"""The case document, format 1, as pydantic models.

One model per section of ``shared/spec/case-format.md``; field names and meanings
follow that spec exactly. The rule everything rests on: a field that is absent or
``null`` is **unknown** (``None`` here), ``false`` is a known "no" and ``[]`` is a
known "none". Nothing here ever turns unknown into "no".

Every model is frozen and forbids unknown fields, so a misspelt field is an error
rather than a silently ignored fact. Use :mod:`amparo.cases.load` to read a
document with line numbers in its errors.

Examples:
    >>> case = Case.model_validate(
    ...     {"format": 1, "id": "EX-0001", "person": {"citizenship": ["GT"]}}
    ... )
    >>> case.removal_country_or_default
    'GT'
    >>> case.family is None  # unknown, not "no family"
    True
"""

# No "from __future__ import annotations": pydantic would parse every annotation
# from a string at import (10–15 ms of every command's start-up).

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from annotated_types import Ge
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from amparo.cases.dates import PartialDate
from amparo.cases.values import (
    A_NUMBER_PATTERN,
    COUNTRY_PATTERN,
    PARTIAL_DATE_PATTERN,
    InvalidValue,
    a_number,
    country_code,
    format_version,
    full_date,
    partial_date,
    removal_country_or_default,
)
from amparo.cases.vocab import (
    ArrestAgency,
    DetentionHarm,
    FamilyStatus,
    Forum,
    GangAllegationSource,
    ImmigrationStatus,
    ImmigrationViolation,
    MannerOfEntry,
    OffenseCategory,
    PendingActionKind,
    PostConvictionRelief,
    Relationship,
    ReliefStatus,
    ReliefType,
    Supporter,
    SurvivorOf,
    VulnerableGroup,
)

__all__ = [
    "DOCUMENT",
    "PARTIAL_DATE_PATTERN",
    "ANumber",
    "Arrest",
    "ArrestAgency",
    "Case",
    "Community",
    "Conviction",
    "CountryCode",
    "CriminalLegalHistory",
    "Custody",
    "DetentionHarm",
    "EvidenceItem",
    "Family",
    "FamilyMember",
    "FamilyStatus",
    "Flag",
    "Forum",
    "FullDate",
    "GangAllegation",
    "GangAllegationSource",
    "Health",
    "Humanitarian",
    "ImmigrationStatus",
    "ImmigrationViolation",
    "MannerOfEntry",
    "MilitaryService",
    "Name",
    "NationalSecurityAllegation",
    "OffenseCategory",
    "OutcomeWon",
    "PartialDateField",
    "PendingAction",
    "PendingActionKind",
    "PendingCharge",
    "Person",
    "PostConvictionRelief",
    "Presence",
    "PriorRemovalOrder",
    "Proceedings",
    "Rehabilitation",
    "Relationship",
    "ReliefItem",
    "ReliefStatus",
    "ReliefType",
    "Security",
    "Supporter",
    "SurvivorOf",
    "VulnerableGroup",
    "WholeNumber",
]

# --------------------------------------------------------------------------
# Value types. Each custom check raises its own error type (``partial_date``,
# ``full_date``, ``country_code``, ``a_number``, ``format_version``) so that the
# loader can word the problem for a person rather than repeat pydantic's text.

_T = TypeVar("_T")

DOCUMENT = "document"
"""Validation-context key: set to true when the input is a case document, not Python code."""


def _checked(check: Callable[[object], _T]) -> Callable[[object], _T]:
    """A check of :mod:`amparo.cases.values` as a pydantic validator, its kind kept."""

    def validate(value: object) -> _T:
        try:
            return check(value)
        except InvalidValue as error:
            raise PydanticCustomError(error.kind, error.message) from None

    return validate


_partial_date = _checked(partial_date)
_full_date = _checked(full_date)
_country = _checked(country_code)
_a_number = _checked(a_number)
_format_version = _checked(format_version)


PartialDateField = Annotated[
    PartialDate,
    PlainValidator(_partial_date),
    # JSON gets the text ("2014-05"); note that pydantic's Python mode gives a dict.
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "An ISO 8601 date that may be partial: 2014, 2014-05 or 2014-05-01.",
        }
    ),
]
"""A date known to the year, the month or the day: ``2014``, ``"2014-05"``, ``2014-05-01``."""

FullDate = Annotated[
    dt.date,
    PlainValidator(_full_date),
    PlainSerializer(dt.date.isoformat, return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    ),
]
"""A full calendar date, ``YYYY-MM-DD``."""

CountryCode = Annotated[
    str,
    PlainValidator(_country),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": COUNTRY_PATTERN,
            "description": "ISO 3166-1 alpha-2 country code (HT, IQ, NI, MX).",
        }
    ),
]
"""An ISO 3166-1 alpha-2 country code: two upper-case letters."""

ANumber = Annotated[
    str,
    PlainValidator(_a_number),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": A_NUMBER_PATTERN,
            "description": "Alien registration number: A plus 8 or 9 digits; "
            "dashes are allowed and removed (A-123-456-789 becomes A123456789).",
        }
    ),
]
"""An alien registration number, normalised to ``A`` plus 8 or 9 digits."""

WholeNumber = Annotated[int, Strict(), Ge(0)]
"""A whole number, 0 or more (ages, counts, months). ``true`` is not a number."""

Flag = Annotated[bool, Strict()]
"""``true`` or ``false``; ``"yes"`` in quotes or ``1`` are not accepted."""

FormatVersion = Annotated[
    Literal[1],
    PlainValidator(_format_version),
    WithJsonSchema({"const": 1, "type": "integer"}),
]


# --------------------------------------------------------------------------
# Sections


class _Section(BaseModel):
    """Shared configuration: frozen, and an unknown field is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Name(_Section):
    """person.name: the legal name; optional and sensitive."""

    given: str | None = None
    family: str | None = None


class Person(_Section):
    """person: who the person is."""

    pseudonym: str | None = Field(
        None, description="The name shown in examples and reports."
    )
    # repr=False: the legal name and the A-number never appear in a repr or a log line.
    name: Name | None = Field(
        None, repr=False, description="Legal name; optional; sensitive."
    )
    a_number: ANumber | None = Field(
        None,
        repr=False,
        description="Alien registration number, A plus 8 or 9 digits; optional; sensitive.",
    )
    birth_date: PartialDateField | None = Field(
        None, description="May be partial (1985)."
    )
    citizenship: list[CountryCode] | None = Field(
        None, description="One or more countries."
    )
    removal_country: CountryCode | None = Field(
        None,
        description="The country DHS would remove to; default: the first citizenship.",
    )
    stateless: Flag | None = None
    gender_identity: str | None = Field(None, description="Free text.")
    lgbtqi: Flag | None = Field(None, description="Member of the LGBTQI+ community.")
    preferred_language: str | None = Field(
        None, description="BCP 47 tag (es, ht, ar, mam)."
    )


class PriorRemovalOrder(_Section):
    """presence.prior_removal_orders[]: one earlier order of removal."""

    date: PartialDateField | None = None
    in_absentia: Flag | None = None
    executed: Flag | None = None


class Presence(_Section):
    """presence: entries, status, immigration history."""

    first_entry_date: PartialDateField | None = Field(
        None, description="First arrival in the U.S."
    )
    last_entry_date: PartialDateField | None = Field(
        None, description="Most recent arrival (after a trip abroad, for example)."
    )
    continuous_presence_since: PartialDateField | None = Field(
        None, description="Start of the current unbroken residence."
    )
    manner_of_last_entry: MannerOfEntry | None = None
    apprehended_at_border_attempting_unlawful_entry: Flag | None = Field(
        None, description="At the last entry."
    )
    current_status: ImmigrationStatus | None = None
    immigration_violations: list[ImmigrationViolation] | None = None
    prior_removal_orders: list[PriorRemovalOrder] | None = None


class Custody(_Section):
    """custody: detention."""

    detained: Flag | None = None
    detained_since: PartialDateField | None = None
    facility: str | None = None
    harm_in_detention: list[DetentionHarm] | None = None


class OutcomeWon(_Section):
    """proceedings.outcomes_won[]: a decision in the person's favour.

    Includes a ruling that rejected the basis DHS relies on (no probable cause
    for extradition, say).
    """

    forum: Forum | None = None
    date: PartialDateField | None = None
    summary: str | None = None


class PendingAction(_Section):
    """proceedings.pending_actions_as_party[]: a right the person is vindicating now.

    ``forum`` is free text: the spec gives no closed set for it here (unlike
    ``outcomes_won[].forum``).
    """

    kind: PendingActionKind | None = None
    forum: str | None = None
    summary: str | None = None


class Arrest(_Section):
    """proceedings.arrest: the arrest that led to immigration enforcement."""

    agency: ArrestAgency | None = None
    date: PartialDateField | None = None
    racial_profiling_alleged: Flag | None = None
    rights_violation_alleged: Flag | None = None
    summary: str | None = None


class Proceedings(_Section):
    """proceedings: removal proceedings, cases won, rights being vindicated, the arrest."""

    in_removal_proceedings: Flag | None = None
    court: str | None = Field(None, description="Immigration court.")
    next_hearing: PartialDateField | None = None
    final_order: Flag | None = Field(
        None, description="A final order of removal exists now."
    )
    outcomes_won: list[OutcomeWon] | None = Field(
        None, description="Decisions in the person's favour."
    )
    dhs_appealing: Flag | None = Field(
        None, description="DHS is appealing a decision the person won."
    )
    pending_actions_as_party: list[PendingAction] | None = Field(
        None, description="Rights the person is vindicating now."
    )
    arrest: Arrest | None = Field(
        None, description="The arrest that led to immigration enforcement."
    )


class ReliefItem(_Section):
    """relief[]: one form of immigration relief available outside removal proceedings."""

    type: ReliefType | None = None
    status: ReliefStatus | None = None


class Conviction(_Section):
    """criminal_legal_history.convictions[]: one conviction.

    Addition to the spec (optional): ``age_at_conviction``, the age on the
    conviction date, for records that give that rather than the age at the offense.
    """

    offense: str | None = None
    date: PartialDateField | None = None
    jurisdiction: str | None = None
    category: OffenseCategory | None = None
    aggravated_felony: Flag | None = Field(
        None,
        description="An aggravated felony under INA 101(a)(43) as DHS charges it; "
        "unknown when nobody has analysed it.",
    )
    gang_element: Flag | None = Field(
        None,
        description="An element of the offense was active participation in a criminal street gang.",
    )
    sentence_months: WholeNumber | None = None
    age_at_offense: WholeNumber | None = None
    post_conviction_relief: PostConvictionRelief | None = None
    age_at_conviction: WholeNumber | None = Field(
        None,
        description="Addition to format 1: the age on the conviction date, "
        "when the record gives that rather than the age at the offense.",
    )


class PendingCharge(_Section):
    """criminal_legal_history.pending_charges[]: one charge not yet decided."""

    offense: str | None = None
    date: PartialDateField | None = None
    category: OffenseCategory | None = None


class GangAllegation(_Section):
    """criminal_legal_history.gang_allegation."""

    alleged: Flag | None = None
    source: GangAllegationSource | None = None
    contested: Flag | None = None
    convicted_of_gang_element: Flag | None = None


class CriminalLegalHistory(_Section):
    """criminal_legal_history: contacts with the criminal legal system.

    The protection-first framework never weighs any of it against the person.
    """

    convictions: list[Conviction] | None = None
    pending_charges: list[PendingCharge] | None = None
    arrests_without_conviction: WholeNumber | None = None
    gang_allegation: GangAllegation | None = None


class Rehabilitation(_Section):
    """rehabilitation: rehabilitation and state criminal-justice processes."""

    programs_completed: list[str] | None = Field(
        None, description="Courses, treatment, certificates."
    )
    sentence_requirements_completed: Flag | None = Field(
        None, description="Probation or parole terms completed."
    )
    released_by_parole_board: Flag | None = None
    diversion_or_alternative_sentence: Flag | None = None
    sobriety_or_recovery: Flag | None = Field(
        None, description="Overcame the addiction that led to the offense."
    )
    supporters: list[Supporter] | None = Field(
        None, description="Who writes in support."
    )


class FamilyMember(_Section):
    """family.members[]: one family member."""

    relationship: Relationship | None = None
    status: FamilyStatus | None = None
    age: WholeNumber | None = None
    birth_date: PartialDateField | None = None
    in_us: Flag | None = None
    depends_on_person: Flag | None = None


class Family(_Section):
    """family: family ties."""

    members: list[FamilyMember] | None = None
    primary_caregiver: Flag | None = Field(
        None,
        description="The person cares for a child, an elder or someone with a disability.",
    )
    primary_provider: Flag | None = Field(
        None, description="The household depends on the person's income."
    )
    household_at_risk: Flag | None = Field(
        None,
        description="Removal would put the family at risk of hunger or houselessness.",
    )


class MilitaryService(_Section):
    """community.military_service: service in the U.S. armed forces.

    The document's field is ``self``; in Python it is ``self_``.
    """

    model_config = ConfigDict(populate_by_name=True)

    self_: Flag | None = Field(None, alias="self")
    immediate_family: Flag | None = None

    @model_validator(mode="before")
    @classmethod
    def _documents_say_self(cls, data: Any, info: ValidationInfo) -> Any:
        # Python code may write self_=...; a document must say self, as the spec and
        # the JSON Schema do. The loader marks documents in the validation context.
        context = info.context
        if (
            isinstance(context, dict)
            and context.get(DOCUMENT)
            and isinstance(data, dict)
            and "self_" in data
        ):
            raise PydanticCustomError(
                "python_field_name", "write self, not self_", {"field": "self_"}
            )
        return data


class Community(_Section):
    """community: community ties."""

    employed: Flag | None = None
    in_school: Flag | None = None
    community_member: Flag | None = Field(
        None, description="Congregation, association, union, team, arts."
    )
    volunteer_or_service: Flag | None = None
    military_service: MilitaryService | None = Field(
        None, description="U.S. armed forces."
    )
    letters_of_support: WholeNumber | None = None
    owns_home_or_business: Flag | None = None
    pays_taxes: Flag | None = None


class Health(_Section):
    """humanitarian.health."""

    serious_medical_condition: Flag | None = None
    mental_health_condition: Flag | None = None
    disability: Flag | None = None
    pregnant: Flag | None = None


class Humanitarian(_Section):
    """humanitarian: country conditions, health, age-independent vulnerability, trauma."""

    fear_of_return: Flag | None = Field(
        None,
        description="Fear of persecution, torture or death in the removal country.",
    )
    health: Health | None = None
    survivor_of: list[SurvivorOf] | None = None
    vulnerable_groups: list[VulnerableGroup] | None = None
    trauma: Flag | None = Field(None, description="Experiences of trauma.")


class NationalSecurityAllegation(_Section):
    """security.national_security_allegation.

    An allegation of terrorism, espionage or a national-security threat, and
    whether a court rejected its basis.
    """

    alleged: Flag | None = None
    basis: str | None = None
    rejected_by_court: Flag | None = None


class Security(_Section):
    """security: national-security allegations."""

    national_security_allegation: NationalSecurityAllegation | None = None


class EvidenceItem(_Section):
    """evidence[]: one exhibit on hand."""

    description: str | None = None
    supports: list[str] | None = Field(
        None, description="The factor or fact names this exhibit supports."
    )
    file: str | None = None


class Case(_Section):
    """The case document, format 1: one person's situation as facts.

    Only ``format`` and ``id`` are required. Everything else absent is unknown.
    """

    format: FormatVersion = Field(description="The format number; always 1.")
    id: str = Field(
        min_length=1, description="Required; the organization's own case reference."
    )
    assessed_on: FullDate | None = Field(
        None,
        description="The date the rules are applied as of; default: today.",
    )
    person: Person | None = None
    presence: Presence | None = None
    custody: Custody | None = None
    proceedings: Proceedings | None = None
    relief: list[ReliefItem] | None = Field(
        None, description="Immigration relief available outside removal proceedings."
    )
    criminal_legal_history: CriminalLegalHistory | None = None
    rehabilitation: Rehabilitation | None = None
    family: Family | None = None
    community: Community | None = None
    humanitarian: Humanitarian | None = None
    security: Security | None = None
    narrative: str | None = Field(
        None,
        description="Free text in the person's or advocate's words; never read by rules.",
    )
    evidence: list[EvidenceItem] | None = Field(None, description="Exhibits on hand.")

    @property
    def removal_country_or_default(self) -> str | None:
        """``person.removal_country``, else the first citizenship, else ``None`` (unknown)."""
        return removal_country_or_default(self.person)
