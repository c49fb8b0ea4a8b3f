"""Code-review analyzer: every rule fires on a snippet written for it (right line, concrete rewrite),
clean code stays quiet, syntax errors are reported not raised, and render() is kind and level-aware."""
from __future__ import annotations

import re

import pytest

from agents.code_review.analyzer import Finding, ReviewReport, render, review

# rule -> (snippet, expected line, regex the rendered review must contain)
RULES = {
    "unused-import": ("import os\nimport sys\n\nprint(sys.argv)\n", 1, r"`os` is imported but never used"),
    "unused-variable": ("def total_price():\n    tax = 3\n    return 10\n", 2, r"tax.*never used"),
    "undefined-name": ("score = 0\nfor n in [1, 2]:\n    score += n\nprint(scroe)\n", 4, r"Did you mean `score`"),
    "shadowed-builtin": ("list = [1, 2]\nprint(list)\n", 1, r"shadows the built-in list"),
    "mutable-default": ("def add(item, bucket={}):\n    bucket[item] = 1\n    return bucket\n", 1,
                        r"mutable default argument"),
    "bare-except": ("try:\n    n = int('x')\nexcept:\n    n = 0\n", 3, r"except ValueError"),
    "silent-except": ("try:\n    ratio = 1 / 0\nexcept Exception:\n    pass\n", 3, r"swallows[\s\S]*ZeroDivisionError"),
    "compare-none": ("def label(v):\n    if v != None:\n        return 'set'\n    return 'unset'\n", 2, r"v is not None"),
    "compare-bool": ("done = False\nif done == False:\n    print('working')\n", 2, r"if not done:"),
    "range-len": ("words = ['a', 'b']\nfor i in range(len(words)):\n    print(words[i])\n", 2,
                  r"iterate directly[\s\S]*for word in words"),
    "naming": ("def getTotal(prices):\n    return sum(prices)\n", 1, r"snake_case.*\n.*get_total"),
    "descriptive-name": ("def area(width, height):\n    r = width * height\n    return r\n", 2, r"descriptive name"),
    "open-without-with": ("handle = open('notes.txt')\nprint(handle.read())\nhandle.close()\n", 1,
                          r"with open\('notes.txt'\) as"),
    "identical-branches": ("def pick(flag):\n    if flag:\n        value = 1\n    else:\n        value = 1\n"
                           "    return value\n", 2, r"exactly the same"),
    "deep-nesting": ("def scan(rows):\n    for row in rows:\n        for cell in row:\n            if cell:\n"
                     "                while cell > 0:\n                    cell -= 1\n    return rows\n", 5,
                     r"nested 4 levels.*\n.*early return"),
    "complexity": ("def classify(n):\n" + "".join(f"    if n == {i}:\n        return {i}\n" for i in range(11))
                   + "    return -1\n", 1, r"complexity of 12"),
    "counting-pattern": ("def tally(votes):\n    counts = {}\n    for v in votes:\n        if v not in counts:\n"
                         "            counts[v] = 1\n        else:\n            counts[v] += 1\n    return counts\n",
                         4, r"counts\.get\(v, 0\) \+ 1[\s\S]*Counter"),
    "string-concat-loop": ("def shout(words):\n    out = ''\n    for w in words:\n        out = out + w.upper()\n"
                           "    return out\n", 4, r"''\.join\(parts\)"),
    "type-compare": ("def is_text(value):\n    return type(value) == str\n", 2, r"isinstance\(value, str\)"),
    "len-compare": ("queue = []\nif len(queue) > 0:\n    print(queue)\n", 2, r"if queue:"),
    "manual-counter": ("fruits = ['fig', 'kiwi']\nposition = 0\nfor fruit in fruits:\n    print(position, fruit)\n"
                       "    position += 1\n", 2, r"enumerate\(fruits\)"),
    "return-bool": ("def is_adult(age):\n    if age >= 18:\n        return True\n    else:\n        return False\n",
                    2, r"return age >= 18"),
    "debug-print": ("def area(w, h):\n    print('DEBUG', w, h)\n    return w * h\n", 2, r"debugging output"),
    "global-statement": ("hits = 0\n\ndef hit():\n    global hits\n    hits += 1\n", 4, r"global hits"),
    "missing-docstring": ("def average(numbers):\n    total = sum(numbers)\n    count = len(numbers)\n"
                          "    if count:\n        return total / count\n    return 0.0\n", 1, r"no docstring"),
    "wildcard-import": ("from math import *\nprint(sqrt(2))\n", 1, r"wildcard import"),
    "style-E231": ("pair = (1,2)\nprint(pair)\n", 1, r"missing space after a comma"),
    "style-E111": ("if True:\n  print('two spaces')\n", 2, r"multiple of four"),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_fires_on_its_snippet(rule):
    code, line, mention = RULES[rule]
    report = review(code)
    assert report.parse_error is None
    hits = [f for f in report.findings if f.rule == rule]
    assert hits, [(f.rule, f.line) for f in report.findings]
    assert hits[0].line == line
    assert hits[0].severity in ("error", "warning", "suggestion") and hits[0].suggestion and hits[0].message
    assert re.search(mention, render(report, "beginner"), re.I), render(report)


CLEAN = [
    'def mean(values):\n    """Return the arithmetic mean of a non-empty list of numbers."""\n'
    '    return sum(values) / len(values)\n',
    'from collections import Counter\n\n\ndef word_counts(text):\n    """Count how often each word appears."""\n'
    '    return Counter(text.lower().split())\n\n\ndef longest(words):\n    """Return the longest word, or None."""\n'
    '    if not words:\n        return None\n    return max(words, key=len)\n',
    'class BankAccount:\n    """A balance that never goes negative."""\n\n    def __init__(self, owner):\n'
    '        self.owner = owner\n        self.balance = 0\n\n    def deposit(self, amount):\n'
    '        """Add a positive amount."""\n        if amount <= 0:\n            raise ValueError("amount must be positive")\n'
    '        self.balance += amount\n        return self.balance\n',
    'def read_lines(path):\n    """Return the non-empty lines of a text file."""\n    with open(path) as handle:\n'
    '        return [line.strip() for line in handle if line.strip()]\n',
    'for index, name in enumerate(["ann", "bob"]):\n    print(index, name)\n',
]


@pytest.mark.parametrize("code", CLEAN)
def test_clean_code_has_no_findings(code):
    report = review(code)
    assert report.findings == () and report.score == 100 and report.parse_error is None
    text = render(report)
    if report.metrics["definitions_only"]:   # nothing ran: say what was read, never that it is correct
        assert "none of it ran" in text and "I read it for security" in text and "cannot show" in text
        assert "flagged nothing" not in text and "reads cleanly" not in text
    else:
        assert "flagged nothing" in text and "I looked at security" in text   # an all-clear says what was checked


def test_loop_index_names_and_short_math_names_are_not_flagged():
    report = review("def hyp(a, b):\n    return (a ** 2 + b ** 2) ** 0.5\n\nfor i in range(3):\n    print(hyp(i, i))\n")
    assert not [f for f in report.findings if f.rule in ("descriptive-name", "range-len")]


def test_range_len_with_index_use_suggests_enumerate_and_filter_suggests_comprehension():
    both = review("xs = [1]\nfor i in range(len(xs)):\n    print(i, xs[i])\n")
    assert "enumerate(xs)" in [f for f in both.findings if f.rule == "range-len"][0].suggestion
    comp = review("def evens(nums):\n    out = []\n    for i in range(len(nums)):\n        if nums[i] % 2 == 0:\n"
                  "            out.append(nums[i])\n    return out\n")
    assert "out = [num for num in nums if num % 2 == 0]" in render(comp)


def test_counting_with_in_and_else_form():
    report = review("d = {}\nfor w in 'abca':\n    if w in d:\n        d[w] = d[w] + 1\n    else:\n        d[w] = 1\n")
    assert any(f.rule == "counting-pattern" and f.line == 3 for f in report.findings)


def test_pep8_names_for_classes_and_parameters():
    report = review("class shopping_cart:\n    def addItem(self, itemName):\n        return itemName\n")
    texts = " ".join(f.message + f.suggestion for f in report.findings)
    assert "ShoppingCart" in texts and "add_item" in texts and "item_name" in texts
    assert "self" not in [m for m in re.findall(r"`(\w+)`", texts)]


@pytest.mark.parametrize("code,line,hint", [
    ("def greet()\n    print('hi')\n", 1, "colon"),
    ("def greet():\nprint('hi')\n", 2, "Indent"),
    ("print('hi'\n", 1, "bracket"),
    ("name = 'ann\n", 1, "string"),
])
def test_syntax_errors_are_reported_not_raised(code, line, hint):
    report = review(code)
    assert report.parse_error and report.score < 50
    assert len(report.findings) == 1 and report.findings[0].rule == "syntax-error"
    assert report.findings[0].line == line and hint.lower() in report.findings[0].suggestion.lower()
    text = render(report)
    assert f"Line {line}" in text and "syntax error" in text


def test_empty_and_odd_input():
    assert review("").parse_error == "no code" and len(render(review(""))) >= 10
    assert review("   \n\n").findings == ()
    assert review("x = 1\r\ny = 2\r\n").parse_error is None
    assert review("\x00").parse_error is not None


def test_score_orders_by_badness():
    good = review(CLEAN[0]).score
    meh = review(RULES["len-compare"][0]).score
    bad = review("import os\nfrom math import *\ndef F(list=[]):\n    global q\n    print(undefined_thing)\n").score
    assert good > meh > bad and 0 <= bad


def test_metrics():
    report = review(RULES["complexity"][0])
    assert report.metrics["functions"] == 1 and report.metrics["max_complexity"] == 12
    assert report.metrics["lines"] == RULES["complexity"][0].count("\n")
    assert review(RULES["deep-nesting"][0]).metrics["max_nesting"] == 4


def test_report_types_and_summary():
    report = review(RULES["mutable-default"][0])
    assert isinstance(report, ReviewReport) and all(isinstance(f, Finding) for f in report.findings)
    assert "error" in report.summary and "score" in report.summary
    severities = [f.severity for f in report.findings]
    order = {"error": 0, "warning": 1, "suggestion": 2}
    assert severities == sorted(severities, key=order.get)


def test_render_names_the_main_issue_then_groups_by_category_then_praise():
    code = "import os\n\ndef Add(items=[]):\n    if len(items) == 0:\n        return True\n    return False\n"
    text = render(review(code), "beginner")
    assert text.startswith("**Line 3 — ")
    assert text.index("Correctness") < text.index("Style and readability") < text.index("What's good")
    assert "must fix" in text and "worth improving" in text and "polish" in text
    assert "Line 3" in text and "Why:" in text and "Try:" in text


def test_render_adapts_to_skill_level():
    report = review(RULES["range-len"][0])
    beginner, advanced = render(report, "beginner"), render(report, "advanced")
    assert "Why:" in beginner and "Why:" not in advanced
    assert "[range-len]" in advanced and "[range-len]" not in beginner
    assert render(report, "nonsense") == beginner


def test_string_concat_with_several_pieces_is_found():
    code = "def line(words):\n    out = ''\n    for w in words:\n        out = out + w + ' '\n    return out\n"
    found = [f for f in review(code).findings if f.rule == "string-concat-loop"]
    assert found and found[0].line == 4


def test_hand_written_while_index_loop_suggests_for():
    code = "names = ['a', 'b']\ni = 0\nwhile i < len(names):\n    print(names[i])\n    i += 1\n"
    found = [f for f in review(code).findings if f.rule == "while-index-loop"]
    assert found and found[0].line == 3 and "for name in names" in found[0].suggestion
    assert not [f for f in review("n = 0\nwhile n < 10:\n    n += 1\n").findings if f.rule == "while-index-loop"]


def test_deep_nesting_at_module_level():
    code = ("grid = [[[[1]]]]\nfor a in grid:\n    for b in a:\n        for c in b:\n            for d in c:\n"
            "                if d:\n                    print(d)\n")
    assert any(f.rule == "deep-nesting" for f in review(code).findings)


# ---- the review cases of issue 10: the main issue first, never "nothing to fix" on unsafe/wrong/slow code ----
ISSUE_CASES = {
    "eval-input": ("x = eval(input('number: '))\nprint(x * 2)\n", "", 1, "security",
                   r"x = int\(input\('number: '\)\)"),
    "sql-concat": ("import sqlite3\n\n\ndef find(name):\n    cur = sqlite3.connect('a.db').cursor()\n"
                   "    cur.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")\n    return cur.fetchall()\n",
                   "", 6, "security", r"cur\.execute\('SELECT \* FROM users WHERE name = \?', \(name,\)\)"),
    "nested-loop-speed": ("def match(orders, customers):\n    out = []\n    for o in orders:\n        for c in customers:\n"
                          "            if o['cid'] == c['id']:\n                out.append((o, c))\n    return out\n",
                          "this is very slow with 50k orders, how can I make it faster?", 4, "performance",
                          r"About speed: line 4[\s\S]*O\(n·m\)[\s\S]*O\(n\+m\)"),
    "chained-true": ("age = int(input())\nif age >= 18 == True:\n    print('adult')\n", "", 2, "correctness",
                     r"age >= 18 and 18 == True[\s\S]*```python\nif age >= 18:"),
    "or-constant": ("letter = input()\nif letter == 'a' or 'e':\n    print('vowel')\n", "", 2, "correctness",
                    r"letter in \('a', 'e'\)"),
    "loop-closure": ("fns = []\nfor i in range(3):\n    fns.append(lambda: i)\nprint([f() for f in fns])\n", "", 3,
                     "correctness", r"lambda i=i: i"),
}


