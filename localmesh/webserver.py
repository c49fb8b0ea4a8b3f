"""The web app's static server: serves web/dist (built by scripts/bootstrap.sh) on its own origin, and
/config.json telling the page where Envoy is (the page then calls Envoy cross-origin over gRPC-web).

    python -m localmesh.webserver [--port 8081] [--envoy-port 8080 | --envoy-url URL] [--dir web/dist]

LEARNFLOW_WEB_PORT sets the default port; LEARNFLOW_WEB_ENVOY_URL a fixed Envoy URL (otherwise the
host the browser used for this page, on the Envoy port, so localhost and 127.0.0.1 both work).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import signal
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
DEFAULT_PORT = 8081


class Handler(http.server.SimpleHTTPRequestHandler):
    envoy_url: str | None = None
    envoy_port: int = 8080

    def log_message(self, *args) -> None:   # quiet: one line per request would drown the mesh logs
        pass

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if self.path.split("?")[0] in ("/", "/index.html", "/config.json"):
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/config.json":
            host = (self.headers.get("Host") or "127.0.0.1").rsplit(":", 1)[0]
            body = json.dumps({"envoy": self.envoy_url or f"http://{host}:{self.envoy_port}"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def serve(port: int, directory: Path, envoy_port: int, envoy_url: str | None, host: str = "127.0.0.1"):
    if not (directory / "index.html").exists():
        raise SystemExit(f"{directory}/index.html is missing: build the web app with scripts/bootstrap.sh")
    handler = type("LearnFlowWeb", (Handler,), {"envoy_url": envoy_url, "envoy_port": envoy_port})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m localmesh.webserver")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LEARNFLOW_WEB_PORT", DEFAULT_PORT)))
    parser.add_argument("--host", default=os.environ.get("LEARNFLOW_WEB_HOST", "127.0.0.1"))
    parser.add_argument("--envoy-port", type=int, default=int(os.environ.get("LEARNFLOW_ENVOY_PORT", 8080)))
    parser.add_argument("--envoy-url", default=os.environ.get("LEARNFLOW_WEB_ENVOY_URL") or None)
    parser.add_argument("--dir", type=Path, default=DIST)
    args = parser.parse_args()
    server = serve(args.port, args.dir, args.envoy_port, args.envoy_url, args.host)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"web app on http://{args.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
