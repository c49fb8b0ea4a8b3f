"""A local server on loopback that speaks the Anthropic Messages API, for testing the Claude path with
the real SDK (pointed at it through ANTHROPIC_BASE_URL). No network, no model.

Behaviour per request comes from a queue of modes (default "ok"):
  ok         normal answer (streamed as server-sent events when the request asks to stream)
  429 / 529  rate-limited / overloaded error (retry-after: 0)
  malformed  HTTP 200 with a body that is not a Messages API response
  slow       waits longer than the client's timeout before answering
  cut        streams a little text, then drops the connection
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "claude-test-model-1"


class FakeAnthropic:
    def __init__(self, answer: str = "Claude says: a list is an ordered, changeable collection of items."):
        self.answer = answer
        self.modes: list[str] = []
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.requests.append({"path": self.path, "body": body,
                                          "headers": {k.lower(): v for k, v in self.headers.items()}})
                    mode = fake.modes.pop(0) if fake.modes else "ok"
                fake.handle(self, body, mode)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeAnthropic":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- responses -------------------------------------------------------------------------------
    def handle(self, h, body: dict, mode: str) -> None:
        if mode in ("429", "529"):
            kind = "rate_limit_error" if mode == "429" else "overloaded_error"
            return self._json(h, int(mode), {"type": "error", "error": {"type": kind, "message": kind}},
                              {"retry-after": "0"})
        if mode == "malformed":
            return self._json(h, 200, {"unexpected": "shape"}) if not body.get("stream") else self._raw_sse(
                h, "event: content_block_delta\ndata: {not json}\n\n")
        if mode == "slow":
            time.sleep(5)
        text = self.answer
        usage_in, usage_out = 42, len(text.split())
        if not body.get("stream"):
            return self._json(h, 200, {"id": "msg_fake", "type": "message", "role": "assistant", "model": MODEL,
                                       "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
                                       "stop_sequence": None,
                                       "usage": {"input_tokens": usage_in, "output_tokens": usage_out}})
        h.send_response(200)
        h.send_header("content-type", "text/event-stream")
        h.send_header("connection", "close")
        h.end_headers()

        def send(event: str, data: dict) -> None:
            h.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
            h.wfile.flush()

        send("message_start", {"type": "message_start", "message": {
            "id": "msg_fake", "type": "message", "role": "assistant", "model": MODEL, "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": usage_in, "output_tokens": 1}}})
        send("content_block_start", {"type": "content_block_start", "index": 0,
                                     "content_block": {"type": "text", "text": ""}})
        words = text.split(" ")
        for i, word in enumerate(words):
            send("content_block_delta", {"type": "content_block_delta", "index": 0,
                                         "delta": {"type": "text_delta", "text": word + ("" if i == len(words) - 1 else " ")}})
            if mode == "cut" and i == 2:
                h.close_connection = True
                h.wfile.flush()
                h.connection.shutdown(2)
                return
        send("content_block_stop", {"type": "content_block_stop", "index": 0})
        send("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                               "usage": {"output_tokens": usage_out}})
        send("message_stop", {"type": "message_stop"})

    @staticmethod
    def _json(h, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        h.send_response(status)
        h.send_header("content-type", "application/json")
        h.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    @staticmethod
    def _raw_sse(h, text: str) -> None:
        h.send_response(200)
        h.send_header("content-type", "text/event-stream")
        h.send_header("connection", "close")
        h.end_headers()
        h.wfile.write(text.encode())
