"""The rule families added by the severe-problem coverage audit (bench/review_severe_eval.py): each leads the
review of a program made only of definitions, with its line, a plain why and the student's line rewritten; the
matching safe code gets no security/correctness finding."""
from __future__ import annotations

import re

import pytest

from agents.code_review.analyzer import render, review, why
from bench.review_eval import _ALL_CLEAR, first_finding_text

SEVERE = [
    # (code, rule, line, category, words the rewrite must contain)
    ("def pay(balance, amount):\n    assert amount > 0\n    return balance - amount\n",
     "assert-for-validation", 2, "correctness", r"if amount <= 0:\n    raise ValueError"),
    ("class Doc:\n    def __init__(self, owner):\n        self.owner = owner\n\n    def delete(self, user):\n"
     "        assert user == self.owner\n        return True\n", "assert-for-access", 6, "security", r"PermissionError"),
    ("import requests\n\n\ndef fetch(url):\n    return requests.get(url).json()\n",
     "request-without-timeout", 5, "security", r"requests\.get\(url, timeout=10\)"),
    ("from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route('/f')\ndef f():\n"
     "    name = request.args.get('n')\n    return open('files/' + name).read()\n",
     "path-traversal", 9, "security", r"name = secure_filename\(name\)"),
    ("from flask import Flask, send_file\n\napp = Flask(__name__)\n\n\n@app.route('/p/<name>')\ndef p(name):\n"
     "    return send_file('pics/' + name)\n", "path-traversal", 8, "security", r"secure_filename"),
    ("def same(a, b):\n    x = sum(a) * 1.5\n    y = sum(b) * 1.5\n    return x == y\n",
     "float-equality", 4, "correctness", r"math\.isclose\(x, y\)"),
    ("def half(x):\n    return x / 4 == 0.25\n", "float-equality", 2, "correctness", r"math\.isclose\(x / 4, 0\.25\)"),
    ("def ordered(names):\n    names.sort()\n    return names\n", "argument-changed", 2, "correctness",
     r"names = sorted\(names\)"),
    ("def bump(scores):\n    for i in range(len(scores)):\n        scores[i] += 1\n    return scores\n",
     "argument-changed", 3, "correctness", r"scores = scores\.copy\(\)"),
    ("class Shape:\n    def __init__(self, color):\n        self.color = color\n\n\nclass Square(Shape):\n"
     "    def __init__(self, side):\n        self.side = side\n\n    def label(self):\n        return self.color\n",
     "parent-init-not-called", 7, "correctness", r"super\(\)\.__init__\(color=\.\.\.\)"),
    ("class Temp:\n    scale = 1.8\n\n    def to_f(celsius):\n        return celsius * Temp.scale + 32\n",
     "method-without-self", 4, "correctness", r"@staticmethod"),
    ("class Group:\n    people = list()\n\n    def join(self, p):\n        self.people.append(p)\n",
     "shared-class-attribute", 2, "correctness", r"self\.people = list\(\)"),
    ("def check(age):\n    if age < 0:\n        ValueError('negative age')\n    return age\n",
     "useless-exception-statement", 3, "correctness", r"raise ValueError\('negative age'\)"),
    ("def reset(d):\n    d['n']: 0\n    return d\n", "unintentional-type-annotation", 2, "correctness",
     r"d\['n'\] = 0"),
    ("def add(path, text):\n    with open(path, 'rw') as f:\n        f.write(text)\n", "bad-open-mode", 2,
     "correctness", r"'r\+'"),
    ("import tarfile\n\n\ndef unpack(p):\n    with tarfile.open(p) as t:\n        t.extractall('out')\n",
     "tarfile-unsafe-members", 6, "security", r"filter=\"data\""),
    ("def db(host, password='letmein'):\n    return host, password\n", "hardcoded-password-default", 1, "security",
     r"os\.environ"),
    ("def prune(tags):\n    for t in tags:\n        if not t:\n            tags.discard(t)\n    return tags\n",
     "loop-iterator-mutation", 4, "correctness", r"for t in list\(tags\)"),
    # object-level crashes hidden in definitions (rules_objects.py)
    ("class Bank:\n    def __init__(self):\n        self.total = 0\n\n    def show(self):\n"
     "        return 'total: ' + str(self.totl)\n", "attribute-never-set", 6, "correctness",
     r"return 'total: ' \+ str\(self\.total\)"),
    ("class Pet:\n    def _init_(self, name):\n        self.name = name\n\n    def hello(self):\n"
     "        return self.name\n", "init-misspelled", 2, "correctness", r"def __init__\(self, name\):"),
    ("class User:\n    def __init__(self, email):\n        self._email = email\n\n    @property\n"
     "    def email(self):\n        return self.email\n", "property-recursion", 7, "correctness", r"return self\._email"),
    ("class Box:\n    def __init__(self, w):\n        self.w = w\n\n    def __str__(self):\n"
     "        print('Box', self.w)\n", "dunder-without-return", 5, "correctness", r"def __str__\(self\):\n    return"),
    # passwords encoded instead of hashed, parameters thrown away, files opened for the wrong job, web output
    ("def keep(db, user, pwd):\n    db[user] = hash(pwd)\n", "password-encoded-not-hashed", 2, "security",
     r"hashlib\.scrypt\(pwd\.encode\(\)"),
    ("import hashlib\n\n\ndef keep(db, user, password):\n    db[user] = hashlib.sha256(password.encode()).hexdigest()\n",
     "password-fast-hash", 5, "security", r"hashlib\.scrypt\(password\.encode\(\)"),
    ("import jwt\n\n\ndef who(tok):\n    return jwt.decode(tok, options={'verify_signature': False})['sub']\n",
     "token-not-verified", 5, "security", r"jwt\.decode\(tok, SECRET_KEY, algorithms=\[\"HS256\"\]\)"),
    ("def drop(xs):\n    for i in range(len(xs)):\n        if xs[i] < 0:\n            xs.pop(i)\n    return xs\n",
     "removed-in-range-loop", 4, "correctness", r"xs\[:\] = \[item for item in xs if not \(item < 0\)\]"),
    ("import asyncio\n\n\nasync def get():\n    await asyncio.sleep(0)\n    return 1\n\n\nasync def main():\n"
     "    n = get()\n    print(n)\n", "coroutine-not-awaited", 10, "correctness", r"n = await get\(\)"),
    ("def num(s):\n    try:\n        return int(s)\n    except Exception:\n        return None\n    except ValueError:\n"
     "        return 0\n", "unreachable-except", 6, "correctness", r"except ValueError:"),
    ("def label(items):\n    return 'Count: ' + len(items)\n", "text-plus-number", 2, "correctness",
     r"f\"Count: \{len\(items\)\}\""),
    ("def cube(x):\n    x = float(input('x? '))\n    return x ** 3\n", "parameter-overwritten", 2, "correctness",
     r"print\(cube\(x\)\)"),
    ("def first_line(path):\n    with open(path, 'w') as fh:\n        return fh.readline()\n", "file-mode-mismatch", 2,
     "correctness", r"with open\(path, 'r'\) as fh:"),
    ("from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n\n@app.route('/x')\n"
     "def x():\n    who = request.args['who']\n    return render_template_string(f'<b>{who}</b>')\n",
     "template-injection", 9, "security", r"render_template_string\('<b>\{\{ who \}\}</b>', who=who\)"),
    ("from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route('/s')\ndef s():\n"
     "    term = request.args.get('t', '')\n    return '<i>' + term + '</i>'\n", "html-from-request", 9, "security",
     r"escape"),
]


