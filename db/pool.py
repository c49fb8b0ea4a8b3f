"""Connection pools. Agents are asyncio servers, so they use the async pool; scripts use the sync one."""
from __future__ import annotations

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from db import nulsafe

nulsafe.install()


async def open_async_pool(conninfo: str, min_size: int = 1, max_size: int = 8) -> AsyncConnectionPool:
    pool = AsyncConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        kwargs={"row_factory": dict_row, "autocommit": False},
        # A broken connection (PostgreSQL restarted) is detected and replaced before use.
        check=AsyncConnectionPool.check_connection,
        open=False,
        name="learnflow",
    )
    await pool.open(wait=True, timeout=30)
    return pool


def open_pool(conninfo: str, min_size: int = 1, max_size: int = 4) -> ConnectionPool:
    pool = ConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        kwargs={"row_factory": dict_row},
        check=ConnectionPool.check_connection,
        open=False,
    )
    pool.open(wait=True, timeout=30)
    return pool
