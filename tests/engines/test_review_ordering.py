"""Review order and the learner-bug rules of the third round: the main issue leads (category, then confidence),
style/structure notes never lead while a security/correctness/performance finding stands, each new rule names the
line and rewrites it, an all-clear claims only what was checked, and a reported symptom is handed to debug."""
from __future__ import annotations

import pytest

from agents.code_review import handoff, symptom
from agents.code_review.analyzer import render, review
from server import auth

_STYLE = {"style"}


def _first(code: str, question: str = ""):
    report = review(code, question)
    assert report.findings, render(report)
    return report, report.findings[0]


# ---- new rules: (code, question, rule, line, text the rewrite must contain) ------------------------------------
RULES = {
    "index-past-end": ("def last(xs):\n    return xs[len(xs)]\n", "", "index-past-end", 2, "xs[-1]"),
    "float-index-direct": ("def mid(xs):\n    return xs[len(xs) / 2]\n", "", "float-index", 2, "len(xs) // 2"),
    "float-index-name": ("def mid(xs):\n    half = len(xs) / 2\n    return xs[half]\n", "", "float-index", 2,
                         "half = len(xs) // 2"),
    "backwards-update": ("def top(xs):\n    best = xs[0]\n    for x in xs:\n        if x > best:\n"
                         "            x = best\n    return best\n", "", "backwards-update", 5, "best = x"),
    "value-not-returned": ("def area(w, h):\n    a = w * h\n\nprint(area(2, 3))\n", "", "value-not-returned", 2,
                           "return w * h"),
    "accumulator-reset": ("def total(xs):\n    for x in xs:\n        t = 0\n        t += x\n    return t\n", "",
                          "accumulator-reset", 3, "above the loop"),
    "infinite-loop": ("i = 0\nwhile i < 3:\n    print(i)\n", "", "infinite-loop", 2, "i += 1"),
    "return-inside-loop": ("def any_odd(xs):\n    for x in xs:\n        if x % 2:\n            return True\n"
                           "        return False\n", "", "loop-returns-first-item", 5, "after the loop"),
    "paths-return-none": ("def size(n):\n    if n < 10:\n        return 'small'\n    elif n < 100:\n"
                          "        return 'big'\n", "", "missing-return-path", 4, "else"),
    "mean-floor-division": ("def mean(xs):\n    return sum(xs) // len(xs)\n", "", "integer-division", 2,
                            "sum(xs) / len(xs)"),
    "range-end-named": ("for n in range(1, 7):\n    print(n)\n", "I want 1 to 7 but 7 is missing", "off-by-one-range",
                        1, "range(1, 8)"),
    "credential-constant": ("TOKEN_KEY = 'ab12CD34ef56GH78'\n\ndef headers():\n    return {'k': TOKEN_KEY}\n", "",
                            "hardcoded-secret", 1, "os.environ"),
    "print-function": ("def total():\n    return 5\n\nprint(total)\n", "", "function-not-called", 4, "total()"),
    "no-base-case": ("def fact(n):\n    return n * fact(n - 1)\n", "", "recursion-without-stop", 2, "if n <= 1:"),
    "string-item": ("word = input()\nword[0] = word[0].upper()\n", "", "string-item-assigned", 2,
                    "word = word[0].upper() + word[1:]"),
    "dict-del-in-loop": ("def clean(d):\n    for k in d:\n        if d[k] is None:\n            del d[k]\n"
                         "    return d\n", "", "dict-changed-in-loop", 4, "list(d)"),
    "range-len-plus-one": ("def show(xs):\n    for i in range(len(xs) + 1):\n        print(xs[i])\n", "",
                           "index-past-end", 2, "range(len(xs))"),
    "while-le-len": ("def show(xs):\n    i = 0\n    while i <= len(xs):\n        print(xs[i])\n        i += 1\n",
                     "", "index-past-end", 3, "i < len(xs)"),
    "look-ahead": ("def diffs(xs):\n    out = []\n    for i in range(len(xs)):\n        out.append(xs[i + 1] - xs[i])"
                   "\n    return out\n", "", "index-past-end", 4, "range(len(xs) - 1)"),
    "too-few-arguments": ("def area(w, h):\n    return w * h\n\nprint(area(3))\n", "", "wrong-argument-count", 4,
                          "area(3, h)"),
    "float-range": ("n = 10\nfor i in range(n / 2):\n    print(i)\n", "", "float-index", 2, "range(n // 2)"),
    "input-ordered-compare": ("age = input('age: ')\nif age >= 18:\n    print('adult')\n", "", "text-as-number", 2,
                              "age = int(input('age: '))"),
    "max-in-loop": ("def top(xs):\n    out = []\n    for x in xs:\n        if x == max(xs):\n"
                    "            out.append(x)\n    return out\n", "why is it slow", "repeated-work-in-loop", 4,
                    "xs_max = max(xs)"),
    "set-rebuilt-in-comprehension": ("def common(a, b):\n    return [x for x in a if x in set(b)]\n", "too slow",
                                     "repeated-work-in-loop", 2, "b_set = set(b)"),
    "file-read-in-loop": ("def check(ws):\n    bad = []\n    for w in ws:\n        if w in open('d.txt').read():\n"
                          "            bad.append(w)\n    return bad\n", "slow", "repeated-work-in-loop", 4,
                          "with open('d.txt') as f:"),
    "list-grown-by-copy": ("def evens(n):\n    xs = []\n    for i in range(n):\n        xs = xs + [i]\n    return xs\n",
                           "slow for big n", "list-grown-by-copy", 4, "xs.append(i)"),
    "path-joined-from-input": ("import os\nname = input()\nwith open(os.path.join('uploads', name)) as f:\n"
                               "    print(f.read())\n", "", "path-from-input", 3, "is_relative_to"),
    "password-plain-text": ("def register(user, password):\n    with open('users.txt', 'a') as f:\n"
                            "        f.write(user + ':' + password)\n", "", "password-plain-text", 3, "hashlib.scrypt"),
    "assert-for-access": ("def delete(user):\n    assert user.is_admin\n    print('deleted')\n", "", "assert-for-access",
                          2, "raise PermissionError"),
    "len-always-true": ("def has(xs):\n    if len(xs) >= 0:\n        print('some')\n", "", "constant-condition", 2,
                        "len(xs) > 0"),
    "impossible-range": ("def ok(x):\n    if x > 5 and x < 3:\n        print('ok')\n", "", "impossible-range", 2,
                         "x > 5 or x < 3"),
    "type-vs-text": ("def is_text(x):\n    if type(x) == 'str':\n        print('text')\n", "", "type-compared-with-text",
                     2, "isinstance(x, str)"),
    "return-append": ("def add(xs, x):\n    return xs.append(x)\n", "", "in-place-result-stored", 2, "return xs"),
    "collection-for-item": ("def total(prices):\n    s = 0\n    for p in prices:\n        s += prices\n    return s\n",
                            "", "collection-for-item", 4, "s += p"),
    "shared-class-attribute": ("class Cart:\n    items = []\n\n    def add(self, item):\n        self.items.append(item)\n",
                               "", "shared-class-attribute", 2, "self.items = []"),
    "method-without-self": ("class Dog:\n    def bark():\n        print('woof')\n\nDog().bark()\n", "",
                            "method-without-self", 2, "def bark(self):"),
    "init-stores-local": ("class Account:\n    def __init__(self, owner):\n        owner = owner\n\n    def show(self):\n"
                          "        print(self.owner)\n", "", "init-stores-local", 3, "self.owner = owner"),
    "path-through-parameter": ("def show(name):\n    with open('docs/' + name) as f:\n        return f.read()\n\n"
                               "print(show(input()))\n", "", "path-from-input", 2, "is_relative_to"),
}


