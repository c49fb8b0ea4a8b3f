"""A real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) run from the official jars.

Why this exists: DESIGN.md wants real Kafka without Docker. The jars (org.apache.kafka:kafka_2.13 and its
runtime dependencies) are fetched once by scripts/kafka/fetch.sh into $LEARNFLOW_CACHE; this module writes a
server.properties, formats the storage directory (the `kafka-storage.sh format` step, via its main class)
and launches `java -cp libs/* kafka.Kafka server.properties`, listening on 127.0.0.1 only.

Library use::

    broker = KafkaBroker()          # free ports, temporary data dir
    broker.start(timeout=60)        # returns when a client can fetch metadata
    broker.bootstrap                # "127.0.0.1:<port>"
    broker.stop()                   # SIGTERM by PID, SIGKILL after a grace period

CLI (used by `make up`/`make down`, detaches; logs to DIR/broker.log)::

    python -m bridge.broker start --port 9092 --data-dir DIR --pidfile FILE
    python -m bridge.broker stop --pidfile FILE
"""
from __future__ import annotations

import argparse
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FETCH_SCRIPT = ROOT / "scripts" / "kafka" / "fetch.sh"
STORAGE_TOOL = "kafka.tools.StorageTool"  # what bin/kafka-storage.sh runs
BROKER_MAIN = "kafka.Kafka"               # what bin/kafka-server-start.sh runs

_LOG4J2 = """\
# Written by bridge/broker.py: INFO to stdout (redirected to broker.log), noisy internals at WARN.
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
"""


# --- speed4 ---
# The JVM flags of the local broker (LEARNFLOW_KAFKA_JVM_OPTS replaces them, space-separated). A broker started
# for a mesh, a test or a bench lives minutes on a 2-core machine: C2 compiling Kafka's hot paths was about half
# of the broker's CPU per concept Ask in a 2-minute bench (the `C2 CompilerThread` threads, measured per JVM
# thread), so only the quick C1 tier compiles (-XX:TieredStopAtLevel=1), and the serial collector (one GC thread,
# no concurrent G1 workers) suits a 512 MB heap on two cores. Durability settings are untouched (acks=all, the
# same log and replication settings); a production cluster brings its own JVM flags.
DEFAULT_JVM_OPTS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")


def jvm_options() -> list[str]:
    value = os.environ.get("LEARNFLOW_KAFKA_JVM_OPTS")
    return value.split() if value is not None else list(DEFAULT_JVM_OPTS)


def free_port() -> int:
    """A port the OS says is free right now on 127.0.0.1 (bind port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_jars() -> Path:
    """Runs scripts/kafka/fetch.sh (idempotent: returns at once when the cache is complete) -> libs dir."""
    done = subprocess.run(["bash", str(FETCH_SCRIPT)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"fetching the Kafka jars failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    libs = Path(done.stdout.strip().splitlines()[-1])
    if not libs.is_dir():
        raise RuntimeError(f"fetch.sh reported {libs}, which is not a directory")
    return libs


def java_executable() -> str:
    """JAVA_HOME/bin/java when set (so a specific JDK 17 can be chosen), else `java` on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise RuntimeError("Java 17+ is required to run the Kafka broker (no `java` on PATH, JAVA_HOME unset)")
    return found


def new_cluster_id() -> str:
    """A Kafka cluster id: a random UUID in Kafka's URL-safe base64 form (what `kafka-storage random-uuid` prints)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        # kafka-storage's argument parser would read an id starting with '-' as an option (1 in 32 ids)
        if not cluster_id.startswith("-"):
            return cluster_id


def pid_alive(pid: int) -> bool:
    """True when pid exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def is_kafka_process(pid: int) -> bool:
    """Guards `stop --pidfile`: only signal a PID that is still a Kafka broker JVM (PIDs get reused)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return pid_alive(pid)  # no /proc: trust the pidfile
    return BROKER_MAIN.encode() in cmdline


def terminate(pid: int, timeout: float = 30.0, popen: subprocess.Popen | None = None) -> None:
    """SIGTERM (the broker shuts down cleanly: flushes logs, closes the controller), then SIGKILL."""
    def gone() -> bool:
        if popen is not None:
            return popen.poll() is not None
        return not pid_alive(pid)

    if gone():
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if gone():
            return
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not gone():
        time.sleep(0.05)


def can_fetch_metadata(bootstrap: str, timeout: float = 5.0) -> bool:
    """True when a Kafka client can bootstrap and read cluster metadata from `bootstrap`."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    host, _, port = bootstrap.split(",")[0].rpartition(":")
    try:  # cheap TCP check first: kafka-python logs every refused connection as an ERROR
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError:
        return False
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="learnflow-probe",
                                 request_timeout_ms=int(timeout * 1000),
                                 bootstrap_timeout_ms=int(timeout * 1000))
    except (KafkaError, OSError, ValueError):
        return False
    try:
        return bool(admin.describe_cluster().get("brokers"))
    except (KafkaError, OSError, ValueError):
        return False
    finally:
        admin.close()


