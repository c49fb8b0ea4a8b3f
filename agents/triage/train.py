"""Trains the triage model from agents/triage/corpus/*.jsonl and caches it by the corpus's hash.

Two heads share one feature space (features.py): the intent (5 classes) and the follow-up form
(none + 8). Each is scikit-learn's LogisticRegression (multinomial, so its probabilities are
calibrated enough to read as confidence) on TF-IDF word and character n-grams plus dense flags.
Everything is seeded (random_state=0), so the same corpus gives the same model. The artifact holds
plain arrays (vocabularies, idf, coefficients), so the run-time scorer (model.py) needs no sklearn.

Run: .venv/bin/python -m agents.triage.train        (`make train`; also run by the bootstrap)
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import time
from pathlib import Path

from knowledge import cache_files

CORPUS = Path(__file__).resolve().parent / "corpus"
TRAINER_VERSION = "3"   # bump when features.py or this file change what a model means
C_INTENT, C_FOLLOW_UP = 8.0, 8.0
HOLDOUT = 0.2


def cache_dir() -> Path:
    return Path(os.environ.get("LEARNFLOW_CACHE") or Path.home() / ".cache" / "learnflow") / "triage-model"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.jsonl"))


def corpus_hash() -> str:
    digest = hashlib.sha256(TRAINER_VERSION.encode())
    for name in ("features.py", "follow_up_shape.py", "spelling.py"):
        digest.update((Path(__file__).resolve().parent / name).read_bytes())
    for path in corpus_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def artifact_path() -> Path:
    return cache_dir() / f"triage-{corpus_hash()}.pkl"


def load_corpus() -> list[dict]:
    items = []
    for path in corpus_files():
        items.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return items


def _matrix(vectorizers, items):
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    from agents.triage.features import flags, message_text

    texts = [message_text(i["text"]) for i in items]
    dense = np.array([flags(i["text"], i.get("code"), i.get("prev")) for i in items])
    return hstack([v.transform(texts) for v in vectorizers] + [csr_matrix(dense)]).tocsr()


def fit(items: list[dict]) -> dict:
    """Fits both heads on items; returns the plain-array artifact."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from agents.triage import features as F
    from agents.triage.spelling import Speller

    texts = [F.message_text(i["text"]) for i in items]
    speller = Speller.build(texts)
    # the word n-grams see unknown words repaired (spelling.py); the character n-grams see the text as written
    word = TfidfVectorizer(analyzer="word", token_pattern=F.WORD_TOKEN, ngram_range=F.WORD_NGRAMS,
                           sublinear_tf=True, preprocessor=speller.correct_text, dtype=np.float64)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=F.CHAR_NGRAMS, sublinear_tf=True, lowercase=True,
                           min_df=2, dtype=np.float64)
    word.fit(texts)
    char.fit(texts)
    X = _matrix((word, char), items)
    intent = LogisticRegression(C=C_INTENT, max_iter=3000, random_state=0).fit(X, [i["intent"] for i in items])
    follow = LogisticRegression(C=C_FOLLOW_UP, max_iter=3000, random_state=0).fit(
        X, [i.get("follow_up", "none") for i in items])
    return {
        "word_vocab": {k: int(v) for k, v in word.vocabulary_.items()}, "word_idf": word.idf_.astype("float64"),
        "char_vocab": {k: int(v) for k, v in char.vocabulary_.items()}, "char_idf": char.idf_.astype("float64"),
        "intent_classes": list(intent.classes_), "intent_coef": intent.coef_, "intent_bias": intent.intercept_,
        "follow_classes": list(follow.classes_), "follow_coef": follow.coef_, "follow_bias": follow.intercept_,
        "flag_names": list(F.FLAG_NAMES), "spell_known": speller.known, "spell_index": speller.index,
        "_sk": (word, char, intent, follow),
    }


def holdout_accuracy(items: list[dict]) -> dict:
    """A stratified ~20 % of the hand-written part of the corpus, split by seed (every variant of a seed on
    the same side, so the test phrasings are unseen): accuracy of a model fitted on the rest. Template-
    generated messages (corpus_templates.py) are always on the training side, so the test set is the same
    1,072 messages as before templates existed and the figure stays comparable across rounds."""
    from sklearn.model_selection import StratifiedGroupKFold

    from agents.triage.model import TriageModel

    generated = [i for i in items if i["seed"].startswith("templates:")]
    written = [i for i in items if not i["seed"].startswith("templates:")]
    folds = StratifiedGroupKFold(n_splits=round(1 / HOLDOUT), shuffle=True, random_state=0)
    train_idx, test_idx = next(folds.split(written, [i["intent"] for i in written], [i["seed"] for i in written]))
    train, test = [written[i] for i in train_idx] + generated, [written[i] for i in test_idx]
    model = TriageModel(fit(train))
    per: dict[str, list[int]] = {}
    fu_right = 0
    for item in test:
        got = model.score(item["text"], item.get("code"), item.get("prev"))
        per.setdefault(item["intent"], []).append(int(got.intent == item["intent"]))
        fu_right += got.follow_up == item.get("follow_up", "none")
    right = sum(sum(v) for v in per.values())
    return {"n": len(test), "accuracy": right / len(test), "follow_up_accuracy": fu_right / len(test),
            "per_intent": {k: sum(v) / len(v) for k, v in sorted(per.items())}}


def train(verbose: bool = True) -> Path:
    """Builds the artifact for the current corpus (no-op when it is cached) and returns its path."""
    path = artifact_path()
    if path.exists():
        cache_files.mark_used(path)
        if verbose:
            print(f"triage model up to date: {path}")
        return path
    started = time.perf_counter()
    items = load_corpus()
    report = holdout_accuracy(items)
    artifact = fit(items)
    artifact.pop("_sk")
    artifact["meta"] = {"corpus_hash": corpus_hash(), "messages": len(items), "holdout": report}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(artifact, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)   # atomic: concurrent trainers write the same bytes, readers never see half a file
    cache_files.prune(path.parent, "triage-*.pkl")   # models of older corpora are not kept forever
    if verbose:
        print(f"trained triage model on {len(items)} messages in {time.perf_counter() - started:.1f}s: "
              f"held-out accuracy {report['accuracy']:.3f} on {report['n']} (per intent "
              + ", ".join(f"{k} {v:.3f}" for k, v in report["per_intent"].items())
              + f"), follow-up form {report['follow_up_accuracy']:.3f} -> {path}")
    return path


if __name__ == "__main__":
    if "--rebuild-corpus" in sys.argv:
        from agents.triage import corpus_build

        corpus_build.main()
    train()
