"""Terminal output of the CLI with `rich`: answers as rendered Markdown (headings, lists, highlighted code),
progress and exercises as tables, test results, and errors with their google.rpc.Status details.

On a terminal the streamed answer is re-rendered live as chunks arrive; piped, the Markdown is rendered
once at the end as plain text (no colour codes unless FORCE_COLOR is set). `--raw` prints the Markdown
source as it streams."""
from __future__ import annotations

import sys

from learnflow.v1 import enums_pb2, options_pb2
from rich.console import Console
from rich.live import Live
from rich.markdown import Markdown
from rich.table import Table

out = Console(soft_wrap=False)
err = Console(stderr=True)


def label(enum_name: str, number: int) -> str:
    """An enum value as people say it: its database spelling ("debug", "beginner"), else its short name."""
    enum = enums_pb2.DESCRIPTOR.enum_types_by_name[enum_name]
    value = enum.values_by_number.get(number)
    if value is None:
        return str(number)
    spelled = value.GetOptions().Extensions[options_pb2.db_value]
    return spelled or value.name.lower()


def enum_number(enum_name: str, spelled: str) -> int:
    enum = enums_pb2.DESCRIPTOR.enum_types_by_name[enum_name]
    for value in enum.values:
        if value.GetOptions().Extensions[options_pb2.db_value] == spelled:
            return value.number
    raise ValueError(f"{spelled!r} is not a {enum_name}")


def markdown(text: str) -> None:
    if out.is_terminal:
        out.print(Markdown(text, code_theme="monokai"))
        return
    # Piped: the same layout without the padding rich adds to fill the width (clean for files and grep).
    with out.capture() as captured:
        out.print(Markdown(text, code_theme="monokai"))
    sys.stdout.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")
    sys.stdout.flush()


class StreamedAnswer:
    """Collects text chunks; shows them live as Markdown on a terminal, raw when asked, else at the end."""

    def __init__(self, raw: bool = False):
        self.raw = raw
        self.text = ""
        self.live = None
        if not raw and out.is_terminal:
            self.live = Live(Markdown(""), console=out, refresh_per_second=8, vertical_overflow="visible")
            self.live.start()

    def add(self, chunk: str) -> None:
        self.text += chunk
        if self.raw:
            sys.stdout.write(chunk)
            sys.stdout.flush()
        elif self.live is not None:
            self.live.update(Markdown(self.text, code_theme="monokai"))

    def finish(self) -> None:
        if self.raw:
            sys.stdout.write("\n")
        elif self.live is not None:
            self.live.update(Markdown(self.text, code_theme="monokai"))
            self.live.stop()
        else:
            markdown(self.text)

    def abort(self) -> None:
        if self.live is not None:
            self.live.stop()


def progress(p) -> None:
    out.print(f"[bold]Streak[/bold] {p.streak_days} day{'s' if p.streak_days != 1 else ''} · "
              f"[bold]exercises completed[/bold] {p.completed_exercises} · [bold]questions[/bold] {p.total_queries}")
    if p.topics:
        table = Table(title="Mastery per topic")
        for column, justify in (("topic", "left"), ("mastery", "right"), ("passed/attempts", "right"),
                                ("questions", "right")):
            table.add_column(column, justify=justify)
        for t in sorted(p.topics, key=lambda t: -t.mastery):
            table.add_row(t.topic, f"{t.mastery:.0%}", f"{t.success_count}/{t.attempts_count}", str(t.query_count))
        out.print(table)
    for title, items in (("Mastered", p.topics_mastered), ("Struggling with", p.struggle_topics),
                         ("Strengths", p.strengths), ("To work on", p.weaknesses), ("Achievements", p.achievements)):
        if items:
            out.print(f"[bold]{title}:[/bold] {', '.join(items)}")
    if not p.topics and not p.total_queries:
        out.print("No activity yet: ask a question (`learnflow ask`) or start an exercise (`learnflow exercise start`).")


def exercise_table(exercises) -> None:
    table = Table(title=f"{len(exercises)} exercise{'s' if len(exercises) != 1 else ''}")
    for column in ("id", "topic", "difficulty", "title"):
        table.add_column(column, overflow="fold")
    for e in exercises:
        table.add_row(e.exercise_id, e.topic, label("SkillLevel", e.difficulty), e.title)
    out.print(table)


def exercise(e) -> None:
    out.print(f"[bold]{e.title}[/bold]  ({e.topic}, {label('SkillLevel', e.difficulty)})  id [cyan]{e.exercise_id}[/cyan]")
    markdown(e.problem_text)
    if e.starter_code:
        markdown(f"Starter code:\n\n```python\n{e.starter_code.rstrip()}\n```")
    if e.hint_count:
        out.print(f"{e.hint_count} hint{'s' if e.hint_count != 1 else ''} available: learnflow exercise hint {e.exercise_id}")


def test_result(r) -> None:
    mark = "[green]PASS[/green]" if r.passed else "[red]FAIL[/red]"
    name = f"{r.test_id}{' (hidden)' if r.hidden else ''}"
    detail = ""
    if not r.passed and not r.hidden:
        detail = f": expected {r.expected!r}, got {r.got!r}" + (f" — {r.error}" if r.error else "")
    out.print(f"{mark} {name}{detail}", highlight=False)


def submission(sub) -> None:
    out.print(f"\n[bold]{sub.automated_tests_passed}/{sub.total_tests} tests passed · grade {sub.grade:.0f}/100[/bold]")
    if sub.feedback:
        markdown(sub.feedback)


def status_details(exc) -> list[str]:
    """Lines for the google.rpc.Status details of a failed call (field violations, retry delay)."""
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    status = rpc_status.from_call(exc)
    lines = []
    for detail in status.details if status else []:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            lines += [f"  {v.field}: {v.description}" for v in bad.field_violations]
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            lines.append(f"  retry in {info.retry_delay.ToTimedelta().total_seconds():.1f} s")
    return lines
