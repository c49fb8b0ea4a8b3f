"""The loaded documentation index, shared by the docs_index tests that read it."""
from __future__ import annotations

import psycopg
import pytest

from knowledge.docs_index import build


@pytest.fixture(scope="module")
def conn(pg_url):
    """A connection to the test database with the documentation index loaded (built from cache if needed)."""
    assert build.prepare() is not None, "scripts/bootstrap.sh installs the Python documentation"
    build.ensure_loaded(pg_url)
    with psycopg.connect(pg_url) as connection:
        yield connection
