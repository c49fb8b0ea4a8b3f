"""Connection pools. Agents are asyncio servers, so they use the async pool; scripts use the sync one.

Checking a connection costs a round trip. psycopg_pool's stock `check_connection` ran one on every
checkout (~7 % of triage's CPU under Ask load, one extra round trip per transaction). Here a connection
that was handed back in good order less than `CHECK_IDLE_S` ago is given out unchecked; an idle one is
still checked first (PostgreSQL may have restarted, or a proxy dropped it while it sat in the pool).
A connection that breaks in use fails that one statement (an OperationalError, answered UNAVAILABLE by
the guard), and the pool discards it when it comes back (its status is BAD) and opens a fresh one:
reconnect on failure, without paying a probe on every checkout while connections are busy.
"""
from __future__ import annotations

import contextlib
import os
import time
import weakref

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from db import nulsafe

nulsafe.install()

# Connections returned longer ago than this are probed before reuse.
CHECK_IDLE_S = float(os.environ.get("LEARNFLOW_DB_CHECK_IDLE_S", "2.0"))


class _ReturnedAt:
    """When each pooled connection was last handed back in good order (weak: closed ones drop out)."""

    def __init__(self, idle_s: float = CHECK_IDLE_S):
        self.idle_s = idle_s
        self._at: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.checks = 0     # probes actually sent (for tests and curiosity)
        self.skipped = 0

    def fresh(self, conn) -> bool:
        at = self._at.get(conn)
        return at is not None and time.monotonic() - at < self.idle_s

    def stamp(self, conn) -> None:
        self._at[conn] = time.monotonic()


def _async_check(returned: _ReturnedAt):
    async def check(conn) -> None:
        if returned.fresh(conn) and not conn.closed:
            returned.skipped += 1
            return
        returned.checks += 1
        await AsyncConnectionPool.check_connection(conn)

    async def reset(conn) -> None:   # called when a connection comes back idle and healthy
        returned.stamp(conn)

    return check, reset


def _sync_check(returned: _ReturnedAt):
    def check(conn) -> None:
        if returned.fresh(conn) and not conn.closed:
            returned.skipped += 1
            return
        returned.checks += 1
        ConnectionPool.check_connection(conn)

    def reset(conn) -> None:
        returned.stamp(conn)

    return check, reset


async def open_async_pool(conninfo: str, min_size: int = 1, max_size: int = 8) -> AsyncConnectionPool:
    returned = _ReturnedAt()
    check, reset = _async_check(returned)
    pool = AsyncConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        kwargs={"row_factory": dict_row, "autocommit": False},
        check=check,
        reset=reset,
        open=False,
        name="learnflow",
    )
    pool.returned = returned
    await pool.open(wait=True, timeout=30)
    return pool


def open_pool(conninfo: str, min_size: int = 1, max_size: int = 4) -> ConnectionPool:
    returned = _ReturnedAt()
    check, reset = _sync_check(returned)
    pool = ConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        kwargs={"row_factory": dict_row},
        check=check,
        reset=reset,
        open=False,
    )
    pool.returned = returned
    pool.open(wait=True, timeout=30)
    return pool


# --- speed3: one-statement transactions ------------------------------------------------------------
@contextlib.asynccontextmanager
async def autocommit(pool: AsyncConnectionPool):
    """A pooled connection in autocommit mode for ONE statement that is a whole transaction by itself
    (e.g. several data-modifying CTEs): atomic as one statement, one round trip, no BEGIN/COMMIT and no
    pipeline bookkeeping. The connection goes back to the pool in its usual (transactional) mode."""
    async with pool.connection() as conn:
        await conn.set_autocommit(True)
        try:
            yield conn
        finally:
            if not conn.broken and not conn.closed:
                await conn.set_autocommit(False)
