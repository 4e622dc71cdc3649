import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """The token endpoint's throttle counts requests in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()
