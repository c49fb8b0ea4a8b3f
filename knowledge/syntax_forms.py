"""The forms of Python syntax a question can name, how a question names them, and how code shows them.

"a list comprehension with an if filter", "format a float to 2 decimals in an f-string", "my own exception
class", "dataclass fields with type annotations", "reverse with a negative step": a page on the right topic whose
examples never write that form does not answer the question. Each form here pairs the words a question uses for
it (`asked`) with a pattern of the code that writes it (`code`); agents/concepts/form_examples.py makes sure an
answer shows an example containing every form its question names. The table is the language's syntax, not
particular questions: one row per construct.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    name: str
    label: str            # how the answer's heading names it
    asked: re.Pattern     # the question names the form
    code: re.Pattern      # code written in that form


def _form(name: str, label: str, asked: str, code: str) -> Form:
    return Form(name, label, re.compile(asked, re.I | re.S), re.compile(code, re.M))


_COMP = r"(?:list |dict(?:ionary)? |set )?comprehension"
# Words that ask for a filter: "if", "only the even ones", "keep", "skip", "where ...".
_FILTER = r"(?:if|filter\w*|condition\w*|only|keep\w*|skip\w*|exclud\w*|select\w*|where|even|odd|positive|negative)"
FORMS: tuple[Form, ...] = (
    _form("comprehension-if-else", "an if/else inside a comprehension",
          rf"{_COMP}.*\bif\b.*\belse\b|\bif\b.*\belse\b.*{_COMP}|ternary.*{_COMP}|{_COMP}.*ternary",
          r"\[[^\n]*\bif\b[^\n]*\belse\b[^\n]*\bfor\b[^\n]*\]"),
    _form("comprehension-if", "an if filter inside a comprehension",
          rf"{_COMP}.*\b{_FILTER}\b|\b{_FILTER}\b.*{_COMP}",
          r"\[[^\n]*\bfor\b[^\n]*\bif\b[^\n]*\]"),
    _form("nested-comprehension", "a nested comprehension",
          rf"nested {_COMP}|{_COMP}.*(?:matrix|2d|2-d|grid|nested|transpose)|transpose",
          r"\[\s*\[[^\n]*\bfor\b[^\n]*\]\s*for\b[^\n]*\]|\[[^\n]*\bfor\b[^\n]*\bfor\b[^\n]*\]"),
    _form("dict-comprehension", "a dict comprehension", r"dict(?:ionary)? comprehension",
          r"\{\s*[^:{}\n]+:\s*[^{}\n]+\bfor\b[^{}\n]*\}"),
    _form("set-comprehension", "a set comprehension", r"\bset comprehension",
          r"\{\s*[^:{}\n]+\bfor\b[^:{}\n]*\}"),
    _form("comprehension-vs-loop", "a comprehension beside the loop it replaces",
          rf"{_COMP}.*\b(?:loop|for loop|replace\w*)\b|\b(?:loop|for loop)\b.*{_COMP}",
          r"(?s)\.append\(.*\[[^\n]*\bfor\b[^\n]*\]|\[[^\n]*\bfor\b[^\n]*\].*\.append\("),
    _form("generator-expression", "a generator expression", r"generator expression|genexp",
          r"\w\(\s*[^()\[\]\n]*\bfor\b[^()\n]*\)"),
    _form("format-decimals", "a number formatted to a fixed number of decimals",
          r"\bdecimals?\b|decimal places?|\.\d+f\b|digits? after the (?:decimal )?point|\b\d+ places\b",
          r"\{[^}\n]*:[^}\n]*\.\d+f[^}\n]*\}"),
    _form("format-align", "a value aligned in a fixed width",
          r"\balign\w*|\bjustif\w*|\bpad\w*\b|\bwidth\b|\bcolumns?\b",
          r"\{[^}\n]*:[^}\n]*[<>^]\d+[^}\n]*\}"),
    _form("custom-exception", "an exception class of your own",
          r"\b(?:own|custom|new|user[- ]defined|define|make|create|write)\b[\w\s]{0,20}\b(?:exception|error)s?\b",
          r"class\s+\w+\s*\(\s*\w*(?:Exception|Error)\s*\)"),
    _form("annotations", "type annotations",
          r"type (?:annotation|hint)s?|\bannotat\w*|\bwith (?:their )?types\b|typed fields?",
          r"^\s*\w+\s*:\s*(?:int|str|float|bool|list|dict|tuple|set)\b|\(\s*\w+\s*:\s*(?:int|str|float|list)\b"),
    _form("dataclass-fields", "a dataclass with annotated fields", r"\bdata ?class",
          r"@dataclass[^\n]*\n(?:\s*\n)*class\s+\w+[^\n]*:\s*\n\s+\w+\s*:\s*[\w\[\]., ]+"),
    _form("field-default", "a field with a default value",
          r"(?:dataclass|field)\w*.*\bdefault|\bdefault\b.*(?:dataclass|field)",
          r"^\s*\w+\s*:\s*[\w\[\], .]+\s*=\s*\S"),
    _form("negative-step", "a slice with a negative step (it walks backwards: `[::-1]` reverses the sequence)",
          r"negative (?:step|slice|stride)|step (?:of )?-1|\[::-1\]|backwards? slic\w*|slic\w* backwards?|"
          r"revers\w*.*\bslic\w*|\bslic\w*.*revers\w*",
          r"\[\s*[-\w]*\s*:\s*[-\w]*\s*:\s*-\d*\s*\]"),
    _form("slice-step", "a slice with a step",
          r"every (?:second|other|third|\d+(?:st|nd|rd|th)?)\b|\bstep\b(?!.*negative)",
          r"\[\s*[-\w]*\s*:\s*[-\w]*\s*:\s*\d+\s*\]"),
    _form("classmethod", "a classmethod and its cls parameter", r"\bcls\b|class ?method",
          r"@classmethod\s*\n\s*def\s+\w+\(\s*cls"),
    _form("staticmethod", "a staticmethod", r"static ?method", r"@staticmethod"),
    _form("setter", "a property with a setter", r"\bsetter", r"@\w+\.setter"),
    _form("property", "a property", r"@property|\bproperty\b|computed (?:attribute|when accessed)",
          r"@property"),
    _form("keyword-only", "keyword-only parameters", r"keyword[- ]only|\bonly (?:by|as) keyword",
          r"def\s+\w+\([^)]*\*\s*,"),
    _form("lambda-key", "a lambda as the sort key", r"\blambda\b.*\b(?:sort\w*|key|max|min)\b|"
          r"\b(?:sort\w*|key|max|min)\b.*\blambda\b", r"key\s*=\s*lambda"),
    _form("walrus", "an assignment expression", r":=|walrus|assignment expression", r":="),
    _form("star-args", "*args", r"\*args|any number of (?:positional )?arguments|variable number of arguments",
          r"def\s+\w+\([^)]*\*[a-z]\w*"),
    _form("kwargs", "**kwargs", r"\*\*kwargs|any number of keyword arguments", r"def\s+\w+\([^)]*\*\*\w+"),
    _form("main-guard", "the `if __name__ == \"__main__\"` guard", r"__name__|__main__|\bif name (?:==\s*)?main\b",
          r"if\s+__name__\s*==\s*['\"]__main__['\"]"),
    _form("enumerate-start", "enumerate with a start", r"\b(?:start|begin)\w*\s+(?:at|from|with)\s+(?:1|one)\b",
          r"enumerate\([^)]*(?:start\s*=\s*)?1\s*\)"),
)


def asked(question: str) -> list[Form]:
    """The forms a question names, most specific first (an if/else comprehension is not also a plain filter)."""
    found = [f for f in FORMS if f.asked.search(question or "")]
    names = {f.name for f in found}
    if "comprehension-if-else" in names:
        found = [f for f in found if f.name != "comprehension-if"]
    if "negative-step" in names:
        found = [f for f in found if f.name != "slice-step"]
    if "setter" in names:
        found = [f for f in found if f.name != "property"]
    return found


def shows(form: Form, code: str) -> bool:
    return bool(form.code.search(code or ""))


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(\d+|one|two|three|four|five|six)"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


def specialised(form: Form, question: str) -> tuple[re.Pattern, str, str] | None:
    """For a form the question gives a number for ("3 decimals", "10 characters wide"): the pattern of code
    with exactly that number, and a small example written with it, with the output Python's own format()
    gives for it (a format spec applied to a constant: nothing else runs)."""
    question = question or ""
    if form.name == "format-decimals":
        match = re.search(rf"\b{_COUNT}\s*(?:decimal|digit|place|number)s?\b|\.(\d)f\b", question, re.I)
        if not match:
            return None
        n = _number(match.group(1) or match.group(2))
        code = f"price = 3.14159\nprint(f\"{{price:.{n}f}}\")"
        return re.compile(rf"\{{[^}}\n]*:[^}}\n]*\.{n}f[^}}\n]*\}}"), code, format(3.14159, f".{n}f")
    if form.name == "format-align":
        match = re.search(rf"\b{_COUNT}\s*(?:characters?|chars?|wide|width|spaces|columns?)\b", question, re.I)
        if not match:
            return None
        width = _number(match.group(1))
        side = "<" if re.search(r"\bleft\b", question, re.I) else "^" if re.search(r"\bcent(?:er|re)", question,
                                                                                  re.I) else ">"
        code = f"name = 'hi'\nprint(f\"|{{name:{side}{width}}}|\")"
        return re.compile(rf"\{{[^}}\n]*:[^}}\n]*{re.escape(side)}{width}[^}}\n]*\}}"), code, \
            f"|{format('hi', f'{side}{width}')}|"
    return None
