"""Shared types for the review rules: a Finding, and the short "why it matters" text beginners see."""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "suggestion")


@dataclass(frozen=True)
class Finding:
    rule: str
    line: int
    severity: str  # "error" | "warning" | "suggestion"
    message: str
    suggestion: str  # a concrete rewrite snippet or instruction
    category: str = "style"  # security | correctness | performance | style: orders the answer
    code: str = ""  # the ruff code when ruff found it (shown to advanced students)


# One sentence per rule on why it matters, shown to beginners under the finding.
WHY = {
    "syntax-error": "Python reads the whole file before running it, so nothing runs until this is fixed.",
    "undefined-name": "Using a name that was never assigned raises NameError when that line runs.",
    "unused-import": "Unused imports make readers look for code that isn't there and slow start-up a little.",
    "unused-variable": "A value that is never used is usually a leftover or a sign that something was forgotten.",
    "shadowed-builtin": "Reusing a built-in's name hides the built-in, so a later call like list(...) breaks.",
    "mutable-default": "Default values are created once, so every call without that argument shares (and "
                       "changes) the same object.",
    "bare-except": "Catching everything also hides typos, KeyboardInterrupt and real bugs.",
    "silent-except": "Swallowing an exception with pass makes failures invisible and hard to debug.",
    "compare-none": "None is a single object: `is None` is the exact, idiomatic test.",
    "compare-bool": "A condition is already True or False; comparing it to True adds noise and can be wrong "
                    "for truthy values.",
    "range-len": "Looping over the items directly is shorter and avoids off-by-one index mistakes.",
    "naming": "PEP 8 naming lets other Python programmers read your code at a glance.",
    "descriptive-name": "A descriptive name tells the reader what the value means without tracing the code.",
    "open-without-with": "A with block closes the file even when an error happens halfway.",
    "identical-branches": "When both branches do the same thing the if statement is dead weight, or a bug.",
    "deep-nesting": "Each level of nesting is one more thing to keep in mind; early returns flatten it.",
    "complexity": "Functions with many paths are hard to test; split them into smaller helpers.",
    "counting-pattern": "Counting is so common that Python has dict.get, defaultdict and Counter for it.",
    "string-concat-loop": "Strings are immutable, so += in a loop copies the text every time; join builds it once.",
    "type-compare": "isinstance also accepts subclasses and reads as plain English.",
    "len-compare": "Empty containers are already False, so `if items:` says the same thing more simply.",
    "manual-counter": "enumerate gives you the index and the item together, with no counter to forget.",
    "while-index-loop": "A for loop over the items cannot run forever because of a forgotten `i += 1`.",
    "return-bool": "The condition is already a boolean, so you can return it directly.",
    "debug-print": "Leftover debug output confuses users of the program; remove it or use logging.",
    "global-statement": "Functions that change globals are hard to reuse and test; pass values in and return them.",
    "missing-docstring": "A one-line docstring says what the function is for without reading its body.",
    "wildcard-import": "import * hides where names come from and can silently overwrite your own names.",
    "redefined": "Defining a name twice means the first definition is never used.",
    "style": "Consistent layout (PEP 8) makes code easier to scan.",
    "chained-comparison-bool": "Python chains comparisons (`a < b < c` means `a < b and b < c`), so adding "
                               "`== True` at the end compares the middle value with True instead.",
    "or-constant": "`or` joins two whole conditions; a bare value like \"e\" is a condition that is always true.",
    "print-instead-of-return": "print shows a value to the person running the program; return hands it back to "
                               "the code that called the function, which otherwise gets None.",
    "list-membership-in-loop": "`in` on a list checks the items one by one; a set finds the item by its hash "
                               "in one step.",
    "nested-pair-search": "Comparing every item with every other item grows with the product of the sizes; a "
                          "dict built once answers each lookup in one step.",
    "count-in-loop": "list.count walks the whole list each time; counting once with Counter is one pass.",
    "divisor-search-to-n": "Divisors come in pairs (d and n // d), so one of each pair is at most the square root.",
    "duplicated-block": "Copies drift apart: a fix made in one place is forgotten in the other.",
    "method-not-called": "Without brackets a method is not run: the method object itself counts as True, so the "
                         "condition never depends on the value.",
    "is-value": "`is` asks whether two names point to the same object; equal numbers and strings are often "
                "different objects, so == is the test for equal values.",
    "constant-condition": "A condition that is always True (or always False) makes one branch dead code.",
    "unreachable-branch": "Only the first true branch of an if/elif chain runs, so a stricter test placed after a "
                          "looser one is never reached.",
    "accumulator-start": "The starting value has to be neutral for the operation (1 for *, the first item for a "
                         "maximum), or it decides the answer.",
    "list-changed-in-loop": "Removing items from the list being looped over shifts the rest left, so the loop "
                            "skips the item after each removal.",
    "loop-returns-first-item": "A return in both branches ends the function on the first item, so the rest of the "
                               "items are never checked.",
    "repeated-rows": "`[row] * n` repeats one reference to the same inner list, so every row changes together.",
    "recursive-result-dropped": "The inner call's value must be returned, or the outer call gives back None.",
    "result-ignored": "Strings are immutable and sorted() builds a new list: the result must be stored to be used.",
    "list-alias": "Assignment never copies a list; both names see every change.",
    "text-as-number": "input() always returns text; \"2\" + \"3\" is \"23\" and \"9\" > \"10\" until converted.",
    "plus-equals-swapped": "`=+` is an assignment of a positive value; `+=` is the operator that adds.",
    "comparison-as-statement": "`==` only asks a question; a single `=` stores the value.",
    "lost-swap": "After `a = b` the old a is gone; `a, b = b, a` swaps both at once.",
    "in-place-result-stored": "Methods that change a list in place return None, so storing their result loses the list.",
    "parameter-ignored": "A function should work on what it is given; reading a global makes every call the same.",
    "hardcoded-secret": "Code is copied, shared and kept in history; a secret inside it is a secret no more.",
    "path-from-input": "A path built from user input can point outside the folder you meant (`../../etc/passwd`).",
    "division-before-addition": "`/` is done before `+`, so an average needs brackets around the sum.",
    "total-replaced": "`=` replaces the value; a running total needs `+=` to keep what it had.",
    "exponential-recursion": "Two recursive calls per value double the work at every level; remembering results "
                             "makes each value computed once.",
    "list-as-queue": "A list stores items side by side, so removing or adding at the front moves all the others; "
                     "deque does it in one step.",
    "is-literal": "`is` asks whether two values are the same object in memory, which for numbers and strings "
                  "depends on Python internals; == compares their values.",
    "index-past-end": "A list of n items has indexes 0 to n - 1, so index n is always one too far.",
    "float-index": "`/` always gives a float, even for 4 / 2; indexes and range() need whole numbers, which `//` keeps.",
    "backwards-update": "`a = b` copies b into a: to remember the new best value, it must be on the left.",
    "value-not-returned": "A value computed inside a function stays there unless it is returned; callers get None.",
    "unreachable-code": "return, raise, break and continue leave the block at once, so lines after them never run.",
    "integer-division": "`//` rounds down to a whole number; `/` keeps the fraction an average or ratio needs.",
    "off-by-one-range": "range(a, b) stops before b, so the last value you get is b - 1.",
    "accumulator-reset": "A total started inside the loop starts again every round, so only the last item counts.",
    "infinite-loop": "A while loop ends only when its condition becomes False, so something in the body must change it.",
    "loop-may-not-end": "Rounds in which nothing in the condition changes repeat forever.",
    "missing-return-path": "A function that reaches its end without return gives None for those inputs.",
    "loop-variable-reused": "The inner loop overwrites the outer loop's variable, so the outer loop works with the "
                            "wrong value.",
    "repeated-work-in-loop": "Work whose result cannot change inside the loop is done again on every round; done "
                             "once before the loop, it costs one pass instead of one per round.",
    "list-grown-by-copy": "`xs = xs + [x]` builds a brand-new list each time; append adds to the same list.",
    "function-not-called": "A function runs only when it is called with brackets; its bare name is the function "
                           "object itself.",
    "wrong-argument-count": "Every parameter without a default needs a value in each call.",
    "recursion-without-stop": "Each recursive call must get closer to a case answered without recursion, or the "
                              "calls never end.",
    "string-item-assigned": "Strings are immutable: you build a new string instead of changing one character.",
    "dict-changed-in-loop": "A dict cannot grow or shrink while a for loop walks over it; loop over a copy of its keys.",
    "password-plain-text": "Stored passwords leak (backups, copies, a curious admin); a salted slow hash can be "
                           "checked but not read back.",
    "assert-for-access": "assert is a debugging aid that `python -O` removes; a permission check must be an if.",
    "impossible-range": "Both halves of `and` must hold at once; a value cannot be above the larger bound and "
                        "below the smaller one.",
    "type-compared-with-text": "type(x) gives a class such as str, never the text 'str'; isinstance is the test.",
    "collection-for-item": "Inside `for item in items`, the current value is `item`; `items` is still the whole list.",
    "if-chain-to-dict": "A dict keeps the value pairs together as data; adding one more is one more entry, not "
                        "one more branch.",
    "shared-class-attribute": "Names in the class body belong to the class, so a list there is one list for all "
                              "objects; give each object its own in __init__.",
    "method-without-self": "Python passes the object itself as the first argument of a method; `self` receives it.",
    "init-stores-local": "Only `self.name = ...` keeps a value on the object; a plain name lives only inside __init__.",
    "eq-without-hash": "Objects that compare equal must hash equal; defining __eq__ alone switches hashing off.",
    # --- review5: the coverage audit's own rules ---
    "assert-for-validation": "assert is a debugging aid: `python -O` strips every assert, so a check that guards "
                             "real input must be an if with raise.",
    "path-traversal": "Web visitors choose the name they send, and `..` in a path means the folder above, so an "
                      "unchecked name can reach any file on the server.",
    "float-equality": "Floats are stored in binary with about 16 significant digits, so arithmetic rounds and "
                      "`==` can be False for values that print the same.",
    "argument-changed": "Lists and dicts are passed by reference: changing one inside a function changes the "
                        "caller's object, so return a new one or change it in place and return None - not both.",
    "attribute-never-set": "Python looks an attribute up when the line runs, so a misspelt or never-assigned "
                           "`self.name` only fails then, with AttributeError.",
    "init-misspelled": "Only a method named exactly __init__ runs when an object is created.",
    "property-recursion": "Inside a property, `self.name` calls the property again; the value must live under "
                          "another name, usually `_name`.",
    "dunder-without-return": "str(), len(), hash() and print() call these methods and need the value back: a "
                             "function without return gives None.",
    "password-encoded-not-hashed": "Stored passwords need a slow, salted one-way hash (scrypt, bcrypt, argon2): "
                                   "encodings can be reversed and fast hashes guessed.",
    "multi-value-repeated-key-literal": "A dict keeps one value per key: when the same key is written twice, the "
                                        "later entry silently replaces the earlier one.",
    "removed-in-range-loop": "range(len(x)) is computed once, before the loop; removing items shifts the rest left "
                             "under the index.",
    "coroutine-not-awaited": "Calling an async function only creates a coroutine; `await` (or asyncio.run) is what "
                             "runs it.",
    "unreachable-except": "Python tries the except clauses top to bottom and runs the first that matches.",
    "text-plus-number": "`+` joins text only to text; an f-string converts the number for you.",
    "password-fast-hash": "Password hashes must be slow and salted so that a leaked table cannot be cracked by "
                          "brute force.",
    "token-not-verified": "A token's signature is what proves the server issued it; without checking it the "
                          "content is whatever the sender wrote.",
    "parameter-overwritten": "A parameter already holds what the caller passed; assigning it first throws that away.",
    "file-mode-mismatch": "open()'s mode decides what the file allows: 'r' to read, 'w' to replace it, 'a' to add to it.",
    "template-injection": "A template's own text is code for the template engine; visitor data belongs in its "
                          "variables, which are escaped.",
    "html-from-request": "Browsers run any <script> they find in a page, so visitor data must be escaped before "
                         "it goes into HTML.",
    "parent-init-not-called": "A subclass's __init__ replaces the parent's, so the parent's set-up only runs if "
                              "you call super().__init__(...).",
}
