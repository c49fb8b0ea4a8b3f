"""Builds the triage training corpus (agents/triage/corpus/train.jsonl) from hand-written seeds.

Seeds (agents/triage/corpus/seeds/*.txt) are student messages written by hand in many phrasings,
one per line, optionally prefixed by what is attached to them (`buggy|`, `working|`, `tb|`) or, for
follow-ups, by the follow-up form (`simpler|`). Augmentation is principled and seeded, so the
corpus is the same on every machine:
- slot filling: {topic}/{topic2} take names from a pool of ~50 Python topics, spelled as students do;
- surface noise: casing, punctuation, greetings and sign-offs, a context sentence that makes a
  one-liner a paragraph, and keyboard typos (dropped, doubled, swapped or neighbouring letters);
- attachments: a buggy or working snippet in the code field, a pasted traceback in the message;
- conversation: non-follow-ups get a random previous-turn intent (so the model learns it matters
  little for them); follow-ups are labelled with the intent of the turn they follow (carry.py);
- templates (corpus_templates.py): brief follow-ups and brief requests generated from general sentence
  shapes and vocabulary pools, each after every kind of previous turn.
Each message keeps the id of its seed, so the held-out split can keep all variants of a seed on one
side (otherwise a typo'd copy of a training sentence would count as "unseen").

Run: .venv/bin/python -m agents.triage.corpus_build   (also done by `make train`)
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from agents.triage import features
from agents.triage.carry import follow_up_intent
from agents.triage.corpus_templates import BRIEF_REQUEST_TEMPLATES, FOLLOW_UP_TEMPLATES, fill
from agents.triage.corpus_pools import (BUGGY, CONTEXT_SENTENCES, ERROR_LINES, PREFIXES, SUFFIXES, TOPICS,
                                        TRACEBACKS, WORKING)

HERE = Path(__file__).resolve().parent / "corpus"
SEEDS = HERE / "seeds"
OUT = HERE / "train.jsonl"
INTENTS = ("concepts", "debug", "code_review", "exercise", "progress")
PREVS = ("none",) + INTENTS
SEED = 20261202
# Variants per seed, so each intent ends with roughly the same number of messages.
VARIANTS = {"concepts": 4, "debug": 4, "code_review": 6, "exercise": 8, "progress": 5}
_KEYS = "qwertyuiop asdfghjkl zxcvbnm"
_ATTACHMENT_PREFIXES = ("buggy", "working", "tb", "none")
# Progress seeds carry what they ask about (the progress agent has its own copy for its answers).
ASPECTS = ("report", "streak", "weak", "strong", "next", "change")


def _neighbour(ch: str) -> str:
    row = next((r for r in _KEYS.split() if ch in r), None)
    if row is None:
        return ch
    i = row.index(ch)
    return row[i - 1] if i and (i == len(row) - 1 or ord(ch) % 2) else row[min(i + 1, len(row) - 1)]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "near"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + _neighbour(word[i].lower()) + word[i + 1:]


def noise(text: str, rng: random.Random) -> str:
    """Surface variation a student's hands add; never changes what is asked."""
    if not text:
        return text
    words = text.split(" ")
    if rng.random() < 0.35:
        for _ in range(rng.choice((1, 1, 2))):
            j = rng.randrange(len(words))
            words[j] = typo(words[j], rng)
    text = " ".join(words)
    r = rng.random()
    if r < 0.2:
        text = text.lower()
    elif r < 0.24:
        text = text.upper()
    elif r < 0.4:
        text = text[:1].upper() + text[1:]
    r = rng.random()
    if r < 0.3:
        text = text.rstrip("?.!")
    elif r < 0.4:
        text = text.rstrip("?.!") + rng.choice(("??", "?!", "...", " ?"))
    if rng.random() < 0.15:
        text = rng.choice(PREFIXES) + text[:1].lower() + text[1:]
    if rng.random() < 0.15:
        text = text + rng.choice(SUFFIXES)
    if rng.random() < 0.08:
        text = rng.choice(CONTEXT_SENTENCES) + " " + text
    return text


def _fill(text: str, rng: random.Random) -> str:
    first = rng.choice(TOPICS)
    second = rng.choice([t for t in TOPICS if t != first])
    return text.replace("{topic2}", second).replace("{topic}", first)


