"""Expected-vs-got repair search for programs that run without an error but print the wrong thing.

When the student says what they expected ("should be 7 but it prints 9.0", "I want cherry but it prints
banana", "it doesn't print invalid"), small single edits of their program are generated from the AST
(agents/debug/mutations.py: regroupings of a formula, `/` <-> `//`, `and` <-> `or`, a flipped comparison, a
bound or index one off, a constant index that should be the loop variable, a statement on the wrong side of a
loop, `=` that should accumulate, text that should be a number, a swap that loses a value). All of them are run
in ONE sandbox job (a harness that execs each candidate with the same standard input and a short time limit),
and the first edit whose output shows the expected value names the bug's line and its fix. This is a search
over the student's own program, verified by running it: nothing is guessed from the formula's shape.
"""
from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass

from agents.debug import expect_match, mutations
from pitfalls.ast_tools import Finding

MAX_CANDIDATES = 3000
_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twice": 2}
_NEGATED = re.compile(r"\b(?:doesn'?t|does not|never|won'?t|didn'?t|not)\s+(?:print|say|show|output|return|"
                      r"give)s?\s+(?P<want>[\"'`]?[^.!?,;]+)", re.I)
_STOP = {"the", "a", "an", "it", "is", "be", "to", "of", "and", "or", "but", "i", "my", "should", "would", "want",
         "wanted", "expect", "expected", "print", "prints", "get", "got", "about", "that", "this", "so", "in"}


@dataclass(frozen=True)
class Plan:
    """The candidates to run (source, line, what changed) and what their output must show."""
    candidates: list
    want: dict
    original_stdout: str

    def job_input(self, stdin: str) -> str:
        """The harness's standard input: the candidates, the student's input and the expectation."""
        return json.dumps({"m": [c[0] for c in self.candidates], "in": stdin, "want": self.want,
                           "orig": self.original_stdout})


def _numbers(text: str) -> list[float]:
    text = re.sub(r"\b(" + "|".join(_WORDS) + r")\b", lambda m: str(_WORDS[m.group(1).lower()]), text, flags=re.I)
    return expect_match.numbers(text)