@pytest.mark.parametrize("case", sorted(RULES))
def test_rule_leads_with_its_line_and_rewrite(case):
    code, question, rule, line, rewrite = RULES[case]
    report, first = _first(code, question)
    assert (first.rule, first.line) == (rule, line), [(f.rule, f.line) for f in report.findings]
    assert rewrite in first.suggestion + first.message, first.suggestion
    text = render(report)
    assert text.startswith(f"**Line {line} — ") and "flagged nothing" not in text
    assert "\n```python\n" in text.split("\n\n")[0] or "\nTry: " in text.split("\n\n")[0]   # the rewrite, fenced
    assert report.score <= (80 if first.category == "performance" else 60)


def test_unreachable_code_is_reported_but_not_severe():
    report = review("def pay(x):\n    return x * 2\n    print('paid')\n")
    found = [f for f in report.findings if f.rule == "unreachable-code"]
    assert found and found[0].line == 3 and found[0].severity == "warning" and found[0].category == "correctness"


def test_range_end_guess_needs_a_reported_symptom():
    code = "for n in range(1, 7):\n    print(n)\n"
    assert not any(f.rule == "off-by-one-range" for f in review(code, "can you check my loop").findings)


def test_shadowed_builtin_later_called_is_an_error():
    code = "sum = 0\nfor v in [1, 2]:\n    sum += v\nprint(sum([3, 4]))\n"
    report, first = _first(code)
    assert first.rule == "shadowed-builtin" and first.severity == "error" and "Line 4" in first.message


