"""Words that name the same thing in a task as in the documentation's summary sentences.

A student asks "pick something at random", the documentation says "Return a random element"; "how often each
word occurs" is "counts" in Counter's; "the files of a folder" is "entries in the directory". Groups of words of
one meaning (general English of the domain, not phrases of particular questions), compared by their stems, plus
the everyday phrases of knowledge/glossary.py (purposes.phrase_terms). knowledge/docs_index/purposes.py counts a
match through a related word at a lower weight than the word itself.
"""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer


GROUPS = (
    # things in a collection
    "item element member value entry object thing",
    "list sequence seq iterable collection array population",
    "folder directory dir",
    "file files path filename",
    "word words token",
    "text string str sentence paragraph",
    "pattern patterns regex regular expression re",
    "number numbers numeric",
    "integer int whole",
    "character char letter letters alphabetic",
    "key keys",
    "pair pairs combination combinations couple",
    "order ordering permutation permutations arrangement arrangements",
    "match matches occurrence occurrences instance instances",
    "common shared both intersection",
    "together union combined merge join",
    "without difference except exclude",
    "date dates day days calendar",
    "time clock timestamp second seconds",
    "grid matrix 2d 2-d nested multidimensional",
    "duplicate duplicates repeated unique distinct",
    # what is done with it
    "pick choose chosen chose select selected",
    "count tally often frequency occurrence",
    "find search look locate scan",
    "remove delete drop discard erase strip",
    "add append insert put push",
    "get return obtain fetch retrieve give",
    "make create build construct generate produce new",
    "cache memoize memoizing recompute",
    "keep remember remembers retain preserve persist",
    "copy duplicate clone",
    "sort order sorted arrange",
    "reverse backwards reversed",
    "split divide break separate cut",
    "replace substitute sub change",
    "combine merge concatenate chain join flatten",
    "check test whether verify true",
    "convert turn transform parse cast",
    "read load open",
    "write save dump store",
    "print show display output",
    "round nearest ceiling floor up down",
    "biggest largest maximum max greatest highest",
    "smallest minimum min lowest least",
    "average mean",
    "shuffle mix scramble",
    "wait sleep pause delay suspend",
    "measure time timing elapsed duration",
    "wrap fill width",
    "list listing contents entries",
    "start begin beginning leading front",
    "end ending trailing back",
)
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


_DERIVED = re.compile(r"(?:ers?|ors?|ences?|ances?|ments?|ings?|able|ible)$")


@lru_cache(maxsize=50_000)
def forms(word: str) -> frozenset[str]:
    """The stem of a word and of the word it derives from: reader / read, counter / count, occurrence / occur
    (the stemmer alone keeps them apart)."""
    word = word.lower()
    found = {stem(word)}
    base = _DERIVED.sub("", word)
    if base != word and len(base) >= 4:
        found |= {stem(base), stem(base + "e")}
        if len(base) > 3 and base[-1] == base[-2]:
            found.add(stem(base[:-1]))
    return frozenset(found)


def _build() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for group in GROUPS:
        stems = {stem(w) for w in group.split()}
        for s in stems:
            related.setdefault(s, set()).update(stems - {s})
    return {k: frozenset(v) for k, v in related.items()}


RELATED = _build()


def related(word_stem: str) -> frozenset[str]:
    """The stems of the words that name the same thing as `word_stem` (a stem)."""
    return RELATED.get(word_stem, frozenset())
