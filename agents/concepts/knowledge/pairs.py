"""Notes for commonly confused pairs, some inside one topic (sort vs sorted) and some across topics
(list vs tuple). Keyed by the two terms as students write them; matched case-insensitively."""

PAIR_NOTES = {
    ("list", "tuple"): ("Lists are mutable (append, change items) and meant for collections of similar things; "
                        "tuples are immutable, hashable (usable as dict keys) and meant for fixed records such as "
                        "coordinates. Use a list when the contents change, a tuple when they should not."),
    ("list", "set"): ("A list keeps order and duplicates and is indexed by position; a set has no order, no "
                      "duplicates and no indexing, but `x in s` is O(1) instead of O(n)."),
    ("list", "dict"): ("A list is looked up by position (0, 1, 2...), a dict by key ('ann'). Use a dict when you "
                       "find items by a name or id rather than by position."),
    ("dict", "set"): ("Both are hash tables with unique, hashable keys and O(1) membership; a dict also stores a "
                      "value for every key. `{}` is an empty dict, `set()` an empty set."),
    ("for", "while"): ("Use `for` when you loop over known items or a known count (`for x in items`, "
                       "`range(n)`); use `while` when you loop until a condition changes and you don't know how "
                       "many rounds that takes - and make sure the body changes that condition."),
    ("sort", "sorted"): ("`lst.sort()` sorts the list in place and returns None; `sorted(iterable)` returns a NEW "
                         "list and works on any iterable (tuples, strings, dict keys)."),
    ("append", "extend"): ("`a.append(x)` adds x as ONE item (a list becomes a nested item); `a.extend(xs)` adds "
                           "each item of xs. `[1].append([2, 3])` -> [1, [2, 3]]; `[1].extend([2, 3])` -> [1, 2, 3]."),
    ("is", "=="): ("`==` compares values, `is` compares identity (the same object). Use `is` only for None "
                   "(`x is None`); `[1] == [1]` is True but `[1] is [1]` is False."),
    ("return", "print"): ("`print` shows a value on the screen and the function still returns None; `return` hands "
                          "the value back to the caller so it can be stored and reused. Functions should usually "
                          "return, and the caller decides whether to print."),
    ("/", "//"): ("`/` is true division and always gives a float (7 / 2 == 3.5); `//` is floor division (7 // 2 "
                  "== 3, -7 // 2 == -4)."),
    ("generator", "list"): ("A list holds all its items in memory and can be iterated many times; a generator "
                            "produces items lazily on demand, uses almost no memory, and can be iterated once."),
    ("iterator", "iterable"): ("An iterable can give you an iterator (lists, strings, dicts); an iterator is the "
                               "one-pass cursor with `__next__`. `iter(iterable)` -> iterator."),
    ("lambda", "def"): ("Both create functions. `lambda` is one expression without a name, for short keys and "
                        "callbacks; `def` gives a name, a docstring and any number of statements."),
    ("remove", "pop"): ("`lst.remove(x)` deletes the first item EQUAL to x (ValueError if missing); `lst.pop(i)` "
                        "deletes by POSITION and returns the item (last one by default)."),
    ("args", "kwargs"): ("`*args` collects extra positional arguments into a tuple; `**kwargs` collects extra "
                         "keyword arguments into a dict."),
    ("class", "object"): ("A class is the blueprint; an object (instance) is a thing built from it with its own "
                          "attribute values. `Dog` is a class, `Dog('Rex')` an object."),
    ("method", "function"): ("A method is a function defined in a class and called on an object (`s.upper()`); it "
                             "receives the object as `self`. A plain function is called on its own (`len(s)`)."),
    ("global", "local"): ("Local names exist only inside the function call that created them; global names live "
                          "at module level. Assigning inside a function creates a local unless declared `global`."),
    ("str", "repr"): ("`str(x)` is the friendly text for users; `repr(x)` is the unambiguous developer form "
                      "(strings get quotes). print uses str, the REPL and containers use repr."),
    ("break", "continue"): ("`break` leaves the loop completely; `continue` skips the rest of this round and "
                            "moves on to the next item."),
    ("shallow copy", "deep copy"): ("A shallow copy (`lst.copy()`) copies the outer container but shares the "
                                    "inner objects; `copy.deepcopy` copies nested objects too."),
    ("==", "="): ("`=` assigns (stores a value in a name); `==` compares two values and gives True or False. "
                  "Inside `if`/`while` conditions you almost always want `==`."),
    ("yield", "return"): ("`return` ends the function and hands back one value; `yield` hands back a value and "
                          "PAUSES the function, which continues from that line on the next `next()` or loop round. "
                          "A function containing `yield` is a generator: calling it runs nothing until you iterate."),
    ("comprehension", "for"): ("A list comprehension builds a new list in one expression: `squares = [n * n for n in "
                               "nums if n > 0]`; the `for` loop does the same in several statements: `squares = []`, "
                               "then `squares.append(n * n)` in the body. Use the comprehension for a simple "
                               "transform or filter (shorter and a little faster); use the loop when the body does "
                               "more (several steps, printing, `break`) or you do not need a list."),
    ("generator", "return"): ("A normal function runs to its `return`, hands back one value and "
                                            "its local state is gone; a generator function uses `yield`: calling it "
                                            "returns a generator that runs lazily, pausing at each `yield` and "
                                            "resuming on the next `next()` or loop round."),
    ("f-string", "format"): ("An f-string puts the expressions inside the text, `f\"{name} is {age}\"`; the "
                                 "older `\"{} is {}\".format(name, age)` (and `\"%s is %d\" % (name, age)`) passes "
                                 "them after the text. Same result: f-strings (Python 3.6+) are shorter and easier to "
                                 "read; `.format()` is still useful for a template string stored before its values."),
    ("==", "!="): ("`a == b` is True when the two values are equal; `a != b` (\"not equal\") is True when they "
                   "differ - always the opposite of `==` (`3 != 4` is True). Both compare values; `is`/`is not` "
                   "compare identity."),
    ("module", "package"): ("A module is one `.py` file you import (`import math`); a package is a folder (directory) "
                            "of modules, usually with an `__init__.py`, imported with dots (`import json.decoder`, "
                            "`from mypkg import tools`). A package groups related modules; pip installs packages."),
    ("pytest", "unittest"): ("`unittest` ships with Python: tests are methods of a `unittest.TestCase` subclass "
                             "using `self.assertEqual`; `pytest` (pip install) runs plain `test_` functions with "
                             "bare `assert` and also runs unittest tests. pytest is less typing; unittest needs "
                             "nothing installed."),
    ("__str__", "__repr__"): ("`__str__` gives the readable text `print()` and `str()` show; `__repr__` gives the "
                              "precise developer form used by `repr()`, the REPL and containers, and is the "
                              "fallback for `__str__`. Define `__repr__` first."),
}
