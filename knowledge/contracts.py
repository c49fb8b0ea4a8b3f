"""The behaviour contract of the builtin methods students ask about most: what a call returns, what happens when
the value is absent, whether it changes the object in place or returns a new one, and the sibling it is confused
with. The reference entry ("list.count(x): Return the number of times x appears in the list") states the first
point only; an answer built on one of these entries opens with the whole contract and a run example (each
example's output is checked by tests/docs_index/test_contracts.py).
"""
from __future__ import annotations

# anchor (as the index spells it: set methods are documented on frozenset) -> (contract sentence, example, output)
CONTRACTS: dict[str, tuple[str, str, str]] = {
    "list.append": ("`lst.append(x)` adds x as ONE item to the end of the list, in place; it returns None, "
                    "so `lst = lst.append(x)` loses the list. To add every item of another list use `extend`.",
                    "a = [1, 2]\nresult = a.append([3, 4])\nprint(result, a)\na.extend([5, 6])\nprint(a)",
                    "None [1, 2, [3, 4]]\n[1, 2, [3, 4], 5, 6]\n"),
    "list.extend": ("`lst.extend(items)` appends each item of the iterable in place and returns None; `append` "
                    "would add the whole iterable as one item; `lst + other` builds a new list instead.",
                    "a = [1]\na.extend('hi')\nprint(a)\nprint(a + [2], a)",
                    "[1, 'h', 'i']\n[1, 'h', 'i', 2] [1, 'h', 'i']\n"),
    "list.insert": ("`lst.insert(i, x)` puts x before position i in place (`insert(0, x)` at the front) and "
                    "returns None; an index past the end puts x last. Inserting at the front is O(n): use "
                    "`collections.deque` for many.",
                    "a = [2, 3]\na.insert(0, 1)\na.insert(99, 4)\nprint(a)", "[1, 2, 3, 4]\n"),
    "list.remove": ("`lst.remove(x)` deletes the FIRST item equal to x, in place, and returns None; it raises "
                    "ValueError when x is not in the list (check `if x in lst` first). To delete by position use "
                    "`pop(i)` or `del lst[i]`.",
                    "a = [1, 2, 1]\na.remove(1)\nprint(a)\ntry:\n    a.remove(9)\nexcept ValueError as exc:\n"
                    "    print('ValueError:', exc)",
                    "[2, 1]\nValueError: list.remove(x): x not in list\n"),
    "list.pop": ("`lst.pop()` removes and RETURNS the last item (`pop(i)`: the item at position i), in place; it "
                 "raises IndexError on an empty list or a bad index. `remove(x)` deletes by value instead and "
                 "returns None.",
                 "a = [10, 20, 30]\nprint(a.pop(), a)\nprint(a.pop(0), a)", "30 [10, 20]\n10 [20]\n"),
    "list.index": ("`lst.index(x)` returns the position of the FIRST item equal to x and raises ValueError when x is "
                   "absent (strings have `find`, which returns -1 instead). Test membership with `x in lst`.",
                   "a = ['a', 'b', 'a']\nprint(a.index('a'), a.index('a', 1))\nprint('z' in a)", "0 2\nFalse\n"),
    "list.count": ("`lst.count(x)` returns how many items equal x: 0 when there is none (it never raises), and the "
                   "list is unchanged. Counting every value at once: `collections.Counter(lst)`.",
                   "a = [1, 2, 1, 1]\nprint(a.count(1), a.count(9))", "3 0\n"),
    "list.sort": ("`lst.sort()` sorts the list in place and returns None; `sorted(iterable)` returns a NEW sorted "
                  "list and leaves the original alone. Both take `key=` and `reverse=True` and are stable.",
                  "a = [3, 1, 2]\nprint(a.sort(), a)\nb = [3, 1, 2]\nprint(sorted(b), b)",
                  "None [1, 2, 3]\n[1, 2, 3] [3, 1, 2]\n"),
    "list.reverse": ("`lst.reverse()` reverses the list in place and returns None; `lst[::-1]` returns a reversed "
                     "copy and `reversed(lst)` an iterator for looping backwards.",
                     "a = [1, 2, 3]\nprint(a.reverse(), a, a[::-1])", "None [3, 2, 1] [1, 2, 3]\n"),
    "list.copy": ("`lst.copy()` returns a NEW list with the same items (a shallow copy, like `lst[:]`); `b = a` "
                  "makes no copy at all, and nested lists inside are still shared (use `copy.deepcopy`).",
                  "a = [1, [2]]\nb = a.copy()\nb.append(3)\nb[1].append(9)\nprint(a, b)",
                  "[1, [2, 9]] [1, [2, 9], 3]\n"),
    "str.find": ("`s.find(sub)` returns the index of the first occurrence of sub, or -1 when it is not there (it "
                 "never raises); `s.index(sub)` does the same but raises ValueError when absent. To only test "
                 "presence use `sub in s`.",
                 "s = 'banana'\nprint(s.find('an'), s.find('x'))\nprint('x' in s)", "1 -1\nFalse\n"),
    "str.index": ("`s.index(sub)` returns the index of the first occurrence and raises ValueError when sub is "
                  "absent; `s.find(sub)` returns -1 instead of raising.",
                  "s = 'banana'\nprint(s.index('n'))\ntry:\n    s.index('x')\nexcept ValueError as exc:\n"
                  "    print('ValueError:', exc)", "2\nValueError: substring not found\n"),
    "str.replace": ("`s.replace(old, new)` returns a NEW string with every occurrence replaced (`count` limits how "
                    "many); strings are immutable, so `s` itself is unchanged: assign the result.",
                    "s = 'a-b-c'\nt = s.replace('-', '+', 1)\nprint(s, t)", "a-b-c a+b-c\n"),
    "str.split": ("`s.split()` returns a NEW list of the words, splitting on any whitespace; `s.split(',')` splits "
                  "on each comma and keeps empty pieces. `sep.join(parts)` is the reverse.",
                  "print('a  b c'.split())\nprint('a,,b'.split(','))\nprint('-'.join(['a', 'b']))",
                  "['a', 'b', 'c']\n['a', '', 'b']\na-b\n"),
    "str.join": ("`sep.join(items)` returns one NEW string with sep between the items; every item must already be "
                 "a string (TypeError otherwise: convert with `map(str, items)`). It is called on the separator, "
                 "not on the list.",
                 "print(', '.join(['a', 'b']))\nprint('-'.join(map(str, [1, 2, 3])))", "a, b\n1-2-3\n"),
    "str.strip": ("`s.strip()` returns a NEW string without leading and trailing whitespace (`strip('xy')`: those "
                  "characters, in any order, not a prefix); `lstrip`/`rstrip` do one side. The string itself is "
                  "unchanged.",
                  "s = '  hi  '\nprint(repr(s.strip()), repr(s.rstrip()))\nprint('xxhixy'.strip('xy'))",
                  "'hi' '  hi'\nhi\n"),
    "str.upper": ("`s.upper()` returns a NEW upper-case string; `s` is unchanged (strings are immutable), so assign "
                  "the result. `lower()`, `title()` and `capitalize()` work the same way.",
                  "s = 'Hi'\nt = s.upper()\nprint(s, t, s.lower())", "Hi HI hi\n"),
    "dict.get": ("`d.get(key)` returns the value, or None when the key is missing (`d.get(key, default)` returns "
                 "the default) and never raises; `d[key]` raises KeyError for a missing key. Neither adds the key.",
                 "d = {'a': 1}\nprint(d.get('a'), d.get('b'), d.get('b', 0))\nprint(d)",
                 "1 None 0\n{'a': 1}\n"),
    "dict.pop": ("`d.pop(key)` removes the key and RETURNS its value; it raises KeyError when the key is missing "
                 "unless you give a default (`d.pop(key, None)`). `del d[key]` removes without returning.",
                 "d = {'a': 1}\nprint(d.pop('a'), d)\nprint(d.pop('b', None))", "1 {}\nNone\n"),
    "dict.setdefault": ("`d.setdefault(key, default)` returns the value when the key exists; otherwise it INSERTS "
                        "key with default and returns that. `get` never inserts; `collections.defaultdict` does this "
                        "for every missing key.",
                        "d = {}\nd.setdefault('a', []).append(1)\nd.setdefault('a', []).append(2)\nprint(d)",
                        "{'a': [1, 2]}\n"),
    "dict.update": ("`d.update(other)` adds or overwrites the keys of other in place and returns None; `d | other` "
                    "(3.9+) returns a NEW merged dict instead.",
                    "d = {'a': 1}\nprint(d.update({'a': 2, 'b': 3}), d)\nprint(d | {'c': 4})",
                    "None {'a': 2, 'b': 3}\n{'a': 2, 'b': 3, 'c': 4}\n"),
    "frozenset.add": ("`s.add(x)` adds one item in place and returns None; adding an item already there changes nothing "
                "(no error). `s.update(items)` adds several.",
                "s = {1}\nprint(s.add(2), s)\ns.add(2)\nprint(s)", "None {1, 2}\n{1, 2}\n"),
    "frozenset.remove": ("`s.remove(x)` deletes x in place and raises KeyError when x is absent; `s.discard(x)` does the "
                   "same but silently does nothing when x is missing.",
                   "s = {1, 2}\ns.discard(9)\ns.remove(1)\nprint(s)\ntry:\n    s.remove(9)\nexcept KeyError:\n"
                   "    print('KeyError')", "{2}\nKeyError\n"),
    "frozenset.discard": ("`s.discard(x)` deletes x if present and does nothing otherwise (no error); `s.remove(x)` raises "
                    "KeyError for a missing x.",
                    "s = {1, 2}\ns.discard(1)\ns.discard(9)\nprint(s)", "{2}\n"),
}


def contract(anchor: str) -> tuple[str, str, str] | None:
    """(contract sentence, example code, output) for an entry's anchor ("list.count"), or None."""
    return CONTRACTS.get(anchor)
