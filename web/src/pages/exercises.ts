// Exercises: browse by topic and difficulty, open one with its starter code, get hints one at a time,
// submit and watch each test's result arrive.
import { api } from "../api";
import { friendly } from "../errors";
import { editor } from "../editor";
import { render, renderInline } from "../markdown";
import { h, field, notice, pretty } from "../dom";
import { SkillLevel } from "../../../generated/ts/learnflow/v1/enums_pb";
import type { Exercise } from "../../../generated/ts/learnflow/v1/entities_pb";

const LEVELS: [SkillLevel, string][] = [[SkillLevel.BEGINNER, "Beginner"], [SkillLevel.INTERMEDIATE, "Intermediate"],
  [SkillLevel.ADVANCED, "Advanced"]];
const levelName = (l: SkillLevel) => LEVELS.find(([v]) => v === l)?.[1] ?? "Any level";

async function allExercises(topic = "", difficulty = SkillLevel.UNSPECIFIED): Promise<Exercise[]> {
  const out: Exercise[] = [];
  let pageToken = "";
  do {
    const reply = await api.exercise.listExercises({ topic, difficulty, pageSize: 200, pageToken });
    out.push(...reply.exercises);
    pageToken = reply.nextPageToken;
  } while (pageToken && out.length < 2000);
  return out;
}

export function exercisesPage(root: HTMLElement): void {
  const topic = h("select", { id: "topic-filter" }, h("option", { value: "" }, "All topics")) as HTMLSelectElement;
  const level = h("select", { id: "level-filter" }, h("option", { value: "0" }, "All levels"),
    LEVELS.map(([v, n]) => h("option", { value: String(v) }, n))) as HTMLSelectElement;
  const list = h("ul.cards", { id: "exercise-list", "aria-live": "polite" });
  const status = h("div.status", { "aria-live": "polite" });
  const filters = h("form.card.filters", { role: "search", "aria-label": "Filter exercises" },
    field("Topic", topic), field("Difficulty", level));
  root.append(h("h1", {}, "Exercises"), h("p.lead", {}, "Pick a topic and a level, then practise. Your progress updates as you pass tests."),
    filters, status, list);

  async function show(): Promise<void> {
    status.replaceChildren(notice("info", "Loading exercises…"));
    try {
      const items = await allExercises(topic.value, Number(level.value) as SkillLevel);
      list.replaceChildren(...items.map((e) => h("li.card.exercise", { "data-topic": e.topic },
        h("h2", {}, e.title || pretty(e.topic)),
        h("p.meta", {}, h("span.tag", {}, pretty(e.topic)), " ", h("span.tag.level", {}, levelName(e.difficulty)),
          e.estimatedCompletionTime ? ` · about ${e.estimatedCompletionTime} min` : ""),
        renderInline(h("p"), firstLine(e.problemText)),
        h("a.button", { href: `#/exercise/${e.exerciseId}` }, "Start"))));
      status.replaceChildren(items.length ? "" : notice("info", "No exercises match. Try another topic or level."));
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err)));
    }
  }
  topic.addEventListener("change", show);
  level.addEventListener("change", show);
  void (async () => {
    try {
      const topics = [...new Set((await allExercises()).map((e) => e.topic))].sort();
      topic.append(...topics.map((t) => h("option", { value: t }, pretty(t))));
    } catch { /* the list below reports the error */ }
    await show();
  })();
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return line.length > 160 ? line.slice(0, 157) + "…" : line;
}

export function exercisePage(root: HTMLElement, exerciseId: string): void {
  const status = h("div.status", { "aria-live": "polite" });
  root.append(h("h1", {}, "Exercise"), status);
  void (async () => {
    try {
      const { exercise } = await api.exercise.getExercise({ exerciseId });
      if (exercise) show(root, exercise);
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err)));
    }
  })();
}

