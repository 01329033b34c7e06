"""The closed sets of the case document (``shared/spec/case-format.md``), without pydantic."""

from __future__ import annotations

from enum import StrEnum


class MannerOfEntry(StrEnum):
    """presence.manner_of_last_entry"""

    INSPECTED = "inspected"
    WITHOUT_INSPECTION = "without_inspection"
    PAROLE = "parole"
    REFUGEE_ADMISSION = "refugee_admission"
    OTHER = "other"


class ImmigrationStatus(StrEnum):
    """presence.current_status"""

    USC_CLAIM = "usc_claim"
    LPR = "lpr"
    CONDITIONAL_RESIDENT = "conditional_resident"
    REFUGEE = "refugee"
    ASYLEE = "asylee"
    TPS = "tps"
    DACA = "daca"
    PAROLEE = "parolee"
    VISA_HOLDER = "visa_holder"
    OVERSTAY = "overstay"
    UNDOCUMENTED = "undocumented"
    OTHER = "other"


class ImmigrationViolation(StrEnum):
    """presence.immigration_violations[]"""

    UNLAWFUL_ENTRY = "unlawful_entry"
    UNLAWFUL_REENTRY = "unlawful_reentry"
    OVERSTAY = "overstay"
    STATUS_VIOLATION = "status_violation"
    OTHER = "other"


class DetentionHarm(StrEnum):
    """custody.harm_in_detention[]"""

    ABUSE = "abuse"
    SEXUAL_ASSAULT = "sexual_assault"
    INADEQUATE_MEDICAL_CARE = "inadequate_medical_care"
    COMMUNICABLE_DISEASE_EXPOSURE = "communicable_disease_exposure"
    SOLITARY_OR_PROTECTIVE_CUSTODY = "solitary_or_protective_custody"
    OTHER = "other"


class Forum(StrEnum):
    """proceedings.outcomes_won[].forum"""

    IMMIGRATION_JUDGE = "immigration_judge"
    BIA = "bia"
    FEDERAL_DISTRICT_COURT = "federal_district_court"
    COURT_OF_APPEALS = "court_of_appeals"
    STATE_COURT = "state_court"
    PAROLE_BOARD = "parole_board"
    OTHER = "other"


class PendingActionKind(StrEnum):
    """proceedings.pending_actions_as_party[].kind"""

    CIVIL_RIGHTS = "civil_rights"
    LABOR_OR_EMPLOYMENT = "labor_or_employment"
    HABEAS = "habeas"
    CONDITIONS_OF_CONFINEMENT = "conditions_of_confinement"
    FAMILY_COURT = "family_court"
    WITNESS_OR_VICTIM_IN_CRIMINAL_CASE = "witness_or_victim_in_criminal_case"
    OTHER = "other"


class ArrestAgency(StrEnum):
    """proceedings.arrest.agency"""

    LOCAL_POLICE = "local_police"
    STATE_POLICE = "state_police"
    FEDERAL_LAW_ENFORCEMENT = "federal_law_enforcement"
    ICE = "ice"
    CBP = "cbp"
    OTHER = "other"


class ReliefType(StrEnum):
    """relief[].type"""

    ASYLUM = "asylum"
    WITHHOLDING = "withholding"
    CAT = "cat"
    U_VISA = "u_visa"
    T_VISA = "t_visa"
    VAWA = "vawa"
    SIJS = "sijs"
    FAMILY_PETITION = "family_petition"
    EMPLOYMENT_PETITION = "employment_petition"
    TPS = "tps"
    DACA = "daca"
    CANCELLATION_OF_REMOVAL = "cancellation_of_removal"
    ADJUSTMENT_OF_STATUS = "adjustment_of_status"
    NATURALIZATION = "naturalization"
    REGISTRY = "registry"
    OTHER = "other"


class ReliefStatus(StrEnum):
    """relief[].status"""

    POTENTIALLY_ELIGIBLE = "potentially_eligible"
    ELIGIBLE = "eligible"
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


class OffenseCategory(StrEnum):
    """criminal_legal_history.convictions[].category and pending_charges[].category"""

    DRUG_POSSESSION = "drug_possession"
    DRUG_SALE = "drug_sale"
    FIREARM = "firearm"
    DUI = "dui"
    VIOLENT = "violent"
    PROPERTY = "property"
    SEX_OFFENSE = "sex_offense"
    IMMIGRATION = "immigration"
    OTHER = "other"


class PostConvictionRelief(StrEnum):
    """criminal_legal_history.convictions[].post_conviction_relief"""

    NONE = "none"
    VACATED = "vacated"
    EXPUNGED = "expunged"
    SEALED = "sealed"
    PARDONED = "pardoned"
    COMMUTED = "commuted"
    RESENTENCED = "resentenced"
    REDUCED = "reduced"


class GangAllegationSource(StrEnum):
    """criminal_legal_history.gang_allegation.source"""

    POLICE_DATABASE = "police_database"
    ICE = "ice"
    COURT_FINDING = "court_finding"
    OTHER = "other"


class Supporter(StrEnum):
    """rehabilitation.supporters[]"""

    PAROLE_OFFICER = "parole_officer"
    COUNSELOR = "counselor"
    EMPLOYER = "employer"
    CLERGY = "clergy"
    TEACHER = "teacher"
    FAMILY = "family"
    COMMUNITY_MEMBER = "community_member"
    OTHER = "other"


class Relationship(StrEnum):
    """family.members[].relationship"""

    CHILD = "child"
    SPOUSE = "spouse"
    DOMESTIC_PARTNER = "domestic_partner"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDCHILD = "grandchild"
    GRANDPARENT = "grandparent"
    OTHER = "other"


class FamilyStatus(StrEnum):
    """family.members[].status"""

    USC = "usc"
    LPR = "lpr"
    OTHER = "other"


class SurvivorOf(StrEnum):
    """humanitarian.survivor_of[]"""

    TRAFFICKING = "trafficking"
    DOMESTIC_VIOLENCE = "domestic_violence"
    SEXUAL_ASSAULT = "sexual_assault"
    OTHER_CRIME = "other_crime"
    TORTURE = "torture"
    PERSECUTION = "persecution"


class VulnerableGroup(StrEnum):
    """humanitarian.vulnerable_groups[]"""

    LGBTQI = "lgbtqi"
    INDIGENOUS = "indigenous"
    UNACCOMPANIED_CHILD = "unaccompanied_child"
    RELIGIOUS_MINORITY = "religious_minority"
    OTHER = "other"
