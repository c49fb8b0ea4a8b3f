"""Turning knowledge entries into student-facing text, adapted to skill level and learning style.

Kept apart from kb.py (which picks WHAT to explain) so the wording rules live in one place:
- skill level picks which explanation layers appear and how many mistakes/examples are shown;
- learning style picks the order and form: example-driven shows code first, visual shows the ascii diagram,
  step-by-step shows numbered steps, conceptual leads with the explanation.
"""
from __future__ import annotations

LEVELS = ("beginner", "intermediate", "advanced")
_LEVEL_ALIASES = {"novice": "beginner", "basic": "beginner", "newbie": "beginner", "starter": "beginner",
                  "medium": "intermediate", "middle": "intermediate", "expert": "advanced", "pro": "advanced"}
STYLES = ("step-by-step", "example-driven", "visual", "conceptual")
_STYLE_ALIASES = {"examples": "example-driven", "example": "example-driven", "hands-on": "example-driven",
                  "practical": "example-driven", "diagram": "visual", "diagrams": "visual", "visual-learner": "visual",
                  "steps": "step-by-step", "stepwise": "step-by-step", "step_by_step": "step-by-step",
                  "theory": "conceptual", "theoretical": "conceptual", "reading": "conceptual"}


def normalise_level(level: str | None) -> str:
    value = (level or "").strip().lower().replace("_", "-")
    return value if value in LEVELS else _LEVEL_ALIASES.get(value, "beginner")


def normalise_style(style: str | None) -> str:
    value = (style or "").strip().lower().replace(" ", "-")
    if value in STYLES:
        return value
    return _STYLE_ALIASES.get(value, _STYLE_ALIASES.get(value.replace("-", "_"), "step-by-step"))


def example_block(example: dict) -> str:
    """One example: title, code fence, and the exact output it prints (verified by the test suite)."""
    block = f"**{example['title']}**\n```python\n{example['code']}\n```\n"
    if example.get("stdin"):
        block += f"Typed input:\n```\n{example['stdin'].rstrip()}\n```\n"
    block += f"Output:\n```\n{example['output'].rstrip()}\n```"
    return block


def explanation_layers(entry: dict, level: str) -> list[str]:
    """Beginners get plain words; intermediate adds precise semantics; advanced adds internals."""
    if level == "beginner":
        return [entry["beginner"]]
    if level == "intermediate":
        return [entry["intermediate"]]
    return [entry["intermediate"], "Under the hood: " + entry["advanced"]]


def examples_for(entry: dict, level: str, style: str) -> list[dict]:
    examples = list(entry["examples"])
    if style == "example-driven" or level == "advanced":
        return examples
    return examples[:2]


def mistakes_for(entry: dict, level: str) -> list[str]:
    return list(entry["mistakes"][:2] if level == "beginner" else entry["mistakes"])


def focused_examples(entry: dict, level: str, style: str, about) -> list[dict]:
    """The page's examples that show the point asked (`about(text)` > 0), else its first one."""
    shown = [e for e in entry["examples"] if about(f"{e['title']} {e['code']}") > 0]
    return (shown or list(entry["examples"][:1]))[:len(examples_for(entry, level, style))]


def render_entry(entry: dict, level: str, style: str, *, heading: bool = True, about=None) -> str:
    """The full explanation of one topic; with `about` (a text scorer for a narrow question: one point of the
    page), only the examples and mistakes about that point, no step-by-step recipe for the whole topic."""
    parts: list[str] = []
    if heading:
        parts.append(f"## {entry['title']}\n{entry['summary']}")
    layers = "\n\n".join(explanation_layers(entry, level))
    shown = examples_for(entry, level, style) if about is None else focused_examples(entry, level, style, about)
    examples = "\n\n".join(example_block(e) for e in shown)
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(entry["steps"], start=1))
    if style == "example-driven":
        parts += [f"### See it in action\n{examples}", f"### What is going on\n{layers}"]
    elif style == "visual":
        parts += [f"### Picture it\n```\n{entry['diagram']}\n```", layers, f"### Examples\n{examples}"]
    elif style == "conceptual" or about is not None:
        parts += [layers, f"### Examples\n{examples}"]
    else:
        parts += [layers, f"### Step by step\n{steps}", f"### Examples\n{examples}"]
    listed = mistakes_for(entry, level)
    if about is not None:
        listed = [m for m in entry["mistakes"] if about(m) > 0] or listed[:1]
    mistakes = "\n".join(f"- {m}" for m in listed)
    parts.append(f"### Common mistakes\n{mistakes}")
    return "\n\n".join(parts)


def render_comparison(left: dict, right: dict, note: str | None, level: str, style: str) -> str:
    """Two topics side by side: a table of the essentials, the key difference, then one example each."""
    rows = [("What it is", left["summary"], right["summary"]),
            ("Watch out for", left["mistakes"][0], right["mistakes"][0]),
            ("Related", ", ".join(left["related"]), ", ".join(right["related"]))]
    table = [f"| | {left['title']} | {right['title']} |", "|---|---|---|"]
    table += [f"| {label} | {a} | {b} |" for label, a, b in rows]
    parts = [f"## {left['title']} vs {right['title']}"]
    if note:
        parts.append(f"**The key difference:** {note}")
    parts.append("\n".join(table))
    if style == "visual":
        parts.append(f"```\n{left['diagram']}\n```\n```\n{right['diagram']}\n```")
    layer = "beginner" if level == "beginner" else "intermediate"
    parts.append(f"**{left['title']}:** {left[layer]}\n\n**{right['title']}:** {right[layer]}")
    parts.append("### Examples\n" + example_block(left["examples"][0]) + "\n\n" + example_block(right["examples"][0]))
    return "\n\n".join(parts)
