"""TypeError diagnosis: the most varied runtime error students hit, split out by message shape.

Covers str + int concatenation, unconverted input(), immutable str/tuple item assignment, None from functions
without return, calling/indexing/iterating the wrong type, argument-count mismatches (including a missing
`self`), unhashable keys and mixed-type comparisons.
"""
from __future__ import annotations

import ast
import re

from agents.debug import expl_callables, expl_convert, expl_immutable, fix_shapes
from pitfalls.ast_tools import (why_none, BUILTIN_NAMES, Finding, assignments_to, functions, last_value, nodes_on_line,
                                    replace_node, returns_value, segment, statement_at)


def _is_str(node) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)) \
        or (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "input"))


def _from_input(tree, name: str, line: int) -> ast.Call | None:
    value = last_value(tree, name, line)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "input":
        return value
    return None


def _concat(code, tree, line, msg) -> Finding | None:
    adds = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add)]
    for node in reversed(adds):
        left_str, right_str = _is_str(node.left), _is_str(node.right)
        if left_str == right_str:
            continue
        other = node.right if left_str else node.left
        text = segment(code, other)
        other_type = re.search(r'\(not "(\w+)"\)', msg)
        kind = other_type.group(1) if other_type else "number"
        article = "an" if kind[0] in "aeiou" else "a"
        return Finding(f"Line {line} joins text with `+`, but `{text}` is {article} {kind}, not a string. Python does not "
                       "convert numbers to text automatically.",
                       f"Convert it: `str({text})`, or use an f-string such as f\"...{{{text}}}\".",
                       fixed_code=replace_node(code, other, f"str({text})"), confidence=0.92)
    return None


def _unconverted_input(code, tree, line, msg) -> Finding | None:
    for node in nodes_on_line(tree, line):
        if isinstance(node, (ast.BinOp, ast.Compare)):
            for operand in ([node.left, node.right] if isinstance(node, ast.BinOp) else [node.left, *node.comparators]):
                if isinstance(operand, ast.Name):
                    call = _from_input(tree, operand.id, line)
                    if call is not None:
                        kind = fix_shapes.number_kind(code, tree, operand.id, call)
                        return Finding(f"`{operand.id}` comes from `input()`, which always returns a string, so "
                                       f"line {line} mixes a string with a number.",
                                       f"Convert when reading: `{operand.id} = {kind}({segment(code, call)})`"
                                       + (" (the input has decimals, so float)." if kind == "float" else
                                          " (or float(...) for decimals)."),
                                       fixed_code=replace_node(code, call, f"{kind}({segment(code, call)})"),
                                       confidence=0.9)
    return None


def _none_value(code, tree, line, what) -> Finding:
    for node in nodes_on_line(tree, line):
        if isinstance(node, (ast.Subscript, ast.For, ast.comprehension)):
            target = node.value if isinstance(node, ast.Subscript) else node.iter
            if isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute) \
                    and target.func.attr in ("sort", "reverse") and not target.args \
                    and segment(code, target.func.value) not in BUILTIN_NAMES:   # `nums.sort()[0]` is None
                receiver = segment(code, target.func.value)
                new = f"sorted({receiver})" if target.func.attr == "sort" else f"{receiver}[::-1]"
                return Finding(f"`{segment(code, target)}` changes `{receiver}` in place and returns None, so line "
                               f"{line} cannot {what} its result.",
                               f"Use `{new}`, which returns a new list.", fixed_code=replace_node(code, target, new),
                               confidence=0.9)
            if isinstance(target, ast.Name):
                value = last_value(tree, target.id, line)
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                        and value.func.attr in ("sort", "append", "reverse", "extend", "insert"):
                    stmt = statement_at(tree, value.lineno)
                    receiver = segment(code, value.func.value)
                    fixed = replace_node(code, value, f"sorted({receiver})") if value.func.attr == "sort" \
                        else replace_node(code, stmt, segment(code, value)) if receiver == target.id else None
                    return Finding(f"`{target.id}` is None: on line {value.lineno} it was assigned the result of "
                                   f"`.{value.func.attr}()`, which changes the list in place and returns None.",
                                   f"Call `{receiver}.{value.func.attr}(...)` on its own line and keep using "
                                   f"`{receiver}`" + (", or use `sorted(...)` which returns a new list."
                                                      if value.func.attr == "sort" else "."),
                                   fixed_code=fixed, confidence=0.92)
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                    func = functions(tree).get(value.func.id)
                    if func is not None and not returns_value(func):
                        added = fix_shapes.missing_return(func, code)
                        if added is not None:
                            return Finding(f"`{target.id}` is None because `{func.name}()` (line {func.lineno}) "
                                           f"never returns a value - a function without `return` gives back None - "
                                           f"so line {line} cannot {what} it.",
                                           f"Return what `{func.name}` computes: add `{added[0]}` as its last line "
                                           "(printing is not returning).", fixed_code=added[1], confidence=0.9)
                        return Finding(f"`{target.id}` is None because `{func.name}()` (line {func.lineno}) never "
                                       f"returns a value - a function without `return` gives back None - so line "
                                       f"{line} cannot {what} it.",
                                       f"Add `return <result>` at the end of `{func.name}` (printing is not "
                                       "returning).", confidence=0.9)
                if isinstance(value, ast.Constant) and value.value is None:
                    return Finding(f"`{target.id}` was set to None on line {value.lineno} and never replaced, so "
                                   f"line {line} cannot {what} it.", f"Give `{target.id}` a real value first.",
                                   confidence=0.85)
    return Finding(f"A value on line {line} is None, so it cannot be {what}ed. Usually a function returned nothing "
                   "(no `return`) or an in-place method like `.sort()` was assigned.",
                   "Find where the value comes from and make sure it is not None (add a `return`).", confidence=0.7)


