from __future__ import annotations

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
