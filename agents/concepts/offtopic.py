"""Is a question about programming at all? A general vocabulary test, not a list of foods or places.

The Python documentation is the programming vocabulary: a word it uses in at least a few sections ("list",
"sort", "time", "table") is one a programming question may contain; a word it (almost) never uses ("pancakes",
"beaches", "restaurant", "calories") is foreign to programming. A question whose key terms are mostly foreign,
with no specific Python keyword (only generic words such as "set", "print", "list" matched, or none), gets the
honest "I could not match that to a Python topic" instead of an answer built on a stray word.

Misspelled programming words ("dictionery", "recurion") are not foreign: a word within one edit (two for long
words) of the curated topics' vocabulary is a typo of it. The word counts come from the index itself
(docs_lexemes: in how many sections each stemmed word occurs), loaded once per process.
"""
from __future__ import annotations

import difflib
from functools import lru_cache

import Stemmer

from knowledge.docs_index.search import key_terms

MIN_SECTIONS = 3        # a word in fewer documentation sections than this is foreign to programming
MIN_LENGTH = 4          # shorter words ("wht", "pls", "ok") say nothing either way
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one), cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_budget(word: str) -> int:
    return 1 if len(word) <= 8 else 2


@lru_cache(maxsize=8192)
def typo_of(word: str, vocabulary: tuple[str, ...]) -> str | None:
    """The vocabulary word `word` misspells (one edit; two for words longer than 8 letters), if any."""
    word = word.lower()
    budget = typo_budget(word)
    # difflib's quick ratios narrow ~450 words to a few candidates; the edit distance decides.
    for known in difflib.get_close_matches(word, vocabulary, n=5, cutoff=0.7):
        if edit_distance(word, known, budget) <= budget:
            return known
    return None


def is_foreign(word: str, sections: dict[str, int], vocabulary: tuple[str, ...]) -> bool:
    """In (almost) no documentation section and no typo of the topics' vocabulary."""
    return sections.get(_stem(word), 0) < MIN_SECTIONS and typo_of(word, vocabulary) is None


def foreign_terms(question: str, sections: dict[str, int], vocabulary: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(foreign terms, terms that count): the question's key terms of MIN_LENGTH letters or more, and those
    the documentation (almost) never uses and that are no typo of the topics' vocabulary."""
    counted = [t for t in key_terms(question, expand=False) if len(t) >= MIN_LENGTH and t.isalpha()]
    foreign = [t for t in counted if is_foreign(t, sections, vocabulary)]
    return foreign, counted


def is_off_topic(question: str, matched: dict[str, list[str]], weak: frozenset | set, sections: dict[str, int],
                 vocabulary: tuple[str, ...]) -> bool:
    """Mostly foreign words and no specific keyword: not a programming question. Without the index's word
    counts (`sections` empty) nothing is judged off-topic here (the caller's other checks still apply)."""
    if not sections:
        return False
    foreign, counted = foreign_terms(question, sections, vocabulary)
    if not counted or not foreign:
        return False
    specific = any(phrase not in weak for phrases in matched.values() for phrase in phrases)
    share = len(foreign) / len(counted)
    return share > 0.7 or (share >= 0.5 and not specific)
