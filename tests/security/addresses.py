"""A plain TCP relay that connects to its target from a chosen loopback source address (127.0.0.x), so
tests can reach Envoy as clients on different addresses - Envoy then reports that address in
x-forwarded-for exactly as it would for clients on different machines."""
from __future__ import annotations

import socket
import threading


class SourceAddressRelay:
    def __init__(self, target: tuple[str, int], source_ip: str):
        self.target = target
        self.source_ip = source_ip
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.address = f"127.0.0.1:{self.listener.getsockname()[1]}"
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.socket()
            upstream.bind((self.source_ip, 0))
            upstream.connect(self.target)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def close(self) -> None:
        self._closed = True
        self.listener.close()
        for sock in self._sockets:
            sock.close()
