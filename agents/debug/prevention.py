"""Follow-up "how do I avoid this next time?": prevention habits for the error family of the previous turn.

Triage fills TutorContext.recent_turns (oldest first) and sets follow_up = FOLLOW_UP_PREVENTION; the error is
read from the previous answer ("**Error:** `TypeError`", a title like "Late-binding closure in a loop") or,
failing that, from the previous question.
"""
from __future__ import annotations

import re

_ERROR = re.compile(r"\b([A-Z][A-Za-z]*(?:Error|Exception|Iteration))\b")

# family -> (habits, a tiny example of the safe form)
HABITS: dict[str, tuple[tuple[str, ...], str]] = {
    "TypeError": (("Convert input right where you read it: `age = int(input())`, so the variable is a number "
                   "from the start.",
                   "Build text with f-strings (`f\"Total: {total}\"`) instead of `+` between text and numbers.",
                   "When a value might be None, check it before use, and make every function path `return` a value."),
                  'count = int(input("How many? "))\nprint(f"You chose {count}")'),
    "IndexError": (("Loop over the items themselves (`for item in items:`) instead of indexes.",
                    "When you need the index, use `enumerate(items)`; with `range`, stop at `len(items)`, not after.",
                    "Check `if items:` before using `items[0]` or `items[-1]`."),
                   "for position, item in enumerate(items):\n    print(position, item)"),
    "KeyError": (("Use `d.get(key, default)` when a key may be missing.",
                  "Check `if key in d:` before reading, or use `collections.defaultdict`."),
                 "count = totals.get(name, 0)"),
    "NameError": (("Assign every variable before the line that uses it (read your code top to bottom).",
                   "Copy names instead of retyping them; an editor with autocomplete catches typos.",
                   "Remember that names are case-sensitive: `Total` and `total` are different."),
                  "total = 0\nfor n in numbers:\n    total += n"),
    "UnboundLocalError": (("Pass values into functions as parameters and `return` the new value, instead of "
                           "changing a global inside the function.",),
                          "def add_point(score):\n    return score + 1\n\nscore = add_point(score)"),
    "ZeroDivisionError": (("Check the divisor before dividing: `if count: average = total / count`.",),
                          "average = total / count if count else 0"),
    "ValueError": (("Validate input before converting: `if text.isdigit(): n = int(text)`, or use try/except "
                    "ValueError around int(...) and ask again.",),
                   "while True:\n    text = input('Number: ')\n    if text.isdigit():\n        n = int(text)\n"
                   "        break\n    print('Please type digits only.')"),
    "AttributeError": (("Check what type a value really has (`print(type(x))`) before calling its methods.",
                        "Methods like `.sort()` and `.append()` change the list and return None: don't assign "
                        "their result."),
                       "items.sort()\nprint(items)"),
    "RecursionError": (("Write the base case first, and check that every recursive call moves toward it "
                        "(`n - 1`, a shorter list).",), "def countdown(n):\n    if n <= 0:\n        return\n"
                                                          "    countdown(n - 1)"),
    "SyntaxError": (("Type the closing bracket or quote as soon as you type the opening one.",
                     "End every `if`, `for`, `while`, `def` line with `:` and indent the block below by 4 spaces.",
                     "Run the code after every few lines so a syntax error points close to where you just typed."),
                    "if score > 10:\n    print('well done')"),
    "IndentationError": (("Let the editor indent (4 spaces per level) and never mix tabs with spaces.",),
                         "def greet():\n    print('hi')"),
    "EOFError": (("Give loops that read input a way to stop (`if text == 'quit': break`).",),
                 "while True:\n    text = input()\n    if text == 'quit':\n        break"),
    "Late-binding closure in a loop": (("When you create functions/lambdas in a loop, bind the loop variable as a "
                                        "default argument (`lambda i=i: ...`).",), "fns = [lambda i=i: i for i in range(3)]"),
    "Mutable default argument": (("Never use a list or dict as a default value; default to None and create it "
                                  "inside the function.",), "def add(item, items=None):\n    if items is None:\n"
                                                            "        items = []"),
    "Two names for one list": (("`b = a` never copies: use `a.copy()` when you need an independent list.",),
                               "backup = scores.copy()"),
}
GENERIC = (("Run your code often, after every small change, so an error points at what you just wrote.",
            "Read the last line of a traceback first: it names the error; the line above it shows where.",
            "Print the values involved just before the failing line to see what Python sees."), "")


def previous_error(turns) -> str | None:
    """The error family of the latest earlier turn that had one."""
    for turn in reversed(list(turns)):
        excerpt = getattr(turn, "answer_excerpt", "") or ""
        for family in HABITS:
            if " " in family and family in excerpt:
                return family
        for text in (excerpt, getattr(turn, "query_text", "") or ""):
            match = _ERROR.search(text)
            if match:
                return match.group(1)
    return None


def advice(turns) -> tuple[str, str, str]:
    """(title, text, example code) for the prevention answer."""
    family = previous_error(turns)
    habits, example = HABITS.get(family or "", GENERIC)
    title = f"How to avoid {family} next time" if family else "How to avoid this kind of error next time"
    body = "\n".join(f"- {h}" for h in habits)
    if example:
        body += f"\n\nThe safe form:\n```python\n{example}\n```"
    if family:
        body += f"\n\nAnd when a {family} does happen, the traceback's last lines name the line - start there."
    return title, body, example
