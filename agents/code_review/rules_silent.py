"""Silent-bug rules shared with the debug explainer: the review reports the same logic bugs the debugger finds
in programs that run without an error, as correctness findings with the student's line rewritten.

The detectors live in the neutral `pitfalls` package (silent, values, flow, logic), which the debug agent uses
too: pure functions over the source and its AST that never run the code. Here each debug finding becomes a review Finding; its rewrite is the changed lines
of the debugger's checked fixed program, else its fix sentence. Families ruff or rules_learner already report
(mutable defaults B006, loop-variable closures B023, `is` with a literal F632, `x == "a" or "e"`, chained
comparisons with True, print instead of return) are not repeated.
"""
from __future__ import annotations

import ast
import difflib
import re

from agents.code_review.rules_astutil import walk
from agents.code_review.rules_common import Finding
from pitfalls import flow as expl_flow, logic as expl_logic, silent as expl_silent, values as expl_values
from pitfalls.ast_tools import compiles

# debug finding title -> (review rule id, severity)
_RULES = {
    "Method used without calling it": ("method-not-called", "error"),
    "Method not called": ("method-not-called", "error"),
    "`is` used instead of `==`": ("is-value", "error"),
    "Condition is always True": ("constant-condition", "error"),
    "Condition is always False": ("constant-condition", "error"),
    "Branch can never run": ("unreachable-branch", "error"),
    "Accumulator starts at the wrong value": ("accumulator-start", "warning"),
    "List changed while looping": ("list-changed-in-loop", "error"),
    "Loop returns on its first item": ("loop-returns-first-item", "error"),
    "Every row is the same list": ("repeated-rows", "error"),
    "Recursive result not returned": ("recursive-result-dropped", "error"),
    "Result of a string method ignored": ("result-ignored", "error"),
    "Result of sorted() ignored": ("result-ignored", "error"),
    "Two names for one list": ("list-alias", "warning"),
    "Numbers read as text": ("text-as-number", "error"),
    "Accumulator never updated": ("result-ignored", "error"),
    "`=+` instead of `+=`": ("plus-equals-swapped", "error"),
    "`==` used to assign": ("comparison-as-statement", "error"),
    "Swap loses a value": ("lost-swap", "error"),
    "In-place method result stored": ("in-place-result-stored", "error"),
    "Parameter ignored": ("parameter-ignored", "error"),
    "Division before addition": ("division-before-addition", "error"),
    "Total replaced instead of added to": ("total-replaced", "error"),
    "Accumulator reset inside the loop": ("accumulator-reset", "error"),
    "return inside the loop": ("loop-returns-first-item", "error"),
    "Off-by-one range": ("off-by-one-range", "error"),
    "Infinite loop": ("infinite-loop", "error"),
    "Loop may never end": ("loop-may-not-end", "warning"),
    "Some paths return None": ("missing-return-path", "error"),
    "Integer division": ("integer-division", "error"),
    "Loop variable reused": ("loop-variable-reused", "error"),
    "Text compared with a number": ("text-as-number", "error"),
}
_CHECKS = (expl_silent.method_not_called, expl_silent.repeated_rows, expl_silent.recursion_result_dropped,
           expl_silent.aliasing, expl_values.is_between_values, expl_values.contradictory_test,
           expl_values.unreachable_branch, expl_values.accumulator_start, expl_values.text_used_as_number,
           expl_logic.mutating_while_iterating, expl_logic.early_return_in_loop, expl_values.discarded_results,
           expl_logic.accumulator_problems, expl_flow.plus_equals_swapped, expl_flow.comparison_as_statement,
           expl_flow.lost_swap, expl_flow.stored_none, expl_flow.parameter_ignored, expl_flow.average_precedence,
           expl_flow.total_overwritten, expl_silent.range_from_one, expl_logic.infinite_loops,
           expl_flow.missing_return_path, expl_logic.shadowed_loop_variable, expl_logic.input_compared_with_number)
# Guesses that hold only when the student says the output is wrong ("1 to 10 but 10 never shows up"):
_ON_SYMPTOM = (expl_logic.off_by_one_range,)
_QUESTION_CHECKS = (expl_logic.integer_division,)


def _rewrite(code: str, fixed: str | None) -> str:
    if not fixed or fixed == code or not compiles(fixed):
        return ""
    added = [row[2:] for row in difflib.ndiff(code.split("\n"), fixed.split("\n")) if row.startswith("+ ")]
    if not added or len(added) > 4:
        return ""
    pad = min(len(r) - len(r.lstrip()) for r in added if r.strip()) if any(r.strip() for r in added) else 0
    return "\n".join(r[pad:] for r in added)


def _found(code: str, tree: ast.Module, question: str, symptom: bool):
    for check in _CHECKS + (_ON_SYMPTOM if symptom else ()) + _QUESTION_CHECKS:
        try:
            yield from (check(code, tree, question) if check in _QUESTION_CHECKS else check(code, tree))
        except (ValueError, IndexError, AttributeError):   # an odd shape of code: skip this one check
            continue


