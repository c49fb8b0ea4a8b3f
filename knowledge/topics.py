"""The shared topic vocabulary of LearnFlow and fast topic detection.

Every agent speaks in these ids: the concepts knowledge base has one entry per id, progress tracking keeps
per-topic mastery under them, and the debug agent maps an exception to one of them. Detection is deliberately
offline and cheap (keyword/alias regexes plus a single `ast` walk over any code) so it can run on every request.
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache

TOPICS: tuple[str, ...] = (
    "variables", "data-types", "numbers", "strings", "lists", "tuples", "dictionaries", "sets",
    "conditionals", "loops", "functions", "arguments", "scope", "recursion", "comprehensions",
    "exceptions", "file-io", "classes", "inheritance", "iterators", "generators", "decorators",
    "modules", "lambdas", "higher-order-functions", "sorting-searching", "string-formatting",
    "context-managers", "type-hints", "async", "input-output",
    "closures", "dataclasses", "copying", "virtual-environments", "string-representation", "testing",
    "floating-point",
)

# Phrases that signal a topic in a question. Multi-word phrases score higher than single words because they
# are less ambiguous ("list comprehension" says comprehensions, "list" alone could be many things).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "variables": ("variable", "variables", "assign", "assignment", "name binding", "rebinding", "constant",
                  "naming convention", "snake_case", "identifier", "reassign", "swap two", "multiple assignment"),
    "data-types": ("data type", "data types", "type()", "isinstance", "type conversion", "casting", "cast",
                   "mutable", "immutable", "mutability", "nonetype", "none", "bool", "boolean", "truthy", "falsy",
                   "int()", "str()", "float()", "type of", "what type"),
    "numbers": ("integer", "integers", "float", "floats", "division", "floor division",
                "modulo", "modulus", "remainder", "exponent", "power", "round", "rounding", "arithmetic",
                "math module", "math.", "//", "%", "complex number", "operator precedence",
                "number", "numbers", "int", "divide"),
    "strings": ("string", "strings", "str", "substring", "slice", "slicing", "split", "join", "strip",
                "upper", "lower", "replace", "concatenate", "concatenation", "character", "characters",
                "text", "palindrome", "reverse a string", "find()", "startswith", "endswith", "escape", "unicode"),
    "lists": ("list", "lists", "array", "arrays", "append", "extend", "insert", "pop", "remove", "index",
              "indexing", "len", "nested list", "2d list", "matrix", "copy a list", "list methods"),
    "tuples": ("tuple", "tuples", "unpacking", "unpack", "namedtuple", "packing", "immutable list"),
    "dictionaries": ("dictionary", "dictionaries", "dict", "dicts", "key", "keys", "value pairs",
                     "key-value", "key value", ".get", "items()", "hash map", "hashmap", "mapping", "lookup table",
                     "defaultdict", "counter", "json"),
    "sets": ("set", "sets", "unique", "duplicates", "remove duplicates", "union", "intersection",
             "difference", "frozenset", "membership", "distinct"),
    "conditionals": ("if", "elif", "else", "if statement", "condition", "conditions", "conditional",
                     "comparison", "compare", "boolean logic", "and", "or", "not", "ternary", "match statement",
                     "match case", "branch", "==", "is vs ==", "greater than"),
    "loops": ("loop", "loops", "for loop", "while loop", "iterate", "iteration", "iterating", "range",
              "break", "continue", "enumerate", "zip", "infinite loop", "nested loop", "repeat", "loop over"),
    "functions": ("function", "functions", "def", "return", "returns", "return value", "call a function",
                  "calling", "define a function", "docstring", "none returned", "procedure", "method"),
    "arguments": ("argument", "arguments", "parameter", "parameters", "args", "kwargs", "*args", "**kwargs",
                  "default argument", "default value", "keyword argument", "positional", "mutable default",
                  "keyword-only", "pass by reference", "pass by value"),
    "scope": ("scope", "scopes", "global", "nonlocal", "local variable", "global variable", "legb", "namespace", "enclosing", "unboundlocalerror"),
    "recursion": ("recursion", "recursive", "recursively", "base case", "recursive case", "call stack",
                  "stack overflow", "recursionerror", "factorial", "fibonacci", "memoization", "memoize",
                  "recursion limit", "tower of hanoi"),
    "comprehensions": ("comprehension", "comprehensions", "list comprehension", "dict comprehension",
                       "set comprehension", "generator expression", "one-liner", "one liner"),
    "exceptions": ("exception", "exceptions", "error handling", "try", "except", "finally", "raise",
                   "raising", "traceback", "catch", "catching", "custom exception", "handle errors", "error",
                   "errors", "crash", "assert"),
    "file-io": ("file", "files", "open()", "open a file", "read a file", "write to a file", "read file",
                "write file", "csv", "readline", "readlines", "file handling", "pathlib", "path", "directory",
                "text file", "append to a file", "encoding"),
    "classes": ("class", "classes", "object", "objects", "oop", "object oriented", "object-oriented",
                "instance", "instances", "self", "__init__", "constructor", "attribute", "attributes", "method",
                "methods", "dunder", "magic method", "property", "staticmethod",
                "classmethod", "encapsulation"),
    "inheritance": ("inheritance", "inherit", "inherits", "subclass", "subclasses", "parent class",
                    "child class", "base class", "super()", "super", "override", "overriding", "polymorphism",
                    "mro", "multiple inheritance", "abstract class", "abc", "mixin"),
    "iterators": ("iterator", "iterators", "iterable", "iterables", "iter()", "next()", "__iter__",
                  "__next__", "stopiteration", "iteration protocol", "itertools", "lazy"),
    "generators": ("generator", "generators", "yield", "yield from", "lazy evaluation", "generator function",
                   "infinite sequence"),
    "decorators": ("decorator", "decorators", "@", "wraps", "functools.wraps", "wrapper", "wrapping a function",
                   "@property", "@staticmethod"),
    "modules": ("module", "modules", "import", "imports", "package", "packages", "pip", "from import",
                "__name__", "__main__", "library", "standard library", "importerror", "modulenotfounderror"),
    "lambdas": ("lambda", "lambdas", "anonymous function", "anonymous functions", "inline function"),
    "higher-order-functions": ("higher order", "higher-order", "map", "filter", "reduce", "functools",
                               "first-class function", "function as argument", "callback", "callbacks",
                               "partial", "pass a function"),
    "sorting-searching": ("sort", "sorted", "sorting", "search", "searching", "binary search", "linear search",
                          "bubble sort", "merge sort", "quick sort", "quicksort", "key=", "reverse=True", "order",
                          "bisect", "min", "max", "largest", "smallest", "algorithm", "big o", "complexity"),
    "string-formatting": ("f-string", "f-strings", "fstring", "format", "formatting", ".format", "format string",
                          "string formatting", "%s", "%d", "decimal places", "padding", "align", "interpolation",
                          "2 decimal", "two decimal"),
    "context-managers": ("context manager", "context managers", "with statement", "with open", "__enter__",
                         "__exit__", "contextlib", "contextmanager", "with block"),
    "type-hints": ("type hint", "type hints", "type hinting", "annotation", "annotations", "typing", "mypy",
                   "optional[", "list[int]", "typed", "static typing"),
    "async": ("async", "await", "asyncio", "coroutine", "coroutines", "event loop", "concurrency",
              "asynchronous", "concurrent", "gather"),
    "input-output": ("input", "input()", "print", "print()", "output", "user input", "read from keyboard",
                     "stdin", "end=", "sep=", "console", "prompt"),
    "closures": ("closure", "closures", "inner function", "nested function", "function factory", "nonlocal",
                 "enclosing", "late binding", "captured variable"),
    "dataclasses": ("dataclass", "dataclasses", "@dataclass", "data class", "default_factory", "field(",
                    "__post_init__", "frozen"),
    "copying": ("copy", "copies", "copying", "shallow copy", "deep copy", "deepcopy", "shallow", "clone",
                "copy.copy", "independent copy"),
    "virtual-environments": ("virtual environment", "virtual environments", "venv", "virtualenv", "pip install",
                             "requirements.txt", "activate", "pip freeze", "enviroment", "environment"),
    "string-representation": ("__str__", "__repr__", "repr", "repr()", "string representation", "print an object",
                              "print my object", "object at 0x", "printable"),
    "testing": ("test", "tests", "testing", "unit test", "unit tests", "unittest", "pytest", "test case",
                "assertequal", "tdd", "test my function", "write a test"),
    "floating-point": ("floating point", "floating-point", "0.1 + 0.2", "0.1+0.2", "precision", "rounding error",
                       "decimal", "isclose", "float precision", "inexact"),
}

# Words that belong to several topics; they count only a little so a more specific signal wins.
_WEAK = {"int", "number", "numbers", "str", "text", "key", "keys", "set", "if", "else", "and", "or", "not",
         "order", "min", "max", "index", "error", "errors", "try", "method", "methods", "object", "path",
         "self", "super", "@", "%", "//", "==", "len", "pop", "insert", "remove", "map", "filter", "lazy",
         "repeat", "cast", "none", "bool", "output", "print", "input", "compare", "difference", "format",
         "search", "catch", "value", "constant", "order", "abc", "partial", "library", "algorithm",
         "json", "counter", "attribute", "attributes", "instance", "range", "character", "characters",
         "replace", "split", "join", "strip", "upper", "lower", "find()", "encoding", "decimal", "round",
         "power", "crash", "assert", "distinct", "union", "membership", "unique", "typed", "annotation",
         "property", "wrapper", "callback", "module", "package", "import", "test", "tests", "shallow",
         "activate", "environment", "frozen", "repr", "precision", "copy", "copies"}


def _pattern(phrase: str) -> re.Pattern[str]:
    """Word-bounded when the phrase starts/ends with a word character; literal otherwise (e.g. '**kwargs')."""
    left = r"(?<![\w])" if phrase[0].isalnum() or phrase[0] == "_" else ""
    right = r"(?![\w])" if phrase[-1].isalnum() or phrase[-1] == "_" else ""
    return re.compile(left + re.escape(phrase) + right, re.IGNORECASE)


def _spread(phrase: str) -> int:
    """In how many topics' keywords the phrase's words appear: 'function' is in five, 'lambda' in one."""
    words = set(re.findall(r"[a-z]+", phrase.lower()))
    return max(1, sum(1 for phrases in KEYWORDS.values()
                      if words & {w for p in phrases for w in re.findall(r"[a-z]+", p.lower())}))


def _weight(phrase: str) -> float:
    """Multi-word phrases are less ambiguous than single words; a word shared by many topics says less than a
    word only one topic uses ('what is a lambda function' is about lambdas, not functions)."""
    if phrase in _WEAK:
        return 0.35
    base = 1.6 if " " in phrase or len(phrase) > 9 else 1.0
    # Only plain words are diluted: "f-strings", "key=" or "list[int]" are as specific as a phrase.
    return base * (0.6 + 0.4 / _spread(phrase)) if phrase.isalpha() else base


_COMPILED: dict[str, tuple[tuple[str, re.Pattern[str], float], ...]] = {
    topic: tuple((p, _pattern(p), _weight(p)) for p in phrases) for topic, phrases in KEYWORDS.items()
}
_TOKEN = re.compile(r"\w+")


def _build_index() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...], tuple[tuple[str, str, re.Pattern[str], float], ...]]:
    """Every phrase is filed under its first word (its first run of word characters, lower-cased): a phrase can
    only match where that word occurs as a whole word in the text (phrases starting with a word character are
    word-bounded on the left; a run inside a phrase ends where the text's run ends, at the same non-word
    character or at the phrase's right word boundary). A question names ~10 words, so ~20 of the ~500 phrase
    regexes run instead of all of them, with exactly the same result. Phrases without any word character
    ("@", "//", "%", "==") are always tried."""
    flat = tuple((topic, phrase, pattern, weight) for topic, entries in _COMPILED.items()
                 for phrase, pattern, weight in entries)
    by_word: dict[str, list[int]] = {}
    always: list[int] = []
    for index, (_, phrase, _, _) in enumerate(flat):
        first = _TOKEN.search(phrase.lower())
        if first is None:
            always.append(index)
        else:
            by_word.setdefault(first.group(), []).append(index)
    return {w: tuple(ix) for w, ix in by_word.items()}, tuple(always), flat


_BY_WORD, _ALWAYS, _FLAT = _build_index()


def text_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Raw keyword scores per topic and the phrases that matched (for explaining why a topic was chosen)."""
    scores: dict[str, float] = {}
    matched: dict[str, list[str]] = {}
    if not text:
        return scores, matched
    candidates = set(_ALWAYS)
    for word in set(_TOKEN.findall(text.lower())):
        candidates.update(_BY_WORD.get(word, ()))
    for index in sorted(candidates):   # the phrases' declared order: `matched` lists them as before
        topic, phrase, pattern, weight = _FLAT[index]
        if pattern.search(text):
            scores[topic] = scores.get(topic, 0.0) + weight
            matched.setdefault(topic, []).append(phrase)
    for name in _EXCEPTION_IN_TEXT.findall(text):
        # "what does KeyError mean" is a dictionaries question even though no keyword says so.
        topic = topic_for_exception(name)
        scores[topic] = scores.get(topic, 0.0) + 1.6
        matched.setdefault(topic, []).append(name)
    _add_float_literals(text, scores, matched)
    return scores, matched


def _add_float_literals(text: str, scores: dict[str, float], matched: dict[str, list[str]]) -> None:
    """"why is 0.1 plus 0.2 not exactly 0.3": arithmetic on float literals (two or more) is a floating-point
    question however the operator is written, unless a floating-point phrase already said so."""
    floats = _FLOAT_IN_TEXT.findall(text)
    if len(floats) >= 2 and "floating-point" not in scores:
        scores["floating-point"] = 1.0
        matched["floating-point"] = [floats[0]]


# a float literal, not a version ("python 3.11", "v2.7") or a dotted name
_FLOAT_IN_TEXT = re.compile(r"(?<![\w.])(?<!python )(?<!version )\d+\.\d+(?![\w.])", re.I)
_EXCEPTION_IN_TEXT = re.compile(r"\b([A-Z][A-Za-z]*(?:Error|Iteration|Interrupt))\b")


_LIST_METHODS = {"append", "extend", "insert", "pop", "remove", "sort", "reverse", "index", "count"}
_DICT_METHODS = {"get", "items", "keys", "values", "setdefault", "update", "popitem"}
_STR_METHODS = {"split", "join", "strip", "upper", "lower", "replace", "startswith", "endswith", "find",
                "isdigit", "title", "capitalize", "lstrip", "rstrip"}


def _bump(scores: dict[str, float], topic: str, amount: float) -> None:
    scores[topic] = scores.get(topic, 0.0) + amount


@lru_cache(maxsize=512)
def _code_scores_cached(code: str) -> tuple[tuple[str, float], ...]:
    scores: dict[str, float] = {}
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        # Broken code still says something about its topic; a few cheap regexes keep detection useful.
        for regex, topic in ((r"^\s*(for|while)\b", "loops"), (r"^\s*def\b", "functions"),
                             (r"^\s*class\b", "classes"), (r"\byield\b", "generators"), (r"^\s*if\b", "conditionals"),
                             (r"^\s*(try|except)\b", "exceptions"), (r"^\s*@\w", "decorators"),
                             (r"\blambda\b", "lambdas"), (r"^\s*(import|from)\b", "modules")):
            if re.search(regex, code, re.MULTILINE):
                _bump(scores, topic, 1.0)
        return tuple(scores.items())
    functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for node in ast.walk(tree):
        kind = type(node)
        if kind in (ast.For, ast.While, ast.AsyncFor):
            _bump(scores, "loops", 1.0)
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef):
            functions.append(node)
            _bump(scores, "functions", 0.8)
            if node.decorator_list:
                _bump(scores, "decorators", 1.5)
            a = node.args
            if a.vararg or a.kwarg or a.defaults or a.kw_defaults or a.kwonlyargs:
                _bump(scores, "arguments", 1.0)
            if node.returns is not None or any(arg.annotation is not None for arg in a.args):
                _bump(scores, "type-hints", 0.8)
            if kind is ast.AsyncFunctionDef:
                _bump(scores, "async", 2.0)
        elif kind is ast.ClassDef:
            _bump(scores, "classes", 1.5)
            if node.bases:
                _bump(scores, "inheritance", 1.2)
        elif kind in (ast.Yield, ast.YieldFrom):
            _bump(scores, "generators", 2.0)
        elif kind in (ast.ListComp, ast.DictComp, ast.SetComp):
            _bump(scores, "comprehensions", 1.5)
        elif kind is ast.GeneratorExp:
            _bump(scores, "comprehensions", 0.8)
            _bump(scores, "generators", 0.4)
        elif kind is ast.Lambda:
            _bump(scores, "lambdas", 1.5)
        elif kind is ast.Dict:
            _bump(scores, "dictionaries", 0.8)
        elif kind is ast.Set:
            _bump(scores, "sets", 1.0)
        elif kind is ast.Tuple and isinstance(getattr(node, "ctx", None), ast.Store):
            _bump(scores, "tuples", 0.4)
        elif kind is ast.List:
            _bump(scores, "lists", 0.4)
        elif kind in (ast.Try, ast.Raise):
            _bump(scores, "exceptions", 1.2)
        elif kind in (ast.With, ast.AsyncWith):
            _bump(scores, "context-managers", 1.0)
        elif kind in (ast.Await,):
            _bump(scores, "async", 1.5)
        elif kind in (ast.Global, ast.Nonlocal):
            _bump(scores, "scope", 1.5)
        elif kind in (ast.Import, ast.ImportFrom):
            _bump(scores, "modules", 0.6)
        elif kind is ast.JoinedStr:
            _bump(scores, "string-formatting", 0.6)
        elif kind is ast.If:
            _bump(scores, "conditionals", 0.6)
        elif kind is ast.AnnAssign:
            _bump(scores, "type-hints", 0.8)
        elif kind is ast.Subscript and isinstance(node.slice, ast.Slice):
            _bump(scores, "strings", 0.2)
            _bump(scores, "lists", 0.2)
        elif kind is ast.Call:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if isinstance(func, ast.Attribute):
                if name in _LIST_METHODS:
                    _bump(scores, "lists", 0.6)
                if name in _DICT_METHODS:
                    _bump(scores, "dictionaries", 0.8)
                if name in _STR_METHODS:
                    _bump(scores, "strings", 0.6)
                if name == "format":
                    _bump(scores, "string-formatting", 1.0)
            if name == "open":
                _bump(scores, "file-io", 1.5)
            elif name in ("map", "filter", "reduce", "partial"):
                _bump(scores, "higher-order-functions", 1.2)
            elif name in ("sorted", "sort", "bisect_left", "bisect_right", "min", "max"):
                _bump(scores, "sorting-searching", 0.8 if name in ("sorted", "sort") else 0.3)
            elif name in ("iter", "next"):
                _bump(scores, "iterators", 1.2)
            elif name == "input":
                _bump(scores, "input-output", 0.8)
            elif name in ("isinstance", "type", "int", "float", "str", "bool"):
                _bump(scores, "data-types", 0.3)
            elif name in ("dict", "defaultdict", "Counter"):
                _bump(scores, "dictionaries", 0.8)
            elif name in ("set", "frozenset"):
                _bump(scores, "sets", 1.0)
            elif name == "tuple":
                _bump(scores, "tuples", 0.8)
            elif name == "super":
                _bump(scores, "inheritance", 1.0)
            elif name in ("range", "enumerate", "zip"):
                _bump(scores, "loops", 0.3)
    for func in functions:
        # A function that calls itself is recursive; the strongest code-level signal we have.
        for node in ast.walk(func):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func.name:
                _bump(scores, "recursion", 2.5)
                break
        if any(isinstance(n, ast.FunctionDef) for n in func.body):
            _bump(scores, "scope", 0.5)
    return tuple(scores.items())


