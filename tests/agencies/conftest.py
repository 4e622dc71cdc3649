"""The browser suite's fixtures (a live server, Chromium, the reference data put back after
each transactional test), so the reference pages' browser tests can live beside the others."""

from tests.e2e.conftest import (  # noqa: F401
    browser,
    browser_context,
    page,
    reference_data,
    reference_snapshot,
)
