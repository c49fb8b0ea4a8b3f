"""What every agent gets from the runtime: settings, the database pool, channels to other agents,
metrics, the event buffer for per-RPC log events, and (lazily) the sandbox."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import grpc
from opentelemetry import propagate, trace

from server import auth, events, prom, rpclog, telemetry
from server.config import Settings, agent_address
from server.metrics import AgentMetrics

log = logging.getLogger("learnflow.runtime")

CALLER_HEADER = auth.CALLER_HEADER


class _Signer:
    """Marks every call this agent makes to another as internal, signed for its method (see auth), and
    carries the caller's trace context. grpc.aio files an interceptor under one call kind only, hence one
    subclass per kind.

    Tracing: while the current span is recorded (a sampled trace), OpenTelemetry's own client interceptor
    runs around the call (a client span, as before). Otherwise no span would be recorded anyway, so the
    current trace context is injected directly (same trace id, unsampled flag): one interceptor layer and
    no span object per call instead of two layers (grpc.aio runs each in the call's task)."""

    def __init__(self, secret: str, agent: str, traced=None):
        self.secret = secret
        self.agent = agent
        self.traced = traced   # OpenTelemetry's client interceptor of the same kind

    def _details(self, details, propagate_context: bool = False):
        method = details.method.decode() if isinstance(details.method, bytes) else details.method
        metadata = [(k, v) for k, v in (details.metadata or ()) if k not in (CALLER_HEADER, auth.SIGNATURE_HEADER)]
        metadata += auth.internal_metadata(self.secret, method, self.agent)
        if propagate_context:
            carrier: dict[str, str] = {}
            propagate.inject(carrier)
            metadata += carrier.items()
        return details._replace(metadata=grpc.aio.Metadata(*metadata))


class _SignUnary(_Signer, grpc.aio.UnaryUnaryClientInterceptor):
    async def intercept_unary_unary(self, continuation, client_call_details, request):
        if self.traced is not None and trace.get_current_span().is_recording():
            return await self.traced.intercept_unary_unary(
                lambda details, req: continuation(self._details(details), req), client_call_details, request)
        return await continuation(self._details(client_call_details, True), request)


class _SignStream(_Signer, grpc.aio.UnaryStreamClientInterceptor):
    async def intercept_unary_stream(self, continuation, client_call_details, request):
        if self.traced is not None and trace.get_current_span().is_recording():
            return await self.traced.intercept_unary_stream(
                lambda details, req: continuation(self._details(details), req), client_call_details, request)
        return await continuation(self._details(client_call_details, True), request)


def signing_interceptors(secret: str, agent: str) -> list:
    traced = telemetry.client_interceptors()
    unary = next((t for t in traced if isinstance(t, grpc.aio.UnaryUnaryClientInterceptor)), None)
    stream = next((t for t in traced if isinstance(t, grpc.aio.UnaryStreamClientInterceptor)), None)
    return [_SignUnary(secret, agent, unary), _SignStream(secret, agent, stream)]


# Per-RPC log events are aggregated off the request path (server/rpclog.py); data events are written
# transactionally by handlers.


class Runtime:
    def __init__(self, settings: Settings, pool):
        self.settings = settings
        self.agent = settings.agent
        self.pool = pool
        self.metrics = AgentMetrics(settings.agent, settings.instance_id)
        self._channels: dict[str, grpc.aio.Channel] = {}
        self.rpc_log = rpclog.RpcLog(settings.agent, settings.instance_id)   # agent-logs: aggregates + failures
        self._tasks: list[asyncio.Task] = []
        self._sandbox = None
        self._sandbox_lock = asyncio.Lock()
        self.state: dict[str, Any] = {}   # per-agent objects created at registration

    # --- calls to other agents -------------------------------------------------------------
    def channel(self, agent: str) -> grpc.aio.Channel:
        if agent not in self._channels:
            self._channels[agent] = grpc.aio.insecure_channel(
                agent_address(agent),
                interceptors=signing_interceptors(self.settings.internal_secret, self.agent),
                options=[("grpc.enable_retries", 1), ("grpc.keepalive_time_ms", 30000),
                         ("grpc.lb_policy_name", "round_robin")],  # replicas listed as ipv4:a,b
            )
        return self._channels[agent]

    def outgoing_metadata(self) -> list[tuple[str, str]]:
        """Forward the caller's token so the callee acts for the same student."""
        identity = auth.current_identity.get()
        metadata = []  # the internal mark and its signature are added by _SignInternalCalls
        if identity is not None:
            metadata.append(("authorization", f"Bearer {identity.token}"))
        return metadata

    def is_internal_call(self, context, method: str) -> bool:
        """Only a call signed with the internal secret for this method; a bare header is a client's."""
        return auth.verify_internal(self.settings.internal_secret, method, context.invocation_metadata())

    # --- sandbox ---------------------------------------------------------------------------
    async def sandbox(self):
        async with self._sandbox_lock:
            if self._sandbox is None:
                from sandbox import Limits, Sandbox

                import os

                self._sandbox = Sandbox(limits=Limits.from_env(),
                                        max_concurrency=int(os.environ.get("LEARNFLOW_SANDBOX_CONCURRENCY", "2")),
                                        max_queue=int(os.environ.get("LEARNFLOW_SANDBOX_MAX_QUEUE", "32")))
                await self._sandbox.start()
                prom.watch_sandbox(self.agent, self._sandbox)
        return self._sandbox

    # --- per-RPC events ----------------------------------------------------------------------
    async def _flush_logs_forever(self) -> None:
        interval = rpclog.interval_from_env()
        while True:
            await asyncio.sleep(interval)
            await self.flush_logs()

    async def flush_logs(self) -> None:
        batch = self.rpc_log.drain()
        if not batch:
            return
        try:
            async with self.pool.connection() as conn:
                async with conn.transaction():
                    for env in batch:
                        await events.enqueue(conn, "agent-logs", env)
        except Exception:  # logs are best effort; the database may be restarting
            log.warning("could not write %d agent-log events", len(batch), exc_info=True)

    # --- lifecycle ---------------------------------------------------------------------------
    def start_background(self, coro) -> None:
        self._tasks.append(asyncio.create_task(coro))

    async def start(self) -> None:
        from server.heartbeat import heartbeat_forever

        self.start_background(self._flush_logs_forever())
        self.start_background(heartbeat_forever(self))

    async def close(self) -> None:
        self.metrics.stopping = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.flush_logs()
        try:
            from server.heartbeat import beat

            await beat(self)
        except Exception:
            pass
        for channel in self._channels.values():
            await channel.close()
        if self._sandbox is not None:
            await self._sandbox.close()
