"""An embedded PostgreSQL (PyPI `pgserver`: real PostgreSQL binaries) when LEARNFLOW_DATABASE_URL is unset.

As root, pgserver runs postgres as its own unprivileged `pgserver` user (postgres refuses root)."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

# pgserver's lock directory falls back to /tmp/runtime-<uid> without XDG_RUNTIME_DIR; that is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")


def _system_user() -> str | None:
    return "pgserver" if os.getuid() == 0 else None


def start_embedded(data_dir: Path, keep_running: bool):
    """Starts (or attaches to) PostgreSQL in data_dir; returns (server, url)."""
    import pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data_dir), cleanup_mode=None if keep_running else "stop")
    return server, server.get_uri()


def pg_ctl(data_dir: Path, *args: str) -> None:
    from pgserver._commands import pg_ctl as run_pg_ctl

    run_pg_ctl(["-w", *args], pgdata=data_dir, user=_system_user(), timeout=60)


def stop_embedded(data_dir: Path) -> bool:
    """Stops a PostgreSQL left running by `make up`."""
    if not (data_dir / "postmaster.pid").exists():
        return False
    pg_ctl(data_dir, "-m", "fast", "stop")
    return True
