"""The baseline of `make bench`: a bare grpc.aio server answering MeshService/Echo with no interceptors,
no database, no telemetry — what one Python gRPC call costs on this machine before any LearnFlow work.

  python bench/bare_echo.py --listen 127.0.0.1:PORT

It also serves grpc.health.v1 so Envoy's active health check admits it like any agent.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generated"))

import grpc  # noqa: E402
from grpc_health.v1 import health, health_pb2, health_pb2_grpc  # noqa: E402
from learnflow.v1 import mesh_service_pb2 as pb, mesh_service_pb2_grpc as pb_grpc  # noqa: E402


class BareEcho(pb_grpc.MeshServiceServicer):
    async def Echo(self, request, context):
        return pb.EchoResponse(message=request.message)


async def serve(listen: str) -> None:
    server = grpc.aio.server()
    pb_grpc.add_MeshServiceServicer_to_server(BareEcho(), server)
    checker = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(checker, server)
    server.add_insecure_port(listen)
    await server.start()
    for name in ("learnflow.v1.MeshService", ""):
        await checker.set(name, health_pb2.HealthCheckResponse.SERVING)
    await server.wait_for_termination()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--listen", required=True)
    asyncio.run(serve(parser.parse_args().listen))
