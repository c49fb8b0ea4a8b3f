"""What augmentation draws from: topic names as students write them, snippets, tracebacks, fillers."""
from __future__ import annotations

TOPICS = (
    "lists", "list", "for loops", "loops", "while loops", "dictionaries", "dicts", "a dictionary", "tuples",
    "sets", "recursion", "recursive functions", "functions", "classes", "inheritance", "decorators",
    "generators", "list comprehensions", "comprehension", "lambda functions", "lambdas", "string formatting",
    "f-strings", "slicing", "exceptions", "try/except", "file handling", "reading files", "modules", "imports",
    "variables", "scope", "global variables", "closures", "dataclasses", "iterators", "the with statement",
    "*args and **kwargs", "sorting", "string methods", "strings", "booleans", "if statements", "nested loops",
    "2d lists", "json", "regular expressions", "regex", "unit tests", "pytest", "virtual environments",
    "async/await", "type hints", "enumerate", "zip", "map and filter", "OOP", "objects", "methods", "self",
    "__init__", "integer division", "floats", "range", "the return statement", "default arguments",
    "mutable vs immutable", "sets and frozensets", "stacks and queues", "binary search", "big O",
)

BUGGY = (
    "nums = [1, 2, 3]\nprint(nums[3])\n",
    "total = 0\nfor n in [1, 2]:\n    total += n\nprint(totl)\n",
    "ages = {'ann': 31}\nprint(ages['bob'])\n",
    "age = input('age? ')\nprint(age + 1)\n",
    "def add(a, b):\n    print(a + b)\n\nresult = add(2, 3)\nprint(result * 2)\n",
    "i = 0\nwhile i < 10:\n    print(i)\n",
    "def fact(n):\n    return n * fact(n - 1)\n\nprint(fact(5))\n",
    "word = 'cat'\nword[0] = 'b'\n",
    "def average(xs):\n    return sum(xs) / len(xs)\n\nprint(average([]))\n",
    "items = [3, 1, 2]\nitems = items.sort()\nprint(items[0])\n",
    "for i in range(1, len(nums)):\n    print(nums[i])\n",
    "count = 0\ndef bump():\n    count += 1\nbump()\n",
    "if x = 5:\n    print('five')\n",
    "def greet(name):\nprint('hi', name)\n",
    "numbers = ['1', '2', '3']\nprint(sum(numbers))\n",
    "vowels = 0\nfor ch in 'banana':\n    if ch in 'aeiou':\n        vowels + 1\nprint(vowels)\n",
    "a = [1, 2, 3]\nfor x in a:\n    a.remove(x)\nprint(a)\n",
    "import json\ndata = json.load('data.json')\n",
)

WORKING = (
    "def f(x):\n    return x * 2\n",
    "def Add_Numbers(A,B):\n  return A+B\n",
    "nums = [3, 1, 2]\nfor i in range(len(nums)):\n    print(nums[i])\n",
    "def fizzbuzz(n):\n    for i in range(1, n + 1):\n        if i % 15 == 0:\n            print('FizzBuzz')\n"
    "        elif i % 3 == 0:\n            print('Fizz')\n        elif i % 5 == 0:\n            print('Buzz')\n"
    "        else:\n            print(i)\n",
    "def add(item, items=[]):\n    items.append(item)\n    return items\n",
    "result = []\nfor x in data:\n    if x > 0:\n        result.append(x * x)\n",
    "def is_even(n):\n    if n % 2 == 0:\n        return True\n    else:\n        return False\n",
    "class Dog:\n    def __init__(self, name):\n        self.name = name\n\n    def bark(self):\n        print(self.name + ' says woof')\n",
    "total = 0\ni = 0\nwhile i < len(prices):\n    total = total + prices[i]\n    i = i + 1\nprint(total)\n",
    "def grade(score):\n    if score >= 90: return 'A'\n    if score >= 80: return 'B'\n    return 'C'\n",
    "with open('names.txt') as f:\n    names = [line.strip() for line in f]\nprint(sorted(names))\n",
    "def count_words(text):\n    counts = {}\n    for w in text.split():\n        if w in counts:\n"
    "            counts[w] += 1\n        else:\n            counts[w] = 1\n    return counts\n",
    "import math\n\ndef area(r):\n    return math.pi * r ** 2\n",
    "x=[i for i in range(10) if i%2==0]\nprint(x)\n",
)

