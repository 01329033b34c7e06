"""Labels the catalogue does not give: sections, the fields of a row, some values.

The fields themselves come from the case model (see ``steps.row_fields``); only
their words are here, so that they can be translated. A field or value missing here
is shown by its own name with spaces (``sentence_months`` -> "sentence months"),
and a test says which are missing.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SECTION_LABELS = {
    "person": _("The person"),
    "presence": _("Presence in the U.S."),
    "custody": _("Custody"),
    "proceedings": _("Proceedings"),
    "relief": _("Relief"),
    "criminal_legal_history": _("Criminal legal history"),
    "rehabilitation": _("Rehabilitation"),
    "family": _("Family"),
    "community": _("Community"),
    "humanitarian": _("Humanitarian"),
    "security": _("Security"),
}

# The field of a row: "Model.field" for a label particular to one list, else "field".
FIELD_LABELS: dict[str, Promise] = {
    "date": _("Date"),
    "summary": _("Summary"),
    "forum": _("Court or body"),
    "category": _("Category"),
    "offense": _("Offense"),
    "jurisdiction": _("Jurisdiction"),
    "in_absentia": _("Issued in absentia"),
    "executed": _("Executed (the person was removed)"),
    "kind": _("Kind of action"),
    "type": _("Type of relief"),
    "status": _("Status"),
    "ReliefItem.status": _("Status of the relief"),
    "FamilyMember.status": _("Immigration status"),
    "aggravated_felony": _("Aggravated felony as DHS charges it"),
    "gang_element": _("Gang participation an element of the offense"),
    "sentence_months": _("Sentence imposed (months; 0 for none)"),
    "age_at_offense": _("Age at the offense"),
    "age_at_conviction": _("Age at the conviction"),
    "post_conviction_relief": _("Post-conviction relief"),
    "relationship": _("Relationship"),
    "age": _("Age"),
    "birth_date": _("Date of birth"),
    "in_us": _("Lives in the U.S."),
    "depends_on_person": _("Depends on the person"),
}

# Values of a closed set the catalogue has no labels for (it labels those its facts
# expand over); the catalogue's own labels come first.
VALUE_LABELS: dict[str, Promise] = {
    # proceedings.outcomes_won[].forum
    "immigration_judge": _("an immigration judge"),
    "bia": _("the Board of Immigration Appeals"),
    "federal_district_court": _("a federal district court"),
    "court_of_appeals": _("a federal court of appeals"),
    "state_court": _("a state court"),
    "parole_board": _("a parole board"),
    # relief[].status
    "potentially_eligible": _("potentially eligible"),
    "eligible": _("eligible"),
    "pending": _("applied for, pending"),
    "approved": _("approved"),
    "denied": _("denied"),
    # criminal_legal_history.convictions[].post_conviction_relief
    "none": _("none"),
    "vacated": _("vacated"),
    "expunged": _("expunged"),
    "sealed": _("sealed"),
    "pardoned": _("pardoned"),
    "commuted": _("commuted"),
    "resentenced": _("resentenced"),
    "reduced": _("reduced"),
    # family.members[].status (and presence.current_status)
    "usc": _("U.S. citizen"),
    "lpr": _("lawful permanent resident"),
    "other": _("other"),
    # presence.manner_of_last_entry
    "inspected": _("inspected and admitted"),
    "without_inspection": _("without inspection"),
    "parole": _("paroled"),
    "refugee_admission": _("admitted as a refugee"),
    # presence.current_status
    "usc_claim": _("claims U.S. citizenship"),
    "conditional_resident": _("conditional resident"),
    "refugee": _("refugee"),
    "asylee": _("asylee"),
    "tps": _("TPS"),
    "daca": _("DACA"),
    "parolee": _("parolee"),
    "visa_holder": _("visa holder"),
    "overstay": _("overstayed a visa"),
    "undocumented": _("undocumented"),
    # proceedings.arrest.agency
    "local_police": _("local police"),
    "state_police": _("state police"),
    "federal_law_enforcement": _("federal law enforcement"),
    "ice": _("ICE"),
    "cbp": _("CBP"),
    # criminal_legal_history.gang_allegation.source
    "police_database": _("a police database"),
    "court_finding": _("a court's finding"),
    # rehabilitation.supporters[]
    "parole_officer": _("a parole officer"),
    "counselor": _("a counselor"),
    "employer": _("an employer"),
    "clergy": _("clergy"),
    "teacher": _("a teacher"),
    "family": _("family"),
    "community_member": _("a community member"),
}


def field_label(model: str, path: str) -> str:
    label = FIELD_LABELS.get(f"{model}.{path}") or FIELD_LABELS.get(path)
    if label is not None:
        return str(label)
    return path.replace(".", ": ").replace("_", " ").capitalize()
