"""Knowledge entries: control flow and functions (conditionals, loops, functions, arguments, scope,
recursion, comprehensions, exceptions). Same entry shape as knowledge/core.py."""

ENTRIES = {
    "conditionals": {
        "aliases": ("if", "elif", "else", "condition", "comparison", "boolean"),
        "beginner": ("An if statement is a fork in the road: Python checks a condition and takes one path. "
                     "`if age >= 18:` runs the indented block only when the condition is True; `elif` checks "
                     "another condition if the first failed; `else` catches everything left. Use `==` to compare "
                     "(a single `=` assigns and is a SyntaxError inside an if), and remember the colon `:` at the "
                     "end of the line and the indentation of the block."),
        "intermediate": ("Only the first true branch runs, so order conditions from most specific to most general. "
                         "Comparisons chain (`0 <= x < 10`). `and`/`or` short-circuit and return one of their "
                         "operands. `x == 1 or 2` is always truthy; write `x == 1 or x == 2` or `x in (1, 2)`. "
                         "Use `is` only for None/True/False singletons. Conditional expression: "
                         "`label = 'even' if n % 2 == 0 else 'odd'`. Python 3.10 adds `match`/`case` for "
                         "structural pattern matching."),
        "advanced": ("Any object can be a condition: Python calls `__bool__` then `__len__`. Short-circuit "
                     "evaluation enables guards like `if items and items[0] > 0`. Long if/elif chains mapping "
                     "values to actions are often clearer as a dict lookup. `match` supports class patterns, "
                     "sequence/mapping patterns and guards (`case Point(x=0, y=y) if y > 0`), and it binds "
                     "names, so `case name:` is a capture pattern that always matches."),
        "steps": ("Write `if <condition>:` with a colon.",
                  "Indent the code that should run when it is True.",
                  "Add `elif <other condition>:` branches if needed, checked in order.",
                  "Finish with `else:` for everything else (optional)."),
        "diagram": ("        [ score >= 90 ? ]\n          yes /    \\ no\n         'A'   [ score >= 80 ? ]\n"
                    "                 yes /   \\ no\n                'B'       'C'"),
        "examples": (
            {"title": "Grading with if/elif/else",
             "code": "def grade(score):\n    if score >= 90:\n        return 'A'\n    elif score >= 80:\n        return 'B'\n"
                     "    else:\n        return 'C'\n\nprint(grade(95), grade(85), grade(40))",
             "output": "A B C\n"},
            {"title": "Combining conditions",
             "code": "x = 7\nprint(0 <= x < 10, x == 1 or x == 7, x in (1, 2))\n"
                     "print('even' if x % 2 == 0 else 'odd')\nitems = []\nif items and items[0] > 0:\n"
                     "    print('positive first')\nelse:\n    print('empty or not positive')",
             "output": "True True False\nodd\nempty or not positive\n"},
        ),
        "mistakes": ("Using `=` instead of `==` in a condition (SyntaxError).",
                     "Forgetting the colon after the condition.",
                     "Writing `if x == 1 or 2:` (always true).",
                     "Putting a general condition before a specific one so the specific branch never runs."),
        "related": ("loops", "data-types", "functions"),
    },
    "loops": {
        "aliases": ("for", "while", "range", "iterate", "break", "continue"),
        "beginner": ("A loop repeats work so you do not have to copy code. A `for` loop is like dealing cards: it "
                     "takes each item of a list (or each number from `range`) in turn and runs the block with it. "
                     "`range(5)` gives 0, 1, 2, 3, 4 - five numbers, starting at 0 and stopping BEFORE 5. A "
                     "`while` loop keeps going while a condition is True, so something in the body must change "
                     "the condition, or it loops forever. `break` leaves the loop early, `continue` skips to the "
                     "next round."),
        "intermediate": ("Prefer `for` over index-based loops: `for item in items`, `for i, item in "
                         "enumerate(items)`, `for a, b in zip(xs, ys)`, `for k, v in d.items()`. `range(start, "
                         "stop, step)` excludes stop: to include n use `range(1, n + 1)`. To loop backwards over a list use "
                         "`for item in reversed(items)` (no copy), or count down with `range(n - 1, -1, -1)`. A `while` loop needs its "
                         "condition variables updated in the body. Do not modify a list while iterating over it. "
                         "Loops have an `else` clause that runs when the loop did not `break`. Accumulators "
                         "(`total += x`) must be initialised before the loop."),
        "advanced": ("`for` calls `iter()` on the iterable and `next()` until StopIteration, so it works with "
                     "any iterator, generator or file. Python-level loops are relatively slow; prefer built-ins "
                     "(`sum`, `any`, `max`), comprehensions, or vectorised libraries for hot paths. `itertools` "
                     "(`product`, `chain`, `islice`, `groupby`) replaces many nested loops. The loop variable "
                     "leaks into the enclosing scope after the loop and closures capture it late."),
        "steps": ("Decide: repeat for each item (`for`) or until something changes (`while`)?",
                  "For `for`: write `for item in collection:` and indent the body.",
                  "For `while`: set up the variable, write `while condition:`, and UPDATE the variable in the body.",
                  "Use `break` to stop early and `continue` to skip an iteration."),
        "diagram": ("  for n in range(3):          while count > 0:\n    ┌─► n = 0, 1, 2               ┌─► check count > 0\n"
                    "    │   run body                    │   run body\n    └── next item               └── count -= 1 (must change!)\n"
                    "    done after last item        done when condition is False"),
        "examples": (
            {"title": "for with range, enumerate and zip",
             "code": "for i in range(1, 4):\n    print(i, end=' ')\nprint()\nfor i, name in enumerate(['ann', 'bob']):\n"
                     "    print(i, name)\nfor a, b in zip([1, 2], ['x', 'y']):\n    print(a, b)",
             "output": "1 2 3 \n0 ann\n1 bob\n1 x\n2 y\n"},
            {"title": "A while loop that updates its condition",
             "code": "count = 3\nwhile count > 0:\n    print('count', count)\n    count -= 1\nprint('liftoff')",
             "output": "count 3\ncount 2\ncount 1\nliftoff\n"},
            {"title": "Accumulator, break and continue",
             "code": "total = 0\nfor n in [4, -1, 5, 0, 9]:\n    if n < 0:\n        continue\n    if n == 0:\n        break\n"
                     "    total += n\nprint(total)",
             "output": "9\n"},
        ),
        "mistakes": ("A `while` loop whose condition variable never changes (infinite loop).",
                     "Off-by-one: `range(1, n)` stops at n - 1; use `range(1, n + 1)`.",
                     "Resetting the accumulator inside the loop instead of before it.",
                     "Removing items from the list you are looping over."),
        "related": ("iterators", "comprehensions", "conditionals", "lists"),
    },
    "functions": {
        "aliases": ("def", "return", "function", "call"),
        "beginner": ("A function is a recipe with a name. You write it once with `def`, and then 'cook' it as "
                     "often as you like by calling it with brackets: `greet('Ann')`. Values you pass in land in "
                     "the parameters. `return` hands a result back to whoever called the function. Printing is "
                     "not returning: a function that only prints gives back `None`, so `x = add(2, 3)` would be "
                     "None if `add` prints instead of returns."),
        "intermediate": ("A function without a `return` (or with a bare `return`) returns None; `return` also "
                         "ends the function immediately, so code after it does not run and a `return` inside a "
                         "loop exits on the first iteration. Functions are objects: you can pass them around, "
                         "store them in lists. Write docstrings, keep functions small and single-purpose, and "
                         "prefer returning values over printing so results can be reused and tested. Calling "
                         "with the wrong number of arguments raises TypeError. A function can return several values at "
                         "once: `return total, count` returns them packed in one tuple, which the caller unpacks "
                         "with `total, count = stats(nums)`."),
        "advanced": ("`def` is an executable statement that creates a function object (code object + globals + "
                     "defaults + closure cells) at runtime. Default values are evaluated once, at definition. "
                     "Call overhead is significant in CPython (frame creation), which matters in tight loops. "
                     "Functions have attributes (`__name__`, `__doc__`, `__defaults__`, `__annotations__`) and "
                     "`inspect.signature` introspects them. Recursion depth is limited (sys.getrecursionlimit())."),
        "steps": ("Define: `def name(parameters):` with a colon.",
                  "Indent the body; use the parameters like variables.",
                  "`return` the result (do not just print it).",
                  "Call it: `result = name(arguments)` and use the result."),
        "diagram": ("   arguments        function            result\n   (2, 3)  ──────► def add(a, b): ──────► 5\n"
                    "                      return a + b\n   print inside = shows text, returns None"),
        "examples": (
            {"title": "Return vs print",
             "code": "def add(a, b):\n    return a + b\n\ndef shout_sum(a, b):\n    print(a + b)\n\nx = add(2, 3)\n"
                     "y = shout_sum(2, 3)\nprint(x, y)",
             "output": "5\n5 None\n"},
            {"title": "return ends the function",
             "code": "def first_even(nums):\n    for n in nums:\n        if n % 2 == 0:\n            return n\n    return None\n\n"
                     "print(first_even([3, 8, 10]), first_even([1, 3]))",
             "output": "8 None\n"},
            {"title": "Returning two values (a tuple)",
             "code": "def min_max(nums):\n    return min(nums), max(nums)\n\nresult = min_max([4, 1, 9])\n"
                     "low, high = min_max([4, 1, 9])\nprint(result, low, high)",
             "output": "(1, 9) 1 9\n"},
        ),
        "mistakes": ("Printing instead of returning, so the caller gets None.",
                     "Forgetting the brackets when calling: `greet` instead of `greet()`.",
                     "Putting `return` inside a loop when you meant to finish the loop first.",
                     "Calling a function before it is defined in the file."),
        "related": ("arguments", "scope", "recursion", "lambdas"),
    },
    "arguments": {
        "aliases": ("parameter", "argument", "args", "kwargs", "default"),
        "beginner": ("Parameters are the empty slots in a function; arguments are what you put in them when you "
                     "call it. You can fill slots by position, `power(2, 3)`, or by name, `power(base=2, exp=3)`. "
                     "A default value, `def greet(name, greeting='Hello')`, makes a slot optional. `*args` "
                     "collects any number of extra positional arguments into a tuple, and `**kwargs` collects "
                     "extra named ones into a dict - like a bag for 'whatever else you give me'."),
        "intermediate": ("Order in a signature: positional, `*args`, keyword-only, `**kwargs`; parameters after "
                         "`*` must be passed by name. Defaults are evaluated ONCE, so `def f(items=[])` shares one "
                         "list between calls; use `items=None` and create the list inside. Call-site unpacking: "
                         "`f(*lst)` spreads a list into positional arguments, `f(**d)` a dict into keyword ones. "
                         "Wrong counts raise TypeError ('missing 1 required positional argument', 'takes 2 "
                         "positional arguments but 3 were given')."),
        "advanced": ("Python passes object references by assignment: rebinding a parameter does not affect the "
                     "caller, mutating a mutable argument does. `/` marks positional-only parameters (3.8+). "
                     "Signature binding is done by the interpreter (see `inspect.signature(f).bind`). Forwarding "
                     "wrappers use `def wrapper(*args, **kwargs): return f(*args, **kwargs)`. Keyword-only "
                     "flags avoid boolean-trap calls like `f(x, True)`."),
        "steps": ("List required parameters first: `def f(a, b):`.",
                  "Give optional ones defaults: `def f(a, b=2):` (never a mutable default).",
                  "Accept extras with `*args` and `**kwargs` when you really need them.",
                  "At the call, pass by position or by name (`f(1, b=3)`)."),
        "diagram": ("  def f(a, b=2, *args, key=None, **kwargs)\n  f(1, 5, 6, 7, key='k', x=9)\n"
                    "     a=1  b=5  args=(6, 7)  key='k'  kwargs={'x': 9}"),
        "examples": (
            {"title": "Defaults, keywords, *args and **kwargs",
             "code": "def describe(name, greeting='Hello', *args, **kwargs):\n    print(greeting, name, args, kwargs)\n\n"
                     "describe('Ann')\ndescribe('Bob', 'Hi', 1, 2, mood='happy')\ndescribe(greeting='Hey', name='Cy')",
             "output": "Hello Ann () {}\nHi Bob (1, 2) {'mood': 'happy'}\nHey Cy () {}\n"},
            {"title": "The mutable default trap and the fix",
             "code": "def bad(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n\n"
                     "def good(item, bucket=None):\n    if bucket is None:\n        bucket = []\n    bucket.append(item)\n"
                     "    return bucket\n\nprint(bad(1), bad(2))\nprint(good(1), good(2))",
             "output": "[1, 2] [1, 2]\n[1] [2]\n"},
            {"title": "Unpacking at the call site",
             "code": "def point(x, y, z=0):\n    return (x, y, z)\n\nprint(point(*[1, 2]), point(**{'x': 3, 'y': 4, 'z': 5}))",
             "output": "(1, 2, 0) (3, 4, 5)\n"},
        ),
        "mistakes": ("Using a mutable default like `[]` or `{}`.",
                     "Passing too many or too few arguments (TypeError).",
                     "Putting a parameter without default after one with a default (SyntaxError).",
                     "Passing the same argument by position and by name."),
        "related": ("functions", "decorators", "scope"),
    },
    "scope": {
        "aliases": ("scope", "global", "nonlocal", "closure", "local variable"),
        "beginner": ("Scope is about where a name can be seen. Variables created inside a function are local: "
                     "they live in that function's 'room' and disappear when it ends, and the outside cannot see "
                     "them. A function can READ variables from outside, but if it ASSIGNS to a name, Python treats "
                     "that name as a new local one. That is why `count += 1` inside a function fails with "
                     "UnboundLocalError when `count` lives outside. The clean fix: pass values in as parameters "
                     "and return the new value."),
        "intermediate": ("Lookup order is LEGB: Local, Enclosing function, Global (module), Built-ins. Whether a "
                         "name is local is decided for the whole function at compile time, so reading it before "
                         "the assignment raises UnboundLocalError. `global name` lets a function rebind a module "
                         "variable; `nonlocal name` rebinds a variable of the enclosing function. Prefer "
                         "parameters and return values over globals. Mutating (`lst.append`) is not assigning and "
                         "does not need `global`. Comprehensions have their own scope."),
        "advanced": ("Inner functions that reference enclosing variables create closures; the variables live in "
                     "cell objects (`f.__closure__`). Closures capture variables, not values, so lambdas created "
                     "in a loop all see the last value (fix with a default argument `lambda i=i: i`). Class bodies "
                     "are not enclosing scopes for methods. Local access is faster than global (array index vs "
                     "dict lookup), a micro-optimisation sometimes used in hot loops."),
        "steps": ("Inside a function, ask: do I assign to this name anywhere in the function?",
                  "If yes, it is local everywhere in that function - it must be assigned before it is read.",
                  "To change an outer value, pass it in and return the new value (best), or declare `global`/`nonlocal`.",
                  "Names only read (never assigned) are looked up outside: Enclosing, Global, Built-in."),
        "diagram": ("  ┌ Built-ins (print, len) ─────────────────┐\n  │ ┌ Global (module) ────────────────────┐ │\n"
                    "  │ │ ┌ Enclosing (outer def) ──────────┐ │ │\n  │ │ │ ┌ Local (current def) ───────┐  │ │ │\n"
                    "  │ │ │ └────────────────────────────┘  │ │ │\n  │ │ └─────────────────────────────────┘ │ │\n"
                    "  │ └─────────────────────────────────────┘ │\n  └─────────────────────────────────────────┘\n"
                    "  lookup goes from the inside out: L -> E -> G -> B"),
        "examples": (
            {"title": "Passing and returning instead of globals",
             "code": "count = 0\n\ndef increment(value):\n    return value + 1\n\ncount = increment(count)\ncount = increment(count)\nprint(count)",
             "output": "2\n"},
            {"title": "global and nonlocal",
             "code": "total = 0\n\ndef add(n):\n    global total\n    total += n\n\nadd(5)\nprint(total)\n\ndef make_counter():\n"
                     "    count = 0\n    def step():\n        nonlocal count\n        count += 1\n        return count\n    return step\n\n"
                     "c = make_counter()\nprint(c(), c(), c())",
             "output": "5\n1 2 3\n"},
            {"title": "Closures capture variables, not values",
             "code": "late = [lambda: i for i in range(3)]\nbound = [lambda i=i: i for i in range(3)]\n"
                     "print([f() for f in late], [f() for f in bound])",
             "output": "[2, 2, 2] [0, 1, 2]\n"},
        ),
        "mistakes": ("Assigning to an outer variable inside a function without `global` (UnboundLocalError).",
                     "Expecting a variable created inside a function to exist outside (NameError).",
                     "Overusing `global` instead of parameters and return values.",
                     "Lambdas in a loop all seeing the last loop value."),
        "related": ("functions", "variables", "decorators"),
    },
    "recursion": {
        "aliases": ("recursive", "base case", "call stack", "factorial", "fibonacci"),
        "beginner": ("Recursion is solving a problem by solving a smaller copy of the same problem. Think of "
                     "Russian nesting dolls: open a doll, find a smaller doll, repeat until the tiniest doll that "
                     "does not open - that is the base case. A recursive function needs (1) a base case that "
                     "returns without calling itself and (2) a recursive step that moves TOWARD the base case. "
                     "Without a reachable base case it never stops and Python raises RecursionError."),
        "intermediate": ("Each call gets its own frame with its own local variables, stacked on the call stack; "
                         "results flow back as calls return. Check that every path either hits a base case or "
                         "recurses on a strictly smaller input (n - 1, a shorter list), and that the base case "
                         "covers the smallest inputs (0, 1, empty). Remember to `return` the recursive call's "
                         "result. Naive Fibonacci is exponential; memoize with `functools.lru_cache`."),
        "advanced": ("CPython has no tail-call optimisation and a default recursion limit of about 1000 frames "
                     "(`sys.getrecursionlimit()`); deep recursion should be rewritten iteratively with an "
                     "explicit stack. Recursion shines for trees, nested structures and divide-and-conquer "
                     "(merge sort, quicksort). Memoization (`@functools.cache`) turns overlapping subproblems into "
                     "dynamic programming. Python 3.11+ frames are cheaper but still costlier than loop iterations."),
        "steps": ("Write the base case first: the smallest input you can answer directly.",
                  "Write the recursive case: express the answer using the function on a smaller input.",
                  "Make sure every call moves toward the base case (n - 1, rest of the list...).",
                  "`return` the combined result of the recursive call."),
        "diagram": ("  fact(3)\n  = 3 * fact(2)\n        = 2 * fact(1)\n              = 1        <- base case\n"
                    "        = 2 * 1 = 2\n  = 3 * 2 = 6"),
        "examples": (
            {"title": "Factorial with a base case",
             "code": "def factorial(n):\n    if n <= 1:\n        return 1\n    return n * factorial(n - 1)\n\nprint(factorial(5))",
             "output": "120\n"},
            {"title": "Recursing over a nested list",
             "code": "def total(items):\n    result = 0\n    for item in items:\n        if isinstance(item, list):\n"
                     "            result += total(item)\n        else:\n            result += item\n    return result\n\n"
                     "print(total([1, [2, [3, 4]], 5]))",
             "output": "15\n"},
            {"title": "Memoized Fibonacci",
             "code": "from functools import lru_cache\n\n@lru_cache(maxsize=None)\ndef fib(n):\n    if n < 2:\n        return n\n"
                     "    return fib(n - 1) + fib(n - 2)\n\nprint(fib(10), fib(80))",
             "output": "55 23416728348467685\n"},
        ),
        "mistakes": ("No base case, or a base case that is never reached (RecursionError).",
                     "Recursing on the same input instead of a smaller one (`f(n)` instead of `f(n - 1)`).",
                     "Forgetting to `return` the recursive call's result (function returns None).",
                     "Using recursion for very deep inputs; use a loop."),
        "related": ("functions", "loops", "sorting-searching"),
    },
    "comprehensions": {
        "aliases": ("list comprehension", "dict comprehension", "set comprehension", "generator expression"),
        "beginner": ("A list comprehension is a short way to build a new list from an old one. Read "
                     "`[n * 2 for n in nums]` as 'n times 2, for each n in nums'. It is like a factory line: "
                     "items go in, each is transformed, the results come out as a new list. You can add a filter: "
                     "`[n for n in nums if n > 0]` keeps only the positive numbers. It does the same as a for loop "
                     "with `append`, in one line."),
        "intermediate": ("Forms: list `[...]`, set `{...}`, dict `{k: v for ...}`, and generator expression `(...)` "
                         "which is lazy. A trailing `if` filters; a conditional expression transforms: "
                         "`[x if x > 0 else 0 for x in xs]`. Multiple `for` clauses nest left to right. Use "
                         "comprehensions for building collections, not for side effects like printing. If it no "
                         "longer fits on a line or needs several conditions, write a normal loop."),
        "advanced": ("Comprehensions run in their own scope (the loop variable does not leak) and are typically "
                     "faster than append loops because the append is a specialised bytecode (and inlined in "
                     "3.12). Generator expressions avoid materialising lists: `sum(x * x for x in data)`. Nested "
                     "comprehensions can flatten or transpose (`[row[i] for row in m]`). The first iterable is "
                     "evaluated eagerly in the enclosing scope."),
        "steps": ("Start with the loop you would write: `for n in nums: if n > 0: result.append(n * 2)`.",
                  "Put the appended expression first: `n * 2`.",
                  "Then the `for` clause: `for n in nums`.",
                  "Then the filter: `if n > 0` -> `[n * 2 for n in nums if n > 0]`."),
        "diagram": ("  [ n * 2    for n in nums    if n > 0 ]\n    ───┬──   ──────┬──────    ───┬────\n"
                    "    output    loop over        keep only\n   expression   input           matching items"),
        "examples": (
            {"title": "Transform and filter",
             "code": "nums = [3, -1, 4, 0, 5]\nprint([n * 2 for n in nums])\nprint([n for n in nums if n > 0])\n"
                     "print([n if n > 0 else 0 for n in nums])",
             "output": "[6, -2, 8, 0, 10]\n[3, 4, 5]\n[3, 0, 4, 0, 5]\n"},
            {"title": "Dict, set and generator forms",
             "code": "words = ['apple', 'bob', 'cat']\nprint({w: len(w) for w in words})\nprint(sorted({len(w) for w in words}))\n"
                     "print(sum(len(w) for w in words))",
             "output": "{'apple': 5, 'bob': 3, 'cat': 3}\n[3, 5]\n11\n"},
            {"title": "Nested loops: flatten a matrix",
             "code": "matrix = [[1, 2], [3, 4], [5, 6]]\nprint([x for row in matrix for x in row])\n"
                     "print([[row[i] for row in matrix] for i in range(2)])",
             "output": "[1, 2, 3, 4, 5, 6]\n[[1, 3, 5], [2, 4, 6]]\n"},
        ),
        "mistakes": ("Putting the `if ... else` after the `for` (only a plain filter `if` goes there).",
                     "Using a comprehension just to call print (builds a useless list of None).",
                     "Cramming complex logic into one unreadable line.",
                     "Expecting a generator expression to be reusable after it is consumed."),
        "related": ("loops", "lists", "generators", "higher-order-functions"),
    },
    "exceptions": {
        "aliases": ("try", "except", "raise", "finally", "error handling", "traceback"),
        "beginner": ("An exception is Python's way of shouting 'I cannot do this!' - like a smoke alarm. If nobody "
                     "handles it, the program stops and prints a traceback: read it from the bottom, where the "
                     "error type and message are, and the line number above it shows where it happened. You can "
                     "handle expected problems with `try:` ... `except ValueError:` - for example when the user "
                     "types letters where you wanted a number. When a line inside `try` raises, the rest of the "
                     "`try` block is skipped: Python jumps straight to the first `except` that matches, then "
                     "carries on after the whole `try` statement."),
        "intermediate": ("Catch specific exceptions (`except (ValueError, KeyError) as exc:`), never a bare "
                         "`except:` that also hides bugs and Ctrl+C. `else` runs when no exception happened, "
                         "`finally` always runs (cleanup). `raise ValueError('age must be positive')` signals "
                         "invalid input; re-raise with a bare `raise`. Keep the `try` block small so you only "
                         "catch what you expect. Custom exceptions subclass `Exception`. Prefer 'easier to ask "
                         "forgiveness' (try/except KeyError) or 'look before you leap' (`if key in d`) consistently."),
        "advanced": ("Exceptions form a class hierarchy (BaseException > Exception > LookupError > KeyError...); an "
                     "`except` clause matches subclasses. `raise NewError(...) from exc` chains causes "
                     "(`__cause__`); implicit chaining sets `__context__`. Python 3.11 adds exception groups "
                     "(`except*`) and `add_note()`. Zero-cost try blocks in 3.11 make entering `try` nearly free; "
                     "raising is still relatively expensive. Context managers are the idiomatic cleanup tool."),
        "steps": ("Read the traceback's last line: the exception type and message.",
                  "Find the line number it points to in YOUR code.",
                  "Fix the cause if it is a bug; if it is an expected situation, wrap just that line in `try`.",
                  "Catch the specific exception type and handle it (message, default value, retry)."),
        "diagram": ("  try:\n      risky()          ──error──┐\n  except ValueError:           │ matches? run handler\n"
                    "      handle()     ◄──────────┘\n  else:  runs if no error\n  finally: always runs"),
        "examples": (
            {"title": "Handling bad input",
             "code": "def parse_age(text):\n    try:\n        age = int(text)\n    except ValueError:\n        return None\n"
                     "    if age < 0:\n        raise ValueError('age cannot be negative')\n    return age\n\n"
                     "print(parse_age('42'), parse_age('forty'))\ntry:\n    parse_age('-3')\nexcept ValueError as exc:\n"
                     "    print('error:', exc)",
             "output": "42 None\nerror: age cannot be negative\n"},
            {"title": "The rest of the try block is skipped",
             "code": "try:\n    print('start')\n    n = int('x')\n    print('never printed')\nexcept ValueError:\n"
                     "    print('jumped to except')\nprint('after try')",
             "output": "start\njumped to except\nafter try\n"},
            {"title": "else and finally",
             "code": "for text in ['10', 'x']:\n    try:\n        n = int(text)\n    except ValueError:\n        print('bad', text)\n"
                     "    else:\n        print('ok', n)\n    finally:\n        print('checked', text)",
             "output": "ok 10\nchecked 10\nbad x\nchecked x\n"},
            {"title": "A custom exception",
             "code": "class InsufficientFunds(Exception):\n    pass\n\ndef withdraw(balance, amount):\n    if amount > balance:\n"
                     "        raise InsufficientFunds(f'need {amount - balance} more')\n    return balance - amount\n\n"
                     "try:\n    withdraw(10, 25)\nexcept InsufficientFunds as exc:\n    print(type(exc).__name__, exc)",
             "output": "InsufficientFunds need 15 more\n"},
        ),
        "mistakes": ("A bare `except:` that hides real bugs.",
                     "Wrapping huge blocks of code in one try.",
                     "Catching an exception and silently ignoring it (`pass`).",
                     "Reading the traceback from the top instead of the bottom."),
        "related": ("context-managers", "classes", "file-io"),
    },
}
