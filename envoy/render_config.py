"""Renders the Envoy configuration: one listener, a route per gRPC service, a cluster per agent.

`python envoy/render_config.py --listen 127.0.0.1:8080 --admin 127.0.0.1:9901 --agent triage=127.0.0.1:50051 ...`
prints the config (JSON, which Envoy reads as YAML). An agent may be listed with several endpoints
(`--agent debug=127.0.0.1:50054,127.0.0.1:50064`) to scale it with more processes. Host names instead of
addresses (`--agent triage=triage.learnflow.svc:50051`) make a STRICT_DNS cluster (Kubernetes headless Services).
Routes, clusters and health-check names come from the service registry (server/registry.py).

- native gRPC (HTTP/2), gRPC-web (browsers) and JSON over HTTP (curl; envoy/json_http.py) on the same port, CORS allowing the authorization header
  for an allow-list of origins (LEARNFLOW_CORS_ORIGINS, comma list; default: http(s)://localhost and
  127.0.0.1 on any port) - an origin is never reflected;
- Envoy is the edge: it appends the client's real address to x-forwarded-for (use_remote_address) and
  trusts LEARNFLOW_ENVOY_XFF_TRUSTED_HOPS (default 0) client-supplied entries; agents read the client
  address LEARNFLOW_TRUSTED_PROXY_HOPS (default 1) entries from the right;
- TLS on the listener with --tls-cert/--tls-key (LEARNFLOW_ENVOY_TLS_CERT/_KEY);
- no response timeout; a maximum stream duration instead: a default deadline for unary calls sent without one,
  a longer bound for streams, an idle timeout; the client's grpc-timeout replaces either (edge_config.Limits);
- request-size, header and connection limits; one JSON access-log line per request with the trace id;
- Envoy's own OpenTelemetry spans over OTLP/gRPC when OTEL_EXPORTER_OTLP_ENDPOINT (or --otlp) is set;
- unary routes retry only failures that never reached an agent (safe for writes); streaming routes never retry;
- active gRPC health checks per cluster, so a stopped or draining agent stops receiving traffic;
- the internal caller headers are stripped at the edge (agents also verify their HMAC signature);
- grpc.health.v1 with service=learnflow.v1.X reaches X's agent; reflection and the overall health are answered
  by the mesh agent (every agent can describe the whole package).
"""
from __future__ import annotations

import argparse
import json
import os
import re

from edge_config import (Limits, access_log, address, buffer_disabled, cluster_kind, edge_options, health_routes, health_service_lua,
                         lua_disabled, otel_cluster, otlp_from_env, request_size_filter, tls_transport_socket,
                         tracing)
from json_http import transcoder_filter  # --- clients: JSON over HTTP (gRPC-JSON transcoder)
from server import registry

SAFE_RETRY_ON = "connect-failure,refused-stream,reset-before-request"


def _route(match: dict, cluster: str, retry: bool, limits: Limits | None = None) -> dict:
    limits = limits or Limits()
    # No response timeout (it would cut streams); instead a maximum stream duration — the unary default for
    # calls sent without a deadline, a longer bound for streams — which a client's grpc-timeout replaces
    # (grpc_timeout_header_max 0 = honour it uncapped). The connection manager adds an idle timeout.
    bound = limits.unary_timeout_s if retry else limits.stream_max_s
    route = {"cluster": cluster, "timeout": "0s", "max_stream_duration": {"grpc_timeout_header_max": "0s"}}
    if bound:
        route["max_stream_duration"]["max_stream_duration"] = f"{bound}s"
    if retry:
        route["retry_policy"] = {"retry_on": SAFE_RETRY_ON, "num_retries": 2,
                                 "retry_host_predicate": [{"name": "envoy.retry_host_predicates.previous_hosts",
                                                           "typed_config": {"@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"}}],
                                 "host_selection_retry_max_attempts": 3}
    return {"match": match, "route": route}


def routes(present: set[str], limits: Limits | None = None) -> list[dict]:
    out = []
    for agent in registry.AGENTS:
        if agent.name not in present:
            continue
        for method in registry.methods(agent.service):
            if method.server_streaming:
                out.append(_route({"path": method.path}, agent.name, retry=False, limits=limits))
        out.append(_route({"prefix": f"/{agent.service}/"}, agent.name, retry=True, limits=limits))
    meta = "mesh" if "mesh" in present else sorted(present)[0]
    out.append(_route({"prefix": "/grpc.reflection."}, meta, retry=False))
    out[-1]["typed_per_filter_config"] = buffer_disabled()
    out.extend(health_routes([a for a in registry.AGENTS if a.name in present], meta, _route))
    # Only the health routes need the body-reading Lua filter; every other route skips it.
    for route in out:
        match = route["match"]
        if not (match.get("prefix") or match.get("path") or "").startswith("/grpc.health.v1."):
            route.setdefault("typed_per_filter_config", {}).update(lua_disabled())
    return out


_address = address


def cluster(agent: str, endpoints: list[str]) -> dict:
    service = registry.agent(agent).service
    return {
        "name": agent,
        "type": cluster_kind(endpoints),  # STATIC for addresses, STRICT_DNS for host names (Kubernetes)
        "dns_lookup_family": "V4_PREFERRED",
        "connect_timeout": "1s",
        "lb_policy": "ROUND_ROBIN",
        "typed_extension_protocol_options": {
            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "explicit_http_config": {"http2_protocol_options": {}},
            }
        },
        "load_assignment": {"cluster_name": agent, "endpoints": [
            {"lb_endpoints": [{"endpoint": {"address": _address(e)}} for e in endpoints]}]},
        "health_checks": [{
            "timeout": "1s", "interval": "2s", "unhealthy_threshold": 2, "healthy_threshold": 1,
            "no_traffic_interval": "2s",
            "grpc_health_check": {"service_name": service},
        }],
        "common_lb_config": {"healthy_panic_threshold": {"value": 0}},
    }


