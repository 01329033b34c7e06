"""Envelope encryption: each case has its own data key, wrapped under a key only the
live deployment can rebuild.

The organization key is derived (HKDF-SHA256) from a master key kept outside the
database: ``AMPARO_MASTER_KEY`` (base64 of 32 bytes) or the file ``amparo.key`` in the
data directory, created with 0600 permissions on first use. A case's data key is
wrapped under a key derived from its organization key AND a random secret of that
case alone, kept in the key vault (``amparo_web.lib.keyvault``, the file
``amparo.vault`` beside ``amparo.key``, never in the database nor in a backup).

Deleting a case destroys its vault secret (:func:`shred`). From then on its wrapped
data key — in the database's free pages, in a PostgreSQL dead tuple, in any backup
old or new — cannot be unwrapped, even with the master key: crypto-shredding.

Ciphertext layout: a 12-byte random nonce, then AES-256-GCM's output. The associated
data binds each ciphertext to its purpose, so a blob cannot be swapped for another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from amparo_web.lib import keyvault
from amparo_web.lib.datadir import secret_file

NONCE_BYTES = 12


def clear_caches() -> None:
    """Forget derived keys (tests switch data directories)."""
    _key_file.cache_clear()
    organization_key.cache_clear()
    _search_key.cache_clear()
    keyvault.close_readers()


def master_key() -> bytes:
    raw = os.getenv("AMPARO_MASTER_KEY")
    if raw:
        key = base64.b64decode(raw)
        if len(key) != 32:
            msg = "AMPARO_MASTER_KEY must be the base64 of 32 random bytes."
            raise ImproperlyConfigured(msg)
        return key
    return _key_file(Path(settings.AMPARO_DATA_DIR) / "amparo.key")


@lru_cache(maxsize=8)
def _key_file(path: Path) -> bytes:
    return secret_file(path)


def _derive(purpose: bytes, key_id: uuid.UUID) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=purpose + key_id.bytes
    )
    return hkdf.derive(master_key())


@lru_cache(maxsize=256)
def organization_key(key_id: uuid.UUID) -> bytes:
    return _derive(b"amparo organization key ", key_id)


def encrypt(key: bytes, plaintext: bytes, purpose: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, purpose)


def decrypt(key: bytes, blob: bytes, purpose: bytes) -> bytes:
    blob = bytes(blob)  # PostgreSQL gives a memoryview
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], purpose)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


# The associated data of a wrapped case key (plus the case's vault id).
CASE_KEY = b"case data key, vault-bound "


def vault() -> Path:
    return keyvault.vault_path(Path(settings.AMPARO_DATA_DIR))


def case_wrapping_key(
    org_key_id: uuid.UUID, case_key_id: uuid.UUID, secret: bytes
) -> bytes:
    """HKDF over the organization key, salted with the case's vault secret: both are needed."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=secret,
        info=b"amparo case wrapping key " + org_key_id.bytes + case_key_id.bytes,
    )
    return hkdf.derive(organization_key(org_key_id))


def new_case_key(org_key_id: uuid.UUID) -> tuple[uuid.UUID, bytes]:
    """A new case's vault id and its data key wrapped (the secret is stored first)."""
    case_key_id, secret = keyvault.create(vault())
    return case_key_id, wrap_with(org_key_id, case_key_id, secret, new_data_key())


def new_case_keys(org_key_id: uuid.UUID, count: int) -> list[tuple[uuid.UUID, bytes]]:
    """:func:`new_case_key` for ``count`` cases, their secrets stored in ONE durable
    vault transaction (one fsync'd write, not one per case: imports, the demo)."""
    return [
        (case_key_id, wrap_with(org_key_id, case_key_id, secret, new_data_key()))
        for case_key_id, secret in keyvault.create_many(vault(), count)
    ]


def wrap_with(
    org_key_id: uuid.UUID, case_key_id: uuid.UUID, secret: bytes, data_key: bytes
) -> bytes:
    key = case_wrapping_key(org_key_id, case_key_id, secret)
    return encrypt(key, data_key, CASE_KEY + case_key_id.bytes)


def unwrap_case(org_key_id: uuid.UUID, case_key_id: uuid.UUID, wrapped: bytes) -> bytes:
    """The case's data key; :class:`keyvault.Shredded` once its secret is destroyed."""
    secret = keyvault.get(vault(), case_key_id)
    key = case_wrapping_key(org_key_id, case_key_id, secret)
    return decrypt(key, wrapped, CASE_KEY + case_key_id.bytes)


def unwrap_cases(
    org_key_id: uuid.UUID, wrapped: list[tuple[uuid.UUID, bytes]]
) -> list[bytes]:
    """:func:`unwrap_case` for several cases, their secrets read in one vault query."""
    secrets = keyvault.get_many(vault(), [case_key_id for case_key_id, _ in wrapped])
    keys = []
    for case_key_id, blob in wrapped:
        secret = secrets.get(case_key_id)
        if secret is None:
            raise keyvault.Shredded(str(case_key_id))
        key = case_wrapping_key(org_key_id, case_key_id, secret)
        keys.append(decrypt(key, blob, CASE_KEY + case_key_id.bytes))
    return keys


def shred(case_key_id: uuid.UUID) -> bool:
    """Destroy a case's vault secret: no copy of its data key can be unwrapped again."""
    return keyvault.destroy(vault(), case_key_id)


@lru_cache(maxsize=256)
def _search_key(org_key_id: uuid.UUID) -> bytes:
    return _derive(b"amparo search index ", org_key_id)


def search_token(org_key_id: uuid.UUID, text: str) -> str:
    """A keyed hash of a normalized name: exact-match search without storing the name."""
    key = _search_key(org_key_id)
    normal = " ".join(text.casefold().split())
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()
