"""Envelope encryption: each case has its own data key, wrapped by its organization's key.

The organization key is derived (HKDF-SHA256) from a master key kept outside the
database: ``AMPARO_MASTER_KEY`` (base64 of 32 bytes) or the file ``amparo.key`` in the
data directory, created with 0600 permissions on first use. Deleting a case deletes
its wrapped data key, and with it every copy of the case's ciphertext (crypto-shredding).

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

from amparo_web.lib.datadir import secret_file

NONCE_BYTES = 12


def clear_caches() -> None:
    """Forget derived keys (tests switch data directories)."""
    _key_file.cache_clear()
    organization_key.cache_clear()
    _search_key.cache_clear()


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


def wrap(org_key_id: uuid.UUID, data_key: bytes) -> bytes:
    return encrypt(organization_key(org_key_id), data_key, b"case data key")


def unwrap(org_key_id: uuid.UUID, wrapped: bytes) -> bytes:
    return decrypt(organization_key(org_key_id), wrapped, b"case data key")


@lru_cache(maxsize=256)
def _search_key(org_key_id: uuid.UUID) -> bytes:
    return _derive(b"amparo search index ", org_key_id)


def search_token(org_key_id: uuid.UUID, text: str) -> str:
    """A keyed hash of a normalized name: exact-match search without storing the name."""
    key = _search_key(org_key_id)
    normal = " ".join(text.casefold().split())
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()