class KafkaBroker:
    """One KRaft broker process. Restartable: stop() then start() reuses the ports and the formatted data."""

    def __init__(self, port: int | None = None, data_dir: Path | None = None, *,
                 controller_port: int | None = None, heap: str = "512m", node_id: int = 1,
                 voters: str | None = None, replication: int = 1, cluster_id: str | None = None):
        self.port = port
        self.controller_port = controller_port
        self.heap = heap
        self.node_id = node_id
        # Several nodes (bridge.cluster): the shared controller quorum, internal-topic replication, cluster id.
        self.voters = voters
        self.replication = replication
        self.cluster_id = cluster_id
        self._owns_data = data_dir is None
        self.data_dir = Path(data_dir) if data_dir is not None else Path(tempfile.mkdtemp(prefix="lf-kafka-"))
        self._popen: subprocess.Popen | None = None
        self._pid: int | None = None

    # --- properties --------------------------------------------------------------------------
    @property
    def bootstrap(self) -> str:
        if self.port is None:
            raise RuntimeError("the broker has no port yet: call start() first")
        return f"127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._pid

    @property
    def log_path(self) -> Path:
        return self.data_dir / "broker.log"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def running(self) -> bool:
        if self._pid is None:
            return False
        if self._popen is not None:
            return self._popen.poll() is None
        return pid_alive(self._pid)

    # --- configuration -----------------------------------------------------------------------
    def server_properties(self) -> str:
        """KRaft, broker and controller in one process: alone (sole voter, internal topics RF 1) or one node of a
        cluster (voters and replication given; min.insync.replicas = RF - 1 so one node may be down)."""
        rf, min_isr = self.replication, max(1, self.replication - 1)
        return "\n".join([
            "# Written by bridge/broker.py for a single-node local broker.",
            "process.roles=broker,controller",
            f"node.id={self.node_id}",
            f"controller.quorum.voters={self.voters or f'{self.node_id}@127.0.0.1:{self.controller_port}'}",
            f"listeners=PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{self.port}",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            f"log.dirs={self.log_dir}",
            "num.partitions=1",
            f"default.replication.factor={rf}",
            f"min.insync.replicas={min_isr}",
            f"offsets.topic.replication.factor={rf}",
            "offsets.topic.num.partitions=3",
            f"transaction.state.log.replication.factor={rf}",
            f"transaction.state.log.min.isr={min_isr}",
            "transaction.state.log.num.partitions=3",
            f"share.coordinator.state.topic.replication.factor={rf}",
            f"share.coordinator.state.topic.min.isr={min_isr}",
            # Consumers in tests and the mesh join right away instead of waiting 3 s for more members.
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true",
            # Matches the relay's max_request_size: an event the relay may send must not be refused for size.
            "message.max.bytes=8388608",
            "num.network.threads=2",
            "num.io.threads=4",
            "log.retention.hours=168",
            "",
        ])

    def _prepare(self, libs: Path) -> Path:
        """Writes server.properties/log4j2 config and formats the storage on first use."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        props = self.data_dir / "server.properties"
        props.write_text(self.server_properties())
        (self.data_dir / "log4j2.properties").write_text(_LOG4J2)
        if not (self.log_dir / "meta.properties").exists():
            cluster_id = self.cluster_id or ((self.data_dir / "cluster.id").read_text().strip()
                                             if (self.data_dir / "cluster.id").exists() else new_cluster_id())
            (self.data_dir / "cluster.id").write_text(cluster_id)
            done = subprocess.run(
                [*self._java_prefix(libs), STORAGE_TOOL, "format", "--ignore-formatted",
                 "-t", cluster_id, "-c", str(props)],
                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                raise RuntimeError(f"formatting Kafka storage failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        return props

    def _java_prefix(self, libs: Path) -> list[str]:
        return [java_executable(), f"-Xmx{self.heap}", "-Xms64m", *jvm_options(), "-Djava.awt.headless=true",
                f"-Dlog4j2.configurationFile={self.data_dir / 'log4j2.properties'}",
                f"-Dkafka.logs.dir={self.data_dir}", "-cp", f"{libs}/*"]

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self, timeout: float = 60) -> "KafkaBroker":
        """Starts the broker and returns once a client can fetch metadata (raises with the log tail otherwise)."""
        if self.running():
            return self
        self.launch()
        try:
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def launch(self) -> None:
        """Starts the process without waiting (a cluster's nodes must all start before any is ready)."""
        libs = ensure_jars()
        if self.port is None:
            self.port = free_port()
        if self.controller_port is None:
            self.controller_port = free_port()
            while self.controller_port == self.port:
                self.controller_port = free_port()
        props = self._prepare(libs)
        with open(self.log_path, "ab") as log:
            self._popen = subprocess.Popen(
                [*self._java_prefix(libs), BROKER_MAIN, str(props)], stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, cwd=self.data_dir, start_new_session=True)
        self._pid = self._popen.pid
        (self.data_dir / "broker.pid").write_text(str(self._pid))

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if not self.running():
                raise RuntimeError(f"Kafka broker exited during start-up:\n{self.log_tail()}")
            if can_fetch_metadata(self.bootstrap, timeout=2.0):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"Kafka broker not ready after {timeout:.0f}s:\n{self.log_tail()}")
            time.sleep(0.3)

    def stop(self, timeout: float = 30.0) -> None:
        """Stops the broker by PID (SIGTERM, SIGKILL fallback); removes a data dir this object created."""
        if self._pid is not None:
            terminate(self._pid, timeout, self._popen)
            if self._popen is not None:
                self._popen.wait(timeout=5)
        self._popen = None
        self._pid = None
        (self.data_dir / "broker.pid").unlink(missing_ok=True)

    def close(self) -> None:
        """stop() and, when the data dir was a temporary one made here, delete it."""
        self.stop()
        if self._owns_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no broker log)"

    def __enter__(self) -> "KafkaBroker":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


