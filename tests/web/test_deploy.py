"""`manage.py check --deploy` is clean under production settings (served over HTTPS)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_check_deploy_is_clean_under_production_settings(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AMPARO_", "DJANGO_"))
    }
    env.update(
        AMPARO_DATA_DIR=str(tmp_path),
        AMPARO_HTTPS="1",
        AMPARO_ALLOWED_HOSTS="amparo.example.org",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "amparo_web",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_without_https_the_cookies_are_not_marked_secure_but_never_leave_the_site(
    tmp_path: Path,
) -> None:
    # Plain http on 127.0.0.1 (amparo serve's default) must still work: a Secure
    # cookie would never be sent back over http.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AMPARO_", "DJANGO_"))
    }
    env["AMPARO_DATA_DIR"] = str(tmp_path)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='amparo_web.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["False", "False", "True", "Lax"], out.stderr