LOCAL_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?"
INTERNAL_HEADERS = ["x-learnflow-caller", "x-learnflow-internal"]


def cors_origins(configured: str | None = None) -> list[dict]:
    """Exact origins from LEARNFLOW_CORS_ORIGINS (comma list), or local origins on any port by default."""
    configured = os.environ.get("LEARNFLOW_CORS_ORIGINS", "") if configured is None else configured
    origins = [o.strip().rstrip("/") for o in configured.split(",") if o.strip()]
    if not origins:
        return [{"safe_regex": {"regex": LOCAL_ORIGINS}}]
    for origin in origins:
        if not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", origin):
            raise SystemExit(f"LEARNFLOW_CORS_ORIGINS: {origin!r} is not an origin (scheme://host[:port])")
    return [{"exact": origin} for origin in origins]


def render(listen: str, admin: str, agents: dict[str, list[str]], *, tls: tuple[str, str] | None = None,
           otlp: str | None = None, limits: Limits | None = None) -> dict:
    cors = {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy",
        "allow_origin_string_match": cors_origins(),
        "allow_methods": "POST, OPTIONS",
        "allow_headers": "authorization,content-type,x-grpc-web,x-user-agent,grpc-timeout,traceparent,"
                         "keep-alive,user-agent,cache-control,content-transfer-encoding,"
                         "x-accept-content-transfer-encoding,x-accept-response-streaming",
        "expose_headers": "grpc-status,grpc-message,grpc-status-details-bin",
        "max_age": "86400",
    }
    manager = {
        "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "stat_prefix": "learnflow",
        "codec_type": "AUTO",
        "stream_idle_timeout": "0s",
        "request_timeout": "0s",
        **edge_options(limits or Limits()),
        "generate_request_id": True,
        # Envoy is the edge: the address it saw is appended to x-forwarded-for; client entries are not trusted.
        "use_remote_address": True,
        "xff_num_trusted_hops": int(os.environ.get("LEARNFLOW_ENVOY_XFF_TRUSTED_HOPS", "0")),
        "route_config": {"name": "learnflow", "virtual_hosts": [{
            "name": "learnflow", "domains": ["*"],
            "request_headers_to_remove": INTERNAL_HEADERS,
            "typed_per_filter_config": {"envoy.filters.http.cors": cors},
            "routes": routes(set(agents), limits),
        }]},
        "http_filters": [
            health_service_lua(),
            request_size_filter(limits or Limits()),
            {"name": "envoy.filters.http.grpc_web",
             "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.http.grpc_web.v3.GrpcWeb"}},
            {"name": "envoy.filters.http.cors",
             "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors"}},
            transcoder_filter([registry.agent(a).service for a in agents], (limits or Limits()).max_request_bytes),
            {"name": "envoy.filters.http.router",
             "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}},
        ],
    }
    manager["access_log"] = [access_log()]
    if otlp:
        manager["tracing"] = tracing()
    chain = {"filters": [{"name": "envoy.filters.network.http_connection_manager", "typed_config": manager}]}
    if tls:
        chain["transport_socket"] = tls_transport_socket(*tls)
    clusters = [cluster(agent, endpoints) for agent, endpoints in agents.items()]
    if otlp:
        clusters.append(otel_cluster(otlp))
    return {
        "admin": {"address": _address(admin)},
        "static_resources": {
            "listeners": [{"name": "ingress", "address": _address(listen),
                           "per_connection_buffer_limit_bytes": (limits or Limits()).connection_buffer_bytes,
                           "filter_chains": [chain]}],
            "clusters": clusters,
        },
        "overload_manager": (limits or Limits()).overload_manager(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--admin", default="127.0.0.1:9901")
    parser.add_argument("--agent", action="append", default=[], help="name=host:port[,host:port...]")
    parser.add_argument("--out", help="write here instead of stdout")
    parser.add_argument("--tls-cert", default=os.environ.get("LEARNFLOW_ENVOY_TLS_CERT"),
                        help="PEM certificate chain: serve TLS on the listener (env LEARNFLOW_ENVOY_TLS_CERT)")
    parser.add_argument("--tls-key", default=os.environ.get("LEARNFLOW_ENVOY_TLS_KEY"),
                        help="PEM private key (env LEARNFLOW_ENVOY_TLS_KEY)")
    parser.add_argument("--otlp", default=otlp_from_env(),
                        help="host:port of an OTLP/gRPC collector for Envoy's own spans (env OTEL_EXPORTER_OTLP_ENDPOINT)")
    args = parser.parse_args()
    agents = {}
    for item in args.agent:
        name, _, endpoints = item.partition("=")
        registry.agent(name)  # unknown agent names fail here, not inside Envoy
        agents[name] = endpoints.split(",")
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    tls = (args.tls_cert, args.tls_key) if args.tls_cert else None
    text = json.dumps(render(args.listen, args.admin, agents, tls=tls, otlp=args.otlp, limits=Limits.from_env()),
                      indent=1)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
