from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "amparo_web.requests_app"
    label = "pdrequests"  # not "requests": that is the HTTP library's name
    verbose_name = _("PD requests")