_EXPLICIT = (re.compile(r"\bexpect(?:ed|ing|s)?\b\s*(?:it\s+to\s+\w+\s+|to\s+\w+\s+)?(?P<want>.+?)\s*,?\s+"
                       r"\b(?:but|and it|and i|instead)\b", re.I),
             re.compile(r"\b(?:should|supposed to|needs? to|want(?:ed)?)\b\s*(?P<want>.+?)\s*,?\s+\b(?:but|instead)\b",
                        re.I),
             re.compile(r"\binstead of\s+(?P<want>.+?)\s*(?:[!?]|\.(?!\d)|$)", re.I),
             # "the largest is 10 not 9": what it is, then what it wrongly shows
             re.compile(r"\b(?:is|should be|must be|would be)\s+[\"'`]?(?P<want>[^\s\"'`,;.!?]+)[\"'`]?\s*,?\s+"
                        r"(?:not|rather than)\s+[^\s,;.!?]+", re.I),
             # "it prints 55 not 10", "gives 3 rather than 4": what was seen, then what was wanted
             re.compile(r"\b(?:prints?|printed|gives?|gave|says|said|returns?|returned|shows?|showed|outputs?|get|got)"
                        r"\s+[\"'`]?[^.!?,;\s]+(?:\s+[^.!?,;\s]+)?[\"'`]?\s*,?\s+(?:not|rather than)\s+"
                        r"(?P<want>[^.!?,;]+)", re.I),
             _NEGATED,
             # "... got C. should be A", "i want ***": a stated wish with no "but" after it
             re.compile(r"\b(?:should|supposed to|needs? to)\s+(?:be|print|say|show|give|output|return)\s+"
                        r"(?P<want>[^.!?,;]+)", re.I),
             re.compile(r"\b(?:i|I)\s+(?:want|wanted|need|expect|expected)\s+(?:it\s+to\s+(?:be|print|say|show)\s+)?"
                        r"(?P<want>[^.!?,;]+)", re.I),
             # "expected: 6", "Expected output = 6", "the correct answer is 6", "must be 6", "6 is right",
             # "answer 6 expected", "why 5 and not 6"
             re.compile(r"\bexpect(?:ed|ing)?(?:\s+(?:output|result|answer|value))?\s*(?:[:=]|\bis\b|\bwas\b|"
                        r"\bwould be\b)\s*[\"'`]?(?P<want>[^\"'`!?,;]+?)[\"'`]?\s*(?:[!?,;]|\.(?!\d)|$)", re.I),
             re.compile(r"\b(?:correct|right|real|true)\s+(?:answer|result|output|value)\s+(?:is|should be|would be)\s+"
                        r"[\"'`]?(?P<want>[^\"'`!?,;]+?)[\"'`]?\s*(?:[!?,;]|\.(?!\d)|$)", re.I),
             re.compile(r"\b(?:must|has to|have to|ought to)\s+(?:be|print|say|give|show|output|return)\s+"
                        r"[\"'`]?(?P<want>[^\"'`!?,;]+?)[\"'`]?\s*(?:[!?,;]|\.(?!\d)|$)", re.I),
             re.compile(r"(?:^|[\s,;.!?])(?P<want>-?\d[\d.]*)\s+(?:is|would be)\s+(?:right|correct|expected|the answer)",
                        re.I),
             re.compile(r"\banswer\s+(?P<want>-?\d[\d.]*)\s+(?:is\s+)?expected", re.I),
             re.compile(r"\bexpect(?:ed|ing)?\s+(?P<want>[^,;.!?]+?)\s*[,;]\s*(?:but\s+)?(?:i\s+)?(?:got|get|gets|it\s+"
                        r"(?:gives|prints|says|returns|shows))\b", re.I),
             re.compile(r"\bbut\s+(?:the\s+)?answer\s+(?:is|should be|would be)\s+[\"'`]?(?P<want>[^\"'`!?,;]+?)[\"'`]?"
                        r"\s*(?:[!?,;]|\.(?!\d)|$)", re.I),
             re.compile(r"\b(?:and|but)\s+not\s+(?P<want>[^\s.!?,;]+)\s*\??\s*$", re.I),
             re.compile(r"\bshould(?:n'?t| not)\s+it\s+be\s+(?P<want>[^\s!?,;]+)", re.I))


def expectation(question: str, code_values: set[str], original: str = "") -> dict | None:
    """What the output must show, from the student's words; None when they state no expected result.

    "expected X but ...", "should be X but ...", "... instead of X", "it doesn't print X" state X; failing
    those, "X is 30 but it prints 16" states the last number before `but`. The key number is the first stated
    one the run did not print (the last one in the loose form)."""
    q = (question or "").strip()
    expected, explicit = None, True
    for pattern in _EXPLICIT:
        match = pattern.search(q)
        if match:
            expected = match.group("want")
            break
    if not expected:
        loose = re.search(r"^(?P<want>.+?)\s*,?\s+\b(?:but|however|yet)\b", q, re.I)
        if loose and re.search(r"\bis\b|\bare\b|\bhas\b|\bhave\b|\bgives?\b|\bmakes?\b", loose.group("want"), re.I):
            expected, explicit = loose.group("want"), False
    if not expected:
        return None
    return _wanted(expected, explicit, code_values, original)


_SAYS = re.compile(r"\b(?:it|the program|this|that)\s+(?:always\s+|still\s+|just\s+)?(?:says|prints|shows|outputs)\s+"
                   r"[\"'`]?(?P<got>[^\"'`.!?,;]+?)(?=[\"'`.!?,;]|$|\s+(?:but|and|instead|even|when|although|"
                   r"though|while|whereas)\b)", re.I)


def other_branch(question: str, tree) -> str | None:
    """"It says Bye" about a program whose if/else prints Bye in one branch: the student wanted the other one."""
    said = _SAYS.search(question or "")
    if not said or tree is None:
        return None
    got = said.group("got").strip().lower()
    import ast
    for node in ast.walk(tree):   # the branch that prints exactly what they saw: they wanted the other one
        if isinstance(node, ast.If) and node.orelse:
            sides = [_printed(node.body), _printed(node.orelse)]
            for here, there in ((0, 1), (1, 0)):
                if sides[here] and sides[there] and " ".join(sides[here]).lower() == got:
                    return " ".join(sides[there])
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and node.orelse:
            sides = [_printed(node.body), _printed(node.orelse)]
            for here, there in ((0, 1), (1, 0)):
                if sides[here] and sides[there] and any(t.lower() in got for t in sides[here]) \
                        and not any(t.lower() in got for t in sides[there]):
                    return " ".join(sides[there])
    return None


