"""Documented functions and recipes indexed by what they are FOR: the task a student describes ("pick something
at random", "count how often each word occurs", "list the files of a folder") matched against the PURPOSE of each
entry, the summary sentence the documentation opens it with ("Return a random element from the non-empty
sequence seq.") and its name split into words ("listdir" is list + dir, "lru_cache" lru + cache), and against the
FAQ/HOWTO recipes by their titles ("How do I create a multidimensional list?").

Words are compared by stem (combination / combinations, occurs / occurrences share one), and a word related in
meaning (knowledge/related_words.py: item / element, folder / directory) counts at a lower weight; every word is
weighted by its rarity among the entries, so "random" or "directory" decide and "return" or "list" barely do.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from knowledge import glossary
from knowledge.docs_index import api_names, call_examples
from knowledge.related_words import forms, related, stem

_WORD = re.compile(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])|\d+[a-z]?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
# Words that say how a task is asked, not what it is.
_ASKING = frozenset("""
    a an the and or of to in on at by for with from into as is are be it its this that these those i me my we our
    you your u ur how do does did can could would should will want wanna need needs way ways python pythons please
    pls plz there some any something thing things using use used program code script quick quickly easy easiest
    simple simply best good possible fast faster what which whats just also like get gets getting make makes
    making so then than if when want tried try trying know one two three dont don doesnt again every each
