"""Background processes with PID files and log files, stopped by PID (SIGTERM, then SIGKILL)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Managed:
    name: str
    pid: int
    log: Path


def start(name: str, argv: list[str], run_dir: Path, env: dict | None = None, cwd: Path | None = None) -> Managed:
    (run_dir / "logs").mkdir(parents=True, exist_ok=True)
    (run_dir / "pids").mkdir(parents=True, exist_ok=True)
    log_path = run_dir / "logs" / f"{name}.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, cwd=cwd, start_new_session=True)
    (run_dir / "pids" / f"{name}.pid").write_text(str(proc.pid))
    return Managed(name, proc.pid, log_path)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as dead
        waited, _ = os.waitpid(pid, os.WNOHANG)
        return waited == 0
    except ChildProcessError:
        return True


def stop_pid(pid: int, timeout: float = 10.0) -> None:
    if not alive(pid):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return
        time.sleep(0.05)
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    while alive(pid):
        time.sleep(0.02)


def stop_all(run_dir: Path, order: list[str] | None = None) -> list[str]:
    pid_dir = run_dir / "pids"
    if not pid_dir.exists():
        return []
    files = {p.stem: p for p in pid_dir.glob("*.pid")}
    names = [n for n in (order or []) if n in files] + sorted(n for n in files if n not in (order or []))
    stopped = []
    for name in names:
        path = files[name]
        try:
            pid = int(path.read_text().strip())
        except ValueError:
            path.unlink(missing_ok=True)
            continue
        stop_pid(pid)
        path.unlink(missing_ok=True)
        stopped.append(name)
    return stopped


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return ""
