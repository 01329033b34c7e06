from __future__ import annotations

from django.urls import path

from amparo_web.requests_app import views

app_name = "pdrequests"
urlpatterns = [
    path("cases/<int:pk>/requests/", views.list_requests, name="list"),
    path("cases/<int:pk>/requests/new/", views.new_request, name="new"),
    path("cases/<int:pk>/requests/state/", views.change_state, name="change"),
    path("cases/<int:pk>/requests/files/", views.attach_file, name="attach"),
    path(
        "cases/<int:pk>/requests/follow-up-letter/",
        views.follow_up_letter,
        name="follow_up_letter",
    ),
    path("requests/overdue/", views.list_overdue, name="overdue"),
    path("requests/offices/", views.list_offices, name="offices"),
    path("requests/offices/edit/", views.save_office, name="save_office"),
    path("requests/digest-mail/", views.edit_digest_mail, name="digest_mail"),
]