""".split())
NAME_WEIGHT = 1.25
SUMMARY_WEIGHT = 1.0
RELATED_WEIGHT = 0.6


@dataclass(frozen=True)
class Purpose:
    passage: object            # knowledge.docs_index.search.Passage
    name: frozenset[str]       # stems of the entry's name (module, owner, function; compounds split)
    summary: frozenset[str]    # stems of its summary sentence, or of a recipe's title
    sentence: str              # the summary sentence as written
    factor: float              # < 1 for what a learner rarely wants: deprecated, a method of an unnamed class
    head: frozenset[str] = frozenset()   # what the summary says it gives: "Return a random element | from ..."
    more: frozenset[str] = frozenset()   # stems of the sentence after the summary (matches count half)
    domain: frozenset[str] = frozenset()   # what its module is for ("random — Generate pseudo-random numbers")


def summary_sentence(body: str) -> str:
    first = body.strip().split("\n\n", 1)[0]
    sentences = _SENTENCE.split(first)
    text = sentences[0]
    if len(text) < 60 and len(sentences) > 1:   # "A Counter is a dict subclass ... It is a collection where ..."
        text += " " + sentences[1]
    return text[:300]


def _forms(found) -> set[str]:
    return {f for w in found for f in forms(w)}


def _second(body: str, sentence: str) -> str:
    """The summary sentence and the one after it ("... removed. The chars argument ... whitespace.")."""
    rest = body.strip().split("\n\n", 1)[0][len(sentence):]
    return _SENTENCE.split(rest.strip())[0][:200] if rest.strip() else ""


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def task_terms(question: str) -> list[str]:
    """The stems of the words that say what the task is: 'how do i pick a random item from a list' ->
    ['pick', 'random', 'item', 'list'], plus the documentation's words for its everyday phrases
    (knowledge/glossary.py: "how many times" -> count counter)."""
    return list(dict.fromkeys(stem(w) for w in words(question) if w not in _ASKING and len(w) > 1))


def term_forms(question: str) -> dict[str, frozenset[str]]:
    """Each task term (a stem) with the forms it matches (knowledge.related_words.forms: reader / read)."""
    found: dict[str, frozenset[str]] = {}
    for w in words(question):
        if w not in _ASKING and len(w) > 1 and not w.isdigit():   # "2024-03-15", "3 times": data, not the task
            found[stem(w)] = found.get(stem(w), frozenset()) | forms(w)
    return found


# Where a task's object ends and its context starts ("pairs | of items from a list").
_BOUNDARY = frozenset("of from in into to with by at on between so that without for as if when and or than".split())
_CHECKS = frozenset(stem(w) for w in "check test verify tell see whether detect".split())
_GENERIC_VERBS = frozenset("get make create do have give obtain show generate produce build construct".split())
_GENERIC_STEMS = frozenset(stem(w) for w in _GENERIC_VERBS)
_CONVERSIONS = frozenset(stem(w) for w in "convert turn transform change cast parse".split())
# Verbs of looking: "find the files ending with .txt" is glob's task though glob never says "find".
_SOFT_VERBS = frozenset(stem(w) for w in "find search look see know tell convert turn transform change cast".split())
_PREFIX = re.compile(r"^\W*(?:.*?\b(?:how\s+(?:do|can|could|would|should|does|will|shall)\s+(?:i|we|you|u|one)|"
                     r"how\s+to|how\s+i|way\s+to|(?:want|need|like|wanna|have)\s+to))\s+", re.I)


def parse_task(question: str) -> tuple[str | None, list[str], list[str]]:
    """(verb, object, context) as stems: 'how do i pick a random item from a list' -> ('pick', ['random',
    'item'], ['list']); a generic verb ('get the common elements of two lists') gives no verb."""
    text = question or ""
    match = _PREFIX.match(text)
    tokens = words(text[match.end():] if match else text)
    verb = None
    if tokens and tokens[0] not in _ASKING and tokens[0] not in _GENERIC_VERBS:
        verb = stem(tokens.pop(0))
    if verb in _CONVERSIONS:   # "convert text into a date": what it becomes is the object, the rest context
        at = max((i for i, w in enumerate(tokens) if w in ("into", "to", "as")), default=-1)
        if at >= 0:
            tokens = tokens[at + 1:] + ["from"] + tokens[:at]
    objects: list[str] = []
    context: list[str] = []
    target = objects
    for i, w in enumerate(tokens):
        if w in _BOUNDARY and objects:
            target = context
        if w in _ASKING or w in _BOUNDARY or w in _GENERIC_VERBS or len(w) < 2 or w.isdigit():
            continue
        if w in ("all", "every", "each", "some") and i + 1 < len(tokens) and tokens[i + 1] not in _BOUNDARY:
            continue   # a quantifier ("all files"), not what is asked for
        target.append(stem(w))
    return verb, objects, context


def phrase_terms(question: str) -> list[str]:
    """The documentation's words for the question's everyday phrases (knowledge/glossary.py: "how many times" ->
    count counter): matched like related words, at their lower weight."""
    phrases = " ".join(m.group(0) for m in glossary._PHRASES.finditer(question or "") if " " in m.group(0))
    return list(dict.fromkeys(stem(w) for w in glossary.expansions(phrases) if w.isidentifier()))


_MENTION = re.compile(r"\b((?:[a-z_][a-z0-9_]*\.)+[A-Za-z_]\w*|[a-z_]\w*(?=\(\)))")


def mentions(texts, anchors: set[str]) -> dict[str, set[str]]:
    """{anchor: stems} from the sentences of explanatory texts (HOWTOs, the tutorial, the curated pages, the
    behaviour contracts) that name a documented function: "itertools.combinations(iterable, r) returns all possible
    r-tuple combinations", "Counting every value at once: `collections.Counter`" say what it is for."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for sentence in _SENTENCE.split(text.replace("\n\n", " ")):
            named = {m for m in _MENTION.findall(sentence) if m in anchors}
            if 0 < len(named) <= 2 and len(sentence) < 400:
                stems = _forms(words(sentence))
                for anchor in named:
                    found.setdefault(anchor, set()).update(stems)
    return found


