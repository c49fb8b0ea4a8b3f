"""A replicated Kafka cluster on this machine: N KRaft nodes (each broker + controller, one shared voter
quorum) from the same jars as bridge.broker, on free ports, for tests of what a production cluster
(Strimzi, 3 brokers) guarantees: RF 3, min.insync.replicas 2, one node lost and back without losing or
double-applying an event.

    cluster = KafkaCluster(3, data_dir).start()
    cluster.bootstrap                # "127.0.0.1:a,127.0.0.1:b,127.0.0.1:c"
    cluster.kill(1); cluster.restart(1)
    cluster.stop()
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from bridge.broker import KafkaBroker, can_fetch_metadata, new_cluster_id


def distinct_free_ports(count: int) -> list[int]:
    """`count` different free ports: all sockets stay bound until every port is chosen."""
    import socket

    socks = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return [sock.getsockname()[1] for sock in socks]
    finally:
        for sock in socks:
            sock.close()


class KafkaCluster:
    def __init__(self, size: int, data_dir: Path, heap: str = "384m"):
        ports = distinct_free_ports(2 * size)
        self.cluster_id = new_cluster_id()
        voters = ",".join(f"{i + 1}@127.0.0.1:{ports[size + i]}" for i in range(size))
        self.nodes = [KafkaBroker(port=ports[i], controller_port=ports[size + i], data_dir=Path(data_dir) / f"node-{i + 1}",
                                  heap=heap, node_id=i + 1, voters=voters, replication=min(size, 3),
                                  cluster_id=self.cluster_id)
                      for i in range(size)]

    @property
    def bootstrap(self) -> str:
        return ",".join(node.bootstrap for node in self.nodes)

    def start(self, timeout: float = 180) -> "KafkaCluster":
        """Launches every node, then waits until the cluster reports all of them as brokers."""
        try:
            for node in self.nodes:
                node.launch()
            self.wait_all_brokers(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_all_brokers(self, timeout: float) -> None:
        from kafka import KafkaAdminClient
        from kafka.errors import KafkaError

        deadline = time.monotonic() + timeout
        while True:
            for node in self.nodes:
                if not node.running():
                    raise RuntimeError(f"Kafka node {node.node_id} exited:\n{node.log_tail()}")
            if all(can_fetch_metadata(node.bootstrap, timeout=2.0) for node in self.nodes):
                try:  # every node answers; now the cluster must count them all as brokers
                    admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=3000)
                    try:
                        if len(admin.describe_cluster().get("brokers", [])) == len(self.nodes):
                            return
                    finally:
                        admin.close()
                except (KafkaError, OSError):
                    pass
            if time.monotonic() > deadline:
                raise TimeoutError("Kafka cluster not complete:\n" + "\n".join(n.log_tail(10) for n in self.nodes))
            time.sleep(0.5)

    def kill(self, index: int) -> None:
        """SIGKILL one node (no clean shutdown: what a crashed machine looks like to the others)."""
        node = self.nodes[index]
        os.kill(node.pid, signal.SIGKILL)
        node.stop(timeout=10)  # reaps it

    def restart(self, index: int, timeout: float = 180) -> None:
        self.nodes[index].launch()
        self.wait_all_brokers(timeout)

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
