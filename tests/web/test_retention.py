"""Deletion is crypto-shredding; closed cases; the retention policy.

(a) A deleted case is gone from the SQLite database file (and its -wal/-journal),
    and its captured ciphertext + wrapped key + the master key still cannot open it:
    its vault secret is destroyed.
(b) A backup taken before the deletion, restored, does not bring it back.
(c) Retention deletes exactly the closed cases past the period.
(d) Who may close and reopen a case.
(e) Cases stored before the key vault are re-wrapped by the migration.

(a) and (b) run the app in a subprocess on a real data directory (a migrated SQLite
file in WAL mode, as ``amparo serve`` makes it), like test_backup.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from tests.web.conftest import STORIES, import_story

AMPARO = str(Path(sys.executable).parent / "amparo")
PASS = "correct horse battery staple"
NAME = "Zephyrine Quillfeather"  # the distinctive pseudonym of the case to shred
STORY = "Quillfeather kept bees on the roof of the community garden"

SCRIPT = r"""
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "amparo_web.settings"
django.setup()
from django.core.management import call_command
from django.db import connection
import amparo
from amparo_web.accounts.models import Membership
from amparo_web.cases import deletion, store
from amparo_web.cases.models import Case
from amparo_web.lib import crypto, keyvault

action = sys.argv[1]
if action == "setup":
    call_command("migrate", verbosity=0)
    from amparo_web import demo
    demo.create_demo()
    member = Membership.objects.get()
    text = sys.stdin.read()
    row = store.new_row(member.organization)
    store.write(row, text, amparo.parse_case(text, "shred.yaml"))
    row.save()
    from amparo_web.intake.models import IntakeDraft
    IntakeDraft.objects.create(case=row, data=store.encrypt_for(row, b"{}", b"draft"))
    out = {
        "pk": row.pk, "reference": row.reference, "key_id": row.key_id.hex,
        "org_key_id": member.organization.key_id.hex,
        "wrapped_key": bytes(row.wrapped_key).hex(), "document": bytes(row.document).hex(),
        "pseudonym": bytes(row.pseudonym).hex(),
        "secret": keyvault.get(crypto.vault(), row.key_id).hex(),
        "read": store.read_pseudonym(row),
    }
    print(json.dumps(out))
elif action == "delete":
    member = Membership.objects.get()
    row = Case.objects.select_related("organization").get(pk=int(sys.argv[2]))
    deletion.delete_case(row, member)
    print(json.dumps({"left": Case.objects.count()}), flush=True)
    sys.stdin.readline()  # still running, connection open, as a server would be
