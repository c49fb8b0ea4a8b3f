"""Every agent writes its AgentHealthMetrics to the state store every 10 s (agents:health:<name>:<instance>)."""
from __future__ import annotations

import asyncio
import logging

from google.protobuf.json_format import MessageToDict

from db import state

log = logging.getLogger("learnflow.heartbeat")


async def beat(runtime) -> None:
    snapshot = runtime.metrics.snapshot()
    async with runtime.pool.connection() as conn:
        await state.save(conn, state.health_key(runtime.agent, runtime.settings.instance_id),
                         MessageToDict(snapshot, preserving_proto_field_name=True))


async def heartbeat_forever(runtime) -> None:
    while True:
        try:
            await beat(runtime)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("heartbeat failed", exc_info=True)
        await asyncio.sleep(runtime.settings.heartbeat_interval_s)
