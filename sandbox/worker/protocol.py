"""Length-prefixed JSON frames used on every pipe of the sandbox.

Frames are ``4-byte big-endian length + UTF-8 JSON``.  JSON (never pickle) is used because
some frames are written by the untrusted student process: the reader must be able to parse
anything without executing it.  ``MAX_FRAME`` bounds memory a malicious writer can make the
reader allocate.
"""
import json
import os
import struct

MAX_FRAME = 8 * 1024 * 1024
_HEADER = struct.Struct(">I")


def encode(obj) -> bytes:
    """Serialise one message; lone surrogates survive because json escapes them."""
    data = json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return _HEADER.pack(len(data)) + data


def write_frame(fd: int, obj) -> None:
    """Blocking write of a whole frame to a file descriptor."""
    view = memoryview(encode(obj))
    while view:
        n = os.write(fd, view)
        view = view[n:]


class FrameReader:
    """Incremental decoder: feed bytes as they arrive, collect complete messages.

    Malformed input (bad JSON, oversize length) marks the stream ``broken`` instead of
    raising, so a hostile writer can only spoil its own channel.
    """

    def __init__(self, max_frame: int = MAX_FRAME):
        self.buf = bytearray()
        self.max_frame = max_frame
        self.broken = False

    def feed(self, data: bytes) -> list:
        if self.broken:
            return []
        self.buf += data
        out = []
        while len(self.buf) >= 4:
            (size,) = _HEADER.unpack_from(self.buf)
            if size > self.max_frame:
                self.broken = True
                self.buf.clear()
                return out
            if len(self.buf) < 4 + size:
                break
            raw = bytes(self.buf[4:4 + size])
            del self.buf[:4 + size]
            try:
                out.append(json.loads(raw.decode("ascii")))
            except (ValueError, UnicodeDecodeError):
                self.broken = True
                self.buf.clear()
                return out
        return out
