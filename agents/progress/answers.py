"""Progress answers, one per thing a student asks (asks.py decides which), each quoting the evidence.

Pure functions of the stored progress (LearningProgress), the evidence (evidence.py) and today's
date. Mastery is only ever quoted for topics with graded attempts; recommendations only name topics
the exercise bank has (so never a pseudo-topic), with the reason in numbers.
"""
from __future__ import annotations

from datetime import date, timedelta

from agents.progress import mastery
from agents.progress.evidence import Evidence, TopicStats

# The order beginners usually meet the bank's topics in; topics not listed come after, alphabetically.
PATH = ("variables", "strings", "conditionals", "loops", "lists", "tuples", "dictionaries", "sets", "functions",
        "comprehensions", "exceptions", "file-io", "recursion", "classes", "higher-order-functions", "generators",
        "sorting-searching")


def _graded(progress, evidence: Evidence) -> dict[str, tuple[float, TopicStats]]:
    levels = dict(progress.python_mastery_levels)
    return {t: (levels[t], s) for t, s in evidence.topics.items() if s.attempts and t in levels}


def _line(topic: str, level: float, s: TopicStats) -> str:
    return f"{topic}: mastery {level:.0%} from {s.attempts} graded attempt{'s' * (s.attempts != 1)}, {s.passes} passed"


def weak_topics(progress, evidence: Evidence) -> list[str]:
    graded = _graded(progress, evidence)
    weak = [t for t, (lv, s) in graded.items()
            if lv < mastery.WEAK and (s.attempts >= mastery.WEAK_MIN_EVIDENCE or s.passes == 0)]
    return sorted(weak, key=lambda t: graded[t][0])


def strong_topics(progress, evidence: Evidence) -> list[str]:
    graded = _graded(progress, evidence)
    strong = [t for t, (lv, s) in graded.items() if s.passes and lv >= mastery.WEAK]
    return sorted(strong, key=lambda t: -graded[t][0])


def streak(evidence: Evidence, today: date) -> tuple[int, bool]:
    """(consecutive active days ending today or yesterday, whether today already counts)."""
    days = set(evidence.active_days)
    start = today if today in days else today - timedelta(days=1)
    count, day = 0, start
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count, today in days


def recommendations(progress, evidence: Evidence) -> list[tuple[str, str]]:
    """(topic, why) best first; only topics with exercises in the bank."""
    graded = _graded(progress, evidence)
    out: list[tuple[str, str]] = []
    for t in weak_topics(progress, evidence):
        if t in evidence.exercise_topics:
            lv, s = graded[t]
            out.append((t, f"your weakest topic ({_line(t, lv, s)}): more practice there moves you most"))
    close = [t for t, (lv, s) in graded.items() if mastery.WEAK <= lv < mastery.MASTERED]
    for t in sorted(close, key=lambda t: -graded[t][0]):
        if t in evidence.exercise_topics:
            lv, s = graded[t]
            out.append((t, f"close to mastered ({_line(t, lv, s)}; mastered is {mastery.MASTERED:.0%})"))
    ordered = [t for t in PATH if t in evidence.exercise_topics] + \
        sorted(t for t in evidence.exercise_topics if t not in PATH)
    untried = [t for t in ordered if t not in graded]
    asked = [t for t in untried if evidence.topics.get(t) and evidence.topics[t].questions]
    for t in asked:
        n = evidence.topics[t].questions
        out.append((t, f"you asked about it {n} time{'s' * (n != 1)} but have not practised it yet"))
    done = [t for t in ordered if t in graded]
    for t in untried:
        if t not in asked:
            why = f"next on the path after {done[-1]}" if done else "where the path starts"
            out.append((t, why))
            break
    return out


def _header(name: str) -> str:
    return f"Here's what your records say, {name}:"


def answer_streak(progress, evidence: Evidence, name: str, today: date) -> str:
    n, today_counts = streak(evidence, today)
    week = sum(1 for d in evidence.active_days if d > today - timedelta(days=7))
    if n == 0:
        last = evidence.active_days[0].isoformat() if evidence.active_days else "never"
        return (f"No streak right now, {name}: your last active day was {last}. Ask a question or solve an exercise "
                "today to start one.")
    keep = "" if today_counts else " Today doesn't count yet — do one exercise or question today to keep it going."
    return (f"Yes — you're on a {n}-day streak, {name} ({week} active day{'s' * (week != 1)} in the last 7).{keep}")


def answer_weak(progress, evidence: Evidence, name: str) -> str:
    graded = _graded(progress, evidence)
    weak = weak_topics(progress, evidence)
    lines = [_header(name)]
    if weak:
        lines.append("Topics that need work (by your graded exercises):")
        lines += [f"- {_line(t, *graded[t])}" for t in weak]
    elif graded:
        lines.append(f"No weak topic in your graded work: every topic you've practised is at or above "
                     f"{mastery.WEAK:.0%} mastery or has passing attempts.")
    else:
        lines.append("You haven't submitted any exercises yet, so there is no evidence of a weak topic — asking "
                     "questions about a topic doesn't count against you.")
    errs = sorted(((t, s.errors) for t, s in evidence.topics.items() if s.errors >= 2 and t not in weak),
                  key=lambda x: -x[1])
    if errs:
        lines.append("Errors you've run into more than once: " + ", ".join(f"{t} ({n} times)" for t, n in errs[:3])
                     + " — an exercise there would show whether it's a gap.")
    return "\n".join(lines)


