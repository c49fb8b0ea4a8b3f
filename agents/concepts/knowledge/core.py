"""Knowledge entries: values and the built-in data types (variables, types, numbers, strings, containers).

Each entry: title, aliases, summary, beginner/intermediate/advanced text, steps (for step-by-step learners),
diagram (ascii, for visual learners), examples (code + exact expected stdout, verified by the test suite),
mistakes, related. Keep examples deterministic: no randomness, no set printing whose order could vary.
"""

ENTRIES = {
    "variables": {
        "aliases": ("variable", "assignment", "name"),
        "beginner": ("A variable is like a sticky label you put on a box: the box holds a value (a number, some "
                     "text, a list) and the label is the name you use to find it again. `age = 12` makes the value "
                     "12 and sticks the label `age` on it. Later you can move the label to another value with "
                     "`age = 13`. Names are case-sensitive (`Age` and `age` are different) and must be created "
                     "before you use them, otherwise Python raises NameError."),
        "intermediate": ("Assignment binds a name to an object; it never copies. After `b = a` both names refer to "
                         "the same object, which matters for mutable objects such as lists: changing it through "
                         "`b` is visible through `a`. Augmented assignment (`x += 1`) rebinds `x` for immutable "
                         "values. Python supports tuple unpacking (`a, b = b, a` swaps) and chained assignment. "
                         "Pitfalls: using a name before assigning it (NameError), typos that silently create a new "
                         "variable, and shadowing built-ins like `list` or `sum`."),
        "advanced": ("Names live in namespaces (dicts for modules and classes, fast-local arrays for functions). The "
                     "compiler decides at compile time whether a name in a function is local: any assignment "
                     "anywhere in the body makes it local for the whole body, which is why reading it before the "
                     "assignment gives UnboundLocalError. Objects carry identity (`id()`), type and value; "
                     "`is` compares identity. CPython caches small ints and interned strings, so never rely on "
                     "`is` for value equality."),
        "steps": ("Pick a descriptive snake_case name, e.g. `total_price`.",
                  "Write `name = value`; Python evaluates the right side first.",
                  "The name now refers to that value; use the name anywhere you need the value.",
                  "Assign again to make the name refer to a new value."),
        "diagram": ("  name        object\n  ------      ----------------\n  a  ───────► [1, 2, 3]\n"
                    "  b  ───────┘   (b = a: same list, two labels)\n  count ────► 3"),
        "examples": (
            {"title": "Assign, reassign and swap",
             "code": "score = 10\nscore = score + 5\nprint(score)\na, b = 1, 2\na, b = b, a\nprint(a, b)",
             "output": "15\n2 1\n"},
            {"title": "Two names, one list",
             "code": "a = [1, 2]\nb = a\nb.append(3)\nprint(a)\nc = a.copy()\nc.append(4)\nprint(a, c)",
             "output": "[1, 2, 3]\n[1, 2, 3] [1, 2, 3, 4]\n"},
        ),
        "mistakes": ("Using a variable before it has been assigned (NameError).",
                     "Misspelling a name, e.g. `totl` instead of `total`.",
                     "Expecting `b = a` to copy a list; use `a.copy()` or `list(a)`.",
                     "Naming a variable `list`, `str` or `sum` and hiding the built-in."),
        "related": ("data-types", "scope", "lists"),
    },
    "data-types": {
        "aliases": ("type", "types", "mutable", "immutable", "none", "boolean", "casting"),
        "beginner": ("Every value in Python has a type, like the kind of thing it is. `5` is an int (whole number), "
                     "`2.5` a float (decimal number), `'hi'` a str (text), `True` a bool, `[1, 2]` a list and "
                     "`None` means 'nothing here'. Think of types like kinds of containers in a kitchen: you can "
                     "pour from a jug but not from a plate. Python will not mix types for you: `'5' + 5` fails, "
                     "you convert first with `int('5')` or `str(5)`. Use `type(x)` to see what you have."),
        "intermediate": ("Built-in types split into immutable (int, float, bool, str, tuple, frozenset, None) and "
                         "mutable (list, dict, set). Conversions: `int('42')`, `float('3.5')`, `str(7)`, "
                         "`list('abc')`, `bool(x)`. `int('3.5')` and `int('seven')` raise ValueError. Truthiness: "
                         "0, 0.0, '', [], {}, set() and None are falsy, everything else truthy. Prefer "
                         "`isinstance(x, int)` over `type(x) == int` so subclasses work. Compare with None using "
                         "`is None`."),
        "advanced": ("Types are objects too (`type(int) is type`). Python is dynamically but strongly typed: "
                     "names have no type, objects do, and implicit conversion between unrelated types is not "
                     "done (except numeric promotion int -> float -> complex). `bool` is a subclass of `int`, so "
                     "`True + True == 2`. Mutability determines hashability: only immutable values (with hashable "
                     "contents) can be dict keys or set members. Duck typing: code usually cares about behaviour "
                     "(methods present) rather than the exact type."),
        "steps": ("Ask Python: `print(type(value))`.",
                  "Check whether the operation you want makes sense for that type.",
                  "Convert explicitly when needed: `int()`, `float()`, `str()`, `list()`.",
                  "Handle bad input: converting text that is not a number raises ValueError."),
        "diagram": ("  type     example    mutable?\n  -------  ---------  --------\n  int      42         no\n"
                    "  float    3.14       no\n  str      'hi'       no\n  bool     True       no\n"
                    "  tuple    (1, 2)     no\n  list     [1, 2]     yes\n  dict     {'a': 1}   yes\n"
                    "  set      {1, 2}     yes\n  NoneType None       no"),
        "examples": (
            {"title": "Inspecting and converting types",
             "code": "print(type(42).__name__, type(3.5).__name__, type('hi').__name__)\nprint(int('7') + 3)\n"
                     "print(str(7) + '3')\nprint(float('2.5') * 2)",
             "output": "int float str\n10\n73\n5.0\n"},
            {"title": "Truthiness",
             "code": "for value in [0, 1, '', 'a', [], [0], None]:\n    print(repr(value), bool(value))",
             "output": "0 False\n1 True\n'' False\n'a' True\n[] False\n[0] True\nNone False\n"},
            {"title": "isinstance and None checks",
             "code": "x = None\nprint(x is None)\nprint(isinstance(True, int), isinstance(3, (int, float)))",
             "output": "True\nTrue True\n"},
        ),
        "mistakes": ("Adding a str and an int: `'Age: ' + 5` (TypeError); use `str(5)` or an f-string.",
                     "Forgetting that `input()` always returns a str.",
                     "Comparing with `== None` instead of `is None`.",
                     "Calling `int('3.5')`; convert with `float()` first or `int(float('3.5'))`."),
        "related": ("variables", "numbers", "strings"),
    },
    "numbers": {
        "aliases": ("int", "float", "division", "modulo", "arithmetic", "math"),
        "beginner": ("Python is a calculator with superpowers. `+ - *` work as you expect, `/` always gives a "
                     "decimal (`7 / 2` is `3.5`), `//` divides and throws away the remainder (`7 // 2` is `3`), "
                     "`%` gives the remainder (`7 % 2` is `1`, handy to check even/odd) and `**` is power. "
                     "Whole numbers are ints, numbers with a point are floats. Dividing by zero is not allowed "
                     "and raises ZeroDivisionError."),
        "intermediate": ("`/` is true division and returns float; `//` is floor division (rounds toward minus "
                         "infinity, so `-7 // 2 == -4`) and `%` has the sign of the divisor. Floats are binary "
                         "approximations: `0.1 + 0.2 != 0.3`; compare with `math.isclose` and format with "
                         "`round(x, 2)` or `f'{x:.2f}'`. `round()` uses banker's rounding (`round(2.5) == 2`). "
                         "ints never overflow; float operations can raise OverflowError (e.g. `math.exp(1000)`). "
                         "Guard divisions whose denominator may be zero, e.g. the length of an empty list."),
        "advanced": ("ints are arbitrary precision (cost grows with digit count); floats are IEEE-754 doubles "
                     "(53-bit mantissa, `sys.float_info`). Use `decimal.Decimal` for money and exact decimal "
                     "arithmetic, `fractions.Fraction` for exact rationals. `divmod(a, b)` returns both quotient "
                     "and remainder. `math.fsum` reduces summation error; `float('nan') != float('nan')`. "
                     "Integer power with a modulus: `pow(base, exp, mod)` is fast modular exponentiation."),
        "steps": ("Decide whether you need a whole number (`//`) or a decimal (`/`).",
                  "Use `%` for remainders (even/odd, wrap-around).",
                  "Before dividing, make sure the divisor cannot be zero.",
                  "Round only when displaying: `round(x, 2)` or `f'{x:.2f}'`."),
        "diagram": ("  expression   result\n  ----------   ------\n  7 / 2        3.5\n  7 // 2       3\n"
                    "  7 % 2        1\n  2 ** 10      1024\n  -7 // 2      -4"),
        "examples": (
            {"title": "The division operators",
             "code": "print(7 / 2, 7 // 2, 7 % 2)\nprint(2 ** 10)\nprint(divmod(17, 5))",
             "output": "3.5 3 1\n1024\n(3, 2)\n"},
            {"title": "Float surprises and how to handle them",
             "code": "import math\nprint(0.1 + 0.2 == 0.3)\nprint(math.isclose(0.1 + 0.2, 0.3))\n"
                     "print(round(2.675, 2), f'{2 / 3:.3f}')",
             "output": "False\nTrue\n2.67 0.667\n"},
            {"title": "Safe average of a possibly empty list",
             "code": "def average(nums):\n    if not nums:\n        return 0.0\n    return sum(nums) / len(nums)\n\n"
                     "print(average([4, 5, 6]))\nprint(average([]))",
             "output": "5.0\n0.0\n"},
        ),
        "mistakes": ("Dividing by `len(items)` when the list can be empty (ZeroDivisionError).",
                     "Expecting `/` to return an int; use `//` for whole-number division.",
                     "Comparing floats with `==`; use `math.isclose`.",
                     "Forgetting that `input()` gives a string: `'3' * 2 == '33'`."),
        "related": ("data-types", "string-formatting", "variables"),
    },
    "strings": {
        "aliases": ("str", "text", "slicing", "substring", "split", "join"),
        "beginner": ("A string is text, written between quotes: `'hello'` or `\"hello\"`. Think of it as a row of "
                     "letter tiles, each with a position number starting at 0: in `'cat'`, `'c'` is at 0 and `'t'` "
                     "at 2. `word[0]` reads a tile, `word[-1]` the last one, `word[1:3]` a slice. You cannot "
                     "swap a tile in place (strings are immutable); instead you build a new string, e.g. "
                     "`'b' + word[1:]`. Useful methods: `.upper()`, `.lower()`, `.strip()`, `.split()`, `.replace()`."),
        "intermediate": ("Strings are immutable sequences: indexing, slicing (`s[start:stop:step]`, stop "
                         "excluded), `len`, `in` and iteration all work; methods return new strings. `s.split()` "
                         "splits on whitespace, `', '.join(items)` joins an iterable of strings. `s.find(x)` returns "
                         "-1 when missing, `s.index(x)` raises ValueError. Concatenating with non-strings raises "
                         "TypeError: convert with `str()` or use f-strings. `s[::-1]` reverses. Comparison is "
                         "lexicographic by code point ('Z' < 'a'). A multi-line string is written between triple quotes "
                         "(`'''...'''` or `\"\"\"...\"\"\"`) and keeps its line breaks; `'\\n'` is one line break "
                         "inside an ordinary string."),
        "advanced": ("str holds Unicode code points; bytes holds raw bytes; convert with `.encode()`/`.decode()` "
                     "(UnicodeDecodeError when bytes do not match the codec). Building a string with `+=` in a "
                     "loop can be quadratic; collect parts in a list and `''.join(parts)`. CPython uses a compact "
                     "representation (1, 2 or 4 bytes per char) and interns identifier-like literals. Use "
                     "`casefold()` for case-insensitive comparison, `str.maketrans`/`translate` for bulk replacements."),
        "steps": ("Create the string with quotes.",
                  "Read characters by index (`s[0]`, `s[-1]`) or ranges by slice (`s[1:4]`).",
                  "Call a method to get a transformed copy, e.g. `s.strip().lower()`.",
                  "Assign the result to a name: methods never change the original string."),
        "diagram": ("   'p'  'y'  't'  'h'  'o'  'n'\n    0    1    2    3    4    5    <- index\n"
                    "   -6   -5   -4   -3   -2   -1    <- negative index\n   s[1:4] == 'yth'"),
        "examples": (
            {"title": "Indexing and slicing",
             "code": "s = 'python'\nprint(s[0], s[-1], s[1:4], s[::-1])\nprint(len(s), 'th' in s)",
             "output": "p n yth nohtyp\n6 True\n"},
            {"title": "Common methods",
             "code": "line = '  Ada, Grace ,Linus '\nnames = [n.strip() for n in line.split(',')]\nprint(names)\n"
                     "print(' & '.join(names).upper())\nprint('banana'.replace('a', 'o'), 'banana'.find('n'))",
             "output": "['Ada', 'Grace', 'Linus']\nADA & GRACE & LINUS\nbonono 2\n"},
            {"title": "Strings are immutable: build a new one",
             "code": "word = 'cat'\nword = 'b' + word[1:]\nprint(word)",
             "output": "bat\n"},
        ),
        "mistakes": ("Trying `s[0] = 'x'` (TypeError: strings are immutable).",
                     "Calling `s.upper()` and expecting `s` to change; assign the result.",
                     "Concatenating a number: `'total: ' + 5`; use `str(5)` or f'total: {5}'.",
                     "Forgetting that slices exclude the stop index."),
        "related": ("string-formatting", "lists", "data-types"),
    },
    "lists": {
        "aliases": ("list", "array", "append", "index"),
        "beginner": ("A list is like a numbered shopping list: items in order, each at a position starting from "
                     "0. `fruits = ['apple', 'pear', 'fig']` has 3 items at positions 0, 1 and 2, so `fruits[3]` "
                     "does not exist and raises IndexError. You can change a list: `fruits.append('kiwi')` adds "
                     "to the end, `fruits[0] = 'plum'` replaces an item, `fruits.remove('pear')` deletes one. "
                     "`len(fruits)` tells you how many items there are."),
        "intermediate": ("Valid indices are 0..len-1 and -len..-1. Slicing never raises and returns a new list. "
                         "Methods mostly mutate in place and return None (`append`, `extend`, `sort`, `reverse`, "
                         "`insert`), so `x = x.sort()` leaves `x` as None; use `sorted(x)` for a new list. `pop()` "
                         "removes and returns. `b = a` does not copy a list: both names refer to the same list object, so "
                         "a change made through `b` is seen through `a` too; `b = a.copy()` (or `list(a)`, `a[:]`) "
                         "makes an independent (shallow) copy. `lst.remove(x)` deletes the first item equal to x and "
                         "`lst.index(x)` gives the position of the first match (both raise ValueError when x is "
                         "absent); `lst.count(x)` returns how many times x appears (0 when none). `lst[:3]` is "
                         "the first three items, `lst[-3:]` the last three and `lst[::-1]` a reversed copy; "
                         "`for x in reversed(lst)` loops backwards without copying. `[[0] * 3] * 3` "
                         "repeats the SAME inner list; use a comprehension. Do not remove items from a list while "
                         "looping over it; build a new list instead."),
        "advanced": ("A list is a dynamic array of references: indexing and append are O(1) amortised, "
                     "`insert(0, x)`/`pop(0)` and `x in lst` are O(n) (use `collections.deque` or a set). "
                     "Over-allocation makes appends cheap. `list.sort` is Timsort: stable, O(n log n), fast on "
                     "partially sorted data. Shallow vs deep copy (`copy.deepcopy`) matters for nested lists. "
                     "Slice assignment (`a[1:3] = [...]`) can grow or shrink the list in place."),
        "steps": ("Create it: `items = [3, 1, 2]` (or `[]` to start empty).",
                  "Read by position: `items[0]` is the first, `items[-1]` the last.",
                  "Change it: `append`, `insert`, `remove`, `pop`, or assign `items[i] = value`.",
                  "Loop over it with `for item in items:` and use `len(items)` for the count."),
        "diagram": ("  items = [3, 1, 2]\n  +---+---+---+\n  | 3 | 1 | 2 |\n  +---+---+---+\n"
                    "    0   1   2     valid indices: 0..len(items)-1\n   -3  -2  -1"),
        "examples": (
            {"title": "Creating, reading and changing a list",
             "code": "fruits = ['apple', 'pear']\nfruits.append('fig')\nfruits[0] = 'plum'\n"
                     "print(fruits, len(fruits))\nprint(fruits[-1], fruits.pop(1), fruits)",
             "output": "['plum', 'pear', 'fig'] 3\nfig pear ['plum', 'fig']\n"},
            {"title": "sort() works in place and returns None",
             "code": "nums = [3, 1, 2]\nresult = nums.sort()\nprint(result, nums)\nprint(sorted([5, 4, 6]))",
             "output": "None [1, 2, 3]\n[4, 5, 6]\n"},
            {"title": "b = a is not a copy: two names, one list",
             "code": "a = [1, 2]\nb = a\nb.append(3)\nprint(a, b is a)\nc = a.copy()\nc.append(4)\nprint(a, c)",
             "output": "[1, 2, 3] True\n[1, 2, 3] [1, 2, 3, 4]\n"},
            {"title": "Safe indexing",
             "code": "arr = [10, 20, 30]\ni = 5\nif 0 <= i < len(arr):\n    print(arr[i])\nelse:\n"
                     "    print(f'index {i} is out of range; valid: 0..{len(arr) - 1}')",
             "output": "index 5 is out of range; valid: 0..2\n"},
        ),
        "mistakes": ("Using index `len(lst)` (IndexError: the last index is `len(lst) - 1`).",
                     "`lst = lst.append(x)` sets lst to None.",
                     "Removing from a list while iterating over it skips elements.",
                     "`[[0] * 3] * 3` creates three references to one inner list.",
                     "Expecting `b = a` to copy a list: both names share one list (use `a.copy()`)."),
        "related": ("tuples", "loops", "comprehensions", "sorting-searching"),
    },
    "tuples": {
        "aliases": ("tuple", "unpacking", "namedtuple"),
        "beginner": ("A tuple is like a list that is sealed once made: `point = (3, 4)`. You can read items "
                     "(`point[0]`) but not change them. Tuples are great for things that belong together and "
                     "should not change, like coordinates or a date. You can 'unpack' a tuple into names: "
                     "`x, y = point`. The difference from a list: lists are for collections you change, tuples "
                     "for fixed groups of values."),
        "intermediate": ("Tuples are immutable and hashable (if their items are), so they can be dict keys and set "
                         "members, unlike lists. The comma makes the tuple, not the parentheses: `(5)` is an int, "
                         "`(5,)` a one-item tuple. Unpacking must match lengths (ValueError otherwise); use a star "
                         "for the rest: `first, *rest = items`. Functions return multiple values as a tuple. "
                         "`collections.namedtuple` or `typing.NamedTuple` give fields names."),
        "advanced": ("Tuples are smaller and slightly faster to create than lists, and constant tuples are folded "
                     "at compile time. Immutability is shallow: a tuple holding a list can still see that list "
                     "change, and such a tuple is unhashable. `t += (x,)` builds a new tuple (O(n)). Use tuples "
                     "for heterogeneous records and lists for homogeneous collections."),
        "steps": ("Group values with commas: `point = 3, 4` (parentheses optional).",
                  "Read them by index or unpack: `x, y = point`.",
                  "To 'change' a tuple, build a new one: `point = (5, point[1])`.",
                  "Use tuples as dict keys when you need compound keys."),
        "diagram": ("  list  [1, 2, 3]   mutable   -> append / change items\n"
                    "  tuple (1, 2, 3)   immutable -> fixed, hashable, can be a dict key"),
        "examples": (
            {"title": "Unpacking and multiple return values",
             "code": "def min_max(nums):\n    return min(nums), max(nums)\n\nlow, high = min_max([4, 9, 1])\n"
                     "print(low, high)\nfirst, *rest = (1, 2, 3, 4)\nprint(first, rest)",
             "output": "1 9\n1 [2, 3, 4]\n"},
            {"title": "Tuples as dictionary keys",
             "code": "distances = {('A', 'B'): 5, ('B', 'C'): 7}\nprint(distances[('A', 'B')])\n"
                     "print(type((5)).__name__, type((5,)).__name__)",
             "output": "5\nint tuple\n"},
        ),
        "mistakes": ("Trying to assign `t[0] = x` (TypeError: tuples are immutable).",
                     "Writing `(5)` when you mean a one-item tuple `(5,)`.",
                     "Unpacking the wrong number of values (ValueError: too many values to unpack)."),
        "related": ("lists", "dictionaries", "functions"),
    },
    "dictionaries": {
        "aliases": ("dict", "key", "mapping", "hash map"),
        "beginner": ("A dictionary is like a real dictionary or a phone book: you look things up by a key (the "
                     "word or the name) and get a value (the meaning or the number). `ages = {'ann': 31, 'bob': 25}` "
                     "then `ages['ann']` is 31. Asking for a key that is not there (`ages['cat']`) raises "
                     "KeyError, so check first with `'cat' in ages` or use `ages.get('cat', 0)` which returns a "
                     "default instead. Add or change an entry with `ages['cat'] = 7`."),
        "intermediate": ("Keys must be hashable (str, int, tuple of immutables); values can be anything. Since "
                         "Python 3.7 dicts keep insertion order. Iterate with `for key, value in d.items()`. "
                         "`d.get(k, default)`, `d.setdefault(k, [])`, `d.pop(k, None)` and `d.update(other)` are "
                         "the workhorses; `collections.Counter` counts and `defaultdict(list)` groups. Do not add "
                         "or remove keys while iterating (RuntimeError); iterate over `list(d)` instead. Merge "
                         "with `a | b` (3.9+)."),
        "advanced": ("A dict is a hash table: average O(1) lookup/insert/delete, O(n) worst case with many hash "
                     "collisions. Keys need consistent `__hash__` and `__eq__`; mutating an object used as a key "
                     "breaks lookup, which is why lists are unhashable. CPython's compact dict stores entries in "
                     "insertion order with a separate sparse index. Dict views (`keys()`, `items()`) are live and "
                     "support set operations (`d1.keys() & d2.keys()`)."),
        "steps": ("Create it: `d = {}` or `d = {'key': value}`.",
                  "Store or update: `d[key] = value`.",
                  "Read safely: `d.get(key, default)` or check `if key in d:` first.",
                  "Loop over pairs: `for key, value in d.items():`."),
        "diagram": ("  key     ->  value\n  ------      -----\n  'ann'   ->  31\n  'bob'   ->  25\n"
                    "  ages['ann'] -> 31      ages['cat'] -> KeyError      ages.get('cat', 0) -> 0"),
        "examples": (
            {"title": "Lookup, safe lookup and update",
             "code": "ages = {'ann': 31}\nages['bob'] = 25\nprint(ages['ann'], ages.get('cat', 'unknown'))\n"
                     "print('bob' in ages, len(ages))\nfor name, age in ages.items():\n    print(name, age)",
             "output": "31 unknown\nTrue 2\nann 31\nbob 25\n"},
            {"title": "Counting words",
             "code": "counts = {}\nfor word in 'the cat and the hat'.split():\n"
                     "    counts[word] = counts.get(word, 0) + 1\nprint(counts)",
             "output": "{'the': 2, 'cat': 1, 'and': 1, 'hat': 1}\n"},
            {"title": "Grouping with defaultdict",
             "code": "from collections import defaultdict\ngroups = defaultdict(list)\n"
                     "for word in ['apple', 'avocado', 'banana']:\n    groups[word[0]].append(word)\nprint(dict(groups))",
             "output": "{'a': ['apple', 'avocado'], 'b': ['banana']}\n"},
        ),
        "mistakes": ("Reading a missing key with `d[key]` (KeyError); use `in` or `.get`.",
                     "Using a list as a key (TypeError: unhashable type: 'list'); use a tuple.",
                     "Changing a dict's size while looping over it (RuntimeError).",
                     "Looping `for x in d` and expecting values; it yields keys."),
        "related": ("sets", "lists", "loops"),
    },
    "sets": {
        "aliases": ("set", "unique", "union", "intersection"),
        "beginner": ("A set is a bag that never holds the same thing twice. `set([1, 2, 2, 3])` becomes `{1, 2, 3}`, "
                     "which makes sets perfect for removing duplicates or asking 'have I seen this before?'. Sets "
                     "have no order and no positions, so `s[0]` does not work. You can combine sets like in maths: "
                     "`a | b` (everything), `a & b` (in both), `a - b` (in a but not b)."),
        "intermediate": ("Membership (`x in s`) is O(1) on average versus O(n) for a list, so convert a list to a "
                         "set before many lookups. Items must be hashable. `{}` is an empty DICT; an empty set is "
                         "`set()`. `add`, `discard` (no error when missing) and `remove` (KeyError when missing). "
                         "Iteration order is arbitrary, so sort before printing if order matters. To remove "
                         "duplicates but keep order use `list(dict.fromkeys(items))`."),
        "advanced": ("Sets are hash tables without values. `frozenset` is the immutable, hashable variant (can be a "
                     "dict key or member of another set). Set operations have method forms accepting any iterable "
                     "(`a.union(lst)`), and in-place forms (`|=`, `&=`). Comparison operators test subset/superset "
                     "(`a <= b`). For multisets use `collections.Counter`."),
        "steps": ("Create with `set(iterable)` or `{1, 2, 3}` (not `{}`).",
                  "Add items with `.add(x)`; duplicates are ignored.",
                  "Test membership with `x in s` - fast even for big sets.",
                  "Combine with `|`, `&`, `-`, `^`."),
        "diagram": ("   a = {1, 2, 3}      b = {2, 3, 4}\n   a | b = {1, 2, 3, 4}   (union)\n"
                    "   a & b = {2, 3}         (intersection)\n   a - b = {1}            (difference)"),
        "examples": (
            {"title": "Removing duplicates and membership",
             "code": "nums = [3, 1, 3, 2, 1]\nunique = set(nums)\nprint(sorted(unique))\nprint(2 in unique, 5 in unique)\n"
                     "print(list(dict.fromkeys(nums)))",
             "output": "[1, 2, 3]\nTrue False\n[3, 1, 2]\n"},
            {"title": "Set algebra",
             "code": "a = {1, 2, 3}\nb = {2, 3, 4}\nprint(sorted(a | b), sorted(a & b), sorted(a - b))\n"
                     "print(type({}).__name__, type(set()).__name__)",
             "output": "[1, 2, 3, 4] [2, 3] [1]\ndict set\n"},
        ),
        "mistakes": ("Writing `{}` for an empty set (it is a dict).",
                     "Indexing a set `s[0]` (TypeError: 'set' object is not subscriptable).",
                     "Expecting a set to keep insertion order.",
                     "Putting lists into a set (unhashable)."),
        "related": ("dictionaries", "lists", "sorting-searching"),
    },
}
