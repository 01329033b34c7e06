"""Case documents and narratives are stored encrypted, each case under its own key."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
import yaml
from django.db import connection
from tests.web.conftest import STORIES, import_story

# Stored in clear on purpose, for the list's search and filters (see cases/models.py).
INDEXED = {"id"}


def secrets_of(name: str) -> set[str]:
    """Every string of a story's document that a reader of the database must not find."""
    data = yaml.safe_load((STORIES / f"{name}.yaml").read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key not in INDEXED and len(node) >= 5:
            found.add(node)

    walk(data)
    # The narrative, and each of its sentences.
    found.update(s.strip() for s in data["narrative"].split(".") if len(s.strip()) > 20)
    return found


@pytest.fixture
def stories(organization):  # type: ignore[no-untyped-def]
    return [import_story(organization, n) for n in ("edgar", "maria", "omar")]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads the SQLite database file"
)
@pytest.mark.django_db(
    transaction=True
)  # a backup waits for open write transactions to end
def test_the_database_file_holds_no_plaintext_of_a_case(
    stories, tmp_path: Path
) -> None:
    connection.ensure_connection()
    path = tmp_path / "copy.sqlite3"
    with sqlite3.connect(path) as copy:
        connection.connection.backup(
            copy
        )  # the test database is in memory: copy its pages
    raw = path.read_bytes()
    assert b"STORY-EDGAR" in raw  # the copy is the real database
    for name in ("edgar", "maria", "omar"):
        for secret in secrets_of(name):
            assert secret.encode() not in raw, (
                f"{name}: {secret!r} is in the database file"
            )
    assert b"Edgar" not in raw


def test_no_column_of_any_table_holds_plaintext_of_a_case(stories) -> None:
    values: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                values.extend(
                    bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode()
                    for v in row
                )
    blob = b"\n".join(values)
    for secret in secrets_of("edgar") | secrets_of("omar"):
        assert secret.encode() not in blob


def test_each_case_has_its_own_data_key(stories) -> None:
    from amparo_web.cases import store

    keys = {store.data_key(row) for row in stories}
    wrapped = {bytes(row.wrapped_key) for row in stories}
    assert len(keys) == len(wrapped) == 3
    assert all(len(k) == 32 for k in keys)  # AES-256


def test_the_key_file_is_created_private(stories, data_dir: Path) -> None:
    mode = stat.S_IMODE((data_dir / "amparo.key").stat().st_mode)
    assert mode == 0o600


def test_a_tampered_document_is_refused(stories) -> None:
    from cryptography.exceptions import InvalidTag

    from amparo_web.cases import store

    row = stories[0]
    blob = bytearray(bytes(row.document))
    blob[-1] ^= 1
    row.document = bytes(blob)
    with pytest.raises(InvalidTag):
        store.read_text(row)


def test_another_organizations_key_cannot_open_a_case(
    stories, other_organization
) -> None:
    from cryptography.exceptions import InvalidTag

    from amparo_web.lib import crypto

    row = stories[0]
    with pytest.raises(InvalidTag):
        crypto.unwrap_case(
            other_organization.key_id, row.key_id, bytes(row.wrapped_key)
        )


def test_the_master_key_alone_cannot_open_a_case(stories) -> None:
    """The wrapping needs the case's vault secret too: not the organization key alone,
    not another case's secret."""
    from cryptography.exceptions import InvalidTag

    from amparo_web.lib import crypto, keyvault

    row, other = stories[0], stories[1]
    org = row.organization.key_id
    for purpose in (b"case data key", crypto.CASE_KEY + row.key_id.bytes):
        with pytest.raises(InvalidTag):
            crypto.decrypt(
                crypto.organization_key(org), bytes(row.wrapped_key), purpose
            )
    stolen = keyvault.get(crypto.vault(), other.key_id)
    with pytest.raises(InvalidTag):
        crypto.decrypt(
            crypto.case_wrapping_key(org, row.key_id, stolen),
            bytes(row.wrapped_key),
            crypto.CASE_KEY + row.key_id.bytes,
        )


def test_the_key_vault_is_created_private_and_apart(stories, data_dir: Path) -> None:
    vault = data_dir / "amparo.vault"
    assert stat.S_IMODE(vault.stat().st_mode) == 0o600
    with sqlite3.connect(vault) as db:
        ids = {bytes(r[0]) for r in db.execute("SELECT id FROM case_secret")}
    assert {row.key_id.bytes for row in stories} <= ids
    with connection.cursor() as cursor:  # the app's database has no vault table
        assert "case_secret" not in connection.introspection.table_names(cursor)


def test_the_master_key_can_come_from_the_environment(monkeypatch, stories) -> None:
    import base64

    from amparo_web.lib import crypto

    monkeypatch.setenv("AMPARO_MASTER_KEY", base64.b64encode(b"k" * 32).decode())
    assert crypto.master_key() == b"k" * 32


def test_cases_made_in_a_batch_open_like_any_other(organization) -> None:
    """store.new_rows: one vault write for many cases (imports, the demo, benches)."""
    from tests.web.helpers import doc

    import amparo
    from amparo_web.cases import store
    from amparo_web.cases.models import Case

    rows = store.new_rows(organization, 3)
    assert len({row.key_id for row in rows}) == 3
    for i, row in enumerate(rows):
        text = doc(f"T-B{i}", f"Fictional Batch {i}")
        store.write(row, text, amparo.parse_case(text, "t.yaml"))
    Case.objects.bulk_create(rows)
    saved = list(Case.objects.filter(reference__startswith="T-B").order_by("reference"))
    assert [store.read_pseudonym(r) for r in saved] == [
        f"Fictional Batch {i}" for i in range(3)
    ]
    assert store.read_pseudonyms(saved) == [store.read_pseudonym(r) for r in saved]


def test_a_page_of_pseudonyms_refuses_a_shredded_case(organization) -> None:
    from tests.web.helpers import add_case, doc

    from amparo_web.cases import store
    from amparo_web.lib import keyvault

    rows = [add_case(organization, doc(f"T-S{i}", f"Fictional {i}")) for i in range(2)]
    store.shred(rows[1])
    with pytest.raises(keyvault.Shredded):
        store.read_pseudonyms(rows)
