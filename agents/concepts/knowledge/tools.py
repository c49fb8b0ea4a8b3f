"""Knowledge entries: working with the outside world and functional tools (file-io, modules, lambdas,
higher-order functions, sorting/searching, string formatting, type hints, async, input/output)."""

ENTRIES = {
    "file-io": {
        "aliases": ("file", "open", "read", "write", "csv", "pathlib"),
        "beginner": ("Files let your program remember things after it stops. Open a file like opening a notebook: "
                     "`open('notes.txt', 'w')` to write (this erases what was there), `'a'` to add to the end, and "
                     "`'r'` (the default) to read. Always use `with open(...) as f:` so the file is closed for you. "
                     "`f.write('text\\n')` writes, `f.read()` reads everything, and `for line in f:` reads line by "
                     "line. If the file does not exist when reading, Python raises FileNotFoundError."),
        "intermediate": ("Text mode decodes bytes with an encoding - pass `encoding='utf-8'` explicitly to avoid "
                         "platform differences (UnicodeDecodeError otherwise). Lines keep their trailing "
                         "newline: use `line.rstrip('\\n')` or `.strip()`. `write` does not add newlines. Relative "
                         "paths are relative to the current working directory, not to the script. `pathlib.Path` "
                         "offers `read_text`, `write_text`, `exists`, `/` joining. Use the `csv` and `json` modules "
                         "instead of splitting by hand."),
        "advanced": ("Files are buffered; `flush()` or closing writes the buffer. Binary mode (`'rb'`) returns "
                     "bytes. Iterating a file is lazy and memory-efficient for huge files. Write atomically by "
                     "writing a temp file and `os.replace`-ing it. `open` newline handling translates `\\r\\n` in "
                     "text mode; the csv module needs `newline=''`. Memory-mapped files (`mmap`) and `shutil` "
                     "cover large copies."),
        "steps": ("Choose the mode: 'r' read, 'w' write (overwrite), 'a' append.",
                  "Open inside `with open(path, mode, encoding='utf-8') as f:`.",
                  "Read (`f.read()`, `for line in f`) or write (`f.write(text + '\\n')`).",
                  "Let the `with` block close the file."),
        "diagram": ("  mode  meaning              file missing?\n  ----  -------------------  -------------------\n"
                    "  'r'   read (default)       FileNotFoundError\n  'w'   write, erase first   created\n"
                    "  'a'   append at the end    created\n  'rb'  read bytes           FileNotFoundError"),
        "examples": (
            {"title": "Write, append and read back line by line",
             "code": "import os, tempfile\n\nwith tempfile.TemporaryDirectory() as folder:\n    path = os.path.join(folder, 'todo.txt')\n"
                     "    with open(path, 'w', encoding='utf-8') as f:\n        f.write('buy milk\\n')\n"
                     "    with open(path, 'a', encoding='utf-8') as f:\n        f.write('call mom\\n')\n"
                     "    with open(path, encoding='utf-8') as f:\n        for number, line in enumerate(f, start=1):\n"
                     "            print(number, line.rstrip('\\n'))",
             "output": "1 buy milk\n2 call mom\n"},
            {"title": "pathlib and a missing file",
             "code": "import tempfile\nfrom pathlib import Path\n\nwith tempfile.TemporaryDirectory() as folder:\n"
                     "    path = Path(folder) / 'data.txt'\n    print(path.exists())\n    path.write_text('a,b\\n1,2\\n', encoding='utf-8')\n"
                     "    rows = [line.split(',') for line in path.read_text(encoding='utf-8').splitlines()]\n    print(rows)\n"
                     "    try:\n        open(Path(folder) / 'nope.txt')\n    except FileNotFoundError:\n        print('no such file')",
             "output": "False\n[['a', 'b'], ['1', '2']]\nno such file\n"},
        ),
        "mistakes": ("Opening with 'w' when you meant 'a' (erases the file).",
                     "Forgetting that lines end with '\\n'.",
                     "Relative path relative to the wrong working directory (FileNotFoundError).",
                     "Not specifying an encoding and hitting UnicodeDecodeError on another machine."),
        "related": ("context-managers", "exceptions", "strings"),
    },
    "modules": {
        "aliases": ("import", "module", "package", "pip", "__name__"),
        "beginner": ("A module is a file of Python code you can reuse, like a toolbox. `import math` opens the "
                     "math toolbox and `math.sqrt(16)` uses a tool from it. `from math import sqrt` takes just one "
                     "tool out. Python comes with a big standard library (math, random, datetime, json...); other "
                     "packages are installed with `pip install name`. If Python cannot find a module you get "
                     "ModuleNotFoundError - check the spelling and whether it is installed."),
        "intermediate": ("Importing runs the module's top-level code once and caches it in `sys.modules`. Code "
                         "under `if __name__ == '__main__':` only runs when the file is executed directly, not when "
                         "imported. Never name your own file like a library (`random.py`, `math.py`): it shadows "
                         "the real one (ImportError or AttributeError). Avoid `from x import *`. Packages are "
                         "folders with `__init__.py`; use absolute imports. Install packages in a virtual "
                         "environment (`python -m venv .venv`)."),
        "advanced": ("The import system searches `sys.path` with finders and loaders; `importlib` exposes it. "
                     "Circular imports fail when a module uses a name from a partially initialised module - move "
                     "the import into a function or restructure. Relative imports (`from . import x`) work only "
                     "inside packages. `importlib.reload` re-executes a module but old references remain. Lazy "
                     "imports reduce start-up time."),
        "steps": ("`import module` and use `module.name`, or `from module import name`.",
                  "For third-party packages, `pip install package` first (in a venv).",
                  "Put reusable code in your own .py file and import it by file name (without .py).",
                  "Guard script code with `if __name__ == '__main__':`."),
        "diagram": ("  main.py                     helpers.py\n  import helpers  ──────────► def greet(): ...\n"
                    "  helpers.greet()             (runs once, cached in sys.modules)"),
        "examples": (
            {"title": "Three ways to import",
             "code": "import math\nfrom statistics import mean\nimport datetime as dt\n\nprint(math.sqrt(16), mean([1, 2, 3]))\n"
                     "print(dt.date(2024, 1, 31).isoformat())",
             "output": "4.0 2\n2024-01-31\n"},
            {"title": "__name__ tells you how a module is used",
             "code": "import json\nprint(__name__)\nprint(json.__name__)\nprint(json.dumps({'a': [1, 2]}))",
             "output": "__main__\njson\n{\"a\": [1, 2]}\n"},
        ),
        "mistakes": ("Naming your file `random.py` or `math.py` and shadowing the real module.",
                     "Installing a package for a different Python than the one running the code.",
                     "Circular imports between two of your modules.",
                     "`from module import *` hiding where names come from."),
        "related": ("functions", "file-io"),
    },
    "lambdas": {
        "aliases": ("lambda", "anonymous function"),
        "beginner": ("A lambda is a tiny function written in one line without a name: `lambda x: x * 2` means "
                     "'take x and give back x times 2'. It is like a sticky note with a quick instruction, handy "
                     "when you need a small function only once, for example to tell `sorted` how to sort: "
                     "`sorted(words, key=lambda w: len(w))` sorts words by length."),
        "intermediate": ("A lambda's body is a single expression (no statements, no assignments except `:=`), and "
                         "its value is returned automatically. It is equivalent to a `def`; assigning a lambda to a "
                         "name (`f = lambda x: ...`) is discouraged by PEP 8 - use def. Common uses: `key=` for "
                         "sorted/min/max, callbacks, `map`/`filter`. Lambdas in loops capture variables late "
                         "(bind with a default `lambda i=i: i`)."),
        "advanced": ("Lambdas create ordinary function objects named '<lambda>', which makes tracebacks less "
                     "readable. `operator.itemgetter`, `attrgetter` and `methodcaller` are faster, picklable "
                     "alternatives for common keys. Lambdas close over enclosing variables just like nested defs."),
        "steps": ("Write `lambda` followed by parameters and a colon.",
                  "Write one expression after the colon; its value is the result.",
                  "Pass it where a function is expected (`key=`, `map`, `filter`).",
                  "If it gets complicated, switch to a named `def`."),
        "diagram": ("  def double(x):          lambda x: x * 2\n      return x * 2   ==   (same function, no name)"),
        "examples": (
            {"title": "Sorting with a lambda key",
             "code": "words = ['banana', 'fig', 'apple']\nprint(sorted(words, key=lambda w: len(w)))\n"
                     "people = [('ann', 31), ('bob', 25)]\nprint(min(people, key=lambda p: p[1]))",
             "output": "['fig', 'apple', 'banana']\n('bob', 25)\n"},
            {"title": "lambda versus def",
             "code": "double = lambda x: x * 2\n\ndef triple(x):\n    return x * 3\n\nprint(double(4), triple(4))\n"
                     "print(list(map(lambda n: n + 1, [1, 2, 3])))",
             "output": "8 12\n[2, 3, 4]\n"},
        ),
        "mistakes": ("Trying to put statements (`print` is fine, but `x = 1` or `return`) in a lambda.",
                     "Writing `key=len()` (calling) instead of `key=len`.",
                     "Long, unreadable lambdas instead of a named function.",
                     "Lambdas in a loop all using the last loop value."),
        "related": ("higher-order-functions", "functions", "sorting-searching"),
    },
    "higher-order-functions": {
        "aliases": ("map", "filter", "reduce", "callback", "higher order", "functools"),
        "beginner": ("In Python a function is a value, just like a number: you can store it in a variable or hand "
                     "it to another function. A higher-order function is one that takes or returns a function. "
                     "`map(str.upper, words)` applies a function to every item; `filter(is_even, nums)` keeps "
                     "items for which the function says True. It is like giving a worker a tool and saying 'use "
                     "this on every item'."),
        "intermediate": ("`map` and `filter` return lazy iterators - wrap with `list()` to see results, and they "
                         "are exhausted after one pass. Comprehensions are often clearer than map/filter with "
                         "lambdas. `functools.reduce(f, items, start)` folds a sequence into one value (but `sum`, "
                         "`max`, `any`, `all` cover most cases). `functools.partial` pre-fills arguments. Pass the "
                         "function itself (`key=len`), not the result of calling it (`key=len()`)."),
        "advanced": ("Functions returning functions (closures, decorators, factories) enable configuration without "
                     "classes. `operator` module functions avoid lambda overhead. Composition and currying are "
                     "possible but less idiomatic than in functional languages. `map` with multiple iterables "
                     "zips them (`map(pow, bases, exps)`)."),
        "steps": ("Write (or pick) a function that handles ONE item.",
                  "Hand it to a higher-order function: `map(f, items)`, `filter(pred, items)`, `sorted(items, key=f)`.",
                  "Convert lazy results with `list()` if you need a list.",
                  "Consider a comprehension if that reads more clearly."),
        "diagram": ("  items:   1   2   3   4\n  map(f):  f(1) f(2) f(3) f(4)\n  filter(p): keep x where p(x) is True"),
        "examples": (
            {"title": "map, filter and reduce",
             "code": "from functools import reduce\nnums = [1, 2, 3, 4]\nprint(list(map(lambda n: n * n, nums)))\n"
                     "print(list(filter(lambda n: n % 2 == 0, nums)))\nprint(reduce(lambda acc, n: acc * n, nums, 1))",
             "output": "[1, 4, 9, 16]\n[2, 4]\n24\n"},
            {"title": "Passing and returning functions",
             "code": "def apply_twice(func, value):\n    return func(func(value))\n\ndef make_adder(n):\n    def add(x):\n"
                     "        return x + n\n    return add\n\nadd5 = make_adder(5)\nprint(apply_twice(add5, 1))\n"
                     "from functools import partial\nbase2 = partial(int, base=2)\nprint(base2('1010'))",
             "output": "11\n10\n"},
        ),
        "mistakes": ("Printing a `map` object instead of `list(map(...))`.",
                     "Calling the function when passing it (`map(f(), items)`).",
                     "Reusing an exhausted map/filter iterator.",
                     "Using reduce where sum/max/any would be clearer."),
        "related": ("lambdas", "comprehensions", "decorators", "iterators"),
    },
    "sorting-searching": {
        "aliases": ("sort", "sorted", "search", "binary search", "key", "bisect"),
        "beginner": ("Sorting puts things in order, like arranging books by height. `sorted(nums)` gives you a new "
                     "sorted list and leaves the original alone; `nums.sort()` sorts the list itself and returns "
                     "None. Add `reverse=True` for biggest first, and `key=` to sort by something else, e.g. "
                     "`sorted(names, key=len)`. Searching means finding something: `x in items` checks presence, "
                     "`items.index(x)` gives its position."),
        "intermediate": ("The sort is stable (equal items keep their order), which allows multi-key sorting by "
                         "sorting on a tuple key: `key=lambda p: (p.age, p.name)`. Mixed types like str and int "
                         "cannot be compared (TypeError). Linear search is O(n); on sorted data binary search is "
                         "O(log n): halve the range each step, or use the `bisect` module. Watch the classic "
                         "binary-search bugs: `while lo <= hi` vs `<`, updating `lo = mid + 1`/`hi = mid - 1`, "
                         "and infinite loops when the range never shrinks."),
        "advanced": ("Timsort is adaptive: O(n) on already-sorted runs, O(n log n) worst case, and uses key "
                     "functions computed once per item (decorate-sort-undecorate). `heapq.nsmallest`/`nlargest` are "
                     "better for top-k; `heapq` maintains priority queues. `bisect.insort` keeps a list sorted "
                     "(O(n) insertion). For frequent membership tests on unsorted data, a set beats searching."),
        "steps": ("Decide: new list (`sorted`) or in place (`.sort()`)?",
                  "Choose the order with `key=` (what to compare) and `reverse=`.",
                  "For searching sorted data repeatedly, use binary search (`bisect`).",
                  "For 'is it there?' checks on many items, use a set."),
        "diagram": ("  binary search for 7 in [1, 3, 5, 7, 9, 11]\n  lo=0 hi=5 mid=2 -> 5 < 7  -> lo = 3\n"
                    "  lo=3 hi=5 mid=4 -> 9 > 7  -> hi = 3\n  lo=3 hi=3 mid=3 -> 7 found at index 3"),
        "examples": (
            {"title": "sorted with key and reverse",
             "code": "people = [('ann', 31), ('bob', 25), ('cy', 31)]\nprint(sorted(people, key=lambda p: p[1]))\n"
                     "print(sorted(people, key=lambda p: (-p[1], p[0])))\nnums = [3, 1, 2]\nnums.sort(reverse=True)\nprint(nums)",
             "output": "[('bob', 25), ('ann', 31), ('cy', 31)]\n[('ann', 31), ('cy', 31), ('bob', 25)]\n[3, 2, 1]\n"},
            {"title": "Binary search by hand and with bisect",
             "code": "import bisect\n\ndef binary_search(items, target):\n    lo, hi = 0, len(items) - 1\n    while lo <= hi:\n"
                     "        mid = (lo + hi) // 2\n        if items[mid] == target:\n            return mid\n        if items[mid] < target:\n"
                     "            lo = mid + 1\n        else:\n            hi = mid - 1\n    return -1\n\ndata = [1, 3, 5, 7, 9, 11]\n"
                     "print(binary_search(data, 7), binary_search(data, 4))\nprint(bisect.bisect_left(data, 4))",
             "output": "3 -1\n2\n"},
            {"title": "Sorting a list of dicts by one value",
             "code": "from operator import itemgetter\n\npeople = [{'name': 'ann', 'age': 31}, {'name': 'bob', 'age': 25},"
                     " {'name': 'cy', 'age': 31}]\nby_age = sorted(people, key=lambda p: p['age'])\n"
                     "print([p['name'] for p in by_age])\n"
                     "by_age_then_name = sorted(people, key=itemgetter('age', 'name'), reverse=True)\n"
                     "print([p['name'] for p in by_age_then_name])",
             "output": "['bob', 'ann', 'cy']\n['cy', 'ann', 'bob']\n"},
        ),
        "mistakes": ("`x = x.sort()` (sort returns None).",
                     "Binary search on unsorted data.",
                     "Binary search loops that never shrink the range (infinite loop).",
                     "Sorting a list that mixes strings and numbers (TypeError)."),
        "related": ("lists", "lambdas", "recursion"),
    },
    "string-formatting": {
        "aliases": ("f-string", "format", "formatting", "decimal places"),
        "beginner": ("An f-string is a fill-in-the-blanks sentence: put `f` before the quotes and write variables "
                     "in curly braces: `f'Hi {name}, you are {age}'`. Python fills in the values and converts "
                     "numbers to text for you, so you do not need `str()` and `+`. Add a format after a colon for "
                     "decimals: `f'{price:.2f}'` shows 2 decimal places."),
        "intermediate": ("Format spec mini-language: `{x:.2f}` decimals, `{n:,}` thousands separator, `{s:>10}` "
                         "right-align in 10 chars, `{s:<10}` left, `{s:^10}` centre, `{n:05d}` zero padding, "
                         "`{r:.1%}` percentage, `{x!r}` repr, `{x=}` debug form (3.8+). `str.format` and `%` "
                         "formatting are older equivalents. Literal braces are doubled: `{{`. Forgetting the `f` "
                         "prefix prints the braces literally."),
        "advanced": ("f-strings compile to efficient BUILD_STRING bytecode and are the fastest option. Objects "
                     "customise formatting with `__format__` (dates: `f'{d:%Y-%m-%d}'`). Nested replacement fields "
                     "allow dynamic widths: `f'{x:{width}.{prec}f}'`. For logging, pass arguments to the logger "
                     "(`log.info('%s', x)`) so formatting is deferred. Python 3.12 lifts quote-reuse restrictions."),
        "steps": ("Put `f` right before the opening quote.",
                  "Write `{expression}` where a value should appear.",
                  "Add `:spec` for format, e.g. `:.2f`, `:>8`, `:,`.",
                  "Print or store the resulting string."),
        "diagram": ("  f'{name:<6}|{score:>6.1f}|'\n   'Ann   |  92.5|'\n    <6 = left, width 6    >6.1f = right, width 6, 1 decimal"),
        "examples": (
            {"title": "Basics and decimals",
             "code": "name, age, price = 'Ann', 31, 3.14159\nprint(f'{name} is {age} years old')\nprint(f'Price: {price:.2f}')\n"
                     "print(f'{1234567:,} {0.256:.1%} {age=}')",
             "output": "Ann is 31 years old\nPrice: 3.14\n1,234,567 25.6% age=31\n"},
            {"title": "A small aligned table",
             "code": "rows = [('Ann', 92.5), ('Bob', 7.25)]\nfor name, score in rows:\n    print(f'{name:<5}|{score:>7.2f}|')\n"
                     "print('{} + {} = {}'.format(2, 3, 5))\nprint(f'{{literal}} {7:03d}')",
             "output": "Ann  |  92.50|\nBob  |   7.25|\n2 + 3 = 5\n{literal} 007\n"},
        ),
        "mistakes": ("Forgetting the `f` prefix, so `{name}` is printed literally.",
                     "Using `+` with numbers instead of an f-string (TypeError).",
                     "Rounding the stored value when you only need rounded display.",
                     "Mismatched quotes inside the braces."),
        "related": ("strings", "numbers", "input-output"),
    },
    "type-hints": {
        "aliases": ("type hint", "annotation", "typing", "mypy"),
        "beginner": ("Type hints are labels that say what kind of value you expect: `def greet(name: str) -> str:` "
                     "says name should be text and the function returns text. They are like labels on storage "
                     "boxes - helpful for people and editors, but Python itself does not stop you from putting "
                     "something else in. Tools like mypy or your editor use them to warn you about mistakes early."),
        "intermediate": ("Use built-in generics: `list[int]`, `dict[str, float]`, `tuple[int, ...]`, and "
                         "`int | None` (3.10+) or `Optional[int]`. Annotate variables with `count: int = 0`. "
                         "`typing` offers `Callable`, `Iterable`, `Any`, `TypedDict`, `Literal`, `Protocol`. Hints "
                         "are not enforced at runtime: `add('a', 'b')` still runs. Hints are stored in "
                         "`__annotations__`. Dataclasses use annotations to create fields."),
        "advanced": ("Generics with `TypeVar` (or 3.12 `def f[T](x: T) -> T`), `ParamSpec` for decorators, "
                     "`Protocol` for structural typing, `overload` for multiple signatures, `Final`, `ClassVar`. "
                     "`from __future__ import annotations` defers evaluation (strings). Runtime validation needs "
                     "libraries such as pydantic or manual `isinstance` checks."),
        "steps": ("Annotate parameters: `def area(width: float, height: float)`.",
                  "Annotate the return type: `-> float:`.",
                  "Use `list[int]`, `dict[str, int]`, `X | None` for containers and optional values.",
                  "Run a type checker (mypy/pyright) to catch mismatches."),
        "diagram": ("  def total(prices: list[float], tax: float = 0.2) -> float:\n"
                    "             └ parameter types ┘            └ default  └ return type"),
        "examples": (
            {"title": "Annotated function and runtime behaviour",
             "code": "def add(a: int, b: int) -> int:\n    return a + b\n\nprint(add(2, 3))\nprint(add('a', 'b'))\nprint(add.__annotations__)",
             "output": "5\nab\n{'a': <class 'int'>, 'b': <class 'int'>, 'return': <class 'int'>}\n"},
            {"title": "Containers and optional values",
             "code": "def find(names: list[str], target: str) -> int | None:\n    for i, name in enumerate(names):\n"
                     "        if name == target:\n            return i\n    return None\n\nscores: dict[str, float] = {'ann': 9.5}\n"
                     "print(find(['a', 'b'], 'b'), find([], 'x'), scores)",
             "output": "1 None {'ann': 9.5}\n"},
        ),
        "mistakes": ("Expecting Python to enforce hints at runtime.",
                     "Writing `list(int)` instead of `list[int]`.",
                     "Returning None on some path while annotating `-> int`.",
                     "Over-annotating trivial local variables."),
        "related": ("functions", "classes", "data-types"),
    },
    "async": {
        "aliases": ("async", "await", "asyncio", "coroutine", "event loop"),
        "beginner": ("Async code is like a chef cooking several dishes: while the pasta boils (waiting), the chef "
                     "chops vegetables instead of staring at the pot. `async def` marks a function that can wait "
                     "politely, and `await` is the moment it says 'I am waiting, do something else meanwhile'. "
                     "`asyncio.run(main())` starts everything. It helps when programs wait a lot (network, "
                     "files), not when they compute a lot."),
        "intermediate": ("Calling an `async def` function returns a coroutine object; nothing runs until it is "
                         "awaited or scheduled (forgetting `await` gives 'coroutine was never awaited'). "
                         "`asyncio.gather(a(), b())` runs coroutines concurrently; `asyncio.create_task` schedules "
                         "one in the background; `asyncio.sleep` yields control, `time.sleep` blocks everything. "
                         "`await` is only valid inside `async def`. Use async libraries (aiohttp, asyncpg) - "
                         "blocking calls freeze the event loop."),
        "advanced": ("The event loop multiplexes tasks over one thread with cooperative scheduling; tasks switch "
                     "only at `await` points, so CPU-bound work starves others (offload with "
                     "`asyncio.to_thread` or processes). Python 3.11 adds `TaskGroup` for structured concurrency "
                     "and `asyncio.timeout`. Cancellation raises CancelledError inside the task. Async generators "
                     "and `async with`/`async for` extend the protocols."),
        "steps": ("Define coroutines with `async def`.",
                  "Inside them, `await` other coroutines (e.g. `await asyncio.sleep(1)`).",
                  "Run several at once with `await asyncio.gather(...)`.",
                  "Start the program with `asyncio.run(main())`."),
        "diagram": ("  time ─────────────────────────►\n  task A: run ─ await(wait) ─────── run\n"
                    "  task B:      run ─ await(wait) ── run\n  one thread switches tasks at each await"),
        "examples": (
            {"title": "Running coroutines concurrently",
             "code": "import asyncio\n\nasync def fetch(name, delay):\n    await asyncio.sleep(delay)\n    return f'{name} done'\n\n"
                     "async def main():\n    results = await asyncio.gather(fetch('a', 0.02), fetch('b', 0.01))\n    print(results)\n\n"
                     "asyncio.run(main())",
             "output": "['a done', 'b done']\n"},
            {"title": "A coroutine object does nothing until awaited",
             "code": "import asyncio\n\nasync def greet():\n    return 'hello'\n\ncoro = greet()\nprint(type(coro).__name__)\n"
                     "print(asyncio.run(coro))",
             "output": "coroutine\nhello\n"},
        ),
        "mistakes": ("Calling a coroutine without `await` (it never runs).",
                     "Using `time.sleep` or other blocking calls inside async code.",
                     "Using `await` outside an `async def` (SyntaxError).",
                     "Expecting async to speed up CPU-heavy work."),
        "related": ("generators", "functions", "context-managers"),
    },
    "input-output": {
        "aliases": ("print", "input", "output", "user input"),
        "beginner": ("`print` is how your program talks and `input` is how it listens. `print('Hi', name)` shows "
                     "values separated by spaces. `input('Your age? ')` waits for the user to type and press Enter, "
                     "and ALWAYS gives back text - even if they typed 12. To do maths with it, convert: "
                     "`age = int(input('Your age? '))`. In Python 3, print needs brackets: `print('hi')`."),
        "intermediate": ("`print(*values, sep=' ', end='\\n', file=sys.stdout)`: change `sep` to join differently "
                         "and `end=''` to stay on the same line. `input()` strips the trailing newline and raises "
                         "EOFError when input runs out. Validate user input with try/except ValueError around "
                         "`int()` in a loop. Comparing `input()` with a number (`if answer == 5`) is always False "
                         "because one side is a str."),
        "advanced": ("print is buffered; `flush=True` forces output (useful with progress output or pipes). "
                     "`sys.stdin` can be iterated for bulk input (`for line in sys.stdin`), much faster than "
                     "repeated `input()`. For structured output use the `logging` module instead of prints, and "
                     "write to stderr for diagnostics (`print(..., file=sys.stderr)`)."),
        "steps": ("Ask with `text = input('Prompt: ')`.",
                  "Convert if you need a number: `n = int(text)` (inside try/except ValueError).",
                  "Compute with the converted value.",
                  "Show results with `print(...)` or an f-string."),
        "diagram": ("  keyboard ──input()──► '12' (str) ──int()──► 12 (int) ──► compute ──print()──► screen"),
        "examples": (
            {"title": "sep and end",
             "code": "print('a', 'b', 'c')\nprint('a', 'b', 'c', sep='-')\nprint('no newline', end='')\nprint('!')",
             "output": "a b c\na-b-c\nno newline!\n"},
            {"title": "Reading numbers from input",
             "code": "first = input('first: ')\nsecond = input('second: ')\nprint()\nprint(first + second, int(first) + int(second))",
             "stdin": "3\n4\n",
             "output": "first: second: \n34 7\n"},
        ),
        "mistakes": ("Forgetting that `input()` returns a string ('3' + '4' == '34').",
                     "Python 2 style `print 'hi'` (SyntaxError in Python 3).",
                     "Converting with int() without handling ValueError for non-numbers.",
                     "Comparing input text to a number."),
        "related": ("strings", "data-types", "string-formatting"),
    },
}
