from __future__ import annotations

from django.urls import path

from amparo_web.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.list_cases, name="list"),
    path("new/", views.new_case, name="new"),
    path("import/", views.import_case, name="import"),
    path("<int:pk>/", views.show_case, name="detail"),
    path("<int:pk>/edit/", views.edit_case, name="edit"),
    path("<int:pk>/export/", views.export_case, name="export"),
    path("<int:pk>/documents/<str:what>/", views.download_document, name="document"),
    path("<int:pk>/delete/", views.delete_case, name="delete"),
    path("<int:pk>/close/", views.close_case, name="close"),
    path("<int:pk>/reopen/", views.reopen_case, name="reopen"),
]