def _arg_count(code, tree, line, msg) -> Finding | None:
    match = re.search(r"(\w+)\(\) (missing \d+ required (?:positional|keyword-only) arguments?: .*|takes (\d+) "
                      r"positional arguments? but (\d+) (?:was|were) given|got an unexpected keyword argument '\w+')",
                      msg)
    if not match:
        return None
    name = match.group(1)
    func = functions(tree).get(name) if tree is not None else None
    signature = f"`def {name}({', '.join(a.arg for a in func.args.args)})` (line {func.lineno})" if func else \
        f"`{name}`"
    in_class = func is not None and any(isinstance(n, ast.ClassDef) and func in n.body for n in ast.walk(tree))
    if match.group(3) and func is not None and in_class and (not func.args.args or func.args.args[0].arg != "self") \
            and not func.decorator_list:
        args = func.args
        first = args.args[0] if args.args else None
        fixed = None
        header = code.split("\n")[func.lineno - 1]
        if first is not None:
            fixed = replace_node(code, first, f"self, {segment(code, first)}")
        elif re.search(rf"def\s+{name}\s*\(\s*\)", header):
            rows = code.split("\n")
            rows[func.lineno - 1] = re.sub(rf"(def\s+{name}\s*\()\s*\)", r"\1self)", header, count=1)
            fixed = "\n".join(rows)
        return Finding(f"`{name}` is a method, so Python passes the object itself as the first argument - but "
                       f"{signature} has no `self` parameter to receive it.",
                       f"Add `self` as the first parameter of `{name}` (line {func.lineno}).", fixed_code=fixed,
                       confidence=0.92)
    what = match.group(2)
    missing = re.findall(r"'(\w+)'", what) if what.startswith("missing") else []
    call = next((n for n in nodes_on_line(tree, line) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == name), None) if tree is not None and missing else None
    if call is not None and func is not None and not call.keywords:
        values = [expl_convert.example_value(func, param) for param in missing]
        args = [segment(code, a) for a in call.args] + [v or p for v, p in zip(values, missing)]
        new_call = f"{name}({', '.join(args)})"
        return Finding(f"Line {line} calls `{name}` without a value for {', '.join(f'`{p}`' for p in missing)}: "
                       f"{signature} needs {'it' if len(missing) == 1 else 'them'}, and a parameter without a "
                       "default must be given in every call.",
                       f"Pass the value in the call: `{new_call}`" + ("" if all(values) else
                                                                       " (use your own variable or value there)")
                       + ".", fixed_code=replace_node(code, call, new_call) if all(values) else None,
                       confidence=0.88)
    return Finding(f"Line {line} calls `{name}` with the wrong arguments: {what}. The function is defined as "
                   f"{signature}.",
                   f"Pass exactly the parameters {name} expects (by position or by name), or give the optional "
                   "ones default values.", confidence=0.85)



_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**"}


