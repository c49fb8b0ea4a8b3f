"""Knowledge entries: objects and lazy iteration (classes, inheritance, iterators, generators, decorators,
context-managers). Same entry shape as knowledge/core.py."""

ENTRIES = {
    "classes": {
        "aliases": ("class", "object", "oop", "instance", "self", "__init__", "method", "attribute"),
        "beginner": ("A class is a blueprint, like a cookie cutter; each object is a cookie made with it. "
                     "`class Dog:` describes what every dog has (a name) and can do (bark). `__init__` is the "
                     "setup step that runs when you make a new object, `rex = Dog('Rex')`. Inside methods, `self` "
                     "means 'this particular object', so `self.name` is this dog's own name. Each object keeps its "
                     "own data, and you call behaviour with a dot: `rex.bark()`."),
        "intermediate": ("Methods receive the instance as the first parameter (`self`); forgetting it gives "
                         "'takes 0 positional arguments but 1 was given'. Instance attributes are set on `self` "
                         "(usually in `__init__`); class attributes are shared by all instances - a mutable class "
                         "attribute is shared state. `__str__`/`__repr__` control printing, `__eq__` equality. "
                         "`@property` exposes computed attributes, `@classmethod` alternative constructors, "
                         "`@staticmethod` helpers. Accessing a missing attribute raises AttributeError. "
                         "`dataclasses.dataclass` generates `__init__`, `__repr__` and `__eq__` for data holders."),
        "advanced": ("Attribute lookup goes instance `__dict__` -> class -> base classes (MRO), with data "
                     "descriptors (properties) taking priority. Methods are functions turned into bound methods by "
                     "the descriptor protocol. `__slots__` removes the per-instance dict to save memory. Classes "
                     "are instances of `type` (metaclass). Special methods implement protocols: `__len__`, "
                     "`__iter__`, `__getitem__`, `__enter__`, `__hash__` (set to None when you define `__eq__`)."),
        "steps": ("Write `class Name:` (CapWords naming).",
                  "Add `def __init__(self, ...):` and store data on `self` (`self.name = name`).",
                  "Add methods that take `self` and use/modify the object's attributes.",
                  "Create objects: `obj = Name(...)`, then call `obj.method()`."),
        "diagram": ("  class Dog  (blueprint)\n  ├── __init__(self, name)\n  └── bark(self)\n        │ Dog('Rex')   Dog('Fido')\n"
                    "        ▼              ▼\n  rex: name='Rex'   fido: name='Fido'   (each object has its own data)"),
        "examples": (
            {"title": "A class with __init__, a method and __repr__",
             "code": "class Dog:\n    def __init__(self, name):\n        self.name = name\n        self.tricks = []\n\n"
                     "    def learn(self, trick):\n        self.tricks.append(trick)\n\n    def __repr__(self):\n"
                     "        return f'Dog({self.name!r}, tricks={self.tricks})'\n\nrex = Dog('Rex')\nfido = Dog('Fido')\n"
                     "rex.learn('sit')\nprint(rex)\nprint(fido)",
             "output": "Dog('Rex', tricks=['sit'])\nDog('Fido', tricks=[])\n"},
            {"title": "property and classmethod",
             "code": "class Temperature:\n    def __init__(self, celsius):\n        self.celsius = celsius\n\n    @property\n"
                     "    def fahrenheit(self):\n        return self.celsius * 9 / 5 + 32\n\n    @classmethod\n"
                     "    def from_fahrenheit(cls, f):\n        return cls((f - 32) * 5 / 9)\n\nt = Temperature(100)\n"
                     "print(t.fahrenheit)\nprint(Temperature.from_fahrenheit(32).celsius)",
             "output": "212.0\n0.0\n"},
            {"title": "A dataclass",
             "code": "from dataclasses import dataclass\n\n@dataclass\nclass Point:\n    x: int\n    y: int = 0\n\n"
                     "p = Point(3)\nprint(p, p == Point(3, 0))",
             "output": "Point(x=3, y=0) True\n"},
        ),
        "mistakes": ("Forgetting `self` as the first method parameter.",
                     "Writing `name = name` instead of `self.name = name` in `__init__`.",
                     "Calling a method on the class instead of an instance (`Dog.bark()`).",
                     "Using a mutable class attribute as per-object storage."),
        "related": ("inheritance", "functions", "decorators"),
    },
    "inheritance": {
        "aliases": ("inherit", "subclass", "super", "override", "polymorphism", "base class"),
        "beginner": ("Inheritance lets a new class reuse an existing one, like a family resemblance: a `Cat` is an "
                     "`Animal`, so it gets everything an Animal has and can do, plus its own extras. Write "
                     "`class Cat(Animal):`. If Cat defines a method with the same name as Animal, Cat's version "
                     "wins (overriding). `super().__init__(...)` lets the child run the parent's setup too."),
        "intermediate": ("Method lookup searches the class, then its bases in MRO order. When overriding "
                         "`__init__`, call `super().__init__(...)` or the parent's attributes never get set "
                         "(AttributeError later). Polymorphism: code calling `animal.speak()` works for any "
                         "subclass. Use `isinstance(obj, Base)` rather than exact type checks. Abstract base "
                         "classes (`abc.ABC`, `@abstractmethod`) force subclasses to implement methods; the "
                         "classic way to mark 'must override' is `raise NotImplementedError`. Prefer composition "
                         "when the relationship is 'has a' rather than 'is a'."),
        "advanced": ("Python supports multiple inheritance with C3 linearisation (`Cls.__mro__`); `super()` "
                     "follows the MRO of the instance's class, enabling cooperative mixins when every class "
                     "calls `super()` and accepts `**kwargs`. `__init_subclass__` hooks subclass creation. "
                     "`typing.Protocol` gives structural (duck) typing without inheritance. Deep hierarchies are "
                     "brittle; keep them shallow."),
        "steps": ("Write the base class with the shared behaviour.",
                  "Declare the child: `class Child(Base):`.",
                  "Override methods that should behave differently.",
                  "In an overriding `__init__`, call `super().__init__(...)` first."),
        "diagram": ("        Animal\n        ├─ __init__(name)\n        └─ speak() -> '...'\n         ▲          ▲\n"
                    "        Cat         Dog\n   speak()->'Meow'  speak()->'Woof'"),
        "examples": (
            {"title": "Overriding and super()",
             "code": "class Animal:\n    def __init__(self, name):\n        self.name = name\n\n    def speak(self):\n"
                     "        return '...'\n\n    def intro(self):\n        return f'{self.name} says {self.speak()}'\n\n"
                     "class Cat(Animal):\n    def speak(self):\n        return 'Meow'\n\nclass Dog(Animal):\n"
                     "    def __init__(self, name, breed):\n        super().__init__(name)\n        self.breed = breed\n\n"
                     "    def speak(self):\n        return 'Woof'\n\nfor pet in [Cat('Tom'), Dog('Rex', 'lab'), Animal('Blob')]:\n"
                     "    print(pet.intro())\nprint(isinstance(Cat('x'), Animal))",
             "output": "Tom says Meow\nRex says Woof\nBlob says ...\nTrue\n"},
            {"title": "Abstract base classes",
             "code": "from abc import ABC, abstractmethod\n\nclass Shape(ABC):\n    @abstractmethod\n    def area(self):\n"
                     "        ...\n\nclass Square(Shape):\n    def __init__(self, side):\n        self.side = side\n\n"
                     "    def area(self):\n        return self.side ** 2\n\nprint(Square(3).area())\ntry:\n    Shape()\n"
                     "except TypeError:\n    print('cannot instantiate an abstract class')",
             "output": "9\ncannot instantiate an abstract class\n"},
        ),
        "mistakes": ("Overriding `__init__` without calling `super().__init__()`.",
                     "Using inheritance for 'has a' relationships (use an attribute instead).",
                     "Misspelling the overriding method so the parent's version runs.",
                     "Checking `type(x) == Base` which fails for subclasses."),
        "related": ("classes", "decorators", "exceptions"),
    },
    "iterators": {
        "aliases": ("iterator", "iterable", "next", "iter", "stopiteration", "itertools"),
        "beginner": ("Anything you can loop over with `for` is an iterable: lists, strings, dicts, files, ranges. "
                     "Behind the scenes `for` asks for an iterator, which is like a bookmark moving through the "
                     "items: each `next()` gives the next item, and when there is nothing left it raises "
                     "StopIteration, which `for` quietly uses as the signal to stop. An iterator only moves "
                     "forward and is used up after one pass."),
        "intermediate": ("`iter(x)` returns an iterator (an object with `__next__` and `__iter__` returning itself). "
                         "Lists are iterables but not iterators; `zip`, `map`, `filter`, `enumerate`, file objects "
                         "and generators ARE iterators, so they are exhausted after one pass - convert with "
                         "`list()` if you need them twice. `next(it, default)` avoids StopIteration. `itertools` "
                         "provides lazy building blocks (`count`, `cycle`, `islice`, `chain`, `groupby`)."),
        "advanced": ("The iteration protocol: `for` calls `iter()` once, then `next()` repeatedly; `__getitem__` "
                     "with 0-based indices is a legacy fallback. Raising StopIteration inside a generator is "
                     "converted to RuntimeError (PEP 479). Iterators enable constant-memory pipelines over huge "
                     "data. `itertools.tee` splits an iterator (with buffering cost)."),
        "steps": ("Call `it = iter(collection)` to get an iterator.",
                  "Call `next(it)` to get items one by one.",
                  "Expect StopIteration at the end (or pass a default: `next(it, None)`).",
                  "Remember: an iterator is used up after one pass."),
        "diagram": ("  [10, 20, 30]  --iter()-->  iterator (bookmark)\n  next() -> 10\n  next() -> 20\n"
                    "  next() -> 30\n  next() -> StopIteration  (for-loop stops here)"),
        "examples": (
            {"title": "iter and next by hand",
             "code": "it = iter([10, 20, 30])\nprint(next(it), next(it), next(it))\nprint(next(it, 'done'))",
             "output": "10 20 30\ndone\n"},
            {"title": "A custom iterator class",
             "code": "class Countdown:\n    def __init__(self, start):\n        self.current = start\n\n    def __iter__(self):\n"
                     "        return self\n\n    def __next__(self):\n        if self.current <= 0:\n            raise StopIteration\n"
                     "        self.current -= 1\n        return self.current + 1\n\nprint(list(Countdown(3)))",
             "output": "[3, 2, 1]\n"},
            {"title": "Iterators are exhausted after one pass",
             "code": "pairs = zip([1, 2], 'ab')\nprint(list(pairs))\nprint(list(pairs))\nfrom itertools import islice, count\n"
                     "print(list(islice(count(5), 3)))",
             "output": "[(1, 'a'), (2, 'b')]\n[]\n[5, 6, 7]\n"},
        ),
        "mistakes": ("Looping twice over a `zip`/`map` result and getting nothing the second time.",
                     "Calling `next()` past the end without a default (StopIteration).",
                     "Confusing iterables (list) with iterators (list_iterator)."),
        "related": ("generators", "loops", "higher-order-functions"),
    },
    "generators": {
        "aliases": ("generator", "yield", "lazy"),
        "beginner": ("A generator is a function that hands out values one at a time instead of all at once, like a "
                     "ticket machine that prints the next ticket only when someone asks. Instead of `return`, it "
                     "uses `yield`: each `yield` gives one value and pauses the function right there; the next "
                     "request resumes it. Because it makes values only when needed, a generator can produce "
                     "millions of items (or an endless stream) without filling memory."),
        "intermediate": ("Calling a generator function runs none of its body; it returns a generator object. "
                         "Iterating (for, list(), next()) runs until the next `yield`. When the function returns, "
                         "iteration ends (StopIteration). Generators are single-pass. Generator expressions "
                         "`(x * x for x in data)` are the inline form. `yield from other` delegates to another "
                         "iterable. Use generators for pipelines: read lines -> filter -> transform, all lazily."),
        "advanced": ("Generators keep their frame alive between resumptions; `send()` passes values in, `throw()` "
                     "raises inside, `close()` raises GeneratorExit at the paused yield (run cleanup in "
                     "`finally`). `return value` in a generator becomes `StopIteration.value` and the result of "
                     "`yield from`. `contextlib.contextmanager` builds context managers from generators, and "
                     "coroutines historically grew out of them."),
        "steps": ("Write a function that `yield`s each value instead of appending to a list.",
                  "Call it to get a generator object (nothing runs yet).",
                  "Loop over it (or call `next()`); each step runs to the next `yield`.",
                  "It finishes when the function body ends."),
        "diagram": ("  def gen():          caller\n      yield 1   ──────► next() -> 1   (paused here)\n"
                    "      yield 2   ──────► next() -> 2   (paused here)\n      (end)     ──────► StopIteration"),
        "examples": (
            {"title": "A simple generator",
             "code": "def countdown(n):\n    while n > 0:\n        yield n\n        n -= 1\n\ngen = countdown(3)\nprint(next(gen))\n"
                     "print(list(gen))",
             "output": "3\n[2, 1]\n"},
            {"title": "An infinite generator, taken lazily",
             "code": "def evens():\n    n = 0\n    while True:\n        yield n\n        n += 2\n\nfor value in evens():\n"
                     "    if value > 6:\n        break\n    print(value, end=' ')\nprint()",
             "output": "0 2 4 6 \n"},
            {"title": "A lazy pipeline with yield from",
             "code": "def read_lines():\n    yield from ['# comment', 'alpha', '', 'beta']\n\ndef meaningful(lines):\n"
                     "    for line in lines:\n        if line and not line.startswith('#'):\n            yield line.upper()\n\n"
                     "print(list(meaningful(read_lines())))\nprint(sum(x * x for x in range(4)))",
             "output": "['ALPHA', 'BETA']\n14\n"},
        ),
        "mistakes": ("Expecting a generator to be reusable after it is consumed.",
                     "Calling the generator function and expecting its body to have run.",
                     "Using `return items` where `yield` was intended, or mixing both confusingly.",
                     "Printing a generator object instead of iterating it."),
        "related": ("iterators", "comprehensions", "loops", "async"),
    },
    "decorators": {
        "aliases": ("decorator", "@", "wraps", "wrapper"),
        "beginner": ("A decorator wraps extra behaviour around a function without changing the function's code, "
                     "like gift-wrapping a present: the present is the same, but now it comes with a bow. "
                     "Writing `@timer` above `def work():` is the same as `work = timer(work)`. Common uses: "
                     "logging, timing, checking permissions, caching (`@functools.lru_cache`). Built-in ones you "
                     "see in classes are `@property`, `@staticmethod` and `@classmethod`."),
        "intermediate": ("A decorator is a callable that receives the function and returns a replacement, "
                         "usually an inner `wrapper(*args, **kwargs)` that does something before/after calling "
                         "the original and RETURNS its result (forgetting that makes every call return None). Use "
                         "`@functools.wraps(func)` so the wrapper keeps the original name and docstring. "
                         "Decorators with arguments need one more level: `def repeat(n): def deco(func): ...`. "
                         "Stacked decorators apply bottom-up."),
        "advanced": ("Decoration happens once, at definition time; the wrapper runs on every call. Decorators can "
                     "also be classes (with `__call__`) and can decorate classes. Closures keep per-function state "
                     "(counters, caches). `functools.wraps` copies `__name__`, `__doc__`, `__module__`, "
                     "`__qualname__` and sets `__wrapped__` for introspection. `functools.cache`, "
                     "`singledispatch` and `contextlib.contextmanager` are standard decorators."),
        "steps": ("Write `def deco(func):`.",
                  "Inside, define `def wrapper(*args, **kwargs):` that does extra work and calls `func(*args, **kwargs)`.",
                  "Return the result of `func` from `wrapper`, and return `wrapper` from `deco`.",
                  "Apply it with `@deco` above the function (and add `@functools.wraps(func)` to wrapper)."),
        "diagram": ("  @log                      greet = log(greet)\n  def greet(name): ...\n\n  call greet('Ann') ─► wrapper: print('calling greet')\n"
                    "                          └─► original greet('Ann') ─► result back to caller"),
        "examples": (
            {"title": "A logging decorator with functools.wraps",
             "code": "import functools\n\ndef log(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
                     "        print('calling', func.__name__, args)\n        result = func(*args, **kwargs)\n"
                     "        print('returned', result)\n        return result\n    return wrapper\n\n@log\ndef add(a, b):\n"
                     "    return a + b\n\ntotal = add(2, 3)\nprint(total, add.__name__)",
             "output": "calling add (2, 3)\nreturned 5\n5 add\n"},
            {"title": "A decorator with an argument",
             "code": "def repeat(times):\n    def decorate(func):\n        def wrapper(*args):\n            return [func(*args) for _ in range(times)]\n"
                     "        return wrapper\n    return decorate\n\n@repeat(3)\ndef hello(name):\n    return f'hi {name}'\n\nprint(hello('Bo'))",
             "output": "['hi Bo', 'hi Bo', 'hi Bo']\n"},
            {"title": "Counting calls with state in a closure",
             "code": "def counted(func):\n    def wrapper(*args):\n        wrapper.calls += 1\n        return func(*args)\n"
                     "    wrapper.calls = 0\n    return wrapper\n\n@counted\ndef square(x):\n    return x * x\n\n"
                     "square(2)\nsquare(3)\nprint(square.calls)",
             "output": "2\n"},
        ),
        "mistakes": ("Forgetting to return the wrapped function's result inside the wrapper.",
                     "Returning `wrapper()` (calling it) instead of `wrapper` from the decorator.",
                     "Omitting `functools.wraps`, losing the function's name and docstring.",
                     "Confusing `@deco` with `@deco()` for decorators that take arguments."),
        "related": ("functions", "higher-order-functions", "scope", "classes"),
    },
    "context-managers": {
        "aliases": ("with", "context manager", "__enter__", "__exit__", "contextlib"),
        "beginner": ("A `with` block is like borrowing a library book with automatic return: `with open('notes.txt') "
                     "as f:` opens the file, you use it inside the indented block, and when the block ends Python "
                     "closes it for you - even if an error happens in the middle. That is why `with open(...)` is "
                     "the recommended way to work with files."),
        "intermediate": ("Any object with `__enter__` and `__exit__` works with `with`. `__enter__`'s return value "
                         "is bound by `as`. `__exit__(exc_type, exc, tb)` runs on the way out; returning True "
                         "suppresses the exception (rarely what you want). `contextlib.contextmanager` turns a "
                         "generator with one `yield` into a context manager (cleanup in `finally`). Several "
                         "managers: `with open(a) as f, open(b) as g:`. Useful stdlib ones: "
                         "`contextlib.suppress`, `redirect_stdout`, `tempfile.TemporaryDirectory`, locks."),
        "advanced": ("`with` is equivalent to a try/finally around the block with the enter/exit protocol; "
                     "`contextlib.ExitStack` manages a dynamic number of contexts. Async code uses `async with` "
                     "(`__aenter__`/`__aexit__`). Context managers are the idiomatic RAII-style resource management "
                     "in Python because CPython's reference counting closes files promptly but other "
                     "implementations do not."),
        "steps": ("Write `with <manager> as name:`.",
                  "Use `name` inside the indented block.",
                  "Leave the block: cleanup runs automatically (also on exceptions).",
                  "To write your own, use `@contextlib.contextmanager` with try/yield/finally."),
        "diagram": ("  with manager as x:   ──► __enter__()  (setup, returns x)\n      block             ──► your code\n"
                    "  (block ends/error)    ──► __exit__()   (cleanup, always)"),
        "examples": (
            {"title": "Files close automatically",
             "code": "import os, tempfile\n\nwith tempfile.TemporaryDirectory() as folder:\n    path = os.path.join(folder, 'notes.txt')\n"
                     "    with open(path, 'w') as f:\n        f.write('hello')\n    print(f.closed)\n    with open(path) as f:\n"
                     "        print(f.read())",
             "output": "True\nhello\n"},
            {"title": "Your own context manager",
             "code": "from contextlib import contextmanager\n\n@contextmanager\ndef tag(name):\n    print(f'<{name}>')\n"
                     "    try:\n        yield name\n    finally:\n        print(f'</{name}>')\n\nwith tag('b') as t:\n    print('bold', t)",
             "output": "<b>\nbold b\n</b>\n"},
            {"title": "Cleanup runs even on errors",
             "code": "class Resource:\n    def __enter__(self):\n        print('open')\n        return self\n\n"
                     "    def __exit__(self, exc_type, exc, tb):\n        print('close', exc_type.__name__ if exc_type else None)\n"
                     "        return False\n\ntry:\n    with Resource():\n        raise ValueError('boom')\nexcept ValueError:\n"
                     "    print('handled')",
             "output": "open\nclose ValueError\nhandled\n"},
        ),
        "mistakes": ("Opening files without `with` and forgetting to close them.",
                     "Using the file object after the `with` block ended (ValueError: I/O operation on closed file).",
                     "Returning True from `__exit__` and silently swallowing errors.",
                     "Forgetting `try/finally` around `yield` in a @contextmanager."),
        "related": ("file-io", "exceptions", "generators"),
    },
}
