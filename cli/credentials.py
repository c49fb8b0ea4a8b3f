"""Where the CLI keeps its session: $XDG_CONFIG_HOME/learnflow/credentials.json (mode 600, directory 700).

It holds the address, e-mail, the access token with its expiry and the refresh token (rotated on every
refresh, so each new pair is written back), plus the last session and answer ids (`ask --continue`,
`rate`)."""
from __future__ import annotations

import json
import os
from pathlib import Path


def config_path() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "learnflow" / "credentials.json"


def load() -> dict:
    try:
        data = json.loads(config_path().read_text())
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(data: dict) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)  # never a half-written file, even if interrupted


def update(**fields) -> dict:
    data = load()
    data.update(fields)
    save(data)
    return data


def save_tokens(tokens, **fields) -> dict:
    """A TokenPair (from Login or Refresh) into the file, with any other fields (address, email)."""
    expires = tokens.access_expires_at.seconds if tokens.HasField("access_expires_at") else 0
    return update(access_token=tokens.access_token, refresh_token=tokens.refresh_token,
                  access_expires_at=expires, **fields)
