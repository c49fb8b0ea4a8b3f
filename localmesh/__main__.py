"""`python -m localmesh up|down|status` — what `make up` and `make down` run."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from localmesh import processes
from localmesh.mesh import ROOT, STOP_ORDER, Mesh, MeshConfig
from localmesh.postgres import stop_embedded

RUN_DIR = Path(os.environ.get("LEARNFLOW_RUN_DIR", ROOT / ".run"))


def up(args) -> int:
    processes.stop_all(RUN_DIR, ["web"] + STOP_ORDER + ["kafka"])  # a previous `make up` left running: restart cleanly
    config = MeshConfig(run_dir=RUN_DIR, envoy_port=int(os.environ.get("LEARNFLOW_ENVOY_PORT", 8080)),
                        admin_port=int(os.environ.get("LEARNFLOW_ENVOY_ADMIN_PORT", 9901)),
                        database_url=os.environ.get("LEARNFLOW_DATABASE_URL") or None,
                        kafka_bootstrap=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
                        kafka_port=int(os.environ.get("LEARNFLOW_KAFKA_PORT", 9092)),
                        web_port=int(os.environ.get("LEARNFLOW_WEB_PORT", 8081)) or None)  # 0: no web app
    # Scale an agent with more processes, each on its own port, all listed in Envoy's cluster:
    # LEARNFLOW_REPLICAS="debug=2,exercise=2" adds ports <base>+100, <base>+200, ...
    for item in filter(None, os.environ.get("LEARNFLOW_REPLICAS", "").split(",")):
        agent, _, count = item.partition("=")
        base = config.agent_ports[agent.strip()][0]
        config.agent_ports[agent.strip()] = [base + 100 * i for i in range(max(1, int(count)))]
        config.metrics_ports[agent.strip()] = [p + 1000 for p in config.agent_ports[agent.strip()]]
    mesh = Mesh(config)
    try:
        mesh.start()
    except Exception as exc:
        print(f"start-up failed: {exc}", file=sys.stderr)
        mesh.stop()
        return 1
    (RUN_DIR / "database_url").write_text(mesh.database_url)
    if mesh.kafka_bootstrap:
        (RUN_DIR / "kafka_bootstrap").write_text(mesh.kafka_bootstrap)
    if not args.no_demo:
        from localmesh.demo import run_demo

        run_demo(mesh.envoy_address)
    if mesh.web_url and "web" in mesh.procs:
        print(f"\nWeb app: {mesh.web_url}  (sign up as a student; teachers are made with python -m agents.identity.admin)")
    print(f"\nLearnFlow is up. Logs: {RUN_DIR / 'logs'}; stop everything with `make down`.")
    return 0


def down(args) -> int:
    stopped = processes.stop_all(RUN_DIR, ["web"] + STOP_ORDER + ["kafka"])
    if stop_embedded(RUN_DIR / "pgdata"):
        stopped.append("postgresql")
    print(f"stopped: {', '.join(stopped) or 'nothing was running'}")
    return 0


def status(args) -> int:
    pid_dir = RUN_DIR / "pids"
    for path in sorted(pid_dir.glob("*.pid")) if pid_dir.exists() else []:
        pid = int(path.read_text())
        print(f"{path.stem:<14} pid {pid:<8} {'running' if processes.alive(pid) else 'DEAD'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m localmesh")
    sub = parser.add_subparsers(dest="command", required=True)
    p_up = sub.add_parser("up", help="start PostgreSQL, Kafka, the agents, the relay and Envoy")
    p_up.add_argument("--no-demo", action="store_true", help="do not send the demo question")
    sub.add_parser("down", help="stop everything `up` started")
    sub.add_parser("status", help="list the processes `up` started")
    args = parser.parse_args()
    return {"up": up, "down": down, "status": status}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
