"""Agents meet only over gRPC or through the neutral `knowledge` package: no agent imports another agent's
package (the shared helpers agents/specialist.py and agents/llm.py are not agents), and `knowledge` imports no
agent at all. Every import is checked, including the ones inside functions."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGENTS = sorted(p.name for p in (ROOT / "agents").iterdir() if p.is_dir() and (p / "__init__.py").exists())


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "agents":   # `from agents import debug` names the package in the alias
                found += [(node.lineno, f"agents.{alias.name}") for alias in node.names]
    return found


def foreign_imports(owner: str | None, folder: Path) -> list[str]:
    bad = []
    for path in sorted(folder.rglob("*.py")):
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] == "agents" and len(parts) > 1 and parts[1] in AGENTS and parts[1] != owner:
                bad.append(f"{path.relative_to(folder.parent)}:{line} imports {module}")
    return bad


def test_agents_are_known():
    assert {"concepts", "debug", "triage", "exercise"} <= set(AGENTS)


def test_no_agent_imports_another_agent():
    bad = [b for agent in AGENTS for b in foreign_imports(agent, ROOT / "agents" / agent)]
    assert not bad, "\n".join(bad)


def test_knowledge_imports_no_agent():
    bad = foreign_imports(None, ROOT / "knowledge")
    assert not bad, "\n".join(bad)


def test_the_check_catches_a_foreign_import(tmp_path):
    (tmp_path / "x.py").write_text("def f():\n    from agents.concepts import kb\n    import agents.debug.explainer\n")
    assert len(foreign_imports("triage", tmp_path)) == 2
    assert foreign_imports("concepts", tmp_path) == [f"{tmp_path.name}/x.py:3 imports agents.debug.explainer"]