def _enclosing(tree: ast.Module, line: int, kinds) -> list[ast.AST]:
    """The nodes of `kinds` whose span holds `line`, innermost last."""
    spans = [n for n in walk(tree) if isinstance(n, kinds) and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return sorted(spans, key=lambda n: n.lineno)


def _own_body(loop: ast.AST):
    """Statements and expressions of a loop's body, not those of loops or functions nested in it."""
    stack = list(loop.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.For, ast.While, ast.AsyncFor, ast.FunctionDef, ast.AsyncFunctionDef,
                                 ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _root(node: ast.AST) -> str:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _plausible(rule: str, tree: ast.Module, line: int, code_line: str = "") -> bool:
    """Filters for shapes of the shared detectors that are deliberate in working code."""
    loops = _enclosing(tree, line, (ast.For, ast.While))
    if rule == "loop-returns-first-item" and loops:
        # `for x in xs: if bad(x): continue; return x` returns the first good item on purpose
        return not any(isinstance(n, ast.Continue) for n in _own_body(loops[-1]))
    if rule in ("infinite-loop", "loop-may-not-end"):
        loop = next((n for n in walk(tree) if isinstance(n, ast.While) and n.lineno == line), None)
        if loop is None:
            return True
        funcs = _enclosing(tree, line, (ast.FunctionDef, ast.AsyncFunctionDef))
        own = {n.name for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        body = list(_own_body(loop))
        service = (funcs and isinstance(funcs[-1], ast.AsyncFunctionDef)) or any(
            isinstance(n, (ast.Await, ast.Yield, ast.YieldFrom)) for n in body)
        tested = {n.id for n in walk(loop.test) if isinstance(n, ast.Name)}
        changes_state = any(isinstance(n, ast.Call) and (
            (isinstance(n.func, ast.Name) and n.func.id in own)   # a function of the student's may change it
            or (isinstance(n.func, ast.Attribute) and _root(n.func.value) in tested))   # queue.popleft()
            for n in body)
        clock = any(isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id in ("len", "abs", "int"))
                    for n in walk(loop.test))   # time.monotonic() < deadline moves by itself
        leaves = any(isinstance(n, (ast.Return, ast.Raise)) or (isinstance(n, ast.Call) and ast.unparse(n.func) in
                                                                ("exit", "quit", "sys.exit", "os._exit"))
                     for n in walk(loop))   # also from a nested loop: it ends the whole function
        return not (service or changes_state or clock or leaves or _set_elsewhere(tree, line))
    if rule == "off-by-one-range" and loops:
        # `best = xs[0]` before `for i in range(1, len(xs))`: the first item is already used, skipping it is the point
        loop = loops[-1]
        it = getattr(loop, "iter", None)
        seq = ast.unparse(it.args[-1].args[0]) if isinstance(it, ast.Call) and it.args and \
            isinstance(it.args[-1], ast.Call) and it.args[-1].args else ""
        scope = (_enclosing(tree, line, (ast.FunctionDef, ast.AsyncFunctionDef)) or [tree])[-1]
        return not any(isinstance(n, ast.Subscript) and ast.unparse(n.value) == seq and n.lineno < loop.lineno
                       and isinstance(n.slice, ast.Constant) and n.slice.value == 0 for n in walk(scope))
    if rule == "plus-equals-swapped":   # `x =+ 1` / `x =- 1` as typed; `x = -y` is a deliberate negation
        return bool(re.search(r"[^=!<>+\-*/%&|^]=[+-][^=]", code_line))
    if rule == "result-ignored":   # os.replace(a, b) is a module's function, not str.replace
        call = next((n for n in walk(tree) if isinstance(n, ast.Call) and n.lineno == line), None)
        modules = {a.asname or a.name for n in walk(tree) if isinstance(n, ast.Import) for a in n.names}
        return not (call is not None and isinstance(call.func, ast.Attribute) and _root(call.func) in modules)
    if rule == "accumulator-reset" and loops:
        # a per-round counter is reset on purpose; the bug is a total read after the loop has finished
        stmt = next((n for n in walk(loops[-1]) if isinstance(n, ast.Assign) and n.lineno == line), None)
        names = {t.id for t in getattr(stmt, "targets", []) if isinstance(t, ast.Name)}
        end = loops[-1].end_lineno or loops[-1].lineno
        scope = (_enclosing(tree, line, (ast.FunctionDef, ast.AsyncFunctionDef)) or [tree])[-1]
        return any(isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load) and n.lineno > end
                   for n in walk(scope))
    return True


def _set_elsewhere(tree: ast.Module, line: int) -> bool:
    """The while loop on `line` tests a name some function changes through `global`: it may well end."""
    loop = next((n for n in walk(tree) if isinstance(n, ast.While) and n.lineno == line), None)
    if loop is None:
        return False
    tested = {n.id for n in walk(loop.test) if isinstance(n, ast.Name)}
    return any(isinstance(n, (ast.Global, ast.Nonlocal)) and tested & set(n.names) for n in walk(tree))


def run(code: str, tree: ast.Module, question: str = "", symptom: bool = False) -> list[Finding]:
    """`symptom`: the student reports a wrong output, so weaker guesses (an off-by-one range end) are shown too."""
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    rows = code.split("\n")
    for f in _found(code, tree, question, symptom):
        rule, severity = _RULES.get(f.title or "", ("", ""))
        if not rule or not f.line or (rule, f.line) in seen:
            continue
        if not _plausible(rule, tree, f.line, rows[f.line - 1] if f.line <= len(rows) else ""):
            continue
        seen.add((rule, f.line))
        rewrite = _rewrite(code, f.fixed_code)
        out.append(Finding(rule, f.line, severity, f.cause, rewrite or f.fix, "correctness"))
    return out
