"""GetEventBacklog with Kafka away (issue 14, item 9): the outbox figures come back within the caller's
deadline with kafka_available = false, instead of a 30 s hang on the Kafka admin client. Kafka is away in
two ways: nothing listening, and a 'broker' that accepts connections but never answers."""
from __future__ import annotations

import socket

import pytest
from learnflow.v1 import mesh_service_pb2, mesh_service_pb2_grpc

from localmesh.processes import free_port, stop_pid
from tests.conftest import spawn_agent


@pytest.fixture
def silent_broker():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # connections complete in the kernel; nothing ever reads or answers
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


@pytest.mark.parametrize("kind", ["closed-port", "silent-broker"])
def test_backlog_answers_within_the_deadline(mesh, client, silent_broker, kind):
    bootstrap = f"127.0.0.1:{free_port()}" if kind == "closed-port" else silent_broker
    channel, pid = spawn_agent(mesh, "mesh", KAFKA_BOOTSTRAP_SERVERS=bootstrap)
    try:
        stub = mesh_service_pb2_grpc.MeshServiceStub(channel)
        for _ in range(3):  # a probe still running from the previous call is not started again
            reply = stub.GetEventBacklog(mesh_service_pb2.GetEventBacklogRequest(), metadata=client.metadata,
                                         timeout=4)
            assert not reply.kafka_available and reply.kafka_error
            assert not reply.consumer_lag
            assert reply.unsent >= 0
    finally:
        channel.close()
        stop_pid(pid)


def test_backlog_reports_kafka_when_it_is_there(mesh, client):
    reply = client.mesh.GetEventBacklog(mesh_service_pb2.GetEventBacklogRequest(), metadata=client.metadata,
                                        timeout=10)
    assert reply.kafka_available == bool(mesh.kafka_bootstrap)
