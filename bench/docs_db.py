"""A PostgreSQL with the documentation index loaded, for the evaluation scripts: LEARNFLOW_DATABASE_URL when
set, else an embedded server in a temporary directory that is removed afterwards."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from db.migrate import apply_migrations
from knowledge.docs_index import build


@contextmanager
def docs_database(cache_file: Path):
    """Yields the URL of a migrated database holding the index in `cache_file`."""
    url, server, tmp = os.environ.get("LEARNFLOW_DATABASE_URL"), None, None
    if not url:
        from localmesh.postgres import start_embedded

        tmp = Path(tempfile.mkdtemp(prefix="lf-eval-pg-"))
        server, url = start_embedded(tmp / "pgdata", keep_running=False)
    try:
        apply_migrations(url)
        build.load(url, cache_file)
        yield url
    finally:
        if server is not None:
            server.cleanup()
            shutil.rmtree(tmp, ignore_errors=True)
