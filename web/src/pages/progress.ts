// Progress: streak and totals, mastery per topic over time (replayed from graded work), mastery now,
// activity per day, struggles and achievements. Teachers see the same view for a student of their class.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { api } from "../api";
import { friendly } from "../errors";
import { h, notice, pretty } from "../dom";
import { activityChart, barChart, colorOf, lineChart } from "../charts";

export function progressPage(root: HTMLElement): void {
  root.append(h("h1", {}, "Your progress"));
  progressView(root, "");
}

export function progressView(root: HTMLElement, studentId: string): void {
  const status = h("div.status", { "aria-live": "polite" }, notice("info", "Loading progress…"));
  const body = h("div.progress", { id: "progress" });
  root.append(status, body);
  void (async () => {
    try {
      const [{ progress }, history] = await Promise.all([
        api.progress.getProgress({ studentId }),
        api.progress.getMasteryHistory({ studentId, days: 90 }),
      ]);
      status.replaceChildren();
      if (!progress) return;
      // charts drawn at the width they are shown at, so their text stays readable on a phone
      const width = Math.max(280, Math.min(760, body.clientWidth - 34));
      const mastered = progress.topicsMastered.length;
      body.append(h("section.stats", { "aria-label": "Totals" },
        stat("streak", `${history.streakDays || progress.streakDays}`, "day streak"),
        stat("questions", `${progress.totalQueries}`, "questions asked"),
        stat("exercises", `${progress.completedExercises}`, "exercises completed"),
        stat("mastered", `${mastered}`, `topic${mastered === 1 ? "" : "s"} mastered`)));

      const series = history.topics.filter((t) => t.points.length).map((t) => ({
        name: pretty(t.topic), points: t.points.map((p) => ({ t: p.at ? timestampMs(p.at) : Date.now(), v: p.mastery })),
      }));
      body.append(h("section.card", { id: "mastery-history", "aria-labelledby": "mh" },
        h("h2", { id: "mh" }, "Mastery over time"),
        series.length ? [lineChart(series, "Mastery per topic over time", width),
          h("ul.legend", {}, series.map((x, i) => h("li", {}, h("span.swatch", { style: `background:${colorOf(i)}` }),
            `${x.name} ${Math.round(x.points[x.points.length - 1].v * 100)}%`)))] :
          h("p.empty", {}, studentId ? "No graded work yet." : "Solve an exercise to start your mastery chart.")));

      const levels = Object.entries(progress.pythonMasteryLevels).sort((a, b) => b[1] - a[1]);
      body.append(h("section.card", { id: "mastery-now", "aria-labelledby": "mn" },
        h("h2", { id: "mn" }, "Mastery by topic"),
        levels.length ? barChart(levels.map(([t, v]) => ({ label: pretty(t), value: v })), "Mastery per topic now", width) :
          h("p.empty", {}, "No graded work yet.")));

      body.append(h("section.card", { id: "activity", "aria-labelledby": "ac" },
        h("h2", { id: "ac" }, "Activity"),
        history.activity.length ? [activityChart(history.activity, "Questions and submissions per day (last 14 days)", width),
          h("ul.legend", {}, h("li", {}, h("span.swatch.questions"), "questions"),
            h("li", {}, h("span.swatch.submissions"), "submissions"))] :
          h("p.empty", {}, "No activity in the last 90 days.")));

      const struggles = [...new Set([...history.struggleTopics, ...progress.struggleTopics])];
      body.append(h("section.card", { id: "struggles", "aria-labelledby": "st" },
        h("h2", { id: "st" }, "Needs attention"),
        struggles.length || progress.weaknesses.length ?
          h("ul", {}, struggles.map((t) => h("li.struggle", {}, `${pretty(t)}: several questions or failed attempts recently. `,
            studentId ? null : h("a", { href: "#/exercises" }, "Practise it"))),
          progress.weaknesses.filter((t) => !struggles.includes(t)).map((t) => h("li", {}, `${pretty(t)}: mastery below 60%`))) :
          h("p.empty", {}, "Nothing to worry about right now.")));

      if (progress.achievements.length) {
        body.append(h("section.card", { "aria-labelledby": "ach" }, h("h2", { id: "ach" }, "Achievements"),
          h("ul.badges", {}, progress.achievements.map((a) => h("li.badge", {}, pretty(a))))));
      }
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err)));
    }
  })();
}

function stat(id: string, value: string, label: string): HTMLElement {
  return h("div.stat", { id: `stat-${id}` }, h("span.value", {}, value), h("span.label", {}, label));
}
