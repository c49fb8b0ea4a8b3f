"""PostgreSQL text and jsonb cannot hold NUL (U+0000). Requests with NUL are refused by validation; what
is left is output we store but did not write - a student program's stdout or exception message, a
model's answer. Those are stored with each NUL escaped as the four characters \\x00 instead of failing
the whole write (and leaving a query 'processing'). Installed once, for every connection."""
from __future__ import annotations

import json
import re

import psycopg
from psycopg.types.json import set_json_dumps
from psycopg.types.string import StrDumperUnknown

ESCAPED_NUL = "\\x00"
# \u0000 in JSON text, not preceded by an escaped backslash (an odd number of backslashes before it).
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")
_installed = False


class NulEscapingStrDumper(StrDumperUnknown):
    def dump(self, obj: str):
        if "\x00" in obj:
            obj = obj.replace("\x00", ESCAPED_NUL)
        return super().dump(obj)


def _dumps(obj) -> str:
    text = json.dumps(obj)
    if "\\u0000" in text:
        text = _JSON_NUL.sub(lambda m: m.group(1) + "\\\\x00", text)
    return text


def install() -> None:
    global _installed
    if _installed:
        return
    psycopg.adapters.register_dumper(str, NulEscapingStrDumper)
    set_json_dumps(_dumps)
    _installed = True