def _more_shapes(code, tree, line, msg) -> Finding | None:
    """Message shapes seen often in real student submissions (Refactory data): pop/sort/range misuse, `in` on
    None or int, tuple/list concatenation, mixed comparisons, float slice indices, unpacking ints."""
    nodes = nodes_on_line(tree, line)
    calls = [n for n in nodes if isinstance(n, ast.Call)]
    interp = re.search(r"'(\w+)' object cannot be interpreted as an integer", msg)
    if interp:
        for call in calls:
            if isinstance(call.func, ast.Attribute) and call.func.attr == "pop" and call.args:
                return Finding(f"`.pop()` on line {line} takes a POSITION (an int), but it was given "
                               f"`{segment(code, call.args[0])}`, a {interp.group(1)}. To delete a value, use `.remove()`.",
                               f"Use `{segment(code, call.func.value)}.remove({segment(code, call.args[0])})` to remove "
                               "by value, or pass the index to pop.",
                               fixed_code=replace_node(code, call.func, f"{segment(code, call.func.value)}.remove"),
                               confidence=0.8)
            if isinstance(call.func, ast.Name) and call.func.id == "range" and call.args \
                    and isinstance(call.args[0], ast.Name) and interp.group(1) == "float":
                arg = call.args[0].id
                return Finding(f"`range({arg})` on line {line} needs a whole number, but `{arg}` is a float (`/` always "
                               "gives a float, even for 10 / 2).",
                               f"Use `range(int({arg}))`, or compute `{arg}` with `//` so it stays an int.",
                               fixed_code=replace_node(code, call.args[0], f"int({arg})"), confidence=0.88)
            if isinstance(call.func, ast.Name) and call.func.id == "range" and call.args \
                    and isinstance(call.args[0], ast.Name):
                arg = call.args[0].id
                return Finding(f"`range({arg})` on line {line} needs a number, but `{arg}` is a {interp.group(1)}.",
                               f"Use `range(len({arg}))` for positions, or loop directly with `for x in {arg}:`.",
                               fixed_code=replace_node(code, call.args[0], f"len({arg})"), confidence=0.88)
        return Finding(f"Line {line} passes a {interp.group(1)} where a whole number (like an index or a count) is "
                       "needed.", "Pass an int: a position/length rather than the item itself.", confidence=0.75)
    container = re.search(r"argument of type '(\w+)' is not iterable", msg)
    if container:
        for node in nodes:
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
                right = segment(code, node.comparators[-1])
                why = ""
                if container.group(1) == "NoneType" and isinstance(node.comparators[-1], ast.Name):
                    why = why_none(code, tree, right, line) or ""
                return Finding(f"`{segment(code, node)}` on line {line} checks membership in `{right}`, but `{right}` is "
                               f"{'None' if container.group(1) == 'NoneType' else 'a ' + container.group(1)}, not a "
                               f"collection.{' ' + why[0].upper() + why[1:] + '.' if why else ''}",
                               f"Make sure `{right}` is a list/str/dict at this point (in-place methods like "
                               "`.append()`/`.sort()` return None - don't assign their result).", confidence=0.85)
    concat = re.search(r'can only concatenate (tuple|list) \(not "(\w+)"\) to \1', msg)
    if concat:
        return Finding(f"Line {line} uses `+`/`+=` to join a {concat.group(1)} with a {concat.group(2)}; `+` only "
                       f"joins two {concat.group(1)}s.",
                       "To add one item to a list use `.append(item)` (or `+ [item]`); for a tuple use `+ (item,)`.",
                       confidence=0.85)
    if "takes no positional arguments" in msg and "sort" in msg:
        for call in calls:
            if isinstance(call.func, ast.Attribute) and call.func.attr == "sort" and call.args:
                return Finding(f"`.sort()` on line {line} only accepts keyword arguments, but the function is "
                               "passed positionally.", "Write `key=`: `lst.sort(key=lambda x: x[1])`.",
                               fixed_code=replace_node(code, call.args[0], f"key={segment(code, call.args[0])}"),
                               confidence=0.9)
    order = re.search(r"'([<>]=?)' not supported between instances of '(\w+)' and '(\w+)'", msg)
    if order:
        a, b = order.group(2), order.group(3)
        hint = "compare one field of the record (e.g. `item[1]`) with the number" if "tuple" in (a, b) \
            or "list" in (a, b) else "convert both sides to the same type first"
        return Finding(f"Line {line} compares a {a} with a {b} using `{order.group(1)}`; Python 3 cannot order "
                       f"values of different types.", f"Make both sides the same type: {hint}.", confidence=0.8)
    if "slice indices must be integers" in msg or re.search(r"indices must be integers or slices, not float", msg):
        for node in nodes:
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
                return Finding(f"`{segment(code, node)}` on line {line} uses `/`, which always gives a float "
                               "(e.g. 5 / 2 == 2.5), but positions must be ints.",
                               "Use `//` (floor division) to get a whole number.",
                               fixed_code=replace_node(code, node, f"{segment(code, node.left)} // "
                                                                  f"{segment(code, node.right)}"), confidence=0.92)
    if "cannot unpack non-iterable" in msg:
        for node in nodes:
            if isinstance(node, ast.For) and isinstance(node.target, ast.Tuple) and len(node.target.elts) == 2 \
                    and isinstance(node.iter, ast.Name):
                return Finding(f"`for {segment(code, node.target)} in {node.iter.id}` on line {line} unpacks each item "
                               "into two names, but each item is a single value.",
                               f"To get positions and items, loop over `enumerate({node.iter.id})`.",
                               fixed_code=replace_node(code, node.iter, f"enumerate({node.iter.id})"), confidence=0.85)
        return Finding(f"Line {line} unpacks a single value into several names.",
                       "Only unpack sequences with the right number of items.", confidence=0.75)
    if "requires string as left operand" in msg:
        return Finding(f"Line {line} uses `x in some_string` with a non-string x; `in` on a string looks for "
                       "substrings.", "Convert with `str(x)`, or check membership in a list instead.", confidence=0.8)
    operand = re.search(r"unsupported operand type\(s\) for ([^:]+): '(\w+)' and '(\w+)'", msg)
    if operand:
        symbol, a, b = operand.groups()
        symbol = symbol.strip().rstrip("=") or symbol
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and node.args \
                    and isinstance(node.args[0], ast.BinOp) and isinstance(node.args[0].left, ast.Name):
                inner = node.args[0]
                return Finding(f"`{segment(code, node)}` on line {line} does the arithmetic INSIDE len(): it tries "
                               f"`{segment(code, inner)}` on the {a} itself.",
                               f"Move it outside: `len({inner.left.id}){segment(code, inner)[len(inner.left.id):]}`.",
                               fixed_code=replace_node(code, node, f"len({inner.left.id})"
                                                                   f"{segment(code, inner)[len(inner.left.id):]}"),
                               confidence=0.9)
        exprs = [segment(code, n) for n in nodes if isinstance(n, (ast.BinOp, ast.AugAssign))
                 and _OPS.get(type(n.op)) == symbol]
        shown = f" in `{exprs[0]}`" if exprs else ""
        none_hint = " One side is None - usually the result of a function without `return` or of an in-place " \
                    "method such as `.remove()`/`.append()`." if "NoneType" in (a, b) else ""
        return Finding(f"Line {line} applies `{symbol}` to a {a} and a {b}{shown}; Python does not define `{symbol}` "
                       f"between these types.{none_hint}",
                       "Check what each side holds (print(type(...))) and convert or pick the right element.",
                       confidence=0.75)
    return None


