// Teachers: classes (create, join code, invite), members with their progress, and live struggle alerts
// (ProgressService.WatchClassAlerts, fed by Kafka) shown as they happen.
import { Code, ConnectError } from "@connectrpc/connect";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { api } from "../api";
import { friendly } from "../errors";
import { h, field, notice, pretty } from "../dom";
import { progressView } from "./progress";
import type { ClassAlert } from "../../../generated/ts/learnflow/v1/progress_service_pb";
import type { ClassGroup } from "../../../generated/ts/learnflow/v1/entities_pb";
import { StruggleLevel } from "../../../generated/ts/learnflow/v1/enums_pb";

const LEVEL: Record<number, string> = { [StruggleLevel.LOW]: "low", [StruggleLevel.MEDIUM]: "medium",
  [StruggleLevel.HIGH]: "high" };

export function teacherPage(root: HTMLElement): () => void {
  const name = h("input", { id: "class-name", autocomplete: "off", placeholder: "e.g. Python 101 — Monday" }) as HTMLInputElement;
  const status = h("div.status", { "aria-live": "polite" });
  const classes = h("div.classes", { id: "classes" });
  const alerts = h("ol.alerts", { id: "alerts", "aria-live": "polite", "aria-label": "Live alerts" });
  const live = h("p.live", { id: "live-status" }, "Connecting to live alerts…");
  const create = h("form.card.narrow", { id: "create-class", novalidate: true }, field("New class name", name),
    h("button", { type: "submit" }, "Create class"));
  create.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim()) { status.replaceChildren(notice("error", "Give the class a name.")); return; }
    try {
      await api.identity.createClass({ name: name.value.trim() });
      name.value = "";
      status.replaceChildren(notice("ok", "Class created. Share its code with your students."));
      await load();
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err, "class")));
    }
  });

  async function load(): Promise<void> {
    try {
      const reply = await api.identity.listClasses({});
      classes.replaceChildren(...await Promise.all(reply.classes.map(classCard)));
      if (!reply.classes.length) classes.append(h("p.empty", {}, "No classes yet: create one above."));
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err)));
    }
  }

  async function classCard(c: ClassGroup): Promise<HTMLElement> {
    const email = h("input", { type: "email", autocomplete: "off", id: `invite-${c.classId}` }) as HTMLInputElement;
    const msg = h("div.status", { "aria-live": "polite" });
    const invite = h("form.inline", { novalidate: true }, field("Invite a student by e-mail", email),
      h("button.secondary", { type: "submit" }, "Invite"), msg);
    invite.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api.identity.addClassMember({ classId: c.classId, studentEmail: email.value.trim() });
        msg.replaceChildren(notice("ok", `Invitation sent to ${email.value.trim()}. They appear here once they accept.`));
        email.value = "";
      } catch (err) {
        msg.replaceChildren(notice("error", friendly(err, "class")));
      }
    });
    const members = await Promise.all(c.studentIds.map(async (id) => {
      try {
        const [{ student }, { progress }] = await Promise.all([api.identity.getProfile({ studentId: id }),
          api.progress.getProgress({ studentId: id })]);
        const struggling = progress?.struggleTopics.length ?? 0;
        return h("li.member", { "data-student": id },
          h("a", { href: `#/student/${id}` }, student?.name || "Student"),
          h("span.meta", {}, ` ${progress?.totalQueries ?? 0} questions · ${progress?.completedExercises ?? 0} exercises`),
          struggling ? h("span.tag.warn", {}, `struggling: ${progress!.struggleTopics.map(pretty).join(", ")}`) : null);
      } catch {
        return h("li.member", {}, "A student (profile unavailable)");
      }
    }));
    return h("section.card.class", { "data-class": c.classId }, h("h2", {}, c.name),
      h("p", {}, "Join code: ", h("code.join-code", {}, c.joinCode),
        c.pendingInvitations ? ` · ${c.pendingInvitations} invitation${c.pendingInvitations === 1 ? "" : "s"} pending` : ""),
      h("h3", {}, `Students (${c.studentIds.length})`),
      members.length ? h("ul.members", {}, members) : h("p.empty", {}, "No students yet."), invite);
  }

  // Live alerts: reconnect after a drop (Envoy ends long streams; the agent may restart).
  const abort = new AbortController();
  async function watch(): Promise<void> {
    while (!abort.signal.aborted) {
      try {
        for await (const event of api.progress.watchClassAlerts({}, { signal: abort.signal })) {
          if (event.event.case === "started") {
            const n = event.event.value.studentCount;
            live.textContent = `Live: watching ${n} student${n === 1 ? "" : "s"}.`;
            live.dataset.state = "live";
          } else if (event.event.case === "alert") {
            alerts.prepend(alertItem(event.event.value));
          }
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        const code = ConnectError.from(err).code;
        live.dataset.state = "down";
        live.textContent = friendly(err, "watch");
        if (code === Code.PermissionDenied || code === Code.Unauthenticated) return;
      }
      await new Promise((r) => setTimeout(r, 3000));
      if (!abort.signal.aborted) live.textContent = "Reconnecting to live alerts…";
    }
  }

  root.append(h("h1", {}, "My classes"),
    h("div.teacher-grid", {},
      h("div", {}, create, status, classes),
      h("aside.card.alerts-panel", { "aria-labelledby": "alerts-h" }, h("h2", { id: "alerts-h" }, "Live alerts"), live,
        h("p.help", {}, "Struggles and mastery changes of your students appear here as they happen."), alerts)));
  void load();
  void watch();
  return () => abort.abort();
}

function alertItem(a: ClassAlert): HTMLElement {
  const when = a.at ? new Date(timestampMs(a.at)).toLocaleTimeString() : "";
  const who = h("a", { href: `#/student/${a.studentId}` }, a.studentName || "A student");
  if (a.kind.case === "struggle") {
    const s = a.kind.value;
    return h(`li.alert.struggle.level-${LEVEL[s.struggleLevel] ?? "low"}`, { "data-alert": a.alertId },
      h("strong", {}, who, ` is struggling with ${pretty(s.topic)}`),
      h("span.meta", {}, ` ${when} · ${LEVEL[s.struggleLevel] ?? ""} · ${s.queryCount} questions` +
        (s.failedSubmissions ? `, ${s.failedSubmissions} failed submissions` : "")),
      s.recommendation ? h("p", {}, `Suggestion: ${s.recommendation}`) : null);
  }
  const m = a.kind.value!;
  const up = m.newLevel >= m.oldLevel;
  return h(`li.alert.mastery.${up ? "up" : "down"}`, { "data-alert": a.alertId },
    h("strong", {}, who, ` ${pretty(m.topic)}: ${Math.round(m.oldLevel * 100)}% → ${Math.round(m.newLevel * 100)}%`),
    h("span.meta", {}, ` ${when}${m.reason ? ` · ${m.reason}` : ""}`));
}

export function teacherStudentPage(root: HTMLElement, studentId: string): void {
  const heading = h("h1", {}, "Student progress");
  root.append(h("p", {}, h("a", { href: "#/teacher" }, "← My classes")), heading);
  void api.identity.getProfile({ studentId }).then((r) => {
    if (r.student) heading.textContent = `${r.student.name}'s progress`;
  }).catch(() => undefined);
  progressView(root, studentId);
}
