"""The trained triage model at run time: the linear decision computed directly from the fitted arrays.

sklearn's transform/predict_proba validate and build sparse matrices on every call (hundreds of
microseconds); here one message costs a few dict look-ups per n-gram and a handful of small numpy
gathers, i.e. tens of microseconds. tests/engines/test_triage_model.py checks that the numbers
equal sklearn's predict_proba on the same fitted model.
"""
from __future__ import annotations

import math
import pickle
import re
import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np

from agents.triage import carry
from agents.triage import features as F
from agents.triage.spelling import Speller
from agents.triage.follow_up_shape import brief_without_topic, looks_like_follow_up

_TOKEN = re.compile(F.WORD_TOKEN)
_SPACES = re.compile(r"\s\s+")
# Words too common to explain a decision on their own (a cue made only of these is not shown).
_PLAIN = frozenset("a an the i me my is are it this that to of for in on and or can could would you u do does "
                   "what how so be with".split())


@dataclass(frozen=True)
class Scored:
    intent: str
    probabilities: dict[str, float]
    follow_up: str
    follow_up_probability: float
    cues: tuple[str, ...]          # the n-grams and flags that pushed the top intent over the second
    model_probabilities: dict[str, float] | None = None   # the intent head alone (before the follow-up carry)


def word_grams(text: str) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    grams = list(tokens)
    lo, hi = F.WORD_NGRAMS
    for n in range(max(lo, 2), hi + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_grams(text: str) -> list[str]:
    """sklearn's char_wb analyzer: n-grams inside each whitespace-separated word padded with spaces."""
    lo, hi = F.CHAR_NGRAMS
    grams: list[str] = []
    for w in _SPACES.sub(" ", text.lower()).split():
        w = f" {w} "
        length = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            grams.append(w[0:n])
            while offset + n < length:
                offset += 1
                grams.append(w[offset:offset + n])
            if offset == 0:
                break
    return grams


def _tfidf(grams: list[str], vocab: dict, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    counts = Counter(grams)
    known = [(vocab[g], c) for g, c in counts.items() if g in vocab]
    if not known:
        return np.empty(0, dtype=np.intp), np.empty(0)
    idx = np.array([i for i, _ in known], dtype=np.intp)
    tf = np.array([1.0 + math.log(c) if c > 1 else 1.0 for _, c in known])
    values = tf * idf[idx]
    return idx, values / np.sqrt(values @ values)


class TriageModel:
    def __init__(self, artifact: dict):
        self.meta = artifact.get("meta", {})
        self.word_vocab, self.word_idf = artifact["word_vocab"], artifact["word_idf"]
        self.char_vocab, self.char_idf = artifact["char_vocab"], artifact["char_idf"]
        nw, nc = len(self.word_idf), len(self.char_idf)
        self.classes = artifact["intent_classes"]
        self.follow_classes = artifact["follow_classes"]
        # Both heads side by side (5 intent + 9 follow-up columns), split into the word, char and flag
        # blocks and transposed, so one gather per block scores both heads.
        both = np.hstack([artifact["intent_coef"].T, artifact["follow_coef"].T])
        self.k = len(self.classes)
        self.cw, self.cc, self.cf = (np.ascontiguousarray(both[:nw]), np.ascontiguousarray(both[nw:nw + nc]),
                                     np.ascontiguousarray(both[nw + nc:]))
        self.bias = np.concatenate([artifact["intent_bias"], artifact["follow_bias"]])
        self.word_names = {v: k for k, v in self.word_vocab.items()}
        self.none_form = self.follow_classes.index("none")
        self.speller = Speller(artifact["spell_known"], artifact["spell_index"])

    def score(self, text: str, code: str | None = None, prev: str | None = None) -> Scored:
        body = F.message_text(text)
        wi, wv = _tfidf(word_grams(self.speller.correct_text(body)), self.word_vocab, self.word_idf)
        ci, cv = _tfidf(char_grams(body), self.char_vocab, self.char_idf)
        fl = np.array(F.flags(text, code, prev))
        logits = wv @ self.cw[wi] + cv @ self.cc[ci] + fl @ self.cf + self.bias
        raw, fprobs = _softmax(logits[:self.k]), _softmax(logits[self.k:])
        probs = raw
        if prev in F.INTENTS and self._carries(body, fprobs):
            probs = np.array(carry.combine(self.classes, raw, self.follow_classes, fprobs, prev, body))
        order = np.argsort(-probs)
        top, second = int(order[0]), int(order[1])
        fu = int(np.argmax(fprobs))
        return Scored(self.classes[top], {c: float(p) for c, p in zip(self.classes, probs)},
                      self.follow_classes[fu], float(fprobs[fu]), self._cues(top, second, wi, wv, fl),
                      {c: float(p) for c, p in zip(self.classes, raw)})

    def _carries(self, body: str, fprobs: np.ndarray) -> bool:
        """The previous turn decides through carry.combine when the message reads as a follow-up: by its shape,
        or (brief, no subject of its own) when the follow-up head finds a follow-up form more likely than none."""
        if looks_like_follow_up(body):
            return True
        return brief_without_topic(body) and fprobs[self.none_form] < 0.5

    def _cues(self, top: int, second: int, wi, wv, fl) -> tuple[str, ...]:
        """Words and flags ranked by how much they favour the top intent over the runner-up."""
        cues: list[tuple[float, str]] = []
        if len(wi):
            push = wv * (self.cw[wi, top] - self.cw[wi, second])
            shown = 0
            for j in np.argsort(-push)[:8]:
                gram = self.word_names[int(wi[j])]
                if push[j] > 0.05 and shown < 3 and not all(t in _PLAIN for t in gram.split()):
                    cues.append((float(push[j]), f"'{gram}'"))
                    shown += 1
        push_flags = fl * (self.cf[:, top] - self.cf[:, second])  # flags block, intent columns
        for j in np.argsort(-push_flags)[:2]:
            name = F.FLAG_NAMES[int(j)]
            if push_flags[j] > 0.05 and name in F.FLAG_PHRASES:
                cues.append((float(push_flags[j]), F.FLAG_PHRASES[name]))
        return tuple(c for _, c in sorted(cues, reverse=True))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


_lock = threading.Lock()
_model: TriageModel | None = None


def get() -> TriageModel:
    """The model for the current corpus: from the cache, or trained now (first start on a fresh clone)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from agents.triage import train

                path = train.artifact_path()
                if not path.exists():
                    train.train(verbose=False)
                _model = TriageModel(pickle.loads(path.read_bytes()))
    return _model