def type_error(code, tree, line, msg) -> Finding:
    tree_ok = tree is not None
    found = expl_callables.callable_as_data(code, tree, line, msg) if tree_ok else None
    if found:
        return found
    if tree_ok and ("can only concatenate str" in msg or 'must be str, not' in msg):
        found = _concat(code, tree, line, msg) or _unconverted_input(code, tree, line, msg)
        if found:
            return found
    if tree_ok and ("unsupported operand type" in msg or "not supported between instances of" in msg) \
            and "'str'" in msg:
        found = _unconverted_input(code, tree, line, msg)
        if found:
            return found
        if "not supported between" in msg:
            return Finding(f"Line {line} compares text with a number (`<`/`>` between str and int). Python 3 "
                           "cannot order different types.", "Convert the text with int()/float() first.",
                           confidence=0.85)
        return expl_convert.text_operand(code, tree, line, msg) or Finding(
            f"Line {line} combines a string and a number with an operator: {msg}.",
            "Convert one side so both have the same type (int()/float() or str()).", confidence=0.8)
    if "can only concatenate list" in msg:
        return Finding(f"Line {line} uses `+` between a list and a non-list.",
                       "Use `.append(x)` to add one item, or `+ [x]`.", confidence=0.85)
    item = re.search(r"'(\w+)' object does not support item assignment", msg)
    if item and item.group(1) in ("str", "tuple"):
        return expl_immutable.item_assignment(code, tree, line, item.group(1)) if tree_ok else \
            Finding("Strings and tuples are immutable.", "Build a new value instead.", confidence=0.8)
    if "'NoneType' object is not subscriptable" in msg and tree_ok:
        return _none_value(code, tree, line, "index")
    if "'NoneType' object is not iterable" in msg and tree_ok:
        return _none_value(code, tree, line, "loop over")
    found = _arg_count(code, tree, line, msg) if tree_ok else None
    if found:
        return found
    not_callable = re.search(r"'(\w+)' object is not callable", msg)
    if not_callable:
        shadowed = [n.id for n in nodes_on_line(tree, line) if isinstance(n, ast.Name) and n.id in BUILTIN_NAMES
                    and assignments_to(tree, n.id, line)] if tree_ok else []
        if shadowed:
            name = shadowed[0]
            where = assignments_to(tree, name, line)[0][0]
            return Finding(f"`{name}` is a built-in function, but line {where} assigned a {not_callable.group(1)} to "
                           f"the name `{name}`, hiding the built-in; line {line} then tries to call that value.",
                           f"Rename your variable (e.g. `{name}_value` or `total`) so `{name}()` works again.",
                           confidence=0.9)
        return Finding(f"Line {line} puts brackets `(...)` after a {not_callable.group(1)}, which calls it like a "
                       "function. A missing operator (`2(3 + 4)` instead of `2 * (3 + 4)`) or a variable that "
                       "shadows a function name are the usual causes.",
                       "Add the missing `*`, or rename the variable that hides the function.", confidence=0.75)
    not_iterable = re.search(r"'(\w+)' object is not iterable", msg)
    if not_iterable and tree_ok:
        for node in nodes_on_line(tree, line):
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Call) \
                    and isinstance(node.iter.func, ast.Name) and node.iter.func.id == "len":
                return Finding(f"`for ... in {segment(code, node.iter)}` loops over a single number; a for loop "
                               "needs a collection or a range.",
                               f"Use `range({segment(code, node.iter)})` to loop over the positions.",
                               fixed_code=replace_node(code, node.iter, f"range({segment(code, node.iter)})"),
                               confidence=0.92)
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Constant) \
                    and isinstance(node.iter.value, int):
                return Finding(f"`for ... in {node.iter.value}` loops over a single number; a for loop needs a "
                               "collection or a range.", f"Loop over `range({node.iter.value})` to count from 0 to "
                               f"{node.iter.value - 1}.", fixed_code=replace_node(code, node.iter,
                                                                                  f"range({node.iter.value})"),
                               confidence=0.92)
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name) \
                    and not_iterable.group(1) in ("int", "float"):
                return Finding(f"`{node.iter.id}` is a number, and you cannot loop over a number directly.",
                               f"Loop over `range({node.iter.id})` to count from 0 to {node.iter.id} - 1.",
                               fixed_code=replace_node(code, node.iter, f"range({node.iter.id})"), confidence=0.88)
        return Finding(f"Line {line} loops over (or unpacks) a {not_iterable.group(1)}, which is a single value, not "
                       "a collection.", "Loop over a list/string/range instead.", confidence=0.75)
    subscript = re.search(r"'(\w+)' object is not subscriptable", msg)
    if subscript:
        return Finding(f"Line {line} uses `[...]` on a {subscript.group(1)}, which has no items to index.",
                       "Check which variable holds the number/function instead of the list or dict you expected.",
                       confidence=0.75)
    unhashable = re.search(r"unhashable type: '(\w+)'", msg)
    if unhashable:
        return Finding(f"Line {line} uses a {unhashable.group(1)} as a dictionary key or set item, but mutable "
                       "values cannot be hashed.", "Convert it to a tuple (`tuple(x)`) or use a string key.",
                       confidence=0.88)
    indices = re.search(r"(list|string|tuple) indices must be integers(?: or slices)?, not (\w+)", msg)
    if indices:
        hint = "use `//` (integer division) or `int(...)`" if indices.group(2) == "float" else \
            "loop with `for item in items` (the loop variable is the item, not its index) or convert with int()"
        return Finding(f"Line {line} indexes a {indices.group(1)} with a {indices.group(2)}; positions must be ints.",
                       f"To get an int index, {hint}.", confidence=0.85)
    if "has no len()" in msg:
        return Finding(f"Line {line} calls len() on a value that has no length ({msg}).",
                       "len() works on collections and strings; convert numbers with str() first if needed.",
                       confidence=0.8)
    if "can't multiply sequence by non-int" in msg:
        found = expl_convert.sequence_times_text(code, tree, line, msg) if tree_ok else None
        if found:
            return found
        return Finding(f"Line {line} multiplies a string or list by a non-integer (often a string from input()).",
                       "Convert the other operand with int() or float() before multiplying.", confidence=0.85)
    found = _more_shapes(code, tree, line, msg) if tree_ok else None
    if found:
        return found
    return Finding(f"Line {line} used a value of the wrong type: {msg}.",
                   "Print `type(...)` of each value on that line to see which one is not what you expected.",
                   confidence=0.5)
