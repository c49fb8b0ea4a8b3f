"""Composes a small runnable call for a documented function that has no example of its own.

Most library entries (random.choice, itertools.combinations, re.findall, os.listdir) show no code; an answer that
leads with such a function still needs one. From the entry's signature (its title) this builds a few candidate
scripts: the import, sample arguments chosen by the PARAMETER NAMES the documentation uses (`seq`, `iterable`,
`pattern`, `string`, `a`/`b`, `path`, ...), the call, and a print of the result (or of the object the call changed,
when it returns None: random.shuffle, list.sort). The build (knowledge/docs_index/build.py) runs every candidate
in the sandbox like the documentation's own examples and keeps the first one that runs and prints something, with
the output it really printed; an entry whose parameters have no sample stays without one.
"""
from __future__ import annotations

import re

# The library pages whose functions beginners call directly.
PAGES = frozenset(f"library/{m}" for m in (
    "functions", "stdtypes", "math", "random", "statistics", "string", "time", "datetime", "json", "csv", "os",
    "os.path", "pathlib", "collections", "itertools", "functools", "copy", "shutil", "sys", "re", "textwrap",
    "heapq", "bisect", "secrets", "calendar", "fractions", "pprint", "operator", "tempfile", "glob", "keyword",
    "decimal", "timeit")) | {"tutorial/datastructures"}

# Sample values by the parameter names the documentation uses; each name has a few, tried in order.
_SAMPLES: dict[str, tuple[str, ...]] = {
    **{n: ("['apple', 'banana', 'cherry']", "[3, 1, 4, 1, 5]") for n in ("seq", "sequence", "population")},
    **{n: ("[3, 1, 4, 1, 5]", "'ABCD'", "['apple', 'banana', 'cherry']") for n in (
        "iterable", "data", "iterables", "list", "l", "items", "p", "iterable_or_mapping", "iterable-or-mapping")},
    "pattern": (r"r'\d+'",), "string": ("'a1 b22 c333'",), "repl": ("'#'",), "s": ("'hello world'",),
    "text": ("'The quick brown fox jumps over the lazy dog and keeps running'",),
    "sub": ("'a'",), "prefix": ("'ba'",), "suffix": ("'na'",), "chars": ("' x'",), "sep": ("','",),
    "old": ("'a'",), "new": ("'o'",), "width": ("10", "20"), "fillchar": ("'*'",), "char": ("'a'",),
    "x": ("2.5", "[3, 1, 2]", "16"), "y": ("3",), "a": ("12", "[1, 2, 3]"), "b": ("18", "[2, 3, 4]"),
    "n": ("3",), "k": ("2",), "r": ("2",), "i": ("1",), "number": ("3.14159",), "ndigits": ("2",),
    "start": ("1",), "stop": ("10",), "step": ("2",), "base": ("2",), "exp": ("3",), "value": ("42", "'a'"),
    "obj": ("[1, [2, 3]]",), "object": ("[1, 2, 3]", "'hello'"), "elem": ("2",), "item": ("2",), "key": ("'a'",),
    "x1": ("3",), "x2": ("4",), "mu": ("0",), "sigma": ("1",), "path": ("'.'",), "top": ("'.'",),
    "year": ("2024",), "month": ("3",), "day": ("15",), "date_string": ("'2024-03-15'",),
    "heap": ("[1, 3, 5]",), "other": ("{2, 3, 4}", "[4, 5]"), "others": ("{2, 3, 4}",),
    "first": ("'apple'",), "second": ("'apricot'",), "secs": ("0.1",), "nbytes": ("8",),
    "theyear": ("2024",), "themonth": ("3",), "numerator": ("3",), "denominator": ("4",), "t": ("(1, 2)",),
    "pathsegments": ("'.'",), "segments": ("'.'",), "integers": ("12, 18",), "args": ("3, 1, 2",), "src": ("'a.txt'",), "dst": ("'b.txt'",), "pathname": ("'*'",), "sub_string": ("'a'",),
}
# A receiver for the methods of the builtin types (the set methods are documented under frozenset).
_RECEIVERS = {"str": "'banana'", "list": "[3, 1, 2]", "dict": "{'a': 1, 'b': 2}", "frozenset": "{1, 2, 3}",
              "set": "{1, 2, 3}", "int": "255", "float": "2.5", "bytes": "b'hi'", "tuple": "(1, 2, 2, 3)"}