class Index:
    """All documented functions of the indexed library pages and the FAQ/HOWTO recipes, by purpose. `texts`:
    explanatory texts whose sentences naming a function add to its purpose at the weight of its next sentence."""

    def __init__(self, passages, texts=()):
        passages = list(passages)
        mentioned = mentions(texts, {p.anchor for p in passages if p.kind == "api"})
        vocabulary = {w for p in passages for w in words(summary_sentence(p.body)) if len(w) > 2}
        self.entries: list[Purpose] = []
        for p in passages:
            comments = _forms(words(" ".join(_comments(p))))
            more = set()
            if p.kind == "api":
                sentence = summary_sentence(p.body)
                name = _name_stems(p.anchor.rsplit(".", 1)[-1], vocabulary)
                factor = _factor(p, sentence)
                more = _forms(words(_second(p.body, sentence)))
                summary = _forms(words(sentence)) | _name_stems(p.anchor.rpartition(".")[0], vocabulary) | _forms(
                    words(p.title.partition("(")[2]))   # its parameters: choice(seq) takes a sequence
            elif p.page.startswith(("faq/", "howto/")):   # a recipe: its question title says what it is for
                sentence = p.title
                name = set()
                factor = 0.9
                summary = _forms(words(p.title))
            else:   # a library section ("timedelta Objects"): its title and opening sentence
                sentence = summary_sentence(p.body)
                name = _forms(w for w in words(p.title) if w != "objects")
                factor = 0.8
                summary = _forms(words(sentence))
            more = more | mentioned.get(p.anchor, set()) if p.kind == "api" else more
            self.entries.append(Purpose(p, frozenset(name), frozenset(summary | comments), sentence, factor,
                                        frozenset(_head(sentence)), frozenset(more - summary), _domain(p)))
        self.words = [e.name | e.summary for e in self.entries]
        self.page_domains = {e.passage.page: frozenset(e.domain - _GENERIC_DOMAIN) for e in self.entries if e.domain}
        self.postings: dict[str, list[int]] = {}   # stem -> the entries stating it (name, summary, next sentence)
        for i, e in enumerate(self.entries):
            for s in self.words[i] | e.more:
                self.postings.setdefault(s, []).append(i)
        count: dict[str, int] = {}
        for e in self.entries:
            for s in e.name | e.summary:
                count[s] = count.get(s, 0) + 1
        total = max(1, len(self.entries))
        self.idf = {s: math.log(1 + total / c) for s, c in count.items()}
        self.unknown = math.log(1 + total)

    def states(self, question: str, text: str) -> float:
        """The share of the task's weight (its verb and object) that a text states: directly, or
        through a related word at a lower weight. How a curated page compares with a documented function."""
        variants = term_forms(question)
        verb, objects, _ = parse_task(question)
        stated = _forms(words(text))
        total = got = 0.0
        for t, forms_of in variants.items():
            if t != verb and t not in objects:
                continue   # the context ("in bytes", "of a list") is not what the task is
            w = (1.2 if t == verb else 1.3) * (self.weight(t) or 1.0)
            total += w
            got += w if forms_of & stated else RELATED_WEIGHT * w if related(t) & stated else 0.0
        return got / total if total else 0.0

    def asked_modules(self, question: str) -> set[str]:
        """The modules a question names, by name ("pathlib") or by the specific words of their page title
        ("regex", "dates": re, datetime)."""
        written = words(question)
        named = {w for w in written if f"library/{w}" in _MODULE_PAGES}
        _, objects, context = parse_task(question)   # what the task is about, not its verb ("check" is no test)
        stated = {f for t in [*objects, *context] for f in {t} | related(t)}
        return named | {page.removeprefix("library/") for page, domain in self.page_domains.items()
                        if domain & stated}

    def _stating(self, stems: set[str]) -> set[int]:
        return {i for s in stems for i in self.postings.get(s, ())}

    def weight(self, term: str) -> float:
        return self.idf.get(term, 0.0)

    def rank(self, question: str, k: int = 5) -> list[tuple[float, float, Purpose]]:
        """[(score, share of the task's weight covered, entry)], best first; only entries that state the task's
        verb (unless it is a generic one: get, make) and at least one word of its object."""
        variants = term_forms(question)
        verb, objects, _ = parse_task(question)
        terms = [t for t in variants if (self.weight(t) > 0 or related(t) or len(variants[t]) > 1)
                 and t not in _GENERIC_STEMS]   # "generate", "make": every function makes something
        if not terms or not objects:
            return []
        role = {t: 1.2 if t == verb and verb not in _SOFT_VERBS else 1.3 if t in objects else 0.7 for t in terms}
        weights = {t: role[t] * (self.weight(t) or max((self.weight(r) for r in related(t) | variants[t]),
                                                       default=0.0)) for t in terms}
        total = sum(weights.values()) or 1.0
        phrases = {t: RELATED_WEIGHT * self.weight(t) for t in phrase_terms(question) if t not in weights}
        modules = self.asked_modules(question)
        written_modules = {w for w in words(question) if f"library/{w}" in _MODULE_PAGES}
        written = words(question)
        spelled = {a + b for a, b in zip(written, written[1:])}
        types = {owner for owner, names in _TYPE_WORDS.items() if names & set(written)}
        quantified = bool({"all", "every", "each", "clear", "empty"} & set(written))
        expanded = {t: related(t) | variants[t] | {t} for t in terms}
        # Only entries stating the verb (when it is a term) and another of the task's words can qualify.
        candidates = self._stating(set().union(*(expanded[t] for t in terms if t != verb)))
        if verb and verb in terms and verb not in _SOFT_VERBS:
            candidates &= self._stating(expanded[verb])
        asked = set().union(*expanded.values())
        scored = []
        for i in sorted(candidates):
            e, stated_words = self.entries[i], self.words[i]
            score = covered = 0.0
            stated: set[str] = set()
            for t, w in phrases.items():
                if t in stated_words:
                    score, covered = score + w, covered + w
            for t, w in weights.items():
                if t in e.name:
                    score, covered = score + NAME_WEIGHT * w, covered + w
                elif t in e.summary:
                    score, covered = score + SUMMARY_WEIGHT * w, covered + w
                elif expanded[t] & stated_words:   # related, or derived (reader / read)
                    score, covered = score + RELATED_WEIGHT * w, covered + RELATED_WEIGHT * w
                elif variants[t] & e.more:
                    score, covered = score + 0.5 * w, covered + 0.5 * w
                else:
                    continue
                stated.add(t)
                if t in objects and variants[t] & e.head:
                    score += 0.5 * w   # the task's object is what the entry gives ("a random element")
            if not score or (verb and verb in terms and verb not in stated and verb not in _SOFT_VERBS) or \
                    not stated - {verb}:
                continue
            module = e.passage.page.removeprefix("library/")
            if e.domain - _GENERIC_DOMAIN and not (e.domain - _GENERIC_DOMAIN) & asked:
                factor_domain = 0.5   # random.sample for "the length of a list": nothing asked is random
            else:
                factor_domain = 1.0
            if written_modules:   # "save a dict to a json file", "with pathlib": that module's entries first
                factor_domain *= 1.5 if module in written_modules else 0.3
            elif modules:   # "with regex", "dates": the module whose title says so
                factor_domain *= 1.5 if module in modules else 0.5
            if verb not in _CHECKS and e.sentence.startswith("Return True if"):
                factor_domain *= 0.8   # a predicate answers "check whether", not "get the common elements"
            owner = e.passage.anchor.split(".")[0] if e.passage.kind == "api" else ""
            if owner in _TYPE_WORDS and types and owner not in types and not (owner == "frozenset" and "list" in types):
                continue   # "add an item to a dictionary" is no set method (a set's are a list task's too)
            if "all" in e.head and not quantified:
                factor_domain *= 0.8   # "Remove all items" is not "remove an item"
            # a module's own function (os.getcwd) needs no owner named; a method of a class does (deque.append)
            owner_named = e.passage.anchor.rpartition(".")[0] == module or api_names.addressable(
                e.passage.anchor, question)
            factor = e.factor * factor_domain * (1.0 if owner_named else 0.6)
            if e.passage.kind == "api" and e.passage.anchor.rsplit(".", 1)[-1].lower() in spelled:
                factor *= 1.5   # two adjacent words spell its name: "find all" findall, "starts with" startswith
            if e.passage.kind == "api" and stem(e.passage.anchor.rsplit(".", 1)[-1]) in {
                    *objects, *([verb] if verb not in _SOFT_VERBS else [])}:
                factor *= 1.3   # the entry's own name is one of the task's words ("split", "keys")
            factor /= 1 + 0.015 * len(e.summary)   # a short, specific summary before a long, general one
            scored.append((score * factor, covered / total, e))
        scored.sort(key=lambda s: (-s[0], len(s[2].passage.anchor)))
        return scored[:k]


