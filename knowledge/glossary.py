"""Everyday words students use for what the Python documentation names differently ("folder" / directory,
"square root" / sqrt, "biggest" / max). A general glossary of the language of the domain, not of particular
questions: the documentation search adds the documentation's word for every everyday phrase a question contains
(knowledge.docs_index.search.key_terms), so "list all files in a folder" also searches "directory listdir".
"""
from __future__ import annotations

import re

EXPANSIONS: dict[str, str] = {
    # files and the operating system
    "folder": "directory", "folders": "directory", "subfolder": "directory", "delete a file": "remove unlink",
    "delete file": "remove unlink", "rename": "rename", "file exists": "exists", "file exist": "exists",
    "list files": "listdir iterdir", "all files": "listdir iterdir glob", "current directory": "getcwd",
    "file size": "getsize", "file extension": "suffix splitext", "copy a file": "shutil copyfile",
    "environment variable": "environ", "environment variables": "environ", "command line": "argv argparse",
    "exit the program": "sys exit", "stop the program": "sys exit", "quit the program": "sys exit",
    # numbers and maths
    "square root": "sqrt", "absolute value": "abs", "to the power": "pow", "power of": "pow",
    "biggest": "max", "largest": "max", "maximum": "max", "highest": "max", "smallest": "min", "minimum": "min",
    "lowest": "min", "average": "mean statistics", "integer division": "floor division", "remainder": "modulo",
    "random number": "random randint", "random numbers": "random randint", "randomly": "random",
    "decimal places": "round format", "percentage": "format", "binary": "bin", "hexadecimal": "hex",
    # text
    "whitespace": "strip", "trim": "strip", "lowercase": "lower", "uppercase": "upper", "capital letters": "upper",
    "capitalize": "capitalize title", "glue": "join", "substring": "find slice", "reverse a string": "slice",
    "regular expression": "re regex", "regular expressions": "re regex", "pattern matching": "re match",
    # collections
    "array": "list", "arrays": "list", "hashmap": "dict", "hash map": "dict", "associative array": "dict",
    "how many times": "count counter", "occurrences": "count counter", "frequency": "counter",
    "duplicates": "set", "unique values": "set", "unique items": "set", "last element": "index",
    "length": "len", "size of": "len", "stack": "append pop", "queue": "deque", "pairs": "zip tuple", "merge two dictionaries": "update",
    # time
    "current time": "now time", "current date": "today date", "timestamp": "time datetime",
    "pause": "sleep", "wait": "sleep", "delay": "sleep", "how long": "timeit time",
    # language constructs under other languages' names
    "null": "none", "nil": "none", "switch": "match", "switch case": "match case", "foreach": "for",
    "for each": "for", "do while": "while", "increment": "augmented assignment", "ternary": "conditional expression",
    "constructor": "__init__", "destructor": "__del__", "getter": "property", "setter": "property",
    "static method": "staticmethod", "class method": "classmethod", "interface": "abstract abc",
    "anonymous function": "lambda", "private": "private name mangling", "pointer": "reference object",
    "check the type": "isinstance type", "type of a variable": "type isinstance", "memory size": "getsizeof",
    "pretty print": "pprint", "unit test": "unittest", "unit tests": "unittest", "virtual environment": "venv",
    "f string": "formatted string literals", "fstring": "formatted string literals",
}
_PHRASES = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(EXPANSIONS, key=len, reverse=True))
                      + r")(?![\w-])", re.IGNORECASE)


def expansions(text: str) -> list[str]:
    """The documentation's words for the everyday phrases in `text`, in order of appearance."""
    words: list[str] = []
    for match in _PHRASES.finditer(text or ""):
        words += EXPANSIONS[match.group(1).lower()].split()
    return list(dict.fromkeys(words))
