"""Triage model on the dev set: accuracy, confusion matrix, misses, classify p50/p99 microseconds (warm
model), and the held-out accuracy of the trained model (a stratified 20 % split of the hand-written-seed part of
the corpus; template-generated messages always train).

Run: .venv/bin/python bench/triage_eval.py [path/to/set.jsonl]   (part of `make eval`)
Items may carry "prev" (the previous turn's intent), which is passed to classify().
bench/triage_heldout2.jsonl is a second held-out set written by hand before the round-2 model changes and
never tuned on: `.venv/bin/python bench/triage_eval.py bench/triage_heldout2.jsonl`.
The dev set lives beside the repo (../shared/eval/triage-dev.jsonl) and is only read, never copied.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.triage import model as triage_model  # noqa: E402
from agents.triage.classifier import INTENTS, classify  # noqa: E402

DEV = ROOT / ".." / "shared" / "eval" / "triage-dev.jsonl"


def main(path: Path) -> int:
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    confusion: Counter = Counter()
    misses, high_conf, high_conf_right, results = [], 0, 0, []
    for item in items:
        result = classify(item["text"], item.get("code"), item.get("prev"))
        results.append(result)
        confusion[(item["intent"], result.intent)] += 1
        high_conf += result.confidence >= 0.8
        high_conf_right += result.confidence >= 0.8 and result.intent == item["intent"]
        if result.intent != item["intent"]:
            misses.append((item, result))
    correct = sum(v for (gold, got), v in confusion.items() if gold == got)
    print(f"accuracy: {correct}/{len(items)} = {100 * correct / len(items):.1f}%")
    print(f"confidence >= 0.8 on {high_conf} items, {high_conf_right} of them right")
    print("per intent: " + ", ".join(
        f"{gold} {confusion[(gold, gold)]}/{sum(confusion[(gold, g)] for g in INTENTS)}" for gold in INTENTS))
    with_prev = [(item, r) for item, r in zip(items, results) if item.get("prev")]
    if with_prev:
        print(f"messages with a previous turn: {sum(r.intent == i['intent'] for i, r in with_prev)}/{len(with_prev)} right")
    width = max(len(i) for i in INTENTS) + 2
    print("\nconfusion (rows = gold, columns = predicted)")
    print(" " * width + "".join(i[:11].rjust(12) for i in INTENTS))
    for gold in INTENTS:
        print(gold.ljust(width) + "".join(str(confusion[(gold, got)]).rjust(12) for got in INTENTS))
    print("\nmisses:" if misses else "\nmisses: none")
    for item, result in misses:
        print(f"  gold={item['intent']} got={result.intent} conf={result.confidence:.2f} :: {item['text'][:90]!r}")
        print(f"    {result.reasoning}")
    calls = [(i["text"], i.get("code"), i.get("prev")) for i in items]
    rounds = 100
    times = []
    for _ in range(rounds):
        for text, code, prev in calls:
            started = time.perf_counter()
            classify(text, code, prev)
            times.append((time.perf_counter() - started) * 1e6)
    times.sort()
    print(f"\nclassify latency (warm model): p50 {times[len(times) // 2]:.0f} us, "
          f"p99 {times[int(len(times) * 0.99)]:.0f} us, mean {sum(times) / len(times):.0f} us ({len(times)} calls)")
    holdout = triage_model.get().meta.get("holdout", {})
    if holdout:
        total = triage_model.get().meta["messages"]
        print(f"held-out accuracy (stratified by intent, split by seed: {holdout['n']} of {total} corpus messages):"
              f" {100 * holdout['accuracy']:.1f}%; per intent "
              + ", ".join(f"{k} {100 * v:.1f}%" for k, v in holdout["per_intent"].items())
              + f"; follow-up form {100 * holdout['follow_up_accuracy']:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV))
