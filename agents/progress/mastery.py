"""Mastery per topic: a Bayesian-knowledge-tracing update, weighted by how strong the evidence is.

Each topic holds P(L), the probability the student has learned it (0-1), starting at P0 = 0.2.
- A graded exercise is a strong observation. With slip S = 0.1 and guess G = 0.2, a pass gives
  P(L|pass) = P(L)(1-S) / (P(L)(1-S) + (1-P(L))G), a failure P(L|fail) = P(L)S / (P(L)S + (1-P(L))(1-G));
  partial credit f (tests passed / total) mixes them: f*P(L|pass) + (1-f)*P(L|fail). Then learning
  happens with T = 0.15: P(L) <- P + (1-P)T.
- A question is not evidence of knowing or not knowing a topic (asking what a list is, or asking for
  a list exercise, is what a student who is learning does): questions are counted, never scored.
Recent evidence counts more than old because every update moves the estimate from where the last
one left it: the influence of an observation decays geometrically with each later one.
Thresholds from seed 001: >= 0.85 mastered, < 0.6 weak (after 2+ graded attempts).
"""
from __future__ import annotations

P0 = 0.2
MASTERED = 0.85
WEAK = 0.6
WEAK_MIN_EVIDENCE = 2

EXERCISE = {"slip": 0.10, "guess": 0.20, "learn": 0.15}


def _posterior(p: float, correct: bool, slip: float, guess: float) -> float:
    if correct:
        num, den = p * (1 - slip), p * (1 - slip) + (1 - p) * guess
    else:
        num, den = p * slip, p * slip + (1 - p) * (1 - guess)
    return num / den if den else p


def after_exercise(p: float | None, fraction_passed: float) -> float:
    p = P0 if p is None else p
    f = max(0.0, min(1.0, fraction_passed))
    posterior = f * _posterior(p, True, EXERCISE["slip"], EXERCISE["guess"]) + \
        (1 - f) * _posterior(p, False, EXERCISE["slip"], EXERCISE["guess"])
    return _clamp(posterior + (1 - posterior) * EXERCISE["learn"])


def _clamp(value: float) -> float:
    return round(max(0.0, min(1.0, value)), 4)


def summarize(levels: dict[str, float], evidence_counts: dict[str, int]) -> dict:
    mastered = sorted((t for t, v in levels.items() if v >= MASTERED), key=lambda t: -levels[t])
    weaknesses = sorted((t for t, v in levels.items() if v < WEAK and evidence_counts.get(t, 0) >= WEAK_MIN_EVIDENCE),
                        key=lambda t: levels[t])
    return {"topics_mastered": mastered, "strengths": mastered[:3], "weaknesses": weaknesses}
