"""The warm ruff (agents/code_review/ruff_server.py, a real `ruff server` process) says exactly what the command line
says, from several threads at once, and a review still gets ruff's findings when the server has died."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from agents.code_review import ruff_engine, ruff_server
from agents.code_review.analyzer import review

SNIPPETS = [
    "import os\ndef f(x=[]):\n    return eval(x)\n",
    "name = 'José'   # naïve café\nif name == 'é' or 'ü':\n    print( name )\nlist = [1,2]\n",
    "def total(xs):\n    t = 0\n    for i in range(len(xs)):\n        t = t + xs[i]\n    return t\n",
    "import requests\n\n\ndef get(u):\n    return requests.get(u, verify=False)\n",
    "x = {'a': 1}\nfor k in x.keys():\n    print('%s' % k)\nif x.has_key == True: pass\n",
    "emoji = '😀😀'; y = dict()   \nz = [a for a in [1, 2]]\n",
]


def _cli(code: str) -> list:
    return ruff_engine._finish_cli(ruff_engine._popen(), code)


@pytest.mark.parametrize("code", SNIPPETS)
def test_server_and_command_line_agree_exactly(code):
    pending = ruff_engine.start(code)
    assert pending.future is not None, "the warm server should answer this review"
    assert ruff_engine.finish(pending, code) == _cli(code)


def test_concurrent_reviews_each_get_their_own_answer():
    codes = SNIPPETS * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda c: ruff_engine.finish(ruff_engine.start(c), c), codes))
    assert answers == [_cli(c) for c in codes]


def test_a_dead_server_falls_back_to_the_command_line_and_is_replaced():
    code = SNIPPETS[0]
    first = ruff_server.get(ruff_engine._binary())
    pending = ruff_engine.start(code)
    first.proc.kill()
    first.proc.wait(timeout=5)
    assert ruff_engine.finish(pending, code) == _cli(code)   # answered by `ruff check -` this time
    assert {f.code for f in review(code).findings} >= {"B006", "S307"}
    second = ruff_server.get(ruff_engine._binary())
    assert second is not first and second.alive and second.proc.poll() is None


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("LEARNFLOW_RUFF_SERVER", "0")
    pending = ruff_engine.start(SNIPPETS[2])
    assert pending.proc is not None and pending.future is None
    assert ruff_engine.finish(pending, SNIPPETS[2]) == _cli(SNIPPETS[2])
