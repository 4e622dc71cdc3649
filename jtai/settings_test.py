"""Test settings: the production configuration with a test secret and fast hashing."""

import os
import warnings

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_DEBUG", "1")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Tests decide per test whether Celery talks to a real worker; by default run eagerly.
CELERY_TASK_ALWAYS_EAGER = True

# Tests serve static files through the finders; collectstatic's folder need not exist.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
