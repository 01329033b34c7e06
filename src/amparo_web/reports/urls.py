from __future__ import annotations

from django.urls import path

from amparo_web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="index"),
    path("chart.svg", views.chart, name="chart"),
    path("export.csv", views.export_csv, name="export"),
]