def code_scores(code: str | None) -> dict[str, float]:
    """Scores from the structure of `code` (ast when it parses, regexes when it does not)."""
    if not code or not code.strip():
        return {}
    return dict(_code_scores_cached(code[:20000]))


def detect_topics(text: str, code: str | None = None, limit: int = 3) -> list[tuple[str, float]]:
    """Rank topics for a question (and optional code); scores are in (0, 1], best first.

    Text keywords weigh more than code features: the question says what the student wants to learn, the code
    only hints at it. An empty list means nothing matched (the caller decides how to answer honestly).
    """
    scores, _ = text_scores(text or "")
    for topic, value in code_scores(code).items():
        scores[topic] = scores.get(topic, 0.0) + 0.5 * min(value, 4.0)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], TOPICS.index(kv[0])))
    if not ranked:
        return []
    return [(topic, round(min(1.0, value / 2.5), 3)) for topic, value in ranked[:max(0, limit)]]


_EXCEPTION_TOPICS: dict[str, str] = {
    "IndexError": "lists", "KeyError": "dictionaries", "RecursionError": "recursion",
    "ZeroDivisionError": "numbers", "OverflowError": "numbers", "FloatingPointError": "numbers",
    "ArithmeticError": "numbers", "NameError": "variables", "UnboundLocalError": "scope",
    "TypeError": "data-types", "ValueError": "data-types", "AttributeError": "classes",
    "SyntaxError": "variables", "IndentationError": "functions", "TabError": "functions",
    "ImportError": "modules", "ModuleNotFoundError": "modules", "FileNotFoundError": "file-io",
    "IsADirectoryError": "file-io", "NotADirectoryError": "file-io", "PermissionError": "file-io",
    "FileExistsError": "file-io", "OSError": "file-io", "IOError": "file-io", "EOFError": "input-output",
    "UnicodeDecodeError": "strings", "UnicodeEncodeError": "strings", "UnicodeError": "strings",
    "StopIteration": "iterators", "StopAsyncIteration": "async", "GeneratorExit": "generators",
    "AssertionError": "exceptions", "RuntimeError": "exceptions", "NotImplementedError": "inheritance",
    "KeyboardInterrupt": "loops", "MemoryError": "lists", "LookupError": "dictionaries",
    "TimeoutError": "async", "SystemExit": "modules", "Exception": "exceptions",
}


