"""Background processes with PID files and log files, stopped by PID (SIGTERM, then SIGKILL)."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bridge.broker import free_port, pid_alive  # one implementation of each, shared with the broker

__all__ = ["Managed", "alive", "free_port", "start", "stop_all", "stop_pid", "tail"]


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
    try:  # reap it first if it is an exited child of ours, so it does not linger as a zombie
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    return pid_alive(pid)


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
