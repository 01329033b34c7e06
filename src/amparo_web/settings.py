"""Settings, read from environment variables. All state lives under ``AMPARO_DATA_DIR``."""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from amparo_web.lib.database import database_settings
from amparo_web.lib.datadir import data_dir, secret_file

BASE_DIR = Path(__file__).resolve().parent
AMPARO_DATA_DIR = data_dir()

SECRET_KEY = (
    os.getenv("AMPARO_SECRET_KEY")
    or secret_file(AMPARO_DATA_DIR / "secret_key", 50).hex()
)
DEBUG = os.getenv("AMPARO_DEBUG") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.getenv("AMPARO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "amparo_web.accounts",
    "amparo_web.audit",
    "amparo_web.cases",
    "amparo_web.intake",
    "amparo_web.requests_app",
    "amparo_web.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "amparo_web.lib.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "amparo_web.accounts.access.MembershipMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "amparo_web.accounts.sessions.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "amparo_web.accounts.two_factor.TwoFactorMiddleware",
    "amparo_web.accounts.password.OneTimePasswordMiddleware",
]

ROOT_URLCONF = "amparo_web.urls"
WSGI_APPLICATION = "amparo_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amparo_web.accounts.context.membership",
            ],
        },
    }
]

# Django's form renderer with the widgets the app's forms use written out in Python
# (the same HTML): each field of the intake is one function call, not 2-4 templates.
FORM_RENDERER = "amparo_web.lib.formrender.FastWidgetRenderer"

DATABASES = {
    "default": database_settings(os.getenv("AMPARO_DATABASE_URL"), AMPARO_DATA_DIR)
}
# Keep each server thread's connection between requests (SQLite: no reconnect and
# PRAGMAs per request), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.getenv("AMPARO_DB_CONN_MAX_AGE", "600"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_HTTPONLY = True
# Sessions end when the browser closes, after AMPARO_SESSION_IDLE_MINUTES without a
# request, and SESSION_COOKIE_AGE after sign-in however busy (accounts/sessions.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.getenv("AMPARO_SESSION_MAX_HOURS", "12")) * 3600
AMPARO_SESSION_IDLE_MINUTES = int(os.getenv("AMPARO_SESSION_IDLE_MINUTES", "30"))
# Two-factor sign-in (TOTP) for admins and attorneys; 0 only for tests and demos.
AMPARO_REQUIRE_2FA = os.getenv("AMPARO_REQUIRE_2FA", "1") != "0"
OTP_TOTP_ISSUER = "Amparo"
# Sign-in rate limit (accounts/throttle.py).
AMPARO_LOGIN_MAX_FAILURES = 5
AMPARO_LOGIN_MAX_FAILURES_PER_IP = 20
AMPARO_LOGIN_WINDOW_MINUTES = 15
AMPARO_LOGIN_LOCK_MINUTES = 15
SESSION_COOKIE_SAMESITE = "Lax"
# AMPARO_HTTPS=1: the app is served over HTTPS (production, behind a TLS proxy
# that sets X-Forwarded-Proto). Plain http stays for 127.0.0.1, where a Secure
# cookie would never come back.
HTTPS = os.getenv("AMPARO_HTTPS") == "1"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served by whitenoise straight from the package (finders), so `amparo serve` needs no
# collectstatic step; set AMPARO_STATIC_ROOT to serve collected files instead.
STATIC_ROOT = os.getenv("AMPARO_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