def topic_for_exception(exception_type: str, message: str = "") -> str:
    """The topic a student should study after hitting `exception_type` (message refines a few cases)."""
    name = (exception_type or "").strip().rsplit(".", 1)[-1]
    msg = (message or "").lower()
    if name == "NameError" and "free variable" in msg:
        return "scope"
    if name == "TypeError":
        if "can only concatenate str" in msg or "must be str" in msg or "item assignment" in msg and "'str'" in msg:
            return "strings"
        if "positional argument" in msg or "keyword argument" in msg or "missing" in msg and "argument" in msg:
            return "arguments"
        if "not callable" in msg or "not iterable" in msg and "nonetype" in msg:
            return "functions"
        if "not iterable" in msg:
            return "iterators"
        if "unhashable" in msg:
            return "dictionaries"
        if "'tuple' object does not support item assignment" in msg:
            return "tuples"
    if name == "ValueError" and ("unpack" in msg):
        return "tuples"
    if name == "AttributeError" and "nonetype" in msg:
        return "functions"
    if name == "AttributeError" and ("'list'" in msg):
        return "lists"
    if name == "AttributeError" and ("'str'" in msg):
        return "strings"
    if name == "AttributeError" and ("'dict'" in msg):
        return "dictionaries"
    if name == "SyntaxError" and ("f-string" in msg):
        return "string-formatting"
    if name == "IndexError" and "string" in msg:
        return "strings"
    if name == "IndexError" and "tuple" in msg:
        return "tuples"
    if name in _EXCEPTION_TOPICS:
        return _EXCEPTION_TOPICS[name]
    if name.endswith("Warning"):
        return "modules"
    return "exceptions"