"""


def _env(data: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AMPARO_", "DJANGO_"))
    }
    env["AMPARO_DATA_DIR"] = str(data)
    env["AMPARO_CACHE_DIR"] = str(data / "cache")
    env["AMPARO_BACKUP_PASSPHRASE"] = PASS
    return env


def _app(data: Path, *args: str, stdin: str = "") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        input=stdin,
        env=_env(data),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _amparo(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AMPARO, *args], env=_env(data), capture_output=True, text=True, timeout=180
    )


def _distinctive_story() -> str:
    text = (STORIES / "edgar.yaml").read_text(encoding="utf-8")
    text = text.replace("id: STORY-EDGAR", "id: SHRED-ME-1")
    text = text.replace("pseudonym: Edgar", f"pseudonym: {NAME}")
    return text.replace("narrative: >-\n", f"narrative: >-\n  {STORY}.\n", 1)


def _files(data: Path, name: str) -> bytes:
    """A database file and whatever journal or write-ahead log it has beside it."""
    found = b""
    for suffix in ("", "-wal", "-journal", "-shm"):
        path = data / f"{name}{suffix}"
        if path.exists():
            found += path.read_bytes()
    return found


def _pieces(blob: bytes, size: int = 32) -> list[bytes]:
    """The blob cut in pieces: a long blob is split over several pages in the file."""
    return [blob[i : i + size] for i in range(0, len(blob) - size + 1, size)]


@pytest.fixture
def shredded_case(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A data directory with a distinctive case, a backup holding it, then its deletion."""
    data = tmp_path / "data"
    before = _app(data, "setup", stdin=_distinctive_story())
    assert before["read"] == NAME  # the case was really readable
    raw = _files(data, "amparo.sqlite3")
    for blob in ("document", "wrapped_key", "pseudonym"):
        pieces = _pieces(bytes.fromhex(str(before[blob])))
        # Sanity: before the deletion, the captured bytes are in the files.
        assert sum(p in raw for p in pieces) >= len(pieces) - 2, blob
    assert bytes.fromhex(str(before["secret"])) in _files(data, "amparo.vault")
    backup = tmp_path / "before.backup"
    made = _amparo(data, "backup", str(backup))
    assert made.returncode == 0, made.stderr
    # The deletion, in a process that stays up with its connection open (as the
    # server does), so what the files hold is checked before any closing checkpoint.
    with subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "delete", str(before["pk"])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(data),
        text=True,
    ) as app:
        assert app.stdout is not None
        assert app.stdin is not None
        line = app.stdout.readline()
        if not line:
            app.kill()
            pytest.fail(app.stderr.read() if app.stderr else "the app died")
        assert json.loads(line)["left"] == 12  # the demo's stories remain
        live = _files(data, "amparo.sqlite3"), _files(data, "amparo.vault")
        app.stdin.write("\n")
        app.stdin.flush()
        assert app.wait(timeout=60) == 0
    return data, before, backup, live


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="runs the app on a SQLite data directory"
)


@sqlite_only
def test_a_deleted_case_is_not_in_the_database_file_and_cannot_be_decrypted(
    shredded_case, settings
) -> None:
    import uuid

    from cryptography.exceptions import InvalidTag

    from amparo_web.lib import crypto, keyvault

    data, before, _backup, live = shredded_case
    # While the app still runs (its WAL not closed), and after it has stopped.
    for raw, vault in (
        live,
        (_files(data, "amparo.sqlite3"), _files(data, "amparo.vault")),
    ):
        assert b"STORY-OMAR" in raw  # the files are the real database
        for blob in ("document", "wrapped_key", "pseudonym"):
            for piece in _pieces(bytes.fromhex(str(before[blob]))):
                assert piece not in raw, (
                    f"a piece of the deleted case's {blob} is in the file"
                )
        assert bytes.fromhex(str(before["secret"])) not in vault
        assert len(vault) > 0  # the other cases' secrets are still there
    assert _only_in_audit(data)

    # The captured wrapped key and ciphertext, and the master key: still nothing.
    settings.AMPARO_DATA_DIR = data
    crypto.clear_caches()
    org = uuid.UUID(str(before["org_key_id"]))
    key_id = uuid.UUID(str(before["key_id"]))
    wrapped = bytes.fromhex(str(before["wrapped_key"]))
    with pytest.raises(keyvault.Shredded):
        crypto.unwrap_case(org, key_id, wrapped)
    for purpose in (b"case data key", crypto.CASE_KEY + key_id.bytes):
        with pytest.raises(InvalidTag):  # the organization key alone does not unwrap it
            crypto.decrypt(crypto.organization_key(org), wrapped, purpose)


def _only_in_audit(data: Path) -> bool:
    """The reference stays in the audit log (the fact of the deletion), nowhere else."""
    with sqlite3.connect(data / "amparo.sqlite3") as db:
        audited = db.execute(
            "SELECT count(*) FROM audit_auditentry WHERE case_reference = 'SHRED-ME-1'"
        ).fetchone()[0]
        rows = db.execute(
            "SELECT count(*) FROM cases_case WHERE reference = 'SHRED-ME-1'"
        ).fetchone()[0]
    return audited >= 1 and rows == 0


