"""The pool's cheap check (db/pool.py), against a real PostgreSQL: busy connections are not probed, idle ones
are, and a connection that broke while it was out of use fails one statement and is then replaced."""
from __future__ import annotations

import asyncio

import psycopg
import pytest

from db.pool import open_async_pool, open_pool


def _kill(pg_url: str, pid: int) -> None:
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_connection_handed_back_moments_ago_is_reused_without_a_probe(pg_url):
    async def run():
        pool = await open_async_pool(pg_url, min_size=1, max_size=1)
        try:
            for _ in range(5):
                async with pool.connection() as conn:
                    await conn.execute("SELECT 1")
            return pool.returned.checks, pool.returned.skipped
        finally:
            await pool.close()

    checks, skipped = asyncio.run(run())
    assert skipped >= 4          # every checkout after the first came back less than CHECK_IDLE_S ago
    assert checks <= 1


def test_an_idle_connection_is_probed_and_a_dead_one_replaced_before_use(pg_url):
    async def run():
        pool = await open_async_pool(pg_url, min_size=1, max_size=1)
        pool.returned.idle_s = 0.0   # everything counts as idle: the probe runs on each checkout
        try:
            async with pool.connection() as conn:
                pid = (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())["pid"]
            _kill(pg_url, pid)
            async with pool.connection() as conn:   # the probe finds it dead; the pool hands out a new one
                row = await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone()
            return pid, row["pid"], pool.returned.checks
        finally:
            await pool.close()

    old, new, checks = asyncio.run(run())
    assert new != old and checks >= 2


def test_a_connection_broken_while_fresh_fails_one_statement_then_the_pool_reconnects(pg_url):
    async def run():
        pool = await open_async_pool(pg_url, min_size=1, max_size=1)
        pool.returned.idle_s = 3600.0   # never probed: failure shows on use
        try:
            async with pool.connection() as conn:
                pid = (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())["pid"]
            _kill(pg_url, pid)
            with pytest.raises(psycopg.OperationalError):
                async with pool.connection() as conn:
                    await conn.execute("SELECT 1")
            async with pool.connection(timeout=10) as conn:   # the broken one was discarded, not reused
                row = await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone()
            return pid, row["pid"]
        finally:
            await pool.close()

    old, new = asyncio.run(run())
    assert new != old


def test_the_sync_pool_skips_the_probe_for_busy_connections_too(pg_url):
    pool = open_pool(pg_url, min_size=1, max_size=1)
    try:
        for _ in range(3):
            with pool.connection() as conn:
                conn.execute("SELECT 1")
        assert pool.returned.skipped >= 2
    finally:
        pool.close()