def _printed(block) -> list[str]:
    import ast
    texts = []
    for stmt in block:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and getattr(stmt.value.func, "id", "") == "print":
            texts += [a.value.strip() for a in stmt.value.args if isinstance(a, ast.Constant)
                      and isinstance(a.value, str) and a.value.strip()]
    return texts


_COUNT = re.compile(r"\b(?P<n>\d+|" + "|".join(w for w in _WORDS if w != "twice") + r")\s+(?:\w+\s+)?"
                    r"(?P<what>items|elements|numbers|names|lines|words|values|things|letters|rows|entries)\b", re.I)


_STOPS_AT = re.compile(r"\b(?:stop|end|finish|quit)s?\s+(?:at|on|after)\s+(?P<n>-?\d+(?:\.\d+)?)\b|"
                       r"\b(?:go|count|print|run)s?\s+(?:up\s+)?(?:to|until|till)\s+(?P<n2>-?\d+(?:\.\d+)?)\b|"
                       r"\bup\s+to\s+(?P<n3>-?\d+(?:\.\d+)?)\b", re.I)


def _wanted(expected: str, explicit: bool, code_values: set[str], original: str) -> dict | None:
    expected = re.sub(r"^(?:say|print|show|display|output|return|give)\s+(?=[\"'`])", "", expected.strip(), flags=re.I)
    expected = expected.strip().strip("\"'`").strip()
    if any(expected.lower() == v.lower() for v in code_values if not re.fullmatch(r"[\d.]+", v)) \
            and re.search(r"[A-Za-z]\w*\s+\w", expected):   # one of the program's own texts (words), as an output line
        return {"line": expected}
    stop = _STOPS_AT.search(expected)
    if stop:   # "stop at 5", "count up to 10": the last number printed
        return {"last": float(stop.group("n") or stop.group("n2") or stop.group("n3"))}
    if "=" in expected:   # "10 divided by 3 = 3.33": the value is what follows the last =
        expected = expected.rsplit("=", 1)[1].strip() or expected
    count = _COUNT.search(expected)
    if count:   # "the first three items", "3 lines": got is one element more or less
        n = count.group("n")
        return {"count": int(n) if n.isdigit() else _WORDS[n.lower()], "lines": count.group("what").lower() in
                ("lines", "rows")}
    nums = _numbers(expected)
    printed = expect_match.numbers(original)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", expected) and expected not in re.findall(r"-?\d+(?:\.\d+)?", original) \
            and any(abs(float(expected) - p) < 1e-9 for p in printed):   # "should be 5" when it printed 5.0
        return {"line": expected}
    fresh = [n for n in nums if not any(abs(n - p) < 1e-9 for p in printed)]
    cued = [n for n in fresh if re.search(r"(?:\bis|\bbe|=|\bequals?|\bgives?|\bget|\bof)\s*[\"'`]?"
                                          + re.escape(f"{n:g}") + r"\b", expected)]
    key = ((cued or fresh)[0] if fresh else None) if explicit else (nums[-1] if nums else None)
    if cued:   # "for 4 that is 10": the other numbers describe the input, only the cued one must appear
        nums = [cued[0]]
    words = [w for w in re.findall(r"[A-Za-z_][\w']*", expected) if w.lower() not in _STOP
             or (w == expected and w in code_values)]   # a grade "A" the program can print is a value, not "a"
    code_values = code_values | {"True", "False", "None"}   # what a test or a function returns, never in the code
    valued = [w for w in words if any(w.lower() in v.lower() for v in code_values)]
    # brackets, or only symbols ("***"): the exact text must appear
    text = expected if re.search(r"[\[\](){}]", expected) or not re.search(r"\w", expected) \
        or (len(words) >= 2 and valued and not nums) else ""   # "hello world": the words with their spacing
    if key is None and not valued and not text:
        return None
    return {"numbers": nums if explicit and len(nums) > 1 else [], "key": key,
            "words": valued if key is None else [], "text": text}