@sqlite_only
def test_a_backup_from_before_the_deletion_cannot_bring_the_case_back(
    shredded_case, settings
) -> None:
    import uuid

    from amparo_web.lib import backup, crypto, keyvault

    data, before, backup_file, _live = shredded_case
    # What the backup holds: the case, with its wrapped key…
    _manifest, old = backup.read_backup(backup_file, PASS)
    copy = data.parent / "inside.sqlite3"
    copy.write_bytes(old)
    with sqlite3.connect(copy) as db:
        found = db.execute(
            "SELECT key_id, wrapped_key FROM cases_case WHERE reference = 'SHRED-ME-1'"
        ).fetchone()
    assert found is not None
    assert bytes(found[1]).hex() == before["wrapped_key"]
    # …which nothing can unwrap any more.
    settings.AMPARO_DATA_DIR = data
    crypto.clear_caches()
    with pytest.raises(keyvault.Shredded):
        crypto.unwrap_case(
            uuid.UUID(str(before["org_key_id"])), uuid.UUID(found[0]), bytes(found[1])
        )
    # Restoring it leaves the case out, says so, and keeps every other case.
    restored = _amparo(data, "restore", str(backup_file), "--force")
    assert restored.returncode == 0, restored.stderr
    assert "Left out 1 case(s)" in restored.stdout
    assert "SHRED-ME-1" in restored.stdout
    assert NAME not in restored.stdout
    with sqlite3.connect(data / "amparo.sqlite3") as db:
        refs = {r[0] for r in db.execute("SELECT reference FROM cases_case")}
        drafts = db.execute(
            "SELECT count(*) FROM intake_intakedraft WHERE case_id = ?", (before["pk"],)
        ).fetchone()[0]
        dangling = db.execute("PRAGMA foreign_key_check").fetchall()
    assert "SHRED-ME-1" not in refs
    assert len(refs) == 12
    assert drafts == 0  # its intake draft went with it
    assert dangling == []


def test_restore_refuses_without_the_key_vault(tmp_path: Path) -> None:
    from amparo_web.lib import backup

    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute(
            "CREATE TABLE cases_case (id integer primary key, reference text, key_id text)"
        )
        db.execute("INSERT INTO cases_case VALUES (1, 'R-1', 'ab')")
    out = tmp_path / "b.backup"
    backup.write_backup(database, out, PASS)
    target = tmp_path / "restored" / "db.sqlite3"
    with pytest.raises(backup.BackupError, match="no key vault"):
        backup.restore_backup(out, target, PASS, vault=tmp_path / "none.vault")
    assert not target.exists()


def test_restore_refuses_a_backup_from_before_the_vault(tmp_path: Path) -> None:
    """Its cases are wrapped under the organization key alone: restoring it would bring
    back, readable, every case deleted since the vault exists."""
    from amparo_web.lib import backup, keyvault

    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE cases_case (id integer primary key, reference text)")
        db.execute("INSERT INTO cases_case VALUES (1, 'R-1')")
    out = tmp_path / "old.backup"
    backup.write_backup(database, out, PASS)
    vault = tmp_path / "amparo.vault"
    keyvault.create(vault)
    target = tmp_path / "restored" / "db.sqlite3"
    with pytest.raises(backup.BackupError, match="predates the key vault"):
        backup.restore_backup(out, target, PASS, vault=vault)
    assert not target.exists()


# --- The delete view destroys the vault secret -------------------------------------


def test_the_delete_view_destroys_the_vault_secret(admin_client, edgar) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases import store
    from amparo_web.cases.models import Case
    from amparo_web.lib import crypto, keyvault

    assert store.read_pseudonym(edgar) == "Edgar"
    response = admin_client.post(f"/cases/{edgar.pk}/delete/")
    assert response.status_code == 302
    assert not Case.objects.filter(pk=edgar.pk).exists()
    with pytest.raises(keyvault.Shredded):
        keyvault.get(crypto.vault(), edgar.key_id)
    with pytest.raises(keyvault.Shredded):
        store.read_pseudonym(edgar)  # the row object still in hand: no key
    entry = AuditEntry.objects.get(action="case.deleted", case_id=edgar.pk)
    assert entry.case_reference == "STORY-EDGAR"


# --- (c) Retention -----------------------------------------------------------------