# The builtin types whose methods the documentation lists, by the words a question names them with.
_TYPE_WORDS = {"list": {"list", "lists", "array"}, "dict": {"dict", "dicts", "dictionary", "dictionaries", "map"},
               "frozenset": {"set", "sets", "frozenset"}, "str": {"str", "string", "strings", "text", "word", "words"},
               "tuple": {"tuple", "tuples"}, "bytes": {"bytes"}}
_MODULE_PAGES = frozenset(p for p in call_examples.PAGES if p.startswith("library/")) - {
    "library/functions", "library/stdtypes", "library/string", "library/time", "library/copy", "library/operator"}
# Modules whose functions serve any task (their page title names no domain a question would mention).
_GENERAL = frozenset(f"library/{m}" for m in ("functions", "stdtypes", "constants", "exceptions", "itertools",
                                               "functools", "collections", "operator", "copy", "os", "sys", "math",
                                               "statistics", "string", "heapq", "bisect")) | {"tutorial/datastructures"}


# Words of page titles too general to say which module a question is about.
_GENERIC_DOMAIN = frozenset(f for w in """file files data type types basic function functions object objects operations
    operation support common general generate high level interface module tools python system number numbers
    access conversions conversion miscellaneous core working streams string strings text directory directories path
    paths pathname filesystem""".split() for f in forms(w))


