"""Pieces of the Envoy configuration that make the edge fit for a cluster (used by render_config.py):
DNS or static clusters, TLS on the listener, time and size limits, JSON access logs, Envoy's own
OpenTelemetry spans, and health checks routed to the agent named in the request.
"""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

HEALTH_SERVICE_HEADER = "x-learnflow-health-service"
OTEL_CLUSTER = "otel_collector"
_T = "type.googleapis.com/"


@dataclass(frozen=True)
class Limits:
    unary_timeout_s: int = 60          # a unary call without grpc-timeout gets this deadline
    stream_max_s: int = 600            # a stream lasts at most this long (a client deadline may shorten it)
    stream_idle_s: int = 300           # a stream with no bytes either way for this long is reset
    max_request_bytes: int = 4 * 1024 * 1024 + 1024   # agents accept 4 MiB messages; a little room for framing
    max_connections: int = 10000
    max_concurrent_streams: int = 1000                  # per HTTP/2 connection
    max_request_headers_kb: int = 64
    connection_buffer_bytes: int = 1024 * 1024

    @classmethod
    def from_env(cls) -> "Limits":
        def env(name: str, default: int) -> int:
            return int(os.environ.get(name, default))

        d = cls()
        return cls(unary_timeout_s=env("LEARNFLOW_ENVOY_UNARY_TIMEOUT_S", d.unary_timeout_s),
                   stream_max_s=env("LEARNFLOW_ENVOY_STREAM_MAX_S", d.stream_max_s),
                   stream_idle_s=env("LEARNFLOW_ENVOY_STREAM_IDLE_S", d.stream_idle_s),
                   max_request_bytes=env("LEARNFLOW_ENVOY_MAX_REQUEST_BYTES", d.max_request_bytes),
                   max_connections=env("LEARNFLOW_ENVOY_MAX_CONNECTIONS", d.max_connections))

    def overload_manager(self) -> dict:
        return {"resource_monitors": [{
            "name": "envoy.resource_monitors.global_downstream_max_connections",
            "typed_config": {"@type": _T + "envoy.extensions.resource_monitors.downstream_connections.v3."
                                          "DownstreamConnectionsConfig",
                             "max_active_downstream_connections": self.max_connections}}]}


def address(hostport: str) -> dict:
    host, _, port = hostport.rpartition(":")
    return {"socket_address": {"address": host.strip("[]") or "127.0.0.1", "port_value": int(port)}}


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def cluster_kind(endpoints: list[str]) -> str:
    """STATIC when every endpoint is an IP address; STRICT_DNS when one is a host name (a Kubernetes
    headless Service resolves to every ready pod, and Envoy re-resolves it as pods come and go)."""
    return "STATIC" if all(_is_ip(e.rpartition(":")[0] or "127.0.0.1") for e in endpoints) else "STRICT_DNS"


def edge_options(limits: Limits) -> dict:
    """HttpConnectionManager settings: idle and header limits, HTTP/2 stream limits."""
    return {
        "stream_idle_timeout": f"{limits.stream_idle_s}s",
        "max_request_headers_kb": limits.max_request_headers_kb,
        "common_http_protocol_options": {"idle_timeout": "3600s"},
        "http2_protocol_options": {"max_concurrent_streams": limits.max_concurrent_streams,
                                   "initial_stream_window_size": 65536,
                                   "initial_connection_window_size": 1048576},
    }


def request_size_filter(limits: Limits) -> dict:
    """Requests larger than the agents accept are refused at the edge (413) before reaching them."""
    return {"name": "envoy.filters.http.buffer",
            "typed_config": {"@type": _T + "envoy.extensions.filters.http.buffer.v3.Buffer",
                             "max_request_bytes": limits.max_request_bytes}}


def buffer_disabled() -> dict:
    """Reflection is a bidirectional stream whose client waits for answers: it must not be buffered."""
    return {"envoy.filters.http.buffer": {"@type": _T + "envoy.extensions.filters.http.buffer.v3.BufferPerRoute",
                                          "disabled": True}}


def lua_disabled() -> dict:
    return {"envoy.filters.http.lua": {"@type": _T + "envoy.extensions.filters.http.lua.v3.LuaPerRoute",
                                       "disabled": True}}