def test_shadowed_builtin_not_called_stays_a_warning():
    report = review("def f(values):\n    max = values[0]\n    return max\n")
    found = [f for f in report.findings if f.rule == "shadowed-builtin"]
    assert found and found[0].severity == "warning"


# ---- ordering ------------------------------------------------------------------------------------------------
MIXED = {
    # deep nesting + magic numbers + a real bug further down
    "nesting-then-bug": ("def f(o):\n    if o:\n        if o[0]:\n            if o[1]:\n                if o[2]:\n"
                         "                    if o[3]:\n                        return 5\n    return o[len(o)]\n"),
    # RET/SIM notes + a loop that returns on its first item
    "ret-sim-then-loop-return": ("def has(xs, t):\n    for x in xs:\n        if x == t:\n            return True\n"
                                 "        else:\n            return False\n"),
    # open() without with + a list lookup in a loop (performance)
    "open-then-slow-lookup": ("banned = open('b.txt').read().split()\n\ndef keep(ws):\n"
                              "    return [w for w in ws if w not in banned]\n"),
    # camelCase + SQL from strings
    "naming-then-sql": ("import sqlite3\n\ndef getUser(userName):\n    db = sqlite3.connect('a.db')\n"
                        "    return db.execute(\"SELECT * FROM u WHERE n = '\" + userName + \"'\").fetchone()\n"),
}


@pytest.mark.parametrize("case", sorted(MIXED))
def test_style_never_leads_while_a_serious_finding_stands(case):
    report = review(MIXED[case], "is this slow?")
    categories = [f.category for f in report.findings]
    assert set(categories) - _STYLE, categories
    assert categories[0] != "style", [(f.rule, f.category) for f in report.findings]
    order = ["security", "correctness", "performance", "style"]
    assert [order.index(c) for c in categories] == sorted(order.index(c) for c in categories)


def test_ret503_is_style_when_the_fall_through_is_no_bug():
    code = "def check(x):\n    if x:\n        return 1\n    print('no')\n"
    report = review(code)
    ret = [f for f in report.findings if f.code == "RET503"]
    assert not ret or ret[0].category == "style"


def test_ret503_gives_way_to_the_bug_it_hides():
    code = "def grade(s):\n    if s >= 90:\n        return 'A'\n    elif s >= 80:\n        return 'B'\n"
    report, first = _first(code)
    assert first.rule == "missing-return-path" and not any(f.code == "RET503" for f in report.findings)


def test_low_confidence_correctness_notes_come_after_the_others():
    code = ("def f(xs):\n    try:\n        n = xs[len(xs)]\n    except:\n        n = 0\n    return n\n")
    report = review(code)
    rules = [f.rule for f in report.findings if f.category == "correctness"]
    assert rules.index("index-past-end") < rules.index("bare-except")


