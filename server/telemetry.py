"""OpenTelemetry on every server and client. The trace id of a call is what MessageFlow and the
event envelopes record (as a UUID), so a query can be followed from Envoy through every agent. The server
span of a LearnFlow RPC is started by the guard (server/server_span.py; health and reflection get none);
outgoing calls carry the trace context (server/runtime.py signing interceptors, OpenTelemetry's client
interceptor around calls of a sampled trace).

Export follows the standard variables: with OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) set,
spans go over OTLP/gRPC in batches (OTEL_EXPORTER_OTLP_INSECURE, OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*,
OTEL_TRACES_SAMPLER are read by the SDK itself) and psycopg statements get spans too. Without it there is
no exporter and no database instrumentation, so the hot path pays only for the gRPC context propagation."""
from __future__ import annotations

import os
import uuid

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor

_configured = False


def configure(agent: str) -> None:
    global _configured
    if _configured:
        return
    provider = TracerProvider(resource=Resource.create({"service.name": f"learnflow-{agent}"}),
                              sampler=default_sampler())
    if os.environ.get("LEARNFLOW_OTEL_CONSOLE") == "1":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    if otlp_enabled():
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        PsycopgInstrumentor().instrument(tracer_provider=provider, enable_commenter=False)
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


def otlp_enabled() -> bool:
    """OTLP export is on when an endpoint is configured the standard way and not switched off."""
    if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return False
    if os.environ.get("OTEL_TRACES_EXPORTER", "otlp") not in ("otlp", ""):
        return False
    return bool(os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"))


def shutdown() -> None:
    """Flushes spans still in the batch processor (graceful stop)."""
    provider = trace.get_tracer_provider()
    if hasattr(provider, "shutdown"):
        provider.shutdown()


def client_interceptors() -> list:
    from opentelemetry.instrumentation.grpc import aio_client_interceptors

    return list(aio_client_interceptors())


def current_trace_id() -> str:
    """The current OpenTelemetry trace id as a UUID string (a fresh one if no span is active)."""
    ctx = trace.get_current_span().get_span_context()
    if ctx.is_valid:
        return str(uuid.UUID(int=ctx.trace_id))
    return str(uuid.uuid4())
