"""Builds and runs the grpc.aio server for one agent. Every agent starts this same way."""
from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import os
import signal

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from db.pool import open_async_pool
from server import jsonlog, prom, registry, reflection_v1, telemetry
from server.config import Settings
from server.interceptors import GuardInterceptor
from server.runtime import Runtime

log = logging.getLogger("learnflow.server")

GRACE_S = 5.0


def agent_module(agent: str):
    if agent not in registry.BY_NAME:
        raise SystemExit(f"unknown agent {agent!r}; choose one of: {', '.join(registry.AGENT_NAMES)}")
    return importlib.import_module(registry.agent(agent).module)


async def serve(agent: str, listen: str | None = None) -> None:
    settings = Settings.from_env(agent, listen)
    jsonlog.configure(agent, settings.log_level)
    telemetry.configure(agent)
    module = agent_module(agent)

    pool = await open_async_pool(settings.database_url, max_size=int(os.environ.get("LEARNFLOW_DB_POOL_SIZE", "8")))
    runtime = Runtime(settings, pool)
    server = grpc.aio.server(
        # --- speed3: the guard starts the server span itself (server/server_span.py), no OTel interceptor ---
        interceptors=[GuardInterceptor(runtime)],
        options=[("grpc.so_reuseport", 0), ("grpc.max_receive_message_length", 4 * 1024 * 1024)],
    )
    services = await module.register(server, runtime)

    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    # Every agent serves reflection for the whole learnflow.v1 package (the registry loads every
    # descriptor), so Envoy can route reflection to any one of them and grpcurl sees every service.
    reflected = (*registry.all_services(), health.SERVICE_NAME, reflection.SERVICE_NAME, reflection_v1.SERVICE_NAME)
    reflection.enable_server_reflection(reflected, server)
    reflection_v1.enable_server_reflection(reflected, server)  # --- clients: v1 beside v1alpha (grpcurl, buf curl)

    # --- speed ---
    # Everything loaded so far (models, indexes, descriptors) lives as long as the process: moved out of the
    # collector's generations, so the cyclic GC does not re-walk it in every full collection under load.
    if os.environ.get("LEARNFLOW_GC_FREEZE", "1") == "1":
        gc.collect()
        gc.freeze()
    port = server.add_insecure_port(settings.listen)
    await server.start()
    await runtime.start()
    for name in (*services, ""):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    metrics_port = prom.serve(prom.metrics_listen(agent))
    log.info("agent serving", extra={"listen": settings.listen, "port": port, "services": list(services),
                                     "metrics_port": metrics_port})

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    # Graceful: tell health checkers (Envoy) first, let in-flight calls finish, then close.
    log.info("agent stopping")
    await health_servicer.enter_graceful_shutdown()
    runtime.metrics.stopping = True
    on_stop = getattr(module, "on_stop", None)
    if on_stop is not None:
        await on_stop(runtime)
    await server.stop(GRACE_S)
    await runtime.close()
    await pool.close()
    telemetry.shutdown()
    log.info("agent stopped")
