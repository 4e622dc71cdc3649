"""The production settings, plus the pages benchmark's own trivial page (`benchmarks.urls`).

The server the pages benchmark starts runs with these: everything as in production, and one
extra page the product does not have, so the yardstick stays fixed while the product's own
pages change.
"""

from jtai.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