_NEVER_ENDS = re.compile(r"keeps? (on )?(asking|going|looping|repeating|running)|never (stops|ends|finishes|quits)|"
                         r"carries on|continues|goes on|still (asks|asking|going|running|loops)|loops? forever|"
                         r"(doesn'?t|does not|won'?t|will not) (break|leave)|"
                         r"(doesn'?t|does not|won'?t|will not) (stop|end|finish|exit|quit)|forever|again and again|"
                         r"infinite", re.I)


def searchable(result, question: str) -> bool:
    """A clean run, or a loop that asked for input past the end while the student says it never stops."""
    status = getattr(result, "status", "")
    if status == "ok":
        return True
    return getattr(result, "exception_type", "") == "EOFError" and bool(_NEVER_ENDS.search(question or ""))


def plan(code: str, tree, question: str, stdout: str, result=None) -> Plan | None:
    """The search to run, or None when the question states no expected result or nothing can be edited.
    For a loop that never stops (result: the EOFError run), the expectation is that the program ends."""
    if tree is None:
        return None
    if result is not None and getattr(result, "status", "ok") != "ok":
        if not searchable(result, question):
            return None
        candidates = mutations.generate(code, tree)[:MAX_CANDIDATES]
        return Plan(candidates, {"ends": True}, stdout + "\n<EOFError>") if candidates else None
    values = {str(n.value) for n in _constants(tree)}
    want = expectation(question, values, stdout)
    branch = other_branch(question, tree)
    if branch and (want is None or (want.get("key") is None and not want.get("count"))):
        want = {"line": branch}   # the other branch's exact line: "palindrome" is inside "not a palindrome"
    if want is None:
        return None
    candidates = _rule_edits(code, tree) + mutations.generate(code, tree)
    candidates = candidates[:MAX_CANDIDATES]
    return Plan(candidates, want, stdout) if candidates else None


def _rule_edits(code: str, tree) -> list[tuple[str, int, str]]:
    """The fixed programs the silent-bug rules propose, tried first: when one of them prints what the student
    expected, the rule's own explanation answers (explainer: same edit), not a lucky single-token change."""
    from agents.debug import concrete_fix, silent_more, silent_results
    from pitfalls import flow, logic, silent, values

    out, seen = [], {code}
    for check in silent.ALL + values.ALL + flow.ALL + silent_more.ALL + silent_results.ALL + (
            lambda c, t: logic.wrong_output(c, t, ""),):
        try:
            found = [concrete_fix.concretize(f, code) for f in check(code, tree)]
        except Exception:   # a rule that cannot read this program proposes nothing
            continue
        for f in found:
            if f.fixed_code and f.line and f.fixed_code not in seen:
                seen.add(f.fixed_code)
                out.append((f.fixed_code, f.line, (f.fix or "apply the fix below").rstrip(".")))
    return out


def _constants(tree):
    import ast
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, (str, int, float))]


_RUNNER = r'''
import io as _io, json as _json, sys as _sys, signal as _signal, time as _time
_data = _json.loads(_sys.stdin.read())
_real = _sys.stdout
class _Cut(BaseException):
    pass
class _Capped(_io.StringIO):
    def write(self, s):
        if self.tell() > 4000:
            raise _Cut()
        return super().write(s)
def _alarm(*_):
    raise _Cut()
_signal.signal(_signal.SIGALRM, _alarm)
_best, _weak = -1, -1
_end = _time.monotonic() + 2.5
for _i, _src in enumerate(_data["m"]):
    if _time.monotonic() > _end:
        break
    _buf = _Capped()
    _sys.stdout, _sys.stdin = _buf, _io.StringIO(_data["in"])
    _signal.setitimer(_signal.ITIMER_REAL, 0.05)
    try:
        exec(compile(_src, "<candidate>", "exec"), {"__name__": "__main__"})
    except BaseException as _e:
        _buf.seek(0, 2)
        _io.StringIO.write(_buf, "\n<%s>" % type(_e).__name__)
    finally:
        _signal.setitimer(_signal.ITIMER_REAL, 0)
        _sys.stdout, _sys.stdin = _real, _sys.__stdin__
    _v = verdict(_buf.getvalue(), _data["orig"], _data["want"])
    if _v == 2:
        _best = _i
        break
    if _v == 1 and _weak < 0:
        _weak = _i
_real.write(_json.dumps({"best": _best if _best >= 0 else _weak}))
'''


