"""Standard input for programs that read it: the student's own, the example in their question, or samples.

A program that calls input() must not be diagnosed as EOFError just because the sandbox gave it nothing.
Order: the request's stdin field; else the input the question states ("when I enter 5", "if I type abc");
else sample lines chosen from how each input() is used (AST, never by running): a number for int()/float()
or a numeric comparison, the compared word for `== "yes"`, several tokens for `.split()`, one line per
input() call and a few more (plus the quit word, when there is one) for input() inside a loop.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

_STATED = re.compile(
    r"(?:\b(?:when|if|after|once)\s+|^\s*|[.!?]\s+)(?:(?:I|i|the user|you|we)\s+|(?=(?:typed|entered|typing|entering)\b))"
    r"(?:enter|enters|entered|entering|type|types|typed|typing|input|inputs|"
    r"give|gives|gave|put in|puts in|write|writes|wrote)\s+(?:it\s+|in\s+)?(?P<value>.+?)"
    r"(?=\s*(?:[,;!?]\s|\.\s|\.$|[,;!?]$|$|\s+(?:it|the program|then|but|and then|I get|i get|I got|the output|"
    r"I expect|i expect|I want|i want|expecting|it should|instead|got|get|gets|says|said|prints|printed|"
    r"shows|gives|gave|should|would|will|must|expected|and it|so|and (?:the|my|its?|i|then|now|this|that))\b))",
    re.I)
_STATED_ALT = re.compile(r"\b(?:with|for|given)\s+(?:the\s+)?input\s+(?:of\s+)?(?P<value>\S+(?:\s*,\s*\S+)*)"
                         r"|\binput\s+(?:is|was)\s+(?P<value2>\S+(?:\s*,\s*\S+)*)", re.I)
# more ways of saying what was typed: "with 5 as input", "input: 5", "I put 5", "when 5 is entered",
# "on input 7 and 3", "for n = 5"
_END = r"(?=\s*(?:[,;!?)]|\.\s|\.$|$|\s+(?:it|the|then|but|i|I|and it|gives?|prints?|shows?|says?|outputs?)\b))"
_STATED_MORE = (re.compile(r"(?:with|using|for)\s+(?P<v1>\S+(?:\s*,\s*\S+)*?)\s+as\s+(?:the\s+|my\s+)?input\b", re.I),
                re.compile(r"(?:^|[.!?]\s+)(?P<v2>\S+)\s+as\s+(?:the\s+)?input\b", re.I),
                re.compile(r"\binput\s*[:=]\s*[\"'`]?(?P<v3>[^\"'`,;!?]+?)[\"'`]?" + _END, re.I),
                re.compile(r"^\s*input\s+(?P<v4>-?\w[\w.]*)\s*[,;]", re.I),
                re.compile(r"\b(?:I|i)\s+(?:put|tried|try|use|used|pass|passed)\s+(?:in\s+)?(?P<v5>-?\d[\d.]*|"
                           r"[\"'`][^\"'`]+[\"'`])" + _END),
                re.compile(r"\bwhen\s+(?P<v6>\S+)\s+is\s+(?:entered|typed|input|given)\b", re.I),
                re.compile(r"\bon\s+(?:the\s+)?input\s+(?P<v7>.+?)" + _END, re.I),
                re.compile(r"\b(?:for|with|when|if)\s+[a-z_]\w*\s*=\s*(?P<v8>-?\d+(?:\.\d+)?)\b", re.I))
_LOOP_ROUNDS = 3


@dataclass(frozen=True)
class StdinChoice:
    text: str      # what the program's stdin holds
    source: str    # "given" | "question" | "sample" | "" (the program reads no input)

    def describe(self) -> str:
        """One sentence telling the student which input was used."""
        if not self.source:
            return ""
        lines = self.text.split("\n")[:-1] if self.text.endswith("\n") else self.text.split("\n")
        shown = ", ".join(f"`{ln}`" for ln in lines[:8]) + (" ..." if len(lines) > 8 else "")
        origin = {"given": "the input you provided", "question": "the input from your question",
                  "sample": "sample input I chose from how your code uses it"}[self.source]
        each = " (one line each)" if len(lines) > 1 else ""
        return f"Your program reads input, so I ran it with {origin}: {shown}{each}."


def reads_input(tree: ast.AST | None) -> bool:
    if tree is None:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input":
            return True
        if isinstance(node, ast.Attribute) and node.attr == "stdin":
            return True
    return False


def from_question(question: str) -> list[str] | None:
    """The input values the student says they typed, one per line ("5 and 3" -> ["5", "3"])."""
    match = _STATED.search(question or "") or _STATED_ALT.search(question or "") \
        or next((m for m in (p.search(question or "") for p in _STATED_MORE) if m), None)
    if not match:
        return None
    value = next((v for v in match.groupdict().values() if v), "").strip()
    value = re.sub(r"^(?:exactly|just|only|like|e\.g\.|say|something like|in)\s+", "", value, flags=re.I)
    value = re.sub(r"^(?:my|the|a)\s+(?:name|age|number|word|password|answer|guess|score|input)\s+(?:as\s+|is\s+|of\s+)?"
                   r"(?=\S)", "", value, flags=re.I)   # "my name Bob" -> "Bob"
    value = re.sub(r"^(?:the\s+|a\s+)?(?:number|word|text|value|string|name)\s+", "", value, flags=re.I)
    if re.match(r"(?:my|your|his|her|their|our|some|any|something|anything|stuff|things?|it|them)\b", value, re.I):
        return None   # "after typing my age" describes the input, it does not give it
    more = re.match(r"(?:\s*,\s*[^\s,.!?]+)*\s*,?\s*\band\s+(?!(?:it|i|the|then|now|also|get|got|when|so|this|that|"
                    r"my|nothing|everything)\b)[^\s,.!?]+|(?:\s*,\s*-?\d[\d.]*)+(?![\w])",
                    (question or "")[match.end():])
    if more and re.fullmatch(r"[^\s,]+", value):   # "I enter 1, 2 and 3": the list goes on past the first comma
        value += more.group(0)
    parts = [p.strip().strip("'\"`") for p in re.split(r"\s*(?:,|\band then\b|\bthen\b|\band\b)\s*", value) if p.strip()]
    parts = [p for p in parts if p and len(p) <= 200]
    return parts or None


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _sample_for(call: ast.Call, tree: ast.AST, parent_of: dict[int, ast.AST]) -> str:
    parent = parent_of.get(id(call))
    if _evaluated(call, tree, parent_of):
        return _from_prompt(call) or "2 + 3"
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("int", "float"):
        return _number_for(parent, tree, parent_of)
    if isinstance(parent, ast.Attribute) and parent.attr == "split":
        return "3 5 7"
    name = None
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        name = parent.targets[0].id
    elif isinstance(parent, ast.Attribute) and isinstance(parent_of.get(id(parent)), ast.Call):
        holder = parent_of.get(id(parent_of[id(parent)]))   # name = input().strip().lower()
        if isinstance(holder, ast.Assign) and isinstance(holder.targets[0], ast.Name):
            name = holder.targets[0].id
    if name is None:
        return _from_prompt(call) or "hello"
    value = _value_for_name(name, tree, parent_of)
    return _from_prompt(call) or value if value == "hello" else value


_EVALUATORS = ("eval", "exec", "literal_eval")
_PROMPT_SAMPLES = ((r"\blist\b|\[", "[3, 5, 7]"), (r"\bexpression|\bcalc|\bformula|\bmath|\bsum\b", "2 + 3"),
                   (r"\bnumbers\b|separated", "3 5 7"),
                   (r"\bnumber|\bage\b|\bhow many|\bamount|\bscore|\bprice|\byear|\bcount|\bqty|\bn\s*[:=?]|"
                    r"\bx\s*[:=?]|\bint|\bdigit|\bminutes|\bhours|\bseconds", "5"),
                   (r"y/n|yes/no|\(y\)|\[y", "y"))


def _from_prompt(call: ast.Call) -> str | None:
    """A sample from the prompt's own words ("Enter a list: " -> [3, 5, 7], "Age: " -> 5), when the code gives
    no better clue."""
    if not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
        return None
    prompt = call.args[0].value
    return next((sample for pattern, sample in _PROMPT_SAMPLES if re.search(pattern, prompt, re.I)), None)


def _evaluated(call: ast.Call, tree: ast.AST, parent_of: dict[int, ast.AST]) -> bool:
    """Is the text passed to eval()/exec()/literal_eval() (directly or through a variable)?"""
    def is_evaluator(node) -> bool:
        func = node.func if isinstance(node, ast.Call) else None
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in _EVALUATORS
    parent = parent_of.get(id(call))
    if isinstance(parent, ast.Call) and is_evaluator(parent):
        return True
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        name = parent.targets[0].id
        return any(isinstance(n, ast.Call) and is_evaluator(n) and n.args and isinstance(n.args[0], ast.Name)
                   and n.args[0].id == name for n in ast.walk(tree))
    return False


def _counts_rounds(name: str, tree: ast.AST) -> bool:
    """Is `name` the number of rounds of a loop (`range(name)`, `range(1, name + 1)`, `while i < name`)?"""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
                and any(isinstance(n, ast.Name) and n.id == name for a in node.args for n in ast.walk(a)):
            return True
        if isinstance(node, ast.While) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.test)):
            return True
    return False


def _number_for(node: ast.AST, tree: ast.AST, parent_of: dict[int, ast.AST]) -> str:
    holder = parent_of.get(id(node))
    if isinstance(holder, ast.Assign) and isinstance(holder.targets[0], ast.Name):
        if _counts_rounds(holder.targets[0].id, tree):
            return str(_LOOP_ROUNDS)   # as many rounds as the sample lines given to the loop's own input()
        bound = _numeric_bound(holder.targets[0].id, tree)
        if bound is not None:
            return str(bound)
    return "5"


def _numeric_bound(name: str, tree: ast.AST) -> int | None:
    """A value on the 'true' side of the first numeric comparison of `name` (age >= 18 -> 20)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == name:
            right = node.comparators[0]
            if isinstance(right, ast.Constant) and isinstance(right.value, (int, float)) \
                    and not isinstance(right.value, bool):
                op = node.ops[0]
                if isinstance(op, (ast.Gt, ast.GtE)):
                    return int(right.value) + 2
                if isinstance(op, (ast.Lt, ast.LtE)):
                    return int(right.value) - 2
                return int(right.value)
    return None


