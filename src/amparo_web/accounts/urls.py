from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from amparo_web.accounts import login, members, organization, password, two_factor

app_name = "accounts"
urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", password.change_password, name="password"),
    path("two-factor/", two_factor.manage, name="two_factor"),
    path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path("members/", members.list_members, name="members"),
    path("members/new/", members.new_member, name="member_new"),
    path("members/role/", members.change_role, name="member_role"),
    path("members/deactivate/", members.deactivate, name="member_deactivate"),
    path("members/activate/", members.activate, name="member_activate"),
    path("members/password/", members.reset_password, name="member_password"),
    path("members/two-factor/", members.reset_two_factor, name="member_two_factor"),
    path("organization/", organization.settings, name="organization"),
]
