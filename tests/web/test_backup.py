"""`amparo backup` and `amparo restore`: encrypted, consistent, checked, round-tripped.

Runs the commands as a person would, on a data directory of its own (a migrated
SQLite database with a demo organization and the letter's stories)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

AMPARO = str(Path(sys.executable).parent / "amparo")
PASS = "correct horse battery staple"


def run(
    *args: str, data: Path, passphrase: str | None = PASS
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AMPARO_", "DJANGO_"))
    }
    env["AMPARO_DATA_DIR"] = str(data)
    env["AMPARO_CACHE_DIR"] = str(data / "cache")
    if passphrase is not None:
        env["AMPARO_BACKUP_PASSPHRASE"] = passphrase
    return subprocess.run(
        [AMPARO, *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='amparo_web.settings';"
        "django.setup(); from django.core.management import call_command;"
        "call_command('migrate', verbosity=0); from amparo_web import demo; demo.create_demo()"
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AMPARO_", "DJANGO_"))
    }
    env["AMPARO_DATA_DIR"] = str(folder)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    return folder


def _rows(database: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT reference, document FROM cases_case ORDER BY reference"
        ).fetchall()


def test_a_backup_restores_the_same_cases(data: Path, tmp_path: Path) -> None:
    database = data / "amparo.sqlite3"
    before = _rows(database)
    assert len(before) == 12
    out = tmp_path / "office.backup"
    made = run("backup", str(out), data=data)
    assert made.returncode == 0, made.stderr
    assert "Wrote" in made.stdout
    assert (out.stat().st_mode & 0o777) == 0o600
    blob = out.read_bytes()
    assert b"SQLite format 3" not in blob  # encrypted, not just copied
    assert b"STORY-" not in blob
    refused = run("restore", str(out), data=data)
    assert refused.returncode == 1
    assert (
        "--force" in refused.stderr
    )  # an existing database is never replaced silently
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM cases_case WHERE reference = 'STORY-OMAR'")
    assert len(_rows(database)) == 11
    restored = run("restore", str(out), "--force", data=data)
    assert restored.returncode == 0, restored.stderr
    assert _rows(database) == before


def test_a_wrong_passphrase_or_a_changed_file_restores_nothing(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "office.backup"
    assert run("backup", str(out), data=data).returncode == 0
    target = tmp_path / "elsewhere"
    wrong = run("restore", str(out), data=target, passphrase="not the passphrase")
    assert wrong.returncode == 1
    assert "wrong passphrase" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    blob = bytearray(out.read_bytes())
    blob[-5] ^= 0xFF
    out.write_bytes(bytes(blob))
    changed = run("restore", str(out), data=target)
    assert changed.returncode == 1
    assert not (target / "amparo.sqlite3").exists()


def test_a_short_passphrase_is_refused(data: Path, tmp_path: Path) -> None:
    made = run("backup", str(tmp_path / "b"), data=data, passphrase="short")
    assert made.returncode == 1
    assert "12 characters" in made.stderr
    assert not (tmp_path / "b").exists()
