"""The server span of a LearnFlow RPC, started by the guard itself (server/interceptors.py).

It replaces OpenTelemetry's grpc.aio server interceptor, which per call re-wrapped the handler, ran its
method filter (a typing.Protocol isinstance check per call), copied the metadata into dicts twice, parsed
the peer and built attributes before the sampler had even decided, and proxied the servicer context:
~16 % of the mesh agent's CPU under Echo load, most of it for calls that are never recorded.

What is kept, so traces look the same in Jaeger: the caller's W3C trace context (`traceparent`,
`tracestate`, `baggage`, through the globally configured propagator) is the parent; the span is named
after the full method, kind SERVER, with the rpc.* and net.peer.* attributes and the final
rpc.grpc.status_code; a non-OK code sets the span's status to ERROR, an unexpected exception is
recorded on it. The span is current while the handler runs, so log lines, event envelopes and outgoing
calls (the client interceptors) carry its trace id. What is cheaper: attributes are built only when the
sampler records the span; an unsampled call costs a context attach/detach and a non-recording span.
"""
from __future__ import annotations

from urllib.parse import unquote

import grpc
from opentelemetry import context as otel_context, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

# Metadata keys the propagators read (W3C trace context and baggage); the guard collects them while it
# scans the metadata for its own headers.
PROPAGATION_KEYS = frozenset({"traceparent", "tracestate", "baggage"})

_tracer = None


def _get_tracer():
    global _tracer
    if _tracer is None:
        _tracer = trace.get_tracer("learnflow.server")
    return _tracer


def use_tracer(tracer=None) -> None:
    """Spans from this tracer from now on (tests with a provider of their own); None: the global one."""
    global _tracer
    _tracer = tracer


class MethodSpan:
    """The parts of a span that depend only on the method (computed once per method)."""

    __slots__ = ("name", "attributes")

    def __init__(self, method: str):
        service, _, name = method.lstrip("/").partition("/")
        self.name = method
        self.attributes = {"rpc.system": "grpc", "rpc.service": service, "rpc.method": name}


def start(method_span: MethodSpan, carrier: dict | None, context, user_agent: str | None):
    """Starts the server span (child of the caller's trace context when `carrier` has one) and makes it
    current. Returns (span, token) for end()."""
    parent = propagate.extract(carrier) if carrier else None
    span = _get_tracer().start_span(method_span.name, context=parent, kind=SpanKind.SERVER,
                                    record_exception=False, set_status_on_exception=False)
    if span.is_recording():
        span.set_attributes(method_span.attributes)
        if user_agent:
            span.set_attribute("rpc.user_agent", user_agent)
        _peer_attributes(span, context)
    token = otel_context.attach(trace.set_span_in_context(span, parent))
    return span, token


def end(span, token, code, details: str | None = None, error: BaseException | None = None) -> None:
    """Records the final status (a grpc.StatusCode; None is OK, anything else UNKNOWN) on a recording span,
    ends it and restores the previous context."""
    try:
        if span.is_recording():
            if code is None:
                code = grpc.StatusCode.OK
            elif not isinstance(code, grpc.StatusCode):
                code = grpc.StatusCode.UNKNOWN
            span.set_attribute("rpc.grpc.status_code", code.value[0])
            if error is not None:
                span.record_exception(error)
            if code is not grpc.StatusCode.OK:
                span.set_status(Status(StatusCode.ERROR, description=f"{code}:{details or ''}"))
        span.end()
    finally:
        otel_context.detach(token)


def _peer_attributes(span, context) -> None:
    peer = context.peer() or ""
    if peer.startswith("unix:"):
        return
    try:
        ip, port = peer.split(",")[0].split(":", 1)[1].rsplit(":", 1)
    except (IndexError, ValueError):
        return
    ip = unquote(ip)
    span.set_attribute("net.peer.ip", ip)
    span.set_attribute("net.peer.port", port)
    if ip in ("[::1]", "127.0.0.1"):
        span.set_attribute("net.peer.name", "localhost")
