"""Where the area's files are kept: a folder of their own, never served and with no URL,
each file sealed at rest (see `jtai.storage`). The team downloads them only through the
permission-checked view."""

from __future__ import annotations

import os

from django.conf import settings
from django.utils.deconstruct import deconstructible

from jtai.storage import EncryptedFileSystemStorage


@deconstructible
class PrivateStorage(EncryptedFileSystemStorage):
    """An encrypted file system storage rooted at `JTAI_PRIVATE_ROOT` (read on each use, so
    tests can point it elsewhere), whose files have no public URL."""

    object_prefix = "private"

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.JTAI_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)
