"""OpenTelemetry on every server and client. The trace id of a call is what MessageFlow and the
event envelopes record (as a UUID), so a query can be followed from Envoy through every agent."""
from __future__ import annotations

import os
import uuid

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

_configured = False


def configure(agent: str) -> None:
    global _configured
    if _configured:
        return
    provider = TracerProvider(resource=Resource.create({"service.name": f"learnflow-{agent}"}),
                              sampler=default_sampler())
    if os.environ.get("LEARNFLOW_OTEL_CONSOLE") == "1":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)
    _configured = True


DEFAULT_SAMPLE_RATIO = 0.05


def default_sampler():
    """The standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG when set (the SDK reads them when given
    None); otherwise parent-based with a 5 % ratio for new traces, so an unsampled call records nothing
    (no span attributes, no per-RPC log line) yet still carries a valid trace id for MessageFlow and
    the event envelopes. LEARNFLOW_OTEL_CONSOLE=1 samples everything."""
    if os.environ.get("OTEL_TRACES_SAMPLER"):
        return None
    if os.environ.get("LEARNFLOW_OTEL_CONSOLE") == "1":
        return ParentBased(TraceIdRatioBased(1.0))
    return ParentBased(TraceIdRatioBased(DEFAULT_SAMPLE_RATIO))


def sampled() -> bool:
    """Whether the current call's span is being recorded (its per-call log line is then written too)."""
    return trace.get_current_span().is_recording()


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
