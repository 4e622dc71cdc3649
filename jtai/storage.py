"""Files about children kept encrypted at rest.

Every file written through `EncryptedFileSystemStorage` is sealed with Fernet (AES-128-CBC
with an HMAC-SHA256 over the whole token), so a copy of the disk or a backup reads as noise
without the key, and a changed byte fails the HMAC: `FileDamaged` is raised and nothing is
served. Keys come from `JTAI_FILE_KEYS` (comma-separated): the first seals new files, every
one is tried when opening, so a new key is put first, `rotate_file_keys` re-seals every file
with it, and the old key is then dropped.

Files are read whole into memory to seal and open them: uploads are capped by
`JTAI_UPLOAD_MAX_BYTES` and PDFs are small, so this stays bounded.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible

logger = logging.getLogger(__name__)


class FileDamaged(Exception):
    """A stored file failed its integrity check (changed on disk, or sealed with a key that
    is no longer configured). It must not be served."""


def development_key(secret_key: str) -> str:
    """A key derived from SECRET_KEY, for debug mode only: production sets JTAI_FILE_KEYS."""
    digest = hashlib.sha256(f"jtai-file-encryption:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "JTAI_FILE_KEYS", []) or [])
    if not keys:
        raise ImproperlyConfigured("JTAI_FILE_KEYS is not set: files cannot be sealed")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "JTAI_FILE_KEYS must be Fernet keys: 32 bytes, url-safe base64 encoded"
        ) from error


def seal(data: bytes) -> bytes:
    """`data` encrypted and authenticated with the first key."""
    return _fernet().encrypt(data)


def unseal(token: bytes) -> bytes:
    """The plain bytes of a sealed file; `FileDamaged` when any byte was changed or no
    configured key opens it."""
    try:
        return _fernet().decrypt(token)
    except InvalidToken as error:
        raise FileDamaged("The file is damaged: it failed its integrity check") from error


def reseal(token: bytes) -> bytes:
    """The same file sealed again with the first key (for key rotation)."""
    try:
        return _fernet().rotate(token)
    except InvalidToken as error:
        raise FileDamaged("The file is damaged: it failed its integrity check") from error


def object_storage(prefix: str):
    """The S3-compatible bucket's storage under `prefix`/, when JTAI_S3_BUCKET is set; else
    None (local files). Objects are private (no ACL granted to anyone), have no public URL, and
    are only ever read by the application: the permission-checked views stream them."""
    if not getattr(settings, "JTAI_S3_BUCKET", ""):
        return None
    key = (
        prefix,
        settings.JTAI_S3_BUCKET,
        settings.JTAI_S3_ENDPOINT_URL,
        settings.JTAI_S3_REGION,
        settings.JTAI_S3_ACCESS_KEY_ID,
        settings.JTAI_S3_SECRET_ACCESS_KEY,
    )
    storage = _object_storages.get(key)
    if storage is None:
        from storages.backends.s3 import S3Storage

        storage = S3Storage(**s3_options(location=prefix))
        _object_storages[key] = storage
    return storage


_object_storages: dict[tuple, object] = {}


def s3_options(*, location: str = "") -> dict:
    """django-storages' S3 options from the JTAI_S3_* settings: private objects, signed links
    that expire within seconds, never a public bucket."""
    return {
        "bucket_name": settings.JTAI_S3_BUCKET,
        "endpoint_url": settings.JTAI_S3_ENDPOINT_URL or None,
        "region_name": settings.JTAI_S3_REGION or None,
        "access_key": settings.JTAI_S3_ACCESS_KEY_ID or None,
        "secret_key": settings.JTAI_S3_SECRET_ACCESS_KEY or None,
        "location": location,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": settings.JTAI_S3_URL_SECONDS,
        "file_overwrite": False,
    }


class EncryptedStorageMixin:
    """Seals on save and unseals on open; everything else is the underlying storage's: the
    local folder, or the object storage's bucket (under `object_prefix`/) when it is
    configured."""

    encrypted = True
    object_prefix = "media"

    def _objects(self):
        return object_storage(self.object_prefix)

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        if (objects := self._objects()) is not None:
            return objects._save(name, ContentFile(seal(data)))
        return super()._save(name, ContentFile(seal(data)))

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Encrypted files are written through save(), never opened to write")
        return ContentFile(unseal(self.read_sealed(name)), name=name)

    def read_sealed(self, name) -> bytes:
        """The bytes as stored, still sealed."""
        objects = self._objects()
        with (
            objects._open(name, "rb") if objects is not None else super()._open(name, "rb") as (
                handle
            )
        ):
            return handle.read()

    def write_sealed(self, name, token: bytes) -> None:
        """Replace the stored bytes of `name` (already sealed), atomically: a rotation stopped
        half way leaves every file whole, sealed with either key. (An object store replaces
        an object whole.)"""
        if (objects := self._objects()) is not None:
            objects._save(name, ContentFile(token))
            return
        path = self.path(name)
        partial = f"{path}.rotating"
        with open(partial, "wb") as handle:
            handle.write(token)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)

    def exists(self, name):
        if (objects := self._objects()) is not None:
            return objects.exists(name)
        return super().exists(name)

    def delete(self, name):
        if (objects := self._objects()) is not None:
            return objects.delete(name)
        return super().delete(name)

    def size(self, name):
        if (objects := self._objects()) is not None:
            return objects.size(name)
        return super().size(name)

    def listdir(self, path):
        if (objects := self._objects()) is not None:
            return objects.listdir(path)
        return super().listdir(path)

    def path(self, name):
        if self._objects() is not None:
            raise NotImplementedError("Files in object storage have no local path")
        return super().path(name)


@deconstructible
class EncryptedFileSystemStorage(EncryptedStorageMixin, FileSystemStorage):
    """A file system storage whose files are sealed at rest and have no public URL."""

    def __init__(self, location=None):
        super().__init__(location=location, base_url=None)

    def url(self, name):
        raise ValueError("Private files have no URL: download them through a checked view")


@deconstructible
class EncryptedMediaStorage(EncryptedFileSystemStorage):
    """Sealed files under MEDIA_ROOT (read on each use): the report versions' PDFs and the
    statements of action. They have no public URL: `url()` answers an empty link (so the
    Django admin's read-only pages still render) and downloads go through the reports' views."""

    def __init__(self):
        super().__init__()

    def url(self, name):
        return ""


def encrypted_file_fields():
    """Every (model, field) whose files are sealed: what a key rotation must visit."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and getattr(field.storage, "encrypted", False):
                yield model, field


def private_file_response(
    request, file, *, filename: str, content_type: str, as_attachment: bool = True
) -> HttpResponse:
    """A permission-checked download of a stored file (the caller has checked): never cached
    by a browser or proxy, and refused with the 409 page "the file is damaged" when it fails
    its integrity check, so changed bytes are never served."""
    try:
        handle = file.open("rb")
    except FileDamaged:
        logger.error("A stored file failed its integrity check: %s", file.name)
        response = render(request, "access/damaged.html", {"filename": filename}, status=409)
    else:
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    patch_cache_control(response, private=True, no_store=True)
    return response