def _value_for_name(name: str, tree: ast.AST, parent_of: dict[int, ast.AST]) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("int", "float") \
                and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == name:
            return "5"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            if node.attr == "split":
                return "3 5 7"
            if node.attr in ("isdigit", "isnumeric", "isdecimal"):
                return "42"
    bound = _numeric_bound(name, tree)
    if bound is not None:
        return str(bound)   # compared with a number: the real bug (str vs int) shows, not EOFError
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(n, ast.Name) and n.id == name
                                                 for n in [node.left, *node.comparators]):
            for other in [node.left, *node.comparators]:
                if isinstance(other, ast.Constant) and isinstance(other.value, str) and other.value.strip():
                    return other.value
                if isinstance(other, (ast.List, ast.Tuple, ast.Set)):
                    words = [e.value for e in other.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                    if words:
                        return words[0]
    return "hello"


def _in_loop(call: ast.Call, parent_of: dict[int, ast.AST]) -> ast.AST | None:
    node = parent_of.get(id(call))
    while node is not None:
        if isinstance(node, (ast.For, ast.While)):
            return node
        node = parent_of.get(id(node))
    return None


def _quit_word(loop: ast.AST) -> str | None:
    for node in ast.walk(loop):
        if isinstance(node, ast.If) and any(isinstance(s, ast.Break) for s in node.body):
            for cmp in ast.walk(node.test):
                if isinstance(cmp, ast.Compare):
                    for side in [cmp.left, *cmp.comparators]:
                        if isinstance(side, ast.Constant) and isinstance(side.value, (str, int)):
                            return str(side.value)
    return None


def synthesize(tree: ast.AST, never_ends: bool = False) -> list[str]:
    """Sample lines for the input() calls. never_ends: the student says the loop never stops, so the quit word
    the loop waits for is left out (the run then shows the loop asking past the end of its input)."""
    parent_of = _parents(tree)
    calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id == "input"), key=lambda n: (n.lineno, n.col_offset))
    lines: list[str] = []
    loops_done: set[int] = set()
    for call in calls:
        value = _sample_for(call, tree, parent_of)
        loop = _in_loop(call, parent_of)
        if loop is None:
            lines.append(value)
        elif id(loop) not in loops_done:
            loops_done.add(id(loop))
            stop = _quit_word(loop)
            if stop is not None and value == stop:
                value = "hello"
            numbers = value.lstrip("-").isdigit()
            lines += [str(int(value) + k) if numbers else value for k in range(_LOOP_ROUNDS)]
            if stop is not None and not never_ends:
                lines.append(stop)
    if not calls:   # sys.stdin readers: a few lines
        lines = ["3", "5", "7"]
    return lines