# --- CLI -------------------------------------------------------------------------------------
def _cli_start(args: argparse.Namespace) -> int:
    pidfile = Path(args.pidfile)
    if pidfile.exists():
        old = int(pidfile.read_text().strip() or 0)
        if old and pid_alive(old) and is_kafka_process(old):
            print(f"Kafka broker already running (pid {old})", file=sys.stderr)
            return 0
    broker = KafkaBroker(port=args.port, data_dir=Path(args.data_dir), controller_port=args.controller_port,
                         heap=args.heap)
    broker.start(timeout=args.timeout)
    pidfile.parent.mkdir(parents=True, exist_ok=True)
    pidfile.write_text(str(broker.pid))
    # Detach: the broker runs in its own session; this process exits and leaves it running.
    broker._popen = None
    print(broker.bootstrap)
    return 0


def _cli_stop(args: argparse.Namespace) -> int:
    pidfile = Path(args.pidfile)
    if not pidfile.exists():
        print("no pidfile: Kafka broker not running", file=sys.stderr)
        return 0
    text = pidfile.read_text().strip()
    pid = int(text) if text.isdigit() else 0
    if pid and pid_alive(pid) and is_kafka_process(pid):
        terminate(pid, timeout=args.timeout)
    pidfile.unlink(missing_ok=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bridge.broker", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start", help="start a detached broker")
    p_start.add_argument("--port", type=int, default=9092)
    p_start.add_argument("--controller-port", type=int, default=None)
    p_start.add_argument("--data-dir", required=True)
    p_start.add_argument("--pidfile", required=True)
    p_start.add_argument("--heap", default="512m")
    p_start.add_argument("--timeout", type=float, default=120)
    p_stop = sub.add_parser("stop", help="stop the broker named by a pidfile")
    p_stop.add_argument("--pidfile", required=True)
    p_stop.add_argument("--timeout", type=float, default=30)
    p_fetch = sub.add_parser("fetch", help="fetch the Kafka jars into the cache and print their directory")
    p_fetch.set_defaults(func=lambda _a: print(ensure_jars()) or 0)
    p_start.set_defaults(func=_cli_start)
    p_stop.set_defaults(func=_cli_stop)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
