"""Renders the Envoy configuration: one listener, a route per gRPC service, a cluster per agent.

`python envoy/render_config.py --listen 127.0.0.1:8080 --admin 127.0.0.1:9901 --agent triage=127.0.0.1:50051 ...`
prints the config (JSON, which Envoy reads as YAML). An agent may be listed with several endpoints
(`--agent debug=127.0.0.1:50054,127.0.0.1:50064`) to scale it with more processes.

- native gRPC (HTTP/2) and gRPC-web (browsers) on the same port, CORS allowing the authorization header
  for an allow-list of origins (LEARNFLOW_CORS_ORIGINS, comma list; default: http(s)://localhost and
  127.0.0.1 on any port) - an origin is never reflected;
- Envoy is the edge: it appends the client's real address to x-forwarded-for (use_remote_address) and
  trusts LEARNFLOW_ENVOY_XFF_TRUSTED_HOPS (default 0) client-supplied entries; agents read the client
  address LEARNFLOW_TRUSTED_PROXY_HOPS (default 1) entries from the right;
- no route timeout (streams are never cut); the client's grpc-timeout is honoured as the deadline;
- unary routes retry only failures that never reached an agent (safe for writes); streaming routes never retry;
- active gRPC health checks per cluster, so a stopped or draining agent stops receiving traffic;
- the internal caller headers are stripped at the edge (agents also verify their HMAC signature);
- reflection and health are answered by the mesh agent (every agent can describe the whole package).
"""
from __future__ import annotations

import argparse
import json
import os
import re

SERVICES = {
    "TriageService": "triage", "ConceptsService": "concepts", "CodeReviewService": "code-review",
    "DebugService": "debug", "ExerciseService": "exercise", "ProgressService": "progress",
    "IdentityService": "identity", "MeshService": "mesh",
}
STREAMING_METHODS = {
    "TriageService": ["AskStream"], "ConceptsService": ["ExplainStream"], "CodeReviewService": ["ReviewCodeStream"],
    "DebugService": ["DiagnoseStream"], "ExerciseService": ["SubmitSolutionStream"],
}
SAFE_RETRY_ON = "connect-failure,refused-stream,reset-before-request"


def _route(match: dict, cluster: str, retry: bool) -> dict:
    route = {"cluster": cluster, "timeout": "0s", "max_stream_duration": {"grpc_timeout_header_max": "0s"}}
    if retry:
        route["retry_policy"] = {"retry_on": SAFE_RETRY_ON, "num_retries": 2,
                                 "retry_host_predicate": [{"name": "envoy.retry_host_predicates.previous_hosts",
                                                           "typed_config": {"@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"}}],
                                 "host_selection_retry_max_attempts": 3}
    return {"match": match, "route": route}


def routes(present: set[str]) -> list[dict]:
    out = []
    for service, agent in SERVICES.items():
        if agent not in present:
            continue
        for method in STREAMING_METHODS.get(service, []):
            out.append(_route({"path": f"/learnflow.v1.{service}/{method}"}, agent, retry=False))
        out.append(_route({"prefix": f"/learnflow.v1.{service}/"}, agent, retry=True))
    meta = "mesh" if "mesh" in present else sorted(present)[0]
    out.append(_route({"prefix": "/grpc.reflection."}, meta, retry=False))
    out.append(_route({"prefix": "/grpc.health.v1.Health/"}, meta, retry=True))
    return out


def _address(hostport: str) -> dict:
    host, _, port = hostport.rpartition(":")
    return {"socket_address": {"address": host or "127.0.0.1", "port_value": int(port)}}


def cluster(agent: str, endpoints: list[str]) -> dict:
    service = next(s for s, a in SERVICES.items() if a == agent)
    return {
        "name": agent,
        "type": "STATIC",
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
            "grpc_health_check": {"service_name": f"learnflow.v1.{service}"},
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


def render(listen: str, admin: str, agents: dict[str, list[str]]) -> dict:
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
        "generate_request_id": True,
        # Envoy is the edge: the address it saw is appended to x-forwarded-for; client entries are not trusted.
        "use_remote_address": True,
        "xff_num_trusted_hops": int(os.environ.get("LEARNFLOW_ENVOY_XFF_TRUSTED_HOPS", "0")),
        "route_config": {"name": "learnflow", "virtual_hosts": [{
            "name": "learnflow", "domains": ["*"],
            "request_headers_to_remove": INTERNAL_HEADERS,
            "typed_per_filter_config": {"envoy.filters.http.cors": cors},
            "routes": routes(set(agents)),
        }]},
        "http_filters": [
            {"name": "envoy.filters.http.grpc_web",
             "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.http.grpc_web.v3.GrpcWeb"}},
            {"name": "envoy.filters.http.cors",
             "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors"}},
            {"name": "envoy.filters.http.router",
             "typed_config": {"@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}},
        ],
    }
    return {
        "admin": {"address": _address(admin)},
        "static_resources": {
            "listeners": [{"name": "ingress", "address": _address(listen), "filter_chains": [{"filters": [
                {"name": "envoy.filters.network.http_connection_manager", "typed_config": manager}]}]}],
            "clusters": [cluster(agent, endpoints) for agent, endpoints in agents.items()],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--admin", default="127.0.0.1:9901")
    parser.add_argument("--agent", action="append", default=[], help="name=host:port[,host:port...]")
    parser.add_argument("--out", help="write here instead of stdout")
    args = parser.parse_args()
    agents = {}
    for item in args.agent:
        name, _, endpoints = item.partition("=")
        agents[name] = endpoints.split(",")
    text = json.dumps(render(args.listen, args.admin, agents), indent=1)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