# grpc.health.v1.HealthCheckRequest has one field, `string service = 1`. Envoy cannot route on a request
# body, so this reads the one gRPC message of a health call, copies the service name into a header and
# re-runs route matching: the call then reaches the agent that serves that service.
_HEALTH_LUA = r"""
function envoy_on_request(handle)
  local body = handle:body()
  if body == nil or body:length() < 7 then return end
  local bytes = body:getBytes(0, body:length())
  if string.byte(bytes, 6) ~= 10 then return end
  local i, len, shift = 7, 0, 0
  repeat
    local b = string.byte(bytes, i)
    if b == nil then return end
    len = len + (b % 128) * 2 ^ shift
    shift = shift + 7
    i = i + 1
  until b < 128
  handle:headers():replace("x-learnflow-health-service", string.sub(bytes, i, i + len - 1))
  handle:clearRouteCache()
end
"""


def health_service_lua() -> dict:
    return {"name": "envoy.filters.http.lua",
            "typed_config": {"@type": _T + "envoy.extensions.filters.http.lua.v3.Lua",
                             "default_source_code": {"inline_string": _HEALTH_LUA}}}


def health_routes(agents, fallback: str, make_route) -> list[dict]:
    """`grpc.health.v1.Health/*` with service=learnflow.v1.X -> X's cluster; anything else (the overall
    "" service, an unknown name) -> the fallback agent, which answers for itself or NOT_FOUND."""
    out = []
    for cluster, headers in [*((a.name, [{"name": HEALTH_SERVICE_HEADER, "string_match": {"exact": a.service}}])
                               for a in agents), (fallback, [])]:
        # Watch streams (never retried, stream bound); Check is unary (retried, unary deadline).
        out.append(make_route({"path": "/grpc.health.v1.Health/Watch", "headers": headers}, cluster, retry=False))
        out.append(make_route({"prefix": "/grpc.health.v1.Health/", "headers": headers}, cluster, retry=True))
    return out


def access_log() -> dict:
    """One JSON object per request on stdout, with the trace id Envoy started (same hex as the agents')."""
    fields = {
        "time": "%START_TIME%", "logger": "envoy.access", "method": "%REQ(:METHOD)%", "path": "%REQ(:PATH)%",
        "protocol": "%PROTOCOL%", "http_status": "%RESPONSE_CODE%", "grpc_status": "%GRPC_STATUS%",
        "flags": "%RESPONSE_FLAGS%", "duration_ms": "%DURATION%", "bytes_in": "%BYTES_RECEIVED%",
        "bytes_out": "%BYTES_SENT%", "cluster": "%UPSTREAM_CLUSTER%", "upstream": "%UPSTREAM_HOST%",
        "request_id": "%REQ(X-REQUEST-ID)%", "trace_id": "%TRACE_ID%", "user_agent": "%REQ(USER-AGENT)%",
        "client": "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
    }
    return {"name": "envoy.access_loggers.stdout",
            "typed_config": {"@type": _T + "envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
                             "log_format": {"json_format": fields}}}


def otlp_from_env(env=None) -> str | None:
    """host:port of the OTLP/gRPC collector from the standard OTEL_* variables (None: no edge tracing)."""
    env = os.environ if env is None else env
    if env.get("OTEL_TRACES_EXPORTER", "otlp") == "none" or env.get("OTEL_SDK_DISABLED") == "true":
        return None
    endpoint = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    if not endpoint:
        return None
    return endpoint.split("://", 1)[-1].rstrip("/")


def tracing() -> dict:
    """Envoy starts (or joins) the W3C trace and exports its span over OTLP/gRPC; agents continue it."""
    return {"provider": {"name": "envoy.tracers.opentelemetry", "typed_config": {
        "@type": _T + "envoy.config.trace.v3.OpenTelemetryConfig",
        "grpc_service": {"envoy_grpc": {"cluster_name": OTEL_CLUSTER}, "timeout": "1s"},
        "service_name": "learnflow-envoy"}},
        "random_sampling": {"value": 100}}


def otel_cluster(hostport: str) -> dict:
    return {"name": OTEL_CLUSTER, "type": cluster_kind([hostport]), "connect_timeout": "1s",
            "dns_lookup_family": "V4_PREFERRED",
            "typed_extension_protocol_options": {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": _T + "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "explicit_http_config": {"http2_protocol_options": {}}}},
            "load_assignment": {"cluster_name": OTEL_CLUSTER, "endpoints": [
                {"lb_endpoints": [{"endpoint": {"address": address(hostport)}}]}]}}


def tls_transport_socket(cert: str, key: str) -> dict:
    """TLS on the listener (h2 for gRPC, http/1.1 for gRPC-web from browsers)."""
    return {"name": "envoy.transport_sockets.tls", "typed_config": {
        "@type": _T + "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
        "common_tls_context": {
            "tls_certificates": [{"certificate_chain": {"filename": cert}, "private_key": {"filename": key}}],
            "alpn_protocols": ["h2", "http/1.1"]}}}