def test_speed_question_states_complexity_before_and_after():
    code = ("def common(a, b):\n    out = []\n    for x in a:\n        for y in b:\n            if x == y:\n"
            "                out.append(x)\n    return out\n")
    text = render(review(code, "this is really slow with 100k items"))
    assert text.startswith("**Line ") and "About speed:" in text
    speed = text[text.index("About speed:"):].split("\n")[0]
    assert "O(n·m)" in speed and "O(n+m)" in speed


# ---- what the opening claims ----------------------------------------------------------------------------------
def test_opening_never_claims_no_bugs_while_one_stands():
    for code, question, *_ in RULES.values():
        text = render(review(code, question))
        assert "no bugs" not in text.split("\n\n")[0] and "flagged nothing" not in text


def test_style_only_opening_claims_only_what_was_checked():
    text = render(review("def Add(a, b):\n    return a + b\n"))
    assert text.startswith("**Line 1 — ") and "checks for security problems and common logic bugs" in text
    assert text.index("Style and readability") < text.index("What's good")


def test_all_clear_is_only_about_the_checks():
    text = render(review('def mean(xs):\n    """Mean of a non-empty list."""\n    return sum(xs) / len(xs)\n\n\n'
                         'print(mean([1, 2, 3]))\n'))
    assert text.startswith("My checks flagged nothing") and "what you expected" in text
    assert "nothing to fix" not in text and "100/100" not in text


def test_definitions_only_without_findings_says_nothing_ran_and_claims_nothing():
    text = render(review('def mean(xs):\n    """Mean of a non-empty list."""\n    return sum(xs) / len(xs)\n'))
    assert text.startswith("Nothing in this file calls these definitions, so none of it ran")
    assert "cannot show the results are right" in text and "example input" in text
    for claim in ("nothing to fix", "100/100", "flagged nothing", "reads cleanly", "no issues found"):
        assert claim not in text


# ---- symptom hand-off (pure parts; the gRPC hop is tested through Envoy) --------------------------------------
@pytest.mark.parametrize("question,reported", [
    ("expected 6 but got 5", True), ("it prints 2 2 2 instead of 0 1 2", True), ("my loop never stops", True),
    ("it crashes when I type a word", True), ("the total should be 60 but it prints 30", True),
    ("I typed 5 10 3 and it says 5 is the biggest???", True), ("it always prints welcome", True),
    ("can you review my code?", False), ("any errors in my code?", False), ("is my error handling ok?", False),
    ("I get an error when I type a word", True), ("it gives ValueError", True), ("is this fast enough for 1M rows", False), ("any tips on naming?", False),
    ("", False),
])
def test_symptom_detection(question, reported):
    assert symptom.reports_symptom(question) is reported


DEBUG_TEXT = ("### Integer division\n\n**Where to look:** line 2\n\n**Why it happens:** Line 2 uses `//`, which "
              "throws away the fractional part.\n\n**How to fix it:** Use `/` for true division.\n\n**Fixed code:**\n"
              "```python\ndef mean(a, b):\n    return (a + b) / 2\n```\n\n- I ran it and it finished without an error; "
              "it printed:\n```\n3\n```\n\n### The concept behind it: Numbers\nPython has int and float.")


def test_diagnosis_leads_then_the_review_follows():
    diagnosis = handoff.read_diagnosis(DEBUG_TEXT)
    assert (diagnosis.line, diagnosis.fix) == (2, "Use `/` for true division.")
    assert "return (a + b) / 2" in diagnosis.fixed_code and diagnosis.ran.startswith("- I ran it")
    text = handoff.compose(diagnosis, "**Line 9 — polish (style):** review", "**First review note: Line 9 — ...")
    assert text.startswith("**Line 2 — must fix (what the run shows):** I ran your program: Line 2 uses `//`")
    assert text.index("Fix: Use `/`") < text.index("```python\ndef mean") < text.index("## Code review notes") \
        < text.index("**First review note: Line 9")
    assert "concept behind it" not in text


