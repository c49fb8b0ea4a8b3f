"""Enum <-> database string mapping, read from the `(learnflow.v1.db_value)` enum value options."""
from __future__ import annotations

from functools import lru_cache

from learnflow.v1 import enums_pb2, options_pb2


@lru_cache(maxsize=None)
def _maps(enum_name: str) -> tuple[dict[int, str], dict[str, int]]:
    descriptor = enums_pb2.DESCRIPTOR.enum_types_by_name[enum_name]
    to_db, from_db = {}, {}
    for value in descriptor.values:
        db = value.GetOptions().Extensions[options_pb2.db_value]
        if db:
            to_db[value.number] = db
            from_db[db] = value.number
    return to_db, from_db


def to_db(enum_name: str, number: int) -> str | None:
    return _maps(enum_name)[0].get(number)


def from_db(enum_name: str, value: str | None) -> int:
    return _maps(enum_name)[1].get(value or "", 0)


def agent(number: int) -> str | None:
    return to_db("AgentName", number)


def agent_enum(name: str) -> int:
    return from_db("AgentName", name)