def harness() -> str:
    """The program the sandbox runs: the matcher's source, then the loop over the candidates."""
    return inspect.getsource(expect_match) + _RUNNER


def pick(search: Plan, harness_stdout: str) -> Finding | None:
    """The verified edit, as a finding for the explainer; None when no candidate printed what was expected."""
    try:
        index = int(json.loads((harness_stdout or "").strip().splitlines()[-1])["best"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not 0 <= index < len(search.candidates):
        return None
    fixed, line, what = search.candidates[index]
    if search.want.get("ends"):
        return Finding(f"Line {line} keeps the loop from ending. I ran small changes of your program with the same "
                       f"input, and the first one after which the loop stops is this: {what}.",
                       f"On line {line}, {what}.", fixed_code=fixed, confidence=0.8, line=line,
                       title=f"Line {line} keeps the loop going", topic=mutations.topic_of(what))
    if search.want.get("count") is not None:
        shown = f"{search.want['count']} {'lines' if search.want.get('lines') else 'items'}"
    else:
        shown = search.want.get("line") or search.want.get("text") or ", ".join(str(w) for w in search.want.get("words") or []) or \
            (f"{search.want['key']:g}" if search.want.get("key") is not None else "what you expected")
    why = edit_reason(what)
    return Finding(f"Line {line} is where the output goes wrong. I ran small changes of your program with the same "
                   f"input, and the first one that prints {shown}, as you expected, is this: {what}."
                   + (f" {why}" if why else " Check that this is what the line is meant to compute: the change makes "
                      "the output match, but the real fix may be a different rewrite of the same line."),
                   f"On line {line}, {what}.", fixed_code=fixed, confidence=0.85 if why else 0.6, line=line,
                   title=f"Line {line} gives the wrong result", topic=mutations.topic_of(what))


_REASONS = (
    (re.compile(r"`[^`]*(?:<=|>=)[^`]*` instead of `[^`]*(?<![<>=!])[<>](?!=)"), "With `<`/`>` the boundary value "
     "itself is left out; `<=`/`>=` includes it."),
    (re.compile(r"`[^`]*(?<![<>=!])[<>](?!=)[^`]*` instead of `[^`]*(?:<=|>=)"), "With `<=`/`>=` the boundary value "
     "itself is let in; `<`/`>` leaves it out."),
    (re.compile(r"`[^`]*!=[^`]*` instead of `[^`]*==|`[^`]*==[^`]*` instead of `[^`]*!="), "The test is the wrong "
     "way round, so the branch runs for exactly the cases it should skip."),
    (re.compile(r"`[^`]*\band\b[^`]*` instead of `[^`]*\bor\b|`[^`]*\bor\b[^`]*` instead of `[^`]*\band\b"),
     "`and` needs every part to be True, `or` only one of them."),
    (re.compile(r"`[^`]*[^/]/[^/][^`]*` instead of `[^`]*//|`[^`]*//[^`]*` instead of `[^`]*[^/]/[^/]"),
     "`//` drops the decimals of a division, `/` keeps them."),
    (re.compile(r"^drop `"), "That part of the condition is always True (or never needed) for the values you "
     "test, so it lets through cases the rest of the condition should decide."),
    (re.compile(r"`range\("), "`range` stops before its end value, so the end must be one past the last number "
     "you want."),
    (re.compile(r"^test `|^order the branches|^write `elif`|end=|apply the fix|^[A-Z]|\(the f"), ""),
)


def edit_reason(what: str) -> str | None:
    """Why a verified edit is the natural fix ("" when its own text already explains it), or None when it is an
    arbitrary change that happens to make the output match."""
    for pattern, reason in _REASONS:
        if pattern.search(what):
            return reason
    return None