def test_diagnosis_without_a_line_leaves_the_review_first():
    diagnosis = handoff.read_diagnosis("### Ran without errors\n\n**Why it happens:** nothing found\n\n"
                                       "- I ran it and it finished without an error; it printed:\n```\n4\n```")
    text = handoff.compose(diagnosis, "**Line 3 — must fix (correctness):** review")
    assert text.startswith("**Line 3 — must fix (correctness):** review") and "I also ran it:" in text
    assert handoff.compose(None, "review") == "review"
    assert handoff.compose(diagnosis, "My checks flagged nothing", review_found=False, reported=False).startswith(
        "My checks flagged nothing")   # a run nobody asked about adds what it printed, after the review
    quiet = handoff.compose(diagnosis, "My checks flagged nothing in this code", review_found=False)
    assert quiet.startswith("I ran your program") and "- I ran it" in quiet and "expected" in quiet.split("\n\n")[0]


class _Context:
    def __init__(self, metadata):
        self.metadata = metadata

    def invocation_metadata(self):
        return self.metadata


class _Runtime:
    """Only the signature check of the real runtime (server/runtime.py) - the logic above it is under test."""

    class settings:
        internal_secret = "s3cret"

    def is_internal_call(self, context, method):
        return auth.verify_internal(self.settings.internal_secret, method, context.invocation_metadata())


METHOD = "/learnflow.v1.CodeReviewService/ReviewCode"


@pytest.mark.parametrize("caller,signed,may", [
    ("debug", True, False), ("code-review", True, False), ("triage", True, True),
    ("debug", False, True),   # an unsigned header is a client's claim: ignored
])
def test_loop_rule_reads_the_verified_caller(caller, signed, may):
    metadata = auth.internal_metadata("s3cret", METHOD, caller) if signed else [(auth.CALLER_HEADER, caller)]
    assert handoff.may_consult(_Runtime(), _Context(metadata), METHOD) is may


@pytest.mark.parametrize("code,rule", [
    ("running = True\ndef stop():\n    global running\n    running = False\nwhile running:\n    stop()\n",
     "infinite-loop"),
    ("def mid(xs):\n    half = len(xs) / 2\n    half = int(half)\n    return xs[half]\n", "float-index"),
    ("def pct(a, b):\n    percent = a * 100 // b\n    return percent\n", "integer-division"),
    ("SORT_KEY = 'created_at_2024_v'\n", "hardcoded-secret"),
    ("def f(q):\n    while q:\n        print(q.pop())\n", "infinite-loop"),
    ("def walk(node):\n    for c in node.children:\n        walk(c)\n", "recursion-without-stop"),
    ("def run(a, b):\n    return a\n\ndef test(run):\n    print(run(1))\n", "wrong-argument-count"),
    ("def first_ok(xs):\n    for x in xs:\n        if x < 0:\n            continue\n        return x\n",
     "loop-returns-first-item"),
    ("import time\ndef wait(t):\n    end = time.monotonic() + t\n    n = 0\n    while time.monotonic() < end and n < 3:\n"
     "        if n:\n            n += 1\n", "loop-may-not-end"),
    ("def grams(w):\n    out = []\n    for n in range(3):\n        i = 0\n        while i < n:\n            i += 1\n"
     "            out.append(w[i])\n    return out\n", "accumulator-reset"),
    ("x = 5\ny = -x\nz = x\nz = -z\nprint(y, z)\n", "plus-equals-swapped"),
    ("import os\nos.replace('a', 'b')\n", "result-ignored"),
    ("def f(xs):\n    while xs:\n        m = max(xs)\n        xs.remove(m)\n", "repeated-work-in-loop"),
    ("def f(groups):\n    for g in groups:\n        print(sorted(g))\n", "repeated-work-in-loop"),
    ("def send(fds):\n    for _ in range(9):\n        return list(fds)\n", "repeated-work-in-loop"),
    ("name = input()\nwith open(name) as f:\n    print(f.read())\n", "path-from-input"),
    ("def save(db, user, password_hash):\n    db.execute('INSERT INTO u VALUES (?, ?)', (user, password_hash))\n",
     "password-plain-text"),
    ("import hashlib\ndef save(f, password):\n    f.write(hashlib.sha256(password.encode()).hexdigest())\n",
     "password-plain-text"),
    ("def test_admin(user):\n    assert user.is_admin\n", "assert-for-access"),
    ("def check(total):\n    assert total >= 0\n    return total\n", "assert-for-access"),
    ("def ok(x):\n    return 3 < x and x < 5\n", "impossible-range"),
    ("class C:\n    kinds = ['a']\n    def __init__(self):\n        self.kinds = []\n    def add(self, k):\n"
     "        self.kinds.append(k)\n", "shared-class-attribute"),
    ("class C:\n    @staticmethod\n    def make():\n        return C()\n", "method-without-self"),
    ("def even(n):\n    return n % 2 == 1\n", "constant-condition"),
])
def test_rules_stay_quiet_on_code_that_is_fine(code, rule):
    assert rule not in [f.rule for f in review(code).findings]


