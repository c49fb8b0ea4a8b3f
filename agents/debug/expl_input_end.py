"""The program stopped with EOFError: it asked input() for more lines than it was given. The explainer
(agents/debug/explainer.py) first looks for the silent bug that kept the loop asking - a loop condition that never
changes, or the loop's step written after the loop - and only when there is none says the input ran out. A program
that simply reads input is never diagnosed with EOFError: it runs with the stated or sample input
(agents/debug/inputs.py)."""
from __future__ import annotations

import ast

from agents.debug import silent_checks, silent_more
from pitfalls.ast_tools import Finding


def loop_bug_behind(code: str, tree, line: int | None) -> Finding | None:
    """A silent bug (e.g. a loop condition that is always true) in the loop whose input() ran out."""
    if tree is None or not line:
        return None
    loops = [n for n in ast.walk(tree) if isinstance(n, (ast.While, ast.For))
             and n.lineno <= line <= (n.end_lineno or n.lineno)]
    if not loops:
        return None
    loop = max(loops, key=lambda n: n.lineno)
    found = [f for f in silent_checks.findings(code, tree, symptom_known=False)
             if f.line and loop.lineno <= f.line <= (loop.end_lineno or loop.lineno)]
    return max(found, key=lambda f: f.confidence) if found else None


def step_after_loop(code: str, tree, line: int | None) -> Finding | None:
    """The loop that ran out of input never changes its counter because the step sits after it."""
    if tree is None or not line:
        return None
    return next((f for f in silent_more.step_after_loop(code, tree)
                 if any(isinstance(n, ast.While) and n.lineno <= line <= (n.end_lineno or n.lineno) and f.line ==
                        (n.end_lineno or n.lineno) + 1 for n in ast.walk(tree))), None)


def over_read(line: int | None, stdin_lines: int) -> Finding:
    """EOFError after the given input was used up: the program asks for more lines than there are."""
    given = f"the {stdin_lines} line{'s' if stdin_lines != 1 else ''} of input it was given" if stdin_lines \
        else "its input (it was given none)"
    return Finding(f"Line {line} calls input() after {given} were all used, so there was nothing left to read. "
                   "In a terminal it would just wait; here the input ended. This happens when a loop keeps asking "
                   "and nothing tells it to stop.",
                   "Give the loop a way to end: check for a stop word (`if text == 'quit': break`), or loop a fixed "
                   "number of times (`for _ in range(n):`).", confidence=0.7, line=line,
                   title="The program asked for more input than it was given", topic="input-output")