def answer_strong(progress, evidence: Evidence, name: str) -> str:
    graded = _graded(progress, evidence)
    strong = strong_topics(progress, evidence)
    if not strong:
        return (f"No strong topics yet, {name}: strengths come from passing exercises, and you have "
                f"{sum(s.passes for _, s in graded.values())} passing submissions so far. Try \"give me an exercise on "
                f"loops\".")
    lines = [_header(name), "Your strongest topics:"]
    for t in strong:
        lv, s = graded[t]
        lines.append(f"- {_line(t, lv, s)}" + (" (mastered)" if lv >= mastery.MASTERED else ""))
    return "\n".join(lines)


def answer_next(progress, evidence: Evidence, name: str) -> str:
    recs = recommendations(progress, evidence)
    if not recs:
        return f"I have no exercises to recommend yet, {name}."
    topic, why = recs[0]
    text = f"Study {topic} next, {name} — {why}. Ask \"give me an exercise on {topic}\" to start."
    if len(recs) > 1:
        text += f"\nAfter that: {recs[1][0]} ({recs[1][1]})."
    return text


def answer_change(progress, evidence: Evidence, name: str) -> str:
    stats = list(evidence.topics.values())
    this = (sum(s.attempts_week for s in stats), sum(s.passes_week for s in stats),
            sum(s.questions_week for s in stats))
    prev = (sum(s.attempts_prev_week for s in stats), sum(s.passes_prev_week for s in stats),
            sum(s.questions_prev_week for s in stats))
    lines = [f"This week vs the week before, {name}:",
             f"- exercises submitted: {this[0]} (was {prev[0]}), passed: {this[1]} (was {prev[1]})",
             f"- questions asked: {this[2]} (was {prev[2]})"]
    if this[0] and prev[0]:
        lines.append(f"- pass rate: {this[1] / this[0]:.0%} (was {prev[1] / prev[0]:.0%})")
    new = sorted(s.topic for s in stats if s.attempts_week and not s.attempts_prev_week
                 and s.attempts == s.attempts_week)
    if new:
        lines.append(f"- new topics practised this week: {', '.join(new)}")
    if this[0] > prev[0] or this[1] > prev[1]:
        lines.append("You're doing more than last week — keep going.")
    elif not any(this):
        lines.append("Nothing recorded this week yet; one exercise today gets you moving again.")
    return "\n".join(lines)


def answer_report(progress, evidence: Evidence, name: str, today: date) -> str:
    if not progress.total_queries and not progress.completed_exercises and not evidence.topics:
        return (f"Hi {name}! You're just getting started, so there is no progress to show yet. Ask a question "
                "about any Python topic or request an exercise (\"give me a loops exercise\"), and I'll start "
                "tracking your mastery per topic.")
    by_type = ", ".join(f"{k}: {v}" for k, v in sorted(progress.queries_by_type.items())) or "none yet"
    n, _ = streak(evidence, today)
    lines = [f"Your learning report, {name}:", "",
             f"- Questions asked: {progress.total_queries} ({by_type})",
             f"- Exercises completed: {progress.completed_exercises}",
             f"- Streak: {n} day(s)"]
    graded = _graded(progress, evidence)
    if graded:
        lines += ["", "Practised topics (graded exercises):"]
        weak = weak_topics(progress, evidence)
        for t, (lv, s) in sorted(graded.items(), key=lambda kv: -kv[1][0]):
            mark = " (mastered)" if lv >= mastery.MASTERED else (" (needs work)" if t in weak else "")
            lines.append(f"  {t:<22} {'#' * int(round(lv * 10)):<10} {lv:.0%}  {s.passes}/{s.attempts} passed{mark}")
    asked = sorted(t for t, s in evidence.topics.items() if s.questions and t not in graded)
    if asked:
        lines.append(f"\nAsked about, not practised yet: {', '.join(asked)}.")
    recs = recommendations(progress, evidence)
    if recs:
        lines.append(f"Next: {recs[0][0]} — {recs[0][1]}.")
    if progress.achievements:
        lines.append(f"Achievements: {', '.join(progress.achievements)}.")
    return "\n".join(lines)


def answer(aspect: str, progress, evidence: Evidence, name: str, today: date) -> str:
    if aspect == "streak":
        return answer_streak(progress, evidence, name, today)
    if aspect == "weak":
        return answer_weak(progress, evidence, name)
    if aspect == "strong":
        return answer_strong(progress, evidence, name)
    if aspect == "next":
        return answer_next(progress, evidence, name)
    if aspect == "change":
        return answer_change(progress, evidence, name)
    return answer_report(progress, evidence, name, today)