@pytest.mark.parametrize("case", sorted(ISSUE_CASES))
def test_issue_review_cases_report_the_main_issue_first(case):
    code, question, line, category, rewrite = ISSUE_CASES[case]
    report = review(code, question)
    first = report.findings[0]
    assert (first.line, first.category) == (line, category), [(f.rule, f.line, f.category) for f in report.findings]
    text = render(report, "beginner")
    assert text.startswith(f"**Line {line} — ")
    assert re.search(rewrite, text), text
    assert "nothing to fix" not in text and report.score <= 80


def test_chained_true_never_suggests_testing_the_constant():
    text = render(review("age = 20\nif age >= 18 == True:\n    print('adult')\n"))
    assert "if 18:" not in text and "if True:" not in text


def test_shadowed_builtins_get_no_pep8_praise_and_one_finding_per_name():
    code = ("def stats(values):\n    list = sorted(values)\n    sum = 0\n    for v in list:\n        sum += v\n"
            "    return sum\n")
    report = review(code)
    shadows = [f for f in report.findings if f.rule == "shadowed-builtin"]
    assert sorted(f.line for f in shadows) == [2, 3]
    assert "follow PEP 8" not in render(report)


def test_own_rules_for_quadratic_patterns_state_the_complexity():
    member = review("def common(a, b):\n    out = []\n    for x in a:\n        if x in b:\n            out.append(x)\n"
                    "    return out\n")
    assert any(f.rule == "list-membership-in-loop" and f.line == 4 and "O(n+m)" in f.suggestion
               for f in member.findings)
    prime = review("def is_prime(n):\n    for i in range(2, n):\n        if n % i == 0:\n            return False\n"
                   "    return True\n")
    assert any(f.rule == "divisor-search-to-n" and "n ** 0.5" in f.suggestion for f in prime.findings)
    dups = review("def dup(xs):\n    for x in xs:\n        if xs.count(x) > 1:\n            return True\n"
                  "    return False\n")
    assert any(f.rule == "count-in-loop" and f.line == 3 for f in dups.findings)


def test_print_instead_of_return_and_duplicated_block():
    report = review("def area(w, h):\n    print(w * h)\n\n\ntotal = area(2, 3) + 1\n")
    assert any(f.rule == "print-instead-of-return" and f.line == 2 and f.suggestion == "return w * h"
               for f in report.findings)
    block = "x = 1\ny = x + 2\nprint(x, y)\n"
    assert any(f.rule == "duplicated-block" and f.line == 4 for f in review(block + block).findings)


def test_ruff_why_comes_from_its_documentation():
    from agents.code_review import ruff_engine
    assert "loop variable" in ruff_engine.why("B023") and "insecure" in ruff_engine.why("S307")