def _closed(org, name: str, days_ago: int | None):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    row = import_story(org, name)
    if days_ago is not None:
        row.closed_on = timezone.localdate() - dt.timedelta(days=days_ago)
        row.save(update_fields=["closed_on"])
    return row


@pytest.fixture
def retention_cases(organization, other_organization):  # type: ignore[no-untyped-def]
    organization.retention_days = 30
    organization.save()
    return {
        "long closed": _closed(organization, "edgar", 400),
        "just past": _closed(organization, "maria", 30),
        "recent": _closed(organization, "omar", 29),
        "open": _closed(organization, "carlos", None),
        "other org": _closed(other_organization, "edgar", 400),  # keeps forever
    }


def _retention(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_retention_deletes_exactly_the_closed_cases_past_the_period(
    retention_cases,
) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases.models import Case
    from amparo_web.lib import crypto, keyvault

    printed = _retention()
    gone = [retention_cases["long closed"], retention_cases["just past"]]
    kept = [retention_cases[k] for k in ("recent", "open", "other org")]
    assert {c.pk for c in Case.objects.all()} == {c.pk for c in kept}
    for row in gone:
        with pytest.raises(keyvault.Shredded):
            keyvault.get(crypto.vault(), row.key_id)
        entry = AuditEntry.objects.get(action="case.deleted", case_id=row.pk)
        assert entry.actor is None
        assert entry.detail["by"] == "retention policy"
        assert entry.detail["retention_days"] == 30
    for row in kept:
        keyvault.get(crypto.vault(), row.key_id)  # still there
    assert "deleted 2 closed case(s) past 30 days" in printed
    assert "STORY-EDGAR" in printed
    assert "STORY-MARIA" in printed
    assert "STORY-OMAR" not in printed
    for name in ("Edgar", "María", "Maria", "Omar"):  # references, never names
        assert f" {name}" not in printed
    assert "Another office" not in printed  # no retention period: not even listed
    assert "deleted 0" in _retention()  # nothing left to do


def test_a_case_reopened_meanwhile_is_not_deleted(retention_cases, monkeypatch) -> None:
    from amparo_web.cases import deletion
    from amparo_web.cases.models import Case

    found = deletion.expired(retention_cases["long closed"].organization)
    assert len(found) == 2
    Case.objects.filter(pk=found[0].pk).update(closed_on=None)  # reopened since
    monkeypatch.setattr(deletion, "expired", lambda org, today=None: found)
    printed = _retention()
    assert Case.objects.filter(pk=found[0].pk).exists()
    assert not Case.objects.filter(pk=found[1].pk).exists()
    assert "deleted 1 closed case(s)" in printed


def test_retention_dry_run_deletes_nothing(retention_cases) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases.models import Case
    from amparo_web.lib import crypto, keyvault

    printed = _retention("--dry-run")
    assert Case.objects.count() == 5
    for row in retention_cases.values():
        keyvault.get(crypto.vault(), row.key_id)
    assert not AuditEntry.objects.filter(action="case.deleted").exists()
    assert "would delete 2 closed case(s)" in printed
    assert "nothing was deleted" in printed


def test_without_a_period_nothing_is_deleted(organization) -> None:
    from amparo_web.cases.models import Case

    _closed(organization, "edgar", 5000)
    assert organization.retention_days is None
    _retention()
    assert Case.objects.count() == 1


def test_retention_for_one_organization(retention_cases, other_organization) -> None:
    from amparo_web.cases.models import Case

    other_organization.retention_days = 1
    other_organization.save()
    _retention("--org", "Another office")
    assert not Case.objects.filter(organization=other_organization).exists()
    assert Case.objects.count() == 4  # the first organization's untouched
    with pytest.raises(SystemExit):
        _retention("--org", "No such office")


# --- (d) Closing and reopening; the retention setting --------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin", True),
        ("attorney", True),
        ("paralegal", True),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_close_and_reopen_a_case(
    client, personas, edgar, persona: str, allowed: bool
) -> None:
    from django.utils import timezone

    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases.models import Case

    client.force_login(personas[persona])
    closed = client.post(f"/cases/{edgar.pk}/close/")
    row = Case.objects.get(pk=edgar.pk)
    if not allowed:
        assert closed.status_code == (404 if persona == "outsider" else 403)
        assert row.closed_on is None
        assert not AuditEntry.objects.filter(action="case.closed").exists()
        return
    assert closed.status_code == 302
    assert row.closed_on == timezone.localdate()
    entry = AuditEntry.objects.get(action="case.closed", case_id=edgar.pk)
    assert entry.actor == personas[persona]
    page = client.get(f"/cases/{edgar.pk}/").content.decode()
    assert "Reopen the case" in page
    reopened = client.post(f"/cases/{edgar.pk}/reopen/")
    assert reopened.status_code == 302
    assert Case.objects.get(pk=edgar.pk).closed_on is None
    assert AuditEntry.objects.filter(action="case.reopened", case_id=edgar.pk).exists()
    assert "Close the case" in client.get(f"/cases/{edgar.pk}/").content.decode()


def test_a_viewer_sees_no_close_button(client, personas, edgar) -> None:
    client.force_login(personas["viewer"])
    page = client.get(f"/cases/{edgar.pk}/").content.decode()
    assert "Close the case" not in page


def test_only_an_admin_sets_the_retention_period(
    client, personas, organization
) -> None:
    from amparo_web.accounts.models import Organization
    from amparo_web.audit.models import AuditEntry

    for persona in ("attorney", "paralegal", "viewer"):
        client.force_login(personas[persona])
        assert (
            client.post("/accounts/organization/", {"retention_days": "5"}).status_code
            == 403
        )
    assert Organization.objects.get(pk=organization.pk).retention_days is None
    client.force_login(personas["admin"])
    assert (
        client.post("/accounts/organization/", {"retention_days": "0"}).status_code
        == 200
    )
    assert (
        client.post("/accounts/organization/", {"retention_days": "90"}).status_code
        == 302
    )
    assert Organization.objects.get(pk=organization.pk).retention_days == 90
    entry = AuditEntry.objects.get(action="organization.retention_changed")
    assert entry.detail == {"before": None, "after": 90}
    client.post("/accounts/organization/", {"retention_days": ""})
    assert Organization.objects.get(pk=organization.pk).retention_days is None
    outsider_org = personas["outsider"].membership.organization
    assert Organization.objects.get(pk=outsider_org.pk).retention_days is None


# --- (e) The migration re-wraps the cases stored before the key vault -----------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_wraps_old_cases_under_the_vault(organization) -> None:
    from django.db.migrations.executor import MigrationExecutor

    import amparo
    from amparo_web.cases import store
    from amparo_web.cases.models import Case
    from amparo_web.lib import crypto, keyvault

    before_vault = [("cases", "0002_list_indexes")]
    executor = MigrationExecutor(connection)
    executor.migrate(before_vault)
    old_apps = executor.loader.project_state(before_vault).apps
    OldCase = old_apps.get_model("cases", "Case")
    text = (STORIES / "omar.yaml").read_text(encoding="utf-8")
    case = amparo.parse_case(text, "omar.yaml")
    data_key = crypto.new_data_key()
    old = OldCase.objects.create(
        organization_id=organization.pk,
        reference=case.id,
        wrapped_key=crypto.encrypt(
            crypto.organization_key(organization.key_id), data_key, b"case data key"
        ),
        document=crypto.encrypt(data_key, text.encode(), store.DOCUMENT),
        pseudonym=crypto.encrypt(data_key, b"Omar", store.PSEUDONYM),
    )
    old_wrapped = bytes(old.wrapped_key)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    row = Case.objects.select_related("organization").get(pk=old.pk)
    assert row.key_id is not None
    assert bytes(row.wrapped_key) != old_wrapped
    assert store.read_text(row) == text  # same data key, new wrapping
    assert store.read_pseudonym(row) == "Omar"
    assert store.data_key(row) == data_key
    # Now its deletion shreds it: the vault secret is what opens it.
    crypto.shred(row.key_id)
    with pytest.raises(keyvault.Shredded):
        store.read_text(row)