def choose(stdin: str, question: str, tree: ast.AST | None) -> StdinChoice:
    if stdin:
        return StdinChoice(stdin, "given")
    if not reads_input(tree):
        return StdinChoice("", "")
    stated = from_question(question)
    never_ends = bool(_NEVER_ENDS.search(question or ""))
    if stated:   # the values the student names come first; sample lines fill any input() they leave unanswered
        samples = synthesize(tree, never_ends)
        stated = _fit(stated, samples)
        return StdinChoice("\n".join(stated + samples[len(stated):]) + "\n", "question")
    return StdinChoice("\n".join(synthesize(tree, never_ends)) + "\n", "sample")


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", text or ""))


def _fit(stated: list[str], samples: list[str]) -> list[str]:
    """The student's words, read as the kind of value each input() needs: "a negative number like -4" for
    int(input()) is -4; "3 numbers 4 5 6" for input().split() into numbers is 4 5 6."""
    out = []
    for i, part in enumerate(stated):
        sample = samples[i] if i < len(samples) else ""
        numbers = _NUMBER.findall(part)
        if _numeric(sample) and not _numeric(part) and numbers and " " in part.strip():   # a phrase, not "12abc"
            part = numbers[-1] if len(numbers) == 1 or not re.match(r"\s*\d+\s+numbers?\b", part) else numbers[1]
        elif sample and all(_numeric(t) for t in sample.split()) and len(sample.split()) > 1 \
                and not all(_numeric(t) for t in part.split()) and len(numbers) > 1:
            tail = re.search(r"(?:-?\d+(?:\.\d+)?[\s,]*)+$", part.strip())
            part = " ".join(_NUMBER.findall(tail.group(0))) if tail else " ".join(numbers)
        out.append(part)
    return out


_NEVER_ENDS = re.compile(r"keeps? (on )?(asking|going|looping|repeating|running)|never (stops|ends|finishes|quits)|"
                         r"carries on|continues|goes on|still (asks|asking|going|running|loops)|loops? forever|"
                         r"(doesn'?t|does not|won'?t|will not) (break|leave)|"
                         r"(doesn'?t|does not|won'?t|will not) (stop|end|finish|exit|quit)|forever|again and again|"
                         r"infinite", re.I)
