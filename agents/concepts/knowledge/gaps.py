"""Knowledge entries for the gaps students asked about most: closures, dataclasses, copying, virtual
environments, __str__/__repr__, testing and floating point. Same shape as core.py; outputs verified by tests."""

ENTRIES = {'closures': {'aliases': ('closure', 'closures', 'inner function', 'enclosing scope', 'function factory'),
              'beginner': 'A closure is a function that remembers the variables from the place where it was created, '
                          'even after that outer function has finished. Think of a backpack: when an inner function '
                          'is made inside an outer one, it packs the outer variables it uses into its backpack and '
                          'carries them wherever it goes. `make_counter()` can return a `count()` function that '
                          'still knows its own running total.',
              'intermediate': 'A nested function that refers to names of its enclosing function keeps those '
                              'variables alive in cells (`fn.__closure__`). Reading them needs nothing special; '
                              'rebinding them needs `nonlocal`, otherwise assignment creates a new local. Closures '
                              'are how function factories, callbacks with state and decorators keep their data. '
                              'Pitfall: closures capture variables, not values, so lambdas made in a loop all see '
                              "the loop variable's last value; bind it with a default argument (`lambda i=i: i`).",
              'advanced': 'The compiler marks a name used by an inner function as a cell variable of the outer one; '
                          'both functions reach the value through the same cell object, so later changes are visible '
                          'to the closure (late binding). `fn.__code__.co_freevars` lists the captured names and '
                          '`fn.__closure__[i].cell_contents` their current values. A closure with mutable state is a '
                          'lightweight alternative to a class with one method.',
              'steps': ('Define an outer function with a local variable.',
                        'Define an inner function that uses that variable.',
                        'Return the inner function (without calling it).',
                        'Call the returned function later: it still sees the outer variable.',
                        'Use `nonlocal` if the inner function must change the variable.'),
              'diagram': '  make_multiplier(3)\n'
                         '  +-------------------+\n'
                         '  | factor = 3        |  <- kept alive in a cell\n'
                         '  |   def multiply(x) |-----> returned function remembers factor\n'
                         '  +-------------------+\n'
                         '  triple = make_multiplier(3); triple(5) -> 15',
              'examples': ({'title': 'A function factory',
                            'code': 'def make_multiplier(factor):\n'
                                    '    def multiply(x):\n'
                                    '        return x * factor\n'
                                    '    return multiply\n'
                                    '\n'
                                    'triple = make_multiplier(3)\n'
                                    'double = make_multiplier(2)\n'
                                    'print(triple(5), double(5))',
                            'output': '15 10\n'},
                           {'title': 'State that survives between calls (nonlocal)',
                            'code': 'def make_counter():\n'
                                    '    count = 0\n'
                                    '    def increment():\n'
                                    '        nonlocal count\n'
                                    '        count += 1\n'
                                    '        return count\n'
                                    '    return increment\n'
                                    '\n'
                                    'counter = make_counter()\n'
                                    'counter()\n'
                                    'counter()\n'
                                    'print(counter())',
                            'output': '3\n'},
                           {'title': 'Late binding in a loop, and the fix',
                            'code': 'late = [lambda: i for i in range(3)]\n'
                                    'bound = [lambda i=i: i for i in range(3)]\n'
                                    'print([f() for f in late])\n'
                                    'print([f() for f in bound])',
                            'output': '[2, 2, 2]\n[0, 1, 2]\n'}),
              'mistakes': ('Assigning to the outer variable without `nonlocal` (UnboundLocalError).',
                           'Calling the inner function instead of returning it (`return multiply()`).',
                           'Expecting closures made in a loop to remember each loop value (they share the '
                           'variable).'),
              'related': ('scope', 'functions', 'decorators')},
 'dataclasses': {'aliases': ('dataclass', 'dataclasses', '@dataclass', 'data class', 'record class'),
                 'beginner': 'A dataclass is a class that Python writes the boring parts of for you. You list the '
                             'fields with their types, put `@dataclass` above the class, and you get `__init__` (so '
                             'you can write `Point(1, 2)`), a readable print-out and `==` that compares the fields. '
                             'It is like a form with labelled boxes: you say which boxes exist, Python makes the '
                             'form.',
                 'intermediate': '`@dataclass` (module `dataclasses`) generates `__init__`, `__repr__` and `__eq__` '
                                 'from the annotated class attributes. Defaults go after the fields without '
                                 'defaults; mutable defaults need `field(default_factory=list)`. Options: '
                                 '`frozen=True` (immutable, hashable), `order=True` (comparison operators), '
                                 '`slots=True`. `__post_init__` validates or computes derived fields. '
                                 '`dataclasses.asdict()` turns an instance into a dict.',
                 'advanced': 'The decorator reads `__annotations__` at class-creation time and generates source for '
                             'the methods, so there is no runtime cost per attribute access. `ClassVar` annotations '
                             'are skipped, `InitVar` ones are passed to `__post_init__` only. With `eq=True` and not '
                             'frozen, `__hash__` is set to None (unhashable), because equal mutable objects must not '
                             'change hash. Compared with namedtuple: mutable by default, not iterable, supports '
                             'methods and inheritance.',
                 'steps': ('`from dataclasses import dataclass, field`.',
                           'Write `@dataclass` above a class.',
                           'List the fields as `name: type` (add `= default` where wanted).',
                           'Create instances with positional or keyword arguments; print and compare them.',
                           'Use `field(default_factory=list)` for list/dict defaults.'),
                 'diagram': '  @dataclass\n'
                            '  class Point:        generated for you:\n'
                            '      x: int    ---->  __init__(self, x, y)\n'
                            '      y: int    ---->  __repr__  -> Point(x=1, y=2)\n'
                            '                ---->  __eq__    -> compares (x, y)',
                 'examples': ({'title': 'Fields, repr and equality for free',
                               'code': 'from dataclasses import dataclass\n'
                                       '\n'
                                       '@dataclass\n'
                                       'class Point:\n'
                                       '    x: int\n'
                                       '    y: int = 0\n'
                                       '\n'
                                       'p = Point(1, 2)\n'
                                       'print(p)\n'
                                       'print(p == Point(1, 2), Point(5))',
                               'output': 'Point(x=1, y=2)\nTrue Point(x=5, y=0)\n'},
                              {'title': 'A list field needs default_factory',
                               'code': 'from dataclasses import dataclass, field\n'
                                       '\n'
                                       '@dataclass\n'
                                       'class Basket:\n'
                                       '    owner: str\n'
                                       '    items: list = field(default_factory=list)\n'
                                       '\n'
                                       "a = Basket('ann')\n"
                                       "b = Basket('bob')\n"
                                       "a.items.append('apple')\n"
                                       'print(a.items, b.items)',
                               'output': "['apple'] []\n"},
                              {'title': 'Frozen and ordered',
                               'code': 'from dataclasses import dataclass, asdict\n'
                                       '\n'
                                       '@dataclass(frozen=True, order=True)\n'
                                       'class Version:\n'
                                       '    major: int\n'
                                       '    minor: int\n'
                                       '\n'
                                       'print(sorted([Version(1, 10), Version(1, 2)]))\n'
                                       'print(asdict(Version(2, 0)))\n'
                                       'try:\n'
                                       '    Version(1, 0).major = 3\n'
                                       'except Exception as exc:\n'
                                       '    print(type(exc).__name__)',
                               'output': '[Version(major=1, minor=2), Version(major=1, minor=10)]\n'
                                         "{'major': 2, 'minor': 0}\n"
                                         'FrozenInstanceError\n'}),
                 'mistakes': ('Forgetting the type annotation: `x = 0` without `: int` is not a field.',
                              'Using `items: list = []` (ValueError: mutable default); use '
                              '`field(default_factory=list)`.',
                              'Putting a field without a default after one with a default (TypeError).'),
                 'related': ('classes', 'type-hints', 'tuples')},
 'copying': {'aliases': ('copy', 'copies', 'shallow copy', 'deep copy', 'deepcopy', 'clone'),
             'beginner': '`b = a` does not copy anything: it puts a second name on the same list, like giving your '
                         'friend the address of your house instead of building them a new one. A shallow copy '
                         '(`a.copy()`, `list(a)`, `a[:]`) builds a new outer list but the items inside are shared. A '
                         'deep copy (`copy.deepcopy(a)`) copies everything, all the way down, so nested lists are '
                         'separate too.',
             'intermediate': 'Assignment binds names; it never copies. `copy.copy(x)` (or `x.copy()`, `list(x)`, '
                             '`dict(x)`, slicing) makes a new container holding the same element objects; that is '
                             'enough for lists of numbers or strings. For nested mutable data (lists of lists, dicts '
                             'of lists) use `copy.deepcopy(x)`, which recursively copies and keeps shared references '
                             'and cycles consistent through a memo dict. Immutable objects are never copied.',
             'advanced': '`copy.copy` uses `__copy__`, or the pickle protocol (`__reduce_ex__`) to rebuild the '
                         'object with the same state dict. `deepcopy` passes a memo dictionary (id -> copy) so '
                         'objects shared twice are copied once and cycles terminate; classes customise it with '
                         '`__deepcopy__(self, memo)`. Deep copies of large structures are slow; often a '
                         'comprehension that rebuilds only the mutable levels (`[row[:] for row in grid]`) is '
                         'clearer and faster.',
             'steps': ('Ask: do I need a second, independent object, or just another name?',
                       'For a flat list/dict: `new = old.copy()`.',
                       'For nested lists/dicts: `import copy` then `new = copy.deepcopy(old)`.',
                       'Check with `is`: `new is old` must be False.'),
             'diagram': '  b = a            a ──► [ [1, 2], [3] ] ◄── b       (one list)\n'
                        '  b = a.copy()     a ──► [ * , * ]   b ──► [ * , * ]  (new outer, shared inner lists)\n'
                        '  b = deepcopy(a)  a ──► [[1, 2], [3]]  b ──► [[1, 2], [3]]  (everything new)',
             'examples': ({'title': 'Assignment is not a copy',
                           'code': 'a = [1, 2, 3]\n'
                                   'b = a\n'
                                   'b.append(4)\n'
                                   'c = a.copy()\n'
                                   'c.append(5)\n'
                                   'print(a, b is a, c is a)',
                           'output': '[1, 2, 3, 4] True False\n'},
                          {'title': 'Shallow vs deep copy of a nested list',
                           'code': 'import copy\n'
                                   '\n'
                                   'grid = [[1, 2], [3, 4]]\n'
                                   'shallow = copy.copy(grid)\n'
                                   'deep = copy.deepcopy(grid)\n'
                                   'grid[0].append(99)\n'
                                   'print(shallow)\n'
                                   'print(deep)',
                           'output': '[[1, 2, 99], [3, 4]]\n[[1, 2], [3, 4]]\n'},
                          {'title': 'The [[0] * 3] * 3 trap',
                           'code': 'bad = [[0] * 3] * 3\n'
                                   'bad[0][0] = 1\n'
                                   'good = [[0] * 3 for _ in range(3)]\n'
                                   'good[0][0] = 1\n'
                                   'print(bad)\n'
                                   'print(good)',
                           'output': '[[1, 0, 0], [1, 0, 0], [1, 0, 0]]\n[[1, 0, 0], [0, 0, 0], [0, 0, 0]]\n'}),
             'mistakes': ('Expecting `b = a` to copy a list or dict.',
                          'Using a shallow copy for nested lists and being surprised that inner changes show in '
                          'both.',
                          'Building a 2D list with `[[0] * n] * m` (every row is the same list).'),
             'related': ('lists', 'variables', 'data-types')},
 'virtual-environments': {'aliases': ('virtual environment',
                                      'virtual environments',
                                      'venv',
                                      'virtualenv',
                                      'pip install'),
                          'beginner': 'A virtual environment is a private box of Python packages for one project. '
                                      "Without it every project shares one pile of packages and one project's "
                                      'upgrade can break another. You make the box once with `python -m venv .venv`, '
                                      'switch it on (activate), and then `pip install` puts packages only in that '
                                      'box.',
                          'intermediate': '`python -m venv .venv` creates a directory with its own `python` and '
                                          '`pip` and an empty site-packages. Activate it (`source '
                                          '.venv/bin/activate` on Linux/macOS, `.venv\\\\Scripts\\\\activate` on '
                                          'Windows) or call `.venv/bin/python` directly. Record dependencies with '
                                          '`pip freeze > requirements.txt` and recreate them with `pip install -r '
                                          "requirements.txt`. Don't commit the venv folder; commit the requirements.",
                          'advanced': 'A venv is a directory with `pyvenv.cfg` pointing at the base interpreter; at '
                                      'start-up Python sees the file, sets `sys.prefix` to the venv and puts its '
                                      'site-packages on `sys.path`, while `sys.base_prefix` stays the base install. '
                                      'Activation only edits PATH (and the prompt), so it is optional. `python -m '
                                      'pip` guarantees the pip of the interpreter you mean.',
                          'steps': ('In the project folder run `python -m venv .venv`.',
                                    'Activate it: `source .venv/bin/activate` (Windows: '
                                    '`.venv\\\\Scripts\\\\activate`).',
                                    'Install packages: `python -m pip install requests`.',
                                    'Save them: `python -m pip freeze > requirements.txt`.',
                                    'Leave with `deactivate`; add `.venv/` to .gitignore.'),
                          'diagram': '  project/\n'
                                     '  ├── .venv/            <- python, pip, site-packages for THIS project\n'
                                     '  │   └── pyvenv.cfg   <- points at the base Python\n'
                                     '  ├── requirements.txt <- what to install\n'
                                     '  └── main.py',
                          'examples': ({'title': 'Create one from Python (what `python -m venv` does)',
                                        'code': 'import os, tempfile, venv\n'
                                                '\n'
                                                "target = os.path.join(tempfile.mkdtemp(), 'env')\n"
                                                'venv.create(target, with_pip=False)\n'
                                                "cfg = os.path.join(target, 'pyvenv.cfg')\n"
                                                "keys = [line.split('=')[0].strip() for line in open(cfg)]\n"
                                                "print(os.path.exists(cfg), 'home' in keys)\n"
                                                "print(os.path.isdir(os.path.join(target, 'lib')))",
                                        'output': 'True True\nTrue\n'},
                                       {'title': 'Reading a requirements.txt (pinned versions)',
                                        'code': "lines = ['requests==2.32.3', '# tools', 'pytest==8.3.2', '']\n"
                                                "pins = dict(line.split('==') for line in lines if line and not "
                                                "line.startswith('#'))\n"
                                                'print(pins)',
                                        'output': "{'requests': '2.32.3', 'pytest': '8.3.2'}\n"}),
                          'mistakes': ('Installing with a `pip` that belongs to another Python (use `python -m '
                                       'pip`).',
                                       'Committing the `.venv` folder to git instead of requirements.txt.',
                                       'Forgetting to activate the venv (or select it in the editor) and getting '
                                       'ModuleNotFoundError.'),
                          'related': ('modules', 'file-io')},
 'string-representation': {'aliases': ('__str__',
                                       '__repr__',
                                       'repr',
                                       'str vs repr',
                                       'print an object',
                                       'string representation'),
                           'beginner': 'When you `print()` an object of your own class you get something like '
                                       '`<__main__.Dog object at 0x...>`. To choose what is shown, give the class a '
                                       '`__str__` method that returns a friendly string (for users) and a `__repr__` '
                                       'method that returns a precise one (for programmers, ideally looking like the '
                                       'code that creates the object).',
                           'intermediate': '`str(x)` and `print(x)` call `__str__`; `repr(x)`, the interactive '
                                           "prompt, containers (printing a list shows each item's repr) and "
                                           'f-strings with `!r` call `__repr__`. If only `__repr__` is defined, '
                                           '`str()` falls back to it, so define `__repr__` first. Both must return a '
                                           'str. Convention: `__repr__` is unambiguous, e.g. `Point(x=1, y=2)`.',
                           'advanced': '`object.__str__` calls `type(x).__repr__(x)`; `object.__repr__` gives the '
                                       'module-qualified name and id. `format(x, spec)` uses `__format__`, which by '
                                       'default is `str(x)` for an empty spec. `reprlib.repr` abbreviates huge '
                                       'values, and `dataclasses` generate a `__repr__` from the fields. Recursive '
                                       'containers need care: `reprlib.recursive_repr` guards against loops.',
                           'steps': ("Define `__repr__(self)` returning e.g. `f'Point({self.x!r}, {self.y!r})'`.",
                                     'Optionally define `__str__(self)` for a friendly text.',
                                     '`print(obj)` shows `__str__`; a list of objects shows each `__repr__`.'),
                           'diagram': "  print(p) / str(p) / f'{p}'  ──► __str__  (falls back to __repr__)\n"
                                      "  repr(p) / [p] / f'{p!r}'    ──► __repr__",
                           'examples': ({'title': '__repr__ and __str__ side by side',
                                         'code': 'class Point:\n'
                                                 '    def __init__(self, x, y):\n'
                                                 '        self.x, self.y = x, y\n'
                                                 '    def __repr__(self):\n'
                                                 "        return f'Point({self.x}, {self.y})'\n"
                                                 '    def __str__(self):\n'
                                                 "        return f'({self.x}, {self.y})'\n"
                                                 '\n'
                                                 'p = Point(1, 2)\n'
                                                 'print(p)\n'
                                                 'print(repr(p))\n'
                                                 'print([p])',
                                         'output': '(1, 2)\nPoint(1, 2)\n[Point(1, 2)]\n'},
                                        {'title': 'repr shows quotes, str does not',
                                         'code': "word = 'hi'\n"
                                                 'print(str(word), repr(word))\n'
                                                 "print(f'{word} {word!r}')",
                                         'output': "hi 'hi'\nhi 'hi'\n"}),
                           'mistakes': ('Printing inside `__str__` instead of returning a string (TypeError: __str__ '
                                        'returned non-string).',
                                        'Defining only `__str__` and wondering why lists of objects still look like '
                                        '`<... object at ...>`.',
                                        'Misspelling the name (`__str` or `_str_`): Python silently ignores it.'),
                           'related': ('classes', 'string-formatting', 'strings')},
 'testing': {'aliases': ('testing', 'unit test', 'unit tests', 'pytest', 'unittest', 'test case'),
             'beginner': 'A test is a small piece of code that calls your function with an example and checks the '
                         "answer is what you expect. Like a teacher's answer key: whenever you change your code, you "
                         'run the tests and they tell you at once if something broke. With pytest a test is just a '
                         'function whose name starts with `test_` and uses `assert`.',
             'intermediate': 'pytest (third-party, `pip install pytest`) collects `test_*.py` files and `test_*` '
                             'functions; plain `assert` statements show the compared values on failure, '
                             '`pytest.raises(ValueError)` checks errors, `@pytest.mark.parametrize` runs one test '
                             "over many inputs and fixtures provide shared set-up. The standard library's `unittest` "
                             'uses classes deriving from `unittest.TestCase` with `self.assertEqual(...)`, run with '
                             '`python -m unittest`. Test one behaviour per test, including edge cases (empty, zero, '
                             'negative).',
             'advanced': 'pytest rewrites assert statements at import time to report sub-expression values; fixtures '
                         'are dependency-injected by parameter name with scopes (function, module, session) and '
                         'teardown after `yield`. unittest offers `setUp`/`tearDown`, `subTest` and `mock`. Good '
                         'tests are deterministic, independent of order and fast; test behaviour through public '
                         'functions rather than internals so refactoring does not break them.',
             'steps': ('Put the code in a function (e.g. in `calc.py`).',
                       'Create `test_calc.py` with `def test_add(): assert add(2, 3) == 5`.',
                       'Run `python -m pytest` (or `python -m unittest` for TestCase classes).',
                       'Read the failure report, fix the code, run again.',
                       'Add a test for every bug you fix.'),
             'diagram': '  calc.py            test_calc.py\n'
                        '  def add(a, b):     def test_add():\n'
                        '      return a + b ◄──── assert add(2, 3) == 5\n'
                        '                     $ python -m pytest  ->  1 passed',
             'examples': ({'title': 'A unittest test case, run from code',
                           'code': 'import io\n'
                                   'import unittest\n'
                                   '\n'
                                   'def add(a, b):\n'
                                   '    return a + b\n'
                                   '\n'
                                   'class AddTest(unittest.TestCase):\n'
                                   '    def test_small_numbers(self):\n'
                                   '        self.assertEqual(add(2, 3), 5)\n'
                                   '    def test_negative(self):\n'
                                   '        self.assertEqual(add(-1, 1), 0)\n'
                                   '\n'
                                   'suite = unittest.defaultTestLoader.loadTestsFromTestCase(AddTest)\n'
                                   'result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)\n'
                                   "print(result.testsRun, 'tests, failures:', len(result.failures))",
                           'output': '2 tests, failures: 0\n'},
                          {'title': 'pytest style: plain functions and assert (run here without pytest)',
                           'code': 'def average(numbers):\n'
                                   '    if not numbers:\n'
                                   "        raise ValueError('empty list')\n"
                                   '    return sum(numbers) / len(numbers)\n'
                                   '\n'
                                   'def test_average():\n'
                                   '    assert average([2, 4]) == 3\n'
                                   '\n'
                                   'def test_empty_list_raises():\n'
                                   '    try:\n'
                                   '        average([])\n'
                                   '    except ValueError as exc:\n'
                                   "        assert str(exc) == 'empty list'\n"
                                   '\n'
                                   'for test in (test_average, test_empty_list_raises):\n'
                                   '    test()\n'
                                   "    print(test.__name__, 'passed')",
                           'output': 'test_average passed\ntest_empty_list_raises passed\n'}),
             'mistakes': ('Naming test files or functions without the `test_` prefix, so they are never collected.',
                          'Comparing floats with `==` in tests; use `pytest.approx` or `assertAlmostEqual`.',
                          "Tests that depend on each other's order or on leftover files."),
             'related': ('functions', 'exceptions', 'modules')},
 'floating-point': {'aliases': ('floating point', 'float precision', '0.1 + 0.2', 'rounding error', 'decimal module'),
                    'beginner': 'Computers store decimal numbers like 0.1 in binary, and most of them cannot be '
                                'written exactly in binary - just like 1/3 cannot be written exactly in decimal '
                                '(0.3333...). So `0.1 + 0.2` gives `0.30000000000000004`. It is not a Python bug; '
                                'every language does this. Round when you show numbers, and compare floats with a '
                                'tolerance, not with `==`.',
                    'intermediate': 'A float is an IEEE 754 double: 53 bits of binary precision, about 15-17 '
                                    'significant decimal digits. Tiny representation errors appear in results (`0.1 '
                                    '+ 0.2 != 0.3`). Compare with `math.isclose(a, b)`; format for display with '
                                    "`f'{x:.2f}'` or `round(x, 2)`. For money use integers of cents or "
                                    "`decimal.Decimal('0.10')` (exact decimal arithmetic); for exact ratios "
                                    '`fractions.Fraction`. Note `round(2.5) == 2` (round half to even).',
                    'advanced': '`0.1` is stored as the nearest binary fraction, 3602879701896397 / 2**55; '
                                '`float.hex()` and `Decimal(0.1)` show the exact stored value, and `repr` prints the '
                                'shortest string that round-trips. Errors accumulate in long sums (`math.fsum` '
                                "compensates). `float('nan') != float('nan')`, and ints beyond 2**53 lose precision "
                                'when converted to float.',
                    'steps': ('Expect tiny errors in float results; they are normal.',
                              "Display with formatting: `f'{total:.2f}'`.",
                              'Compare with `math.isclose(a, b)` instead of `==`.',
                              'For money or exact decimals use `decimal.Decimal` with string inputs.'),
                    'diagram': '  decimal 0.1  ──► binary 0.0001100110011001100... (repeats forever)\n'
                               '  stored: nearest 53-bit value = 0.1000000000000000055511151231257827...\n'
                               '  0.1 + 0.2 = 0.30000000000000004 (the two tiny errors add up)',
                    'examples': ({'title': 'Why 0.1 + 0.2 is not 0.3',
                                  'code': 'import math\n'
                                          '\n'
                                          'total = 0.1 + 0.2\n'
                                          'print(total)\n'
                                          'print(total == 0.3, math.isclose(total, 0.3))\n'
                                          "print(f'{total:.2f}', round(total, 2))",
                                  'output': '0.30000000000000004\nFalse True\n0.30 0.3\n'},
                                 {'title': 'Exact decimals for money',
                                  'code': 'from decimal import Decimal\n'
                                          '\n'
                                          'print(sum([0.1] * 10))\n'
                                          "print(sum([Decimal('0.1')] * 10))\n"
                                          "print(Decimal('19.99') * 3)",
                                  'output': '0.9999999999999999\n1.0\n59.97\n'},
                                 {'title': 'What is really stored',
                                  'code': 'from decimal import Decimal\n'
                                          'from fractions import Fraction\n'
                                          '\n'
                                          'print(Decimal(0.1))\n'
                                          'print(Fraction(0.5), 0.5.as_integer_ratio())\n'
                                          'print(round(2.5), round(3.5))',
                                  'output': '0.1000000000000000055511151231257827021181583404541015625\n'
                                            '1/2 (1, 2)\n'
                                            '2 4\n'}),
                    'mistakes': ('Comparing floats with `==` after arithmetic.',
                                 'Using floats for money; use Decimal or integer cents.',
                                 "Creating `Decimal(0.1)` from a float (it keeps the error); use `Decimal('0.1')`."),
                    'related': ('numbers', 'string-formatting', 'data-types')}}
