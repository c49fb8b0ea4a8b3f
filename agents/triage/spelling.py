"""Typo repair for the word n-grams: only words the corpus does not know, to the nearest word it knows well.

Character n-grams already place "chek" near "check", but a misspelled verb loses its word n-grams
("hsrder please", "lvel up", "an eror on line 3") and those carry most of the decision in brief
messages. A symmetric-delete index (SymSpell, edit distance 1: one letter dropped, added, replaced
or two swapped) maps an unknown word to the most frequent known word within one edit. Known words
(seen at least MIN_COUNT times in the training messages) are never touched, so a correct word is
never rewritten into another one ("improved" stays "improved"). The character n-grams still see
the message as written. Built from the training corpus at fit time; stored in the model artifact.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

MIN_COUNT = 3        # a word seen fewer times in the corpus may itself be a typo
MIN_LENGTH = 4       # shorter words have too many neighbours to repair safely
_WORD = re.compile(r"[a-z]+")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Speller:
    def __init__(self, known: dict[str, int], index: dict[str, list[str]]):
        self.known = known          # word -> corpus count
        self.index = index          # deletion variant (or the word itself) -> known words

    @classmethod
    def build(cls, texts: Iterable[str]) -> Speller:
        counts = Counter(w for t in texts for w in _WORD.findall(t.lower()))
        known = {w: c for w, c in counts.items() if c >= MIN_COUNT}
        index: dict[str, list[str]] = {}
        for word in sorted(known):
            if len(word) < MIN_LENGTH:
                continue
            for key in _deletes(word) | {word}:
                index.setdefault(key, []).append(word)
        return cls(known, index)

    def correct(self, word: str) -> str:
        if word in self.known or len(word) < MIN_LENGTH:
            return word
        candidates: set[str] = set()
        for key in _deletes(word) | {word}:
            candidates.update(self.index.get(key, ()))
            if key in self.known and len(key) >= MIN_LENGTH:
                candidates.add(key)      # an extra letter typed ("harderr")
        candidates = {c for c in candidates if _within_one_edit(word, c)}
        if not candidates:
            return word
        return max(sorted(candidates), key=lambda c: self.known[c])

    def correct_text(self, text: str) -> str:
        """Lower-cased text with unknown words repaired (the word analyzer's preprocessor)."""
        return _WORD.sub(lambda m: self.correct(m.group(0)), text.lower())


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (the delete index also proposes some distance-2 pairs)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la < lb:
        a, b = b, a
    return any(a[:i] + a[i + 1:] == b for i in range(len(a)))
