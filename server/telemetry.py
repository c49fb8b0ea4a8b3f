"""OpenTelemetry on every server and client. The trace id of a call is what MessageFlow and the
event envelopes record (as a UUID), so a query can be followed from Envoy through every agent."""
from __future__ import annotations

import os
import uuid

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

_configured = False


def configure(agent: str) -> None:
    global _configured
    if _configured:
        return
    provider = TracerProvider(resource=Resource.create({"service.name": f"learnflow-{agent}"}))
    if os.environ.get("LEARNFLOW_OTEL_CONSOLE") == "1":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)
    _configured = True


def server_interceptors() -> list:
    from opentelemetry.instrumentation.grpc import aio_server_interceptor

    return [aio_server_interceptor()]


def client_interceptors() -> list:
    from opentelemetry.instrumentation.grpc import aio_client_interceptors

    return list(aio_client_interceptors())


def current_trace_id() -> str:
    """The current OpenTelemetry trace id as a UUID string (a fresh one if no span is active)."""
    ctx = trace.get_current_span().get_span_context()
    if ctx.is_valid:
        return str(uuid.UUID(int=ctx.trace_id))
    return str(uuid.uuid4())
