"""The guard's own server span (server/server_span.py), which replaced OpenTelemetry's server interceptor:
through a real grpc.aio server with the guard, the caller's W3C trace context is the parent, the span is
current in the handler (its trace id is what events and logs record), the final status lands on the span,
and an unsampled caller gets no recorded span but keeps its trace id."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import grpc
import pytest
from learnflow.v1 import mesh_service_pb2
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_ON, ParentBased
from opentelemetry.trace import SpanKind, StatusCode

from server import auth, server_span, telemetry
from server.config import Settings
from server.interceptors import GuardInterceptor
from server.metrics import AgentMetrics
from server.rpclog import RpcLog

SECRET = "k" * 48
METHOD = "/learnflow.v1.MeshService/Echo"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"


@pytest.fixture()
def spans():
    exporter = InMemorySpanExporter()
    provider = TracerProvider(sampler=ParentBased(ALWAYS_ON))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    server_span.use_tracer(provider.get_tracer("test"))
    yield exporter
    server_span.use_tracer(None)


def _call(metadata: list[tuple[str, str]]) -> tuple[grpc.StatusCode, str, str]:
    """One Echo through a guarded server; returns (code, trace id the handler saw, caller it saw)."""
    seen = {}

    async def echo(request, context):
        seen["trace"] = telemetry.current_trace_id()
        seen["caller"] = auth.require_identity().student_id
        return mesh_service_pb2.EchoResponse(message=request.message)

    handlers = grpc.method_handlers_generic_handler("learnflow.v1.MeshService", {
        "Echo": grpc.unary_unary_rpc_method_handler(
            echo, request_deserializer=mesh_service_pb2.EchoRequest.FromString,
            response_serializer=mesh_service_pb2.EchoResponse.SerializeToString)})

    async def scenario():
        settings = Settings(agent="mesh", listen="", database_url="", jwt_secret=SECRET)
        runtime = SimpleNamespace(settings=settings, agent="mesh", metrics=AgentMetrics("mesh", "i-1"),
                                  rpc_log=RpcLog("mesh", "i-1"))
        server = grpc.aio.server(interceptors=[GuardInterceptor(runtime)])
        server.add_generic_rpc_handlers((handlers,))
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                call = channel.unary_unary(METHOD, request_serializer=mesh_service_pb2.EchoRequest.SerializeToString,
                                           response_deserializer=mesh_service_pb2.EchoResponse.FromString)
                try:
                    await call(mesh_service_pb2.EchoRequest(message="ping"), metadata=metadata, timeout=10)
                    return grpc.StatusCode.OK
                except grpc.aio.AioRpcError as exc:
                    return exc.code()
        finally:
            await server.stop(None)

    code = asyncio.run(scenario())
    return code, seen.get("trace", ""), seen.get("caller", "")


def _token() -> str:
    return auth.issue_access_token(SECRET, "student-7", "student", ttl_s=60)[0]


def test_the_server_span_continues_the_callers_trace(spans):
    code, trace_seen, caller = _call([("authorization", f"Bearer {_token()}"),
                                      ("traceparent", f"00-{TRACE_ID}-{PARENT_ID}-01")])
    assert code == grpc.StatusCode.OK and caller == "student-7"
    assert trace_seen.replace("-", "") == TRACE_ID
    [span] = spans.get_finished_spans()
    assert span.name == METHOD and span.kind == SpanKind.SERVER
    assert format(span.context.trace_id, "032x") == TRACE_ID
    assert format(span.parent.span_id, "016x") == PARENT_ID and span.parent.is_remote
    assert span.attributes["rpc.service"] == "learnflow.v1.MeshService"
    assert span.attributes["rpc.method"] == "Echo"
    assert span.attributes["rpc.grpc.status_code"] == 0
    assert span.attributes["net.peer.ip"] == "127.0.0.1"
    assert span.status.status_code != StatusCode.ERROR


def test_a_refused_call_ends_its_span_with_the_status(spans):
    code, trace_seen, _ = _call([("traceparent", f"00-{TRACE_ID}-{PARENT_ID}-01")])   # no token
    assert code == grpc.StatusCode.UNAUTHENTICATED and trace_seen == ""   # the handler never ran
    [span] = spans.get_finished_spans()
    assert span.attributes["rpc.grpc.status_code"] == grpc.StatusCode.UNAUTHENTICATED.value[0]
    assert span.status.status_code == StatusCode.ERROR


def test_an_unsampled_caller_records_nothing_but_keeps_its_trace_id(spans):
    code, trace_seen, _ = _call([("authorization", f"Bearer {_token()}"),
                                 ("traceparent", f"00-{TRACE_ID}-{PARENT_ID}-00")])
    assert code == grpc.StatusCode.OK
    assert trace_seen.replace("-", "") == TRACE_ID
    assert spans.get_finished_spans() == ()


def test_without_a_trace_context_a_new_trace_starts(spans):
    code, trace_seen, _ = _call([("authorization", f"Bearer {_token()}")])
    assert code == grpc.StatusCode.OK
    [span] = spans.get_finished_spans()
    assert span.parent is None
    assert trace_seen.replace("-", "") == format(span.context.trace_id, "032x")