def _attach(kind: str, intent: str, text: str, rng: random.Random) -> dict:
    item: dict = {"text": text}
    if kind == "buggy":
        item["code"] = rng.choice(BUGGY)
        r = rng.random()
        if r < 0.15:
            item["text"] = (text + " " + rng.choice(ERROR_LINES)).strip()
        elif r < 0.35 and intent == "debug":      # the whole traceback pasted under the question
            item["text"] = (text + "\n" + rng.choice(TRACEBACKS)).strip()
    elif kind == "working":
        item["code"] = rng.choice(WORKING if intent != "code_review" or rng.random() < 0.8 else BUGGY)
    elif kind == "tb":
        tb = rng.choice(TRACEBACKS)
        r = rng.random()
        if r < 0.5:
            item["text"] = (text + "\n" + tb).strip()
        elif r < 0.75:
            item["code"] = tb
        else:
            item["text"] = (text + "\n" + tb).strip()
            item["code"] = rng.choice(BUGGY)
    elif kind == "none" and intent == "debug" and rng.random() < 0.2:
        item["text"] = (text + " " + rng.choice(ERROR_LINES)).strip()
    return item


def _parse(line: str) -> tuple[str, str]:
    head, sep, rest = line.partition("|")
    if sep and head in _ATTACHMENT_PREFIXES + FOLLOW_UPS + ASPECTS:
        return head, rest
    return "none", line


FOLLOW_UPS = features.FOLLOW_UPS[1:]


def build() -> list[dict]:
    rng = random.Random(SEED)
    items: list[dict] = []
    for intent in INTENTS:
        lines = [ln for ln in (SEEDS / f"{intent}.txt").read_text().splitlines()]
        for n, line in enumerate(lines):
            kind, text = _parse(line)
            for _ in range(VARIANTS[intent]):
                body = noise(_fill(text, rng), rng)
                item = _attach(kind if kind in ("buggy", "working", "tb") else "none", intent, body, rng)
                item.update(intent=intent, prev=rng.choice(PREVS[:1] * 5 + PREVS[1:]), follow_up="none",
                            seed=f"{intent}:{n}")
                items.append(item)
    for n, line in enumerate((SEEDS / "follow_ups.txt").read_text().splitlines()):
        form, text = _parse(line)
        prevs = ("none", "concepts", "debug", "code_review", "exercise", "progress")
        if form == "prevention":
            prevs = ("none", "debug", "debug", "concepts", "code_review")
        for prev in prevs:
            for _ in range(2 if form in ("harder", "easier") else 1):
                body = noise(_fill(text, rng), rng)
                items.append({"text": body, "intent": follow_up_intent(form, prev, text), "prev": prev,
                              "follow_up": form, "seed": f"follow_ups:{n}"})
    items.extend(_templated())
    return items


def _templated() -> list[dict]:
    """Brief follow-ups and brief requests from general templates (corpus_templates.py), one seed per template,
    every template after every kind of previous turn. Its own random stream, so the seeded items above stay
    the same when templates are added."""
    rng = random.Random(SEED + 1)
    items: list[dict] = []
    for n, (form, template) in enumerate(FOLLOW_UP_TEMPLATES):
        for prev in PREVS:
            for _ in range(2):
                body = noise(fill(template, rng), rng)
                items.append({"text": body, "intent": follow_up_intent(form, prev, body), "prev": prev,
                              "follow_up": form, "seed": f"templates:follow_up:{n}"})
    for n, (intent, kind, template) in enumerate(BRIEF_REQUEST_TEMPLATES):
        for prev in PREVS:
            for _ in range(2):
                item = _attach(kind, intent, noise(fill(template, rng), rng), rng)
                item.update(intent=intent, prev=prev, follow_up="none", seed=f"templates:request:{n}")
                items.append(item)
    return items


def main() -> None:
    items = build()
    OUT.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items))
    counts: dict[str, int] = {}
    for i in items:
        counts[i["intent"]] = counts.get(i["intent"], 0) + 1
    print(f"wrote {len(items)} messages to {OUT.relative_to(HERE.parent.parent.parent)}: {counts}")


if __name__ == "__main__":
    main()
