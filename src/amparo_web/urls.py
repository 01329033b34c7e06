from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", RedirectView.as_view(pattern_name="cases:list"), name="home"),
    path("accounts/", include("amparo_web.accounts.urls")),
    path("cases/", include("amparo_web.cases.urls")),
    path("cases/", include("amparo_web.intake.urls")),
    path("audit/", include("amparo_web.audit.urls")),
    path("", include("amparo_web.requests_app.urls")),
    path("reports/", include("amparo_web.reports.urls")),
]
__all__ = ["i18n_patterns", "urlpatterns"]
