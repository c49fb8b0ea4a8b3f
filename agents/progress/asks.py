"""What a progress question asks about: report, streak, weak, strong, next or change (since last week).

A small classifier of its own (TF-IDF word + character n-grams, LogisticRegression) trained at first
use on agents/progress/questions.txt — hand-written progress questions labelled with what they ask
(the same phrasings the triage corpus seeds its progress intent with). ~150 lines train in well
under a second; an unsure answer falls back to the full report, which covers every aspect.
"""
from __future__ import annotations

import threading
from pathlib import Path

ASPECTS = ("report", "streak", "weak", "strong", "next", "change")
MIN_CONFIDENCE = 0.35
_QUESTIONS = Path(__file__).resolve().parent / "questions.txt"
_TOPICS = ("loops", "recursion", "lists", "functions", "dictionaries", "classes", "strings")
_lock = threading.Lock()
_pipeline = None


def examples() -> list[tuple[str, str]]:
    out = []
    for line in _QUESTIONS.read_text().splitlines():
        aspect, _, text = line.partition("|")
        if aspect in ASPECTS and text.strip():
            for i, topic in enumerate(_TOPICS[:3] if "{topic}" in text else _TOPICS[:1]):
                out.append((text.replace("{topic}", topic), aspect))
    return out


def _fit():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.feature_extraction.text import TfidfVectorizer

    data = examples()
    model = make_pipeline(
        make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
        LogisticRegression(C=10.0, max_iter=2000, random_state=0))
    return model.fit([t for t, _ in data], [a for _, a in data])


def aspect(question: str) -> tuple[str, float]:
    """The aspect asked about and the classifier's probability for it ('report' when unsure or empty)."""
    global _pipeline
    if not question.strip():
        return "report", 1.0
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                _pipeline = _fit()
    probs = _pipeline.predict_proba([question])[0]
    best = int(probs.argmax())
    name, p = str(_pipeline.classes_[best]), float(probs[best])
    return (name, p) if p >= MIN_CONFIDENCE else ("report", p)
