"""The dev debug set: exception type and student line must be exact (fast lock-in test)."""
import json
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "debug-dev.jsonl"
ROWS = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()] if DEV.exists() else []


@pytest.mark.skipif(not ROWS, reason="shared dev set not present")
@pytest.mark.parametrize("row", ROWS, ids=[r["exception"] + str(i) for i, r in enumerate(ROWS)])
def test_dev_case_type_and_line(sbx, row):
    r = sbx.run(row["code"])
    assert r.exception_type == row["exception"]
    assert r.line == row["line"]
    assert r.status in ("exception", "syntax_error")
