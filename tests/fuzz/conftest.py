import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """The token endpoint's throttle counts in the cache: each fuzz run starts afresh."""
    cache.clear()
    yield
    cache.clear()