def _domain(passage) -> frozenset[str]:
    """The words of a library page's title that say what its module is for, with the module's name; empty for
    the general pages and for recipes."""
    if passage.page in _GENERAL or not passage.page.startswith("library/") or passage.kind != "api":
        return frozenset()
    title = passage.trail.split(" > ", 1)[0]
    module, _, purpose = title.partition(" — ")
    return frozenset(_forms(w for w in words(f"{module} {purpose}") if w not in _ASKING and len(w) > 2))


def _head(sentence: str) -> set[str]:
    """The object of a summary sentence: 'Return a random element from the sequence' -> {random, element}."""
    tokens = words(sentence)[1:]
    found: set[str] = set()
    for w in tokens[:8]:
        if (w in _BOUNDARY or w.endswith("ing")) and found:
            break   # "Return a string | representing the date": the string is what it gives
        if w not in _ASKING and len(w) > 1:
            found |= forms(w)
    return found


def _comments(passage) -> list[str]:
    """What the entry's examples say they do: their comment lines ("# Tally occurrences of words in a list")."""
    return [line.split("#", 1)[1] for e in passage.examples if not e.get("composed")
            for line in e["code"].splitlines() if line.lstrip().startswith("#")][:6]


def _factor(passage, sentence: str) -> float:
    factor = 1.0
    if re.search(r"\bdeprecated\b|\bsoft deprecated\b", sentence, re.I) or "Deprecated since" in passage.body[:400]:
        factor *= 0.3
    if passage.page not in call_examples.PAGES:
        factor *= 0.8
    if not passage.examples:
        factor *= 0.85
    if "__" in passage.anchor:
        factor *= 0.5
    if passage.kind == "api" and "(" not in passage.title and not passage.title.startswith(("class ", "exception ")):
        factor *= 0.5   # a variable or constant (sys.last_type), not something a task calls
    return factor


def _name_stems(anchor: str, vocabulary: set[str]) -> set[str]:
    """'os.listdir' -> {os, listdir, list, dir}; 'functools.lru_cache' -> {functool, lru, cach, lru_cach}."""
    found = set()
    for part in anchor.split("."):
        found.add(stem(part))
        pieces = [w for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", part) if w]
        found.update(f for w in pieces for f in forms(w))
        low = part.lower()
        if len(pieces) == 1 and len(low) > 5:
            for i in range(2, len(low) - 2):
                if low[:i] in vocabulary and low[i:] in vocabulary | {"dir", "cwd", "ext", "int", "all"}:
                    found.update({stem(low[:i]), stem(low[i:])})
    return found
