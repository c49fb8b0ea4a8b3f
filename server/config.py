"""Configuration from environment variables (the README lists every one)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from server import registry

AGENTS = registry.AGENT_NAMES
# Default ports when the mesh runs locally (make up); tests always pick free ports instead.
DEFAULT_PORTS = {a.name: a.port for a in registry.AGENTS}
VERSION = "v1.0.0"


def env_key(agent: str) -> str:
    return registry.agent(agent).env_key


def database_url() -> str:
    url = os.environ.get("LEARNFLOW_DATABASE_URL")
    if not url:
        raise RuntimeError("LEARNFLOW_DATABASE_URL is not set (make up starts an embedded PostgreSQL and sets it)")
    return url


def agent_address(agent: str) -> str:
    """Where to reach an agent directly (bypassing Envoy), e.g. for triage -> specialist calls."""
    return os.environ.get(f"LEARNFLOW_{env_key(agent)}_ADDR", f"127.0.0.1:{DEFAULT_PORTS[agent]}")


def _float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass(frozen=True)
class Settings:
    agent: str
    listen: str
    database_url: str
    kafka_bootstrap: str | None = None
    log_level: str = "INFO"
    specialist_timeout_s: float = 20.0
    collaboration_timeout_s: float = 2.0
    jwt_secret: str = ""
    internal_secret: str = ""
    trusted_proxy_hops: int = 1
    sweep_interval_s: float = 10.0
    query_deadline_s: float = 120.0
    kafka_probe_timeout_s: float = 2.0
    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 14 * 24 * 3600
    asks_per_minute: int = 30
    submissions_per_minute: int = 20
    login_attempts_per_window: int = 5
    login_window_s: int = 300
    heartbeat_interval_s: float = 10.0
    anthropic_api_key: str | None = None
    anthropic_base_url: str | None = None
    anthropic_model: str = "claude-sonnet-4-20250514"
    anthropic_small_model: str = "claude-haiku-4-5"
    anthropic_timeout_s: float = 20.0
    anthropic_max_retries: int = 2
    instance_id: str = field(default_factory=lambda: f"{os.uname().nodename}-{os.getpid()}")

    @classmethod
    def from_env(cls, agent: str, listen: str | None = None) -> "Settings":
        return cls(
            agent=agent,
            listen=listen or os.environ.get("LEARNFLOW_LISTEN") or f"127.0.0.1:{DEFAULT_PORTS[agent]}",
            database_url=database_url(),
            kafka_bootstrap=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
            log_level=os.environ.get("LEARNFLOW_LOG_LEVEL", "INFO"),
            specialist_timeout_s=_float("LEARNFLOW_SPECIALIST_TIMEOUT_S", 20.0),
            collaboration_timeout_s=_float("LEARNFLOW_COLLABORATION_TIMEOUT_S", 2.0),
            jwt_secret=os.environ.get("LEARNFLOW_JWT_SECRET", ""),
            internal_secret=os.environ.get("LEARNFLOW_INTERNAL_SECRET", ""),
            trusted_proxy_hops=_int("LEARNFLOW_TRUSTED_PROXY_HOPS", 1),
            sweep_interval_s=_float("LEARNFLOW_SWEEP_INTERVAL_S", 10.0),
            query_deadline_s=_float("LEARNFLOW_QUERY_DEADLINE_S", 120.0),
            kafka_probe_timeout_s=_float("LEARNFLOW_KAFKA_PROBE_TIMEOUT_S", 2.0),
            access_token_ttl_s=_int("LEARNFLOW_ACCESS_TOKEN_TTL_S", 900),
            refresh_token_ttl_s=_int("LEARNFLOW_REFRESH_TOKEN_TTL_S", 14 * 24 * 3600),
            asks_per_minute=_int("LEARNFLOW_ASKS_PER_MINUTE", 30),
            submissions_per_minute=_int("LEARNFLOW_SUBMISSIONS_PER_MINUTE", 20),
            login_attempts_per_window=_int("LEARNFLOW_LOGIN_ATTEMPTS", 5),
            login_window_s=_int("LEARNFLOW_LOGIN_WINDOW_S", 300),
            heartbeat_interval_s=_float("LEARNFLOW_HEARTBEAT_INTERVAL_S", 10.0),
            anthropic_api_key=os.environ.get("ANTHROPIC_API_KEY") or None,
            anthropic_base_url=os.environ.get("ANTHROPIC_BASE_URL") or None,
            anthropic_model=os.environ.get("LEARNFLOW_CLAUDE_MODEL", "claude-sonnet-4-20250514"),
            anthropic_small_model=os.environ.get("LEARNFLOW_CLAUDE_SMALL_MODEL", "claude-haiku-4-5"),
            anthropic_timeout_s=_float("LEARNFLOW_CLAUDE_TIMEOUT_S", 20.0),
            anthropic_max_retries=_int("LEARNFLOW_CLAUDE_MAX_RETRIES", 2),
        )
