from __future__ import annotations

from django.urls import path

from amparo_web.intake import views

app_name = "intake"
urlpatterns = [
    path("<int:pk>/intake/", views.start_intake, name="start"),
    path("<int:pk>/intake/review/", views.review_intake, name="review"),
    path("<int:pk>/intake/discard/", views.discard_intake, name="discard"),
    path("<int:pk>/intake/<slug:section>/", views.intake_step, name="step"),
]