@pytest.mark.parametrize("code,rule,line,category,rewrite", SEVERE, ids=[s[1] + str(i) for i, s in enumerate(SEVERE)])
def test_severe_family_leads_with_line_why_and_rewrite(code, rule, line, category, rewrite):
    report = review(code, "can you review my code?")
    first = report.findings[0]
    assert (first.rule, first.line, first.category) == (rule, line, category), report.findings
    assert re.search(rewrite, first.suggestion), first.suggestion
    assert first.message and why(first)
    text = render(report, "beginner")
    assert f"Line {line}" in first_finding_text(text) and "```python" in text
    assert not _ALL_CLEAR.search(text) and report.score <= 60, text


SAFE = [
    "def pay(balance, amount):\n    if amount <= 0:\n        raise ValueError('amount')\n    return balance - amount\n",
    "def test_pay():\n    assert 1 + 1 == 2\n",
    "import requests\n\n\ndef fetch(url):\n    return requests.get(url, timeout=5).json()\n",
    "from flask import Flask, request, send_from_directory\n\napp = Flask(__name__)\n\n\n@app.route('/f')\ndef f():\n"
    "    return send_from_directory('files', request.args.get('n', ''))\n",
    "from flask import Flask, request\nfrom werkzeug.utils import secure_filename\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/u')\ndef u():\n    f = request.files['doc']\n    f.save('up/' + secure_filename(f.filename))\n"
    "    return 'ok'\n",
    "def count(a, b):\n    return len(a) == len(b)\n",
    "def ordered(names):\n    return sorted(names)\n",
    "def add_all(target, items):\n    for item in items:\n        target.append(item)\n",
    "class Shape:\n    def __init__(self, color):\n        self.color = color\n\n\nclass Square(Shape):\n"
    "    def __init__(self, color, side):\n        super().__init__(color)\n        self.side = side\n",
    "class Temp:\n    @staticmethod\n    def to_f(celsius):\n        return celsius * 1.8 + 32\n",
    "class Group:\n    def __init__(self):\n        self.people = list()\n\n    def join(self, p):\n"
    "        self.people.append(p)\n",
    "class Rules:\n    def check(self):\n        return self.tree   # a mixin: no __init__, the class using it sets tree\n",
    "class Base:\n    def __init__(self):\n        self.ready = True\n\n\nclass Kid(Base):\n    def go(self):\n"
    "        return self.ready and self.speed\n\n\nclass Fast(Kid):\n    def __init__(self):\n"
    "        super().__init__()\n        self.speed = 3\n",
    "class T:\n    def __init__(self, v):\n        self._v = v\n\n    @property\n    def v(self):\n"
    "        return self._v\n\n    def __repr__(self):\n        return f'T({self._v})'\n",
    "import asyncio\n\n\nasync def run(job):\n    outcome = await asyncio.wait_for(job, timeout=0.5)\n"
    "    return outcome == 'done'\n",
    "def slot(key, size):\n    return hash(key) % size\n",
    "import asyncio\n\n\nasync def f():\n    return 1\n\n\nasync def main():\n    t = asyncio.create_task(f())\n"
    "    return await f() + await t\n\n\ndef go():\n    return asyncio.run(main())\n",
    "def best(names):\n    return 'Best: ' + max(names) + ' (' + str(len(names)) + ')'\n",
    "def num(s):\n    try:\n        return int(s)\n    except ValueError:\n        return 0\n    except Exception:\n"
    "        return None\n",
    "def pick(value=None, default=0):\n    if value is None:\n        value = default\n    return value\n",
    "def log(path, text):\n    with open(path, 'a') as fh:\n        fh.write(text)\n",
    "from flask import Flask, request\nfrom markupsafe import escape\n\napp = Flask(__name__)\n\n\n@app.route('/s')\n"
    "def s():\n    term = request.args.get('t', '')\n    return f'<i>{escape(term)}</i>'\n",
]


@pytest.mark.parametrize("code", SAFE)
def test_safe_counterparts_get_no_security_or_correctness_finding(code):
    report = review(code, "can you review my code?")
    assert not [f for f in report.findings if f.category in ("security", "correctness")], report.findings


def test_rebinding_the_looped_name_is_not_a_loop_mutation():
    code = ("def merge(seq, x):\n    for i, v in enumerate(seq):\n        if x < v:\n            seq = seq[:i] + [x] + seq[i:]\n"
            "            break\n    else:\n        seq += [x]\n    return seq\n")
    assert "loop-iterator-mutation" not in {f.rule for f in review(code).findings}


def test_repeated_dict_key_says_the_later_entry_replaces_the_earlier_one():
    report = review('prices = {"apple": 1, "pear": 2, "apple": 3}\nprint(prices["apple"])\n')
    first = report.findings[0]
    assert first.code == "F601" and first.category == "correctness"
    assert "later entry silently replaces the earlier one" in first.message
    assert "replaces the earlier one" in why(first)
    assert first.suggestion.startswith('prices = {"apple": 3, "pear": 2}')
