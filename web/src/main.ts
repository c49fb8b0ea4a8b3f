// LearnFlow web app: a hash router over the pages, the header with navigation, boot-time configuration.
import "./styles.css";
import "highlight.js/styles/github.css";
import { connect, envoyUrl } from "./api";
import * as session from "./session";
import { h, clear } from "./dom";
import { loginPage, signupPage } from "./pages/auth";
import { askPage } from "./pages/ask";
import { exercisesPage, exercisePage } from "./pages/exercises";
import { progressPage } from "./pages/progress";
import { classesPage } from "./pages/classes";
import { teacherPage, teacherStudentPage } from "./pages/teacher";

export type Page = (root: HTMLElement, arg: string) => void | (() => void);

const STUDENT_LINKS: [string, string][] = [["#/ask", "Ask"], ["#/exercises", "Exercises"],
  ["#/progress", "Progress"], ["#/classes", "Classes"]];
const TEACHER_LINKS: [string, string][] = [["#/teacher", "My classes"], ["#/ask", "Ask"], ["#/exercises", "Exercises"]];

let cleanup: (() => void) | void;

function nav(): void {
  const s = session.get();
  const bar = clear(document.getElementById("nav")!);
  if (!s) return;
  const links = s.teacher ? TEACHER_LINKS : STUDENT_LINKS;
  const here = location.hash.split("/").slice(0, 2).join("/");
  const list = h("ul", {}, links.map(([href, text]) =>
    h("li", {}, h("a", { href, "aria-current": href === here ? "page" : undefined }, text))));
  const out = h("button.link", { type: "button", onclick: () => { session.signOut(); location.hash = "#/login"; } },
    "Log out");
  bar.append(list, h("span.who", {}, `${s.name}${s.teacher ? " (teacher)" : ""}`), out);
}

function route(): void {
  const [, name = "", arg = ""] = location.hash.split("/");
  const s = session.get();
  const pages: Record<string, Page> = s ? {
    ask: askPage, exercises: exercisesPage, exercise: exercisePage, progress: progressPage,
    classes: classesPage, teacher: teacherPage, student: teacherStudentPage,
  } : { login: loginPage, signup: signupPage };
  const fallback = s ? (s.teacher ? "teacher" : "ask") : "login";
  if (!pages[name]) {
    location.replace(`#/${fallback}`);
    return;
  }
  if (typeof cleanup === "function") cleanup();
  const main = clear(document.getElementById("main")!);
  nav();
  cleanup = pages[name](main, decodeURIComponent(arg));
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    document.title = `${heading.textContent} · LearnFlow`;
  }
}

async function boot(): Promise<void> {
  connect(await envoyUrl());
  session.onChange((s) => { if (!s && !/#\/(login|signup)/.test(location.hash)) location.hash = "#/login"; else nav(); });
  window.addEventListener("hashchange", route);
  if (session.get()) await session.accessToken();   // refresh at once if the saved access token is stale
  route();
  document.body.dataset.ready = "1";
}

void boot();
