"""Builtin and standard-library functions as first-class retrieval targets.

A beginner's question often names or implies one function: "what does len() do", "sum all numbers in a list",
"convert string to int" (the conversion's target), "square root" (the glossary's everyday word for sqrt),
"biggest number" (max). The documentation has one entry for each (library/functions#len,
library/math#math.sqrt); that entry is the answer's natural source. This module says which function names a
question asks about and how strongly (a name written as a call, a conversion's target, a glossary word, the
question's first key term), and in which pages beginners' functions live, most basic first: the search ranks an
entry of these pages named by the question first (knowledge/docs_index/search.py) and the concepts engine
lets it lead unless a curated page claims the name (agents/concepts/api_lead.py).
"""
from __future__ import annotations

import builtins
import re
from dataclasses import dataclass

from knowledge import glossary

# Where the functions beginners meet are documented, in the order an ambiguous name is resolved: "sqrt" is
# math.sqrt before decimal's, "split" str.split before os.path.split, "pop" list.pop (the tutorial's list methods)
# before set's and dict's.
PAGES = ("library/functions", "tutorial/datastructures", "library/stdtypes", "library/math", "library/random",
         "library/statistics", "library/string", "library/time", "library/datetime", "library/json", "library/csv", "library/os.path",
         "library/pathlib", "library/collections", "library/itertools", "library/functools", "library/copy",
         "library/shutil", "library/sys", "library/constants", "library/exceptions")
# Names that are also the types the curated pages teach: "what is a list" is the Lists page, not list()'s
# entry. They lead only when written as a call ("int()") or as what something is converted to ("to int").
TYPE_NAMES = frozenset("list dict set tuple str int float bool object type frozenset bytes complex".split())
# How a question names the class that owns a method: the set methods are documented as frozenset's.
OWNER_WORDS = {"frozenset": ("set", "frozenset"), "dict": ("dict", "dictionary", "dictionaries"),
               "str": ("str", "string"), "list": ("list",)}
_CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*\)")
_TARGET = re.compile(r"\b(?:to|into|as)\s+(?:an?\s+)?([a-z]+)\b", re.I)
_CONVERT = re.compile(r"\b(?:convert\w*|turn\w*|chang\w*|cast\w*|transform\w*|pars\w*)\b", re.I)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUESTION_WORDS = frozenset("""
    what whats wat how hows why when where which who is are was does do did can could should would will i me my
    you we a an the to of in on for with please pls plz explain tell show help python define meaning mean means
    about way ways use using used difference between work works working doing understand dont im get know
""".split())


# Builtin functions whose name is no everyday English word ("max", "len", "enumerate", "isinstance"): written as a
# plain word, the name still asks for that function. (Not "open", "print", "type", "range", "map", ...: words a
# question uses for other things, or that curated pages teach.)
_ENGLISH = frozenset("""open input print type filter map any all next round format id hash help object property slice
    super vars iter compile copyright credits exit quit license eval exec locals globals dir breakpoint range
    callable sum bin""".split())
BUILTIN_WORDS = frozenset(n for n in dir(builtins) if n.islower() and not n.startswith("_")
                          and callable(getattr(builtins, n)) and n not in _ENGLISH and n not in TYPE_NAMES)


@dataclass(frozen=True)
class Named:
    name: str
    how: str        # "call", "target", "glossary", "builtin" or "head"


def named(question: str) -> list[Named]:
    """The function names the question asks about, strongest first: written as a call, a conversion's target
    (a type name as written), the documentation's word for an everyday phrase, the question's first key term."""
    question = question or ""
    found: list[Named] = [Named(m.group(1).lower(), "call") for m in _CALL.finditer(question)]
    if _CONVERT.search(question):
        found += [Named(m.group(1).lower(), "target") for m in _TARGET.finditer(question)
                  if m.group(1).lower() in TYPE_NAMES]
    found += [Named(w.lower(), "glossary") for w in glossary.expansions(question)   # not "random" the module
              if w.isidentifier() and w.lower() not in TYPE_NAMES and f"library/{w.lower()}" not in PAGES]
    found += [Named(w, "builtin") for w in _WORD.findall(question) if w in BUILTIN_WORDS]   # "the max value"
    head = next((w for w in _WORD.findall(question) if w.lower() not in _QUESTION_WORDS and len(w) > 1), None)
    if head and head.lower() not in TYPE_NAMES:
        found.append(Named(head.lower(), "head"))
    seen: set[str] = set()
    return [n for n in found if not (n.name in seen or seen.add(n.name))]


def named_call(question: str) -> bool:
    """The question writes a function as a call or a dotted name ("zip()", "os.listdir"): it names what it asks."""
    return bool(_CALL.search(question or "") or re.search(r"\b[a-z_]\w*\.[a-z_]\w*\b", question or ""))


def variants(name: str) -> list[str]:
    """How a name may be spelt in the documentation when the question uses the verb: reverse -> reversed."""
    return [name] + ([name + "d", name + "ed"] if len(name) > 3 and name.isalpha() else [])


def search_names(question: str) -> list[str]:
    """Every spelling the search ranks first as a named function entry. Not the first key term's: a verb
    such as "format" or "append" is as often a word for the task; that entry must earn its place by its text."""
    return list(dict.fromkeys(v for n in named(question) if n.how != "head" for v in variants(n.name)))


def entry_name(anchor: str) -> str:
    """'math.sqrt' -> 'sqrt', 'str.split' -> 'split', 'len' -> 'len'."""
    return anchor.rsplit(".", 1)[-1].lower()


_MODULES = frozenset(page.split("/", 1)[1] for page in PAGES)


def addressable(anchor: str, question: str) -> bool:
    """A method answers only a question that names its class ("deque append" is not "append to a file"), except
    the methods of the builtin types beginners use every day (str.split, dict.get)."""
    parts = anchor.split(".")
    rest = parts
    for i in range(len(parts) - 1, 0, -1):
        if ".".join(parts[:i]) in _MODULES:
            rest = parts[i:]
            break
    if len(rest) < 2:
        return True
    owner = rest[-2]
    return owner.lower() in TYPE_NAMES or bool(re.search(rf"\b{re.escape(owner)}\b", question or "", re.I))


def unasked_method(anchor: str, question: str) -> bool:
    """The entry is a method of a class (a capitalised owner: decimal.Context.plus) that the question never
    names: "why is 0.1 plus 0.2 not 0.3" is not about decimal.Context.plus. Module functions (os.listdir) and
    the builtin types' methods (str.split) are never unasked methods."""
    parts = anchor.split(".")
    if len(parts) < 2 or not parts[-2][:1].isupper() or parts[-2].lower() in TYPE_NAMES:
        return False
    return not re.search(rf"\b{re.escape(parts[-2])}\b", question or "", re.I)
