from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from amparo_web.accounts import members, password

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", password.change_password, name="password"),
    path("members/", members.list_members, name="members"),
    path("members/new/", members.new_member, name="member_new"),
    path("members/role/", members.change_role, name="member_role"),
    path("members/deactivate/", members.deactivate, name="member_deactivate"),
    path("members/activate/", members.activate, name="member_activate"),
    path("members/password/", members.reset_password, name="member_password"),
]