function show(root: HTMLElement, e: Exercise): void {
  root.querySelector("h1")!.textContent = e.title || pretty(e.topic);
  const problem = h("div.markdown.problem", { id: "problem" });
  render(problem, e.problemText);
  const code = editor("Your solution", e.starterCode, "solution-editor");
  const hints = h("ol.hints", { id: "hints", "aria-live": "polite" }, e.hints.map((t) => renderInline(h("li"), t)));
  const hintButton = h("button.secondary", { type: "button", id: "hint-button" }, "Get a hint") as HTMLButtonElement;
  const hintStatus = h("div.status", { "aria-live": "polite" });
  const submit = h("button", { type: "submit", id: "submit-button" }, "Submit") as HTMLButtonElement;
  const results = h("ul.results", { id: "test-results", "aria-live": "polite" });
  const summary = h("div.status", { id: "submission-summary", "aria-live": "polite" });
  const visible = e.testCases.filter((t) => !t.hidden);
  const hiddenCount = e.testCases.length - visible.length;

  const updateHintButton = (unlocked: number) => {
    hintButton.disabled = e.hintCount > 0 && unlocked >= e.hintCount;
    hintButton.textContent = e.hintCount === 0 ? "No hints for this one" :
      unlocked >= e.hintCount ? "All hints shown" : `Get a hint (${unlocked} of ${e.hintCount} used)`;
    if (e.hintCount === 0) hintButton.disabled = true;
  };
  updateHintButton(e.hints.length);
  hintButton.addEventListener("click", async () => {
    hintButton.disabled = true;
    try {
      const reply = await api.exercise.getHint({ exerciseId: e.exerciseId });
      if (hints.children.length < reply.hintNumber) hints.append(renderInline(h("li"), reply.hint));
      hintStatus.replaceChildren();
      updateHintButton(reply.hintNumber);
    } catch (err) {
      hintStatus.replaceChildren(notice("error", friendly(err, "hint")));
      hintButton.disabled = false;
    }
  });

  const form = h("form.card", { id: "solution-form", novalidate: true },
    h("div.field", {}, h("span.label", { id: "solution-label" }, "Your solution"), code.element),
    h("div.row", {}, submit, h("button.secondary", { type: "button", onclick: () => code.set(e.starterCode) },
      "Reset to starter code")), results, summary);
  code.element.setAttribute("aria-labelledby", "solution-label");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!code.get().trim()) {
      summary.replaceChildren(notice("error", "Write some code before submitting."));
      return;
    }
    submit.disabled = true;
    results.replaceChildren();
    summary.replaceChildren(notice("info", "Running your code against the tests…"));
    try {
      for await (const event of api.exercise.submitSolutionStream({ exerciseId: e.exerciseId, code: code.get() })) {
        if (event.event.case === "testResult") {
          const r = event.event.value;
          results.append(h(`li.result.${r.passed ? "pass" : "fail"}`, { "data-test": r.testId },
            h("span.mark", { "aria-hidden": "true" }, r.passed ? "✓" : "✗"),
            h("strong", {}, `${r.hidden ? "Hidden test" : `Test ${r.testId}`}: ${r.passed ? "passed" : "failed"}`),
            !r.passed && !r.hidden && (r.expected || r.got) ?
              h("div.detail", {}, `Expected ${r.expected}, got ${r.got || "nothing"}`) : null,
            !r.passed && r.error && !r.hidden ? h("pre.error", {}, r.error) : null));
        } else if (event.event.case === "submission") {
          const s = event.event.value;
          const all = s.automatedTestsPassed === s.totalTests;
          summary.replaceChildren(notice(all ? "ok" : "info",
            `${all ? "Well done! " : ""}${s.automatedTestsPassed} of ${s.totalTests} tests passed.`),
          s.feedback ? h("div.markdown.feedback") : "");
          const fb = summary.querySelector<HTMLElement>(".feedback");
          if (fb) render(fb, s.feedback);
        }
      }
    } catch (err) {
      summary.replaceChildren(notice("error", friendly(err, "submit")));
    } finally {
      submit.disabled = false;
    }
  });

  root.append(
    h("p.meta", {}, h("span.tag", {}, pretty(e.topic)), " ", h("span.tag.level", {}, levelName(e.difficulty))),
    h("section.card", { "aria-labelledby": "problem-h" }, h("h2", { id: "problem-h" }, "The problem"), problem,
      visible.length ? h("details", {}, h("summary", {}, `Example tests (${visible.length}${hiddenCount ? ` + ${hiddenCount} hidden` : ""})`),
        h("ul.tests", {}, visible.map((t) => h("li", {}, h("code", {}, t.call || "(program output)"),
          " → ", h("code", {}, t.expected))))) : null),
    form,
    h("section.card", { "aria-labelledby": "hints-h" }, h("h2", { id: "hints-h" }, "Hints"),
      h("p", {}, "Stuck? Hints unlock one at a time."), hints, hintButton, hintStatus),
    h("p", {}, h("a", { href: "#/exercises" }, "← All exercises")));
}
