from __future__ import annotations

from django.urls import path

from amparo_web.audit import views

app_name = "audit"
urlpatterns = [path("", views.show_log, name="log")]