_DECORATOR = """import {module}

@{name}
def square(n):
    print('computing', n)
    return n * n

print(square(4))
print(square(4))"""
_SIGNATURE = re.compile(r"^(?:(?:class|classmethod|staticmethod|abstractmethod|method)\s+)*([\w.]+)\((.*)\)\s*$")
_FILE_SETUP = "with open('a.txt', 'w') as f:\n    f.write('hello')\n"
_LIMIT = 6


def parameters(signature: str) -> list[str] | None:
    """The required parameters of 'seq' / 'pattern, string, flags=0' / 'sub[, start[, end]]' ('*others' keeps
    its star; with none required, the first optional one: Counter([iterable-or-mapping])); None when one has no
    sample."""
    required = []
    head, _, optional = signature.partition("[")
    for part in head.split(","):
        part = part.strip()
        if part == "*" or part.startswith("**"):
            break   # keyword-only or **kwargs: never required for a first example
        if not part or part in ("/", "...") or "=" in part:
            continue
        if part.lstrip("*") not in _SAMPLES:
            return None
        required.append(part)
    first_optional = optional.strip(" ,]").split(",")[0].strip(" []")
    if not required and first_optional.lstrip("*") in _SAMPLES:
        required.append(first_optional)
    return required


def _arguments(required: list[str]) -> list[list[str]]:
    """Up to a few argument lists, each name's samples combined (variadic *others: one value)."""
    combos: list[list[str]] = [[]]
    for part in required:
        combos = [c + [v] for c in combos for v in _SAMPLES[part.lstrip("*")]][:_LIMIT]
    return combos


def _owner_call(anchor: str) -> tuple[str, str, str] | None:
    """(import line, receiver expression, called name) of an API anchor."""
    parts = anchor.split(".")
    if len(parts) == 1:
        return "", "", anchor
    if parts[0] in _RECEIVERS and len(parts) == 2:
        return "", _RECEIVERS[parts[0]], parts[1]
    module = parts[0]
    return f"import {module}\n", ".".join(parts[:-1]), parts[-1]


def candidates(page: str, anchor: str, title: str, owners: dict[str, str] | None = None) -> list[str]:
    """Candidate scripts for one entry, best first (empty when it cannot be composed). `owners` ({anchor: title}
    of the documented classes) lets a method be called on an instance its class's signature builds:
    datetime.date(2024, 3, 15).weekday()."""
    if page not in PAGES or anchor.startswith("_") or "__" in anchor:
        return []
    title = title.strip()
    if title.startswith("@"):
        module = anchor.split(".")[0]
        return [_DECORATOR.format(module=module, name=anchor)] if "." in anchor else []
    match = _SIGNATURE.match(title)
    if match is None:
        return []
    required = parameters(match.group(2))
    owner = _owner_call(anchor)
    if required is None or owner is None:
        return []
    imports, receiver, name = owner
    setup = _FILE_SETUP if "src" in required else ""
    scripts = []
    called = f"{receiver}.{name}" if receiver else name
    for values in _arguments(required):
        call = f"{called}({', '.join(values)})"
        scripts += [f"{imports}{setup}print({call})", f"{imports}{setup}print(list({call}))"]
        if receiver and not imports:   # a method of a builtin type that changes it in place: show the object
            scripts.append(f"value = {receiver}\nvalue.{name}({', '.join(values)})\nprint(value)")
        elif values and values[0].startswith("["):   # a function that changes its argument: random.shuffle(items)
            scripts.append(f"{imports}{setup}items = {values[0]}\n{called}({', '.join(['items', *values[1:]])})\n"
                           "print(items)")
        if imports and not receiver.startswith(("'", "[", "{")) and "." in receiver:
            made = _instance(receiver, (owners or {}).get(receiver, ""))
            if made:   # a method of a documented class, on an instance
                scripts += [f"{imports}{setup}print({made}.{name}({', '.join(values)}))",
                            f"{imports}{setup}print(list({made}.{name}({', '.join(values)})))"]
        if imports:   # a function run for its effect (time.sleep): it runs, then says so
            scripts.append(f"{imports}{setup}{call}\nprint('done')")
    return [s for s in scripts if s]


def _instance(owner: str, title: str) -> str:
    """'datetime.date(2024, 3, 15)' from the class entry 'class datetime.date(year, month, day)'."""
    match = _SIGNATURE.match(title.strip()) if title.strip().startswith("class ") else None
    required = parameters(match.group(2)) if match else None
    if required is None:
        return ""
    combos = _arguments(required)
    return f"{owner}({', '.join(combos[0])})" if combos else ""


def keep(script: str, output: str) -> bool:
    """A composed example is worth showing when it printed something other than None or an object's address."""
    text = output.strip()
    return bool(text) and text != "None" and " object at 0x" not in text and "<generator" not in text
