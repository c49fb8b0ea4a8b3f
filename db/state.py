"""Key/value state with TTL in PostgreSQL: the seed's Dapr state store, same key patterns.

Keys used: progress:student:<id> (no expiry), progress:query:<id> (90 days), concepts:cache:<hash>
(7 days), agents:health:<name>:<instance> (no expiry, stale ones judged by last_heartbeat),
progress:struggle:<student>:<topic> (24 h: one alert per episode), exercise:hints:<student>:<exercise>.
Expired rows read as absent at once; the mesh agent deletes them every 5 minutes.
"""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from psycopg import AsyncConnection
from psycopg.types.json import Jsonb

TTL_QUERY = timedelta(days=90)
TTL_CONCEPTS_CACHE = timedelta(days=7)
TTL_STRUGGLE_EPISODE = timedelta(hours=24)


def progress_key(student_id: str) -> str:
    return f"progress:student:{student_id}"


def query_key(query_id: str) -> str:
    return f"progress:query:{query_id}"


def concepts_cache_key(digest: str) -> str:
    return f"concepts:cache:{digest}"


def health_key(agent: str, instance: str) -> str:
    return f"agents:health:{agent}:{instance}"


_SAVE = ("INSERT INTO state_store (key, value, expires_at, updated_at)"
         " VALUES (%s, %s, CASE WHEN %s::interval IS NULL THEN NULL ELSE now() + %s::interval END, now())"
         " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at,"
         " updated_at = now()")
_GET = "SELECT value FROM state_store WHERE key = %s AND (expires_at IS NULL OR expires_at > now())"


def _save_params(key: str, value: Any, ttl: timedelta | None) -> tuple:
    return (key, Jsonb(value), ttl, ttl)


# --- speed3: for callers that write the entry inside a larger statement (a data-modifying CTE) ---
SAVE_SQL = _SAVE
save_params = _save_params


def _value(row) -> Any | None:
    if row is None:
        return None
    value = row["value"] if isinstance(row, dict) else row[0]
    return json.loads(value) if isinstance(value, str) else value


async def save(conn: AsyncConnection, key: str, value: Any, ttl: timedelta | None = None) -> None:
    await conn.execute(_SAVE, _save_params(key, value, ttl))


async def get(conn: AsyncConnection, key: str) -> Any | None:
    cur = await conn.execute(_GET, (key,))
    return _value(await cur.fetchone())


def save_sync(conn, key: str, value: Any, ttl: timedelta | None = None) -> None:
    """save() for code on a blocking connection (the progress consumer's thread)."""
    conn.execute(_SAVE, _save_params(key, value, ttl))


def get_sync(conn, key: str) -> Any | None:
    return _value(conn.execute(_GET, (key,)).fetchone())


async def get_prefix(conn: AsyncConnection, prefix: str) -> dict[str, Any]:
    cur = await conn.execute(
        "SELECT key, value FROM state_store WHERE key LIKE %s AND (expires_at IS NULL OR expires_at > now())",
        (prefix.replace("%", r"\%").replace("_", r"\_") + "%",),
    )
    return {(r["key"] if isinstance(r, dict) else r[0]): (r["value"] if isinstance(r, dict) else r[1])
            for r in await cur.fetchall()}


async def delete(conn: AsyncConnection, key: str) -> None:
    await conn.execute("DELETE FROM state_store WHERE key = %s", (key,))


async def sweep_expired(conn: AsyncConnection) -> int:
    cur = await conn.execute("DELETE FROM state_store WHERE expires_at IS NOT NULL AND expires_at <= now()")
    return cur.rowcount