TRACEBACKS = (
    'Traceback (most recent call last):\n  File "main.py", line 2, in <module>\n    print(nums[3])\n'
    "IndexError: list index out of range",
    'Traceback (most recent call last):\n  File "a.py", line 4, in <module>\n    print(totl)\n'
    "NameError: name 'totl' is not defined. Did you mean: 'total'?",
    'Traceback (most recent call last):\n  File "app.py", line 2, in <module>\n    print(ages[\'bob\'])\n'
    "KeyError: 'bob'",
    'Traceback (most recent call last):\n  File "calc.py", line 2, in <module>\n    print(age + 1)\n'
    'TypeError: can only concatenate str (not "int") to str',
    'Traceback (most recent call last):\n  File "x.py", line 4, in <module>\n    print(fact(5))\n'
    '  File "x.py", line 2, in fact\n    return n * fact(n - 1)\n  [Previous line repeated 996 more times]\n'
    "RecursionError: maximum recursion depth exceeded",
    'Traceback (most recent call last):\n  File "avg.py", line 4, in <module>\n    print(average([]))\n'
    '  File "avg.py", line 2, in average\n    return sum(xs) / len(xs)\nZeroDivisionError: division by zero',
    'Traceback (most recent call last):\n  File "s.py", line 3, in <module>\n    print(items[0])\n'
    "TypeError: 'NoneType' object is not subscriptable",
    'Traceback (most recent call last):\n  File "n.py", line 1, in <module>\n    n = int("abc")\n'
    "ValueError: invalid literal for int() with base 10: 'abc'",
    'Traceback (most recent call last):\n  File "c.py", line 4, in <module>\n    bump()\n  File "c.py", line 3, in bump\n'
    "    count += 1\nUnboundLocalError: cannot access local variable 'count' where it is not associated with a value",
    '  File "g.py", line 2\n    print(\'hi\', name)\n    ^\nIndentationError: expected an indented block after function '
    "definition on line 1",
    'Traceback (most recent call last):\n  File "d.py", line 2, in <module>\n    a.push(1)\n'
    "AttributeError: 'list' object has no attribute 'push'",
    'Traceback (most recent call last):\n  File "j.py", line 2, in <module>\n    data = json.load(\'data.json\')\n'
    "AttributeError: 'str' object has no attribute 'read'",
    'Traceback (most recent call last):\n  File "f.py", line 1, in <module>\n    open("data.txt")\n'
    "FileNotFoundError: [Errno 2] No such file or directory: 'data.txt'",
)

ERROR_LINES = (
    "IndexError: list index out of range", "NameError: name 'x' is not defined",
    "TypeError: unsupported operand type(s) for +: 'int' and 'str'", "KeyError: 'name'",
    "ZeroDivisionError: division by zero", "AttributeError: 'NoneType' object has no attribute 'append'",
    "it says SyntaxError: invalid syntax", "ValueError: too many values to unpack",
    "RecursionError: maximum recursion depth exceeded", "TypeError: 'int' object is not callable",
)

PREFIXES = ("hi, ", "hey ", "ok so ", "quick question: ", "sorry, ", "hello! ", "um ", "pls ", "Hi tutor, ",
            "good evening, ", "question: ", "so ", "yo ", "excuse me, ")
SUFFIXES = (" pls", " please", " thanks", " thx", " :)", " asap", " (python 3)", " thank you!", " :(", " lol",
            " for my homework", " in python")
CONTEXT_SENTENCES = (
    "I'm a first-year student learning Python.", "I'm doing an online course and I'm on week 3.",
    "I've been stuck on this for a while.", "English is not my first language, sorry.",
    "I'm preparing for a test on Friday.", "I'm self-taught and still a beginner.",
    "My teacher is not answering emails.", "I started coding two weeks ago.",
)
