"""Browsers reach the mesh through Envoy's gRPC-web filter, with the token as `authorization` metadata
(CORS allows it). This speaks the gRPC-web wire format over plain HTTP/1.1, as a browser does."""
from __future__ import annotations

import http.client
import struct

from learnflow.v1 import mesh_service_pb2, triage_service_pb2


def grpc_web_call(address: str, path: str, message, token: str | None, origin: str = "http://localhost:5173"):
    host, port = address.split(":")
    body = message.SerializeToString()
    frame = b"\x00" + struct.pack(">I", len(body)) + body
    headers = {"content-type": "application/grpc-web+proto", "x-grpc-web": "1", "origin": origin,
               "x-user-agent": "grpc-web-javascript/0.1"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("POST", path, body=frame, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    messages, trailers, i = [], {}, 0
    while i < len(payload):
        flag, length = payload[i], struct.unpack(">I", payload[i + 1:i + 5])[0]
        chunk = payload[i + 5:i + 5 + length]
        if flag & 0x80:
            for line in chunk.decode().split("\r\n"):
                if ":" in line:
                    k, v = line.split(":", 1)
                    trailers[k.strip().lower()] = v.strip()
        else:
            messages.append(chunk)
        i += 5 + length
    status = trailers.get("grpc-status", response.getheader("grpc-status"))
    return response, messages, status, trailers


def test_cors_preflight_allows_the_authorization_header(mesh):
    host, port = mesh.envoy_address.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("OPTIONS", "/learnflow.v1.TriageService/Ask", headers={
        "origin": "http://localhost:5173", "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type,x-grpc-web"})
    response = conn.getresponse()
    response.read()
    assert response.status == 200
    allowed = response.getheader("access-control-allow-headers", "")
    assert "authorization" in allowed and "x-grpc-web" in allowed
    assert "grpc-status" in response.getheader("access-control-expose-headers", "")


def test_grpc_web_unary_with_token(mesh, client):
    response, messages, status, _ = grpc_web_call(mesh.envoy_address, "/learnflow.v1.MeshService/Echo",
                                                  mesh_service_pb2.EchoRequest(message="hello browser"), client.token)
    assert response.status == 200 and status == "0"
    assert mesh_service_pb2.EchoResponse.FromString(messages[0]).message == "hello browser"
    assert response.getheader("access-control-allow-origin") == "http://localhost:5173"


def test_grpc_web_without_token_is_unauthenticated(mesh):
    _, messages, status, trailers = grpc_web_call(mesh.envoy_address, "/learnflow.v1.MeshService/Echo",
                                                  mesh_service_pb2.EchoRequest(message="x"), None)
    assert status == "16" and not messages  # UNAUTHENTICATED


def test_grpc_web_server_streaming_ask(mesh, client):
    _, messages, status, _ = grpc_web_call(mesh.envoy_address, "/learnflow.v1.TriageService/AskStream",
                                           triage_service_pb2.AskStreamRequest(query_text="What is a generator?"),
                                           client.token)
    assert status == "0"
    events = [triage_service_pb2.AskStreamResponse.FromString(m) for m in messages]
    kinds = [e.WhichOneof("event") for e in events]
    assert kinds[0] == "routing" and kinds[-1] == "final" and "text_chunk" in kinds