def test_answer_is_markdown_with_fenced_rewrites_and_no_stray_headings():
    """A rewrite is never an indented block after a paragraph (Markdown merges it) and no line outside a fence
    starts with `#` unless it is one of the answer's own headings."""
    code = ("import sqlite3\n\ndef find(name):\n    cur = sqlite3.connect('a.db').cursor()\n"
            "    cur.execute(\"SELECT * FROM u WHERE n = '\" + name + \"'\")\n    return cur.fetchall()\n")
    text = render(review(code))
    lines = text.splitlines()
    assert lines[0].startswith("**Line 5 — must fix (security):**") and lines[1] == "```python"
    fenced = False
    for line in lines:
        if line.strip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            assert not line.startswith("      "), line   # no indented code outside a fence
            assert not line.lstrip().startswith("#") or line.startswith("### "), line
    assert not fenced


@pytest.mark.parametrize("code,question,wanted", [
    ("print(int('x'))\n", "can you check this", True),             # runs something, nothing severe found
    ("def f(x):\n    return x\n", "can you check this", False),    # only defines: nothing to run
    ("x = eval(input())\nprint(x)\n", "thoughts?", False),         # a severe finding already leads
    ("def f(x):\n    return x\n", "it crashes with TypeError", True),   # a reported symptom always runs
    ("LIMIT = 3\nNAMES = ['a', 'b']\n", "ok?", False),             # constants only
])
def test_when_review_asks_debug_to_run_the_program(code, question, wanted):
    assert handoff.wants_run(question, code, review(code, question)) is wanted


@pytest.mark.parametrize("exception,leads", [("KeyError", True), ("TypeError", True), ("FileNotFoundError", False),
                                             ("ModuleNotFoundError", False), ("EOFError", False), ("", False)])
def test_only_exceptions_of_the_code_lead_an_unasked_run(exception, leads):
    assert handoff.bug_exception(exception) is leads


def test_no_ruff_documentation_example_is_offered_as_the_fix():
    code = "def evens(original):\n    out = []\n    for x in original:\n        if x % 2:\n            out.append(x)\n    return out\n"
    text = render(review(code))
    assert "range(10000)" not in text and "filtered = " not in text
    report = review("d = {'a': 1, 'a': 2}\nprint(d)\n")
    assert all("foo" not in f.suggestion and "bar" not in f.suggestion for f in report.findings)


def test_simplify_question_leads_with_the_note_that_removes_most_code():
    code = ("def day_name(n):\n    if n == 1:\n        return 'Mon'\n    elif n == 2:\n        return 'Tue'\n"
            "    elif n == 3:\n        return 'Wed'\n    else:\n        return 'unknown'\n")
    report, first = _first(code, "how can I make this shorter?")
    assert first.rule == "if-chain-to-dict" and "LOOKUP.get(n, 'unknown')" in first.suggestion
    codes = [f.code for f in report.findings]
    assert "RET505" not in codes or codes.index("RET505") > 0


def test_trivial_return_notes_follow_specific_style_notes():
    code = "def is_adult(age):\n    if age >= 18:\n        return True\n    else:\n        return False\n"
    report = review(code, "can you simplify this")
    assert report.findings[0].code == "SIM103", [(f.rule, f.code) for f in report.findings]
