// End-to-end walk through the web app in headless Debian Chromium (playwright-core), served from another
// origin than Envoy. A student signs up, asks, practises and checks progress; a teacher watches live alerts.
// node e2e.mjs <scenario.json>   — prints one JSON line: what each page showed (tests/test_browser.py checks it).
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8"));
const WAIT = { timeout: cfg.timeout_ms ?? 120000 };
mkdirSync(cfg.screenshots, { recursive: true });
const seen = { pages: {}, errors: [], screenshots: [], unlabelled: [] };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function shot(page, name) {
  await unlabelled(page, name);
  const path = join(cfg.screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  seen.screenshots.push(path);
}

/** Replaces a CodeMirror editor's text the way a person pasting would (no auto-indent of typed keys). */
async function paste(page, selector, text) {
  await page.click(`${selector} .cm-content`);
  await page.keyboard.press("Control+A");
  await page.evaluate(([sel, t]) => {
    const el = document.querySelector(`${sel} .cm-content`);
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, [selector, text]);
}

const text = (page, sel) => page.locator(sel).first().innerText();

/** Form controls a screen reader could not name (no <label>, aria-label or aria-labelledby). */
async function unlabelled(page, where) {
  const found = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, [contenteditable=true]")]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
    .map((el) => el.id || el.outerHTML.slice(0, 80)));
  for (const f of found) seen.unlabelled.push(`${where}: ${f}`);
}
const count = (page, sel) => page.locator(sel).count();

async function newPage(context, label) {
  const page = await context.newPage();
  page.on("pageerror", (err) => seen.errors.push(`${label}: ${err}`));
  page.on("console", (msg) => { if (msg.type() === "error") seen.errors.push(`${label} console: ${msg.text()}`); });
  return page;
}

async function ask(page, question, { code = "", stdin = "" } = {}) {
  const before = await count(page, "#conversation article.turn.done");
  await page.fill("#question", question);
  if (code) await paste(page, "#code-editor", code);
  if (stdin) {
    await page.click("details summary");
    await page.fill("#stdin", stdin);
  }
  await page.click("#ask-button");
  await page.waitForFunction((n) => document.querySelectorAll("#conversation article.turn.done").length > n, before, WAIT);
  const turn = page.locator("#conversation article.turn").nth(before);
  return {
    routing: await turn.locator(".routing").innerText(),
    text: await turn.locator(".answer").innerText(),
    headings: await turn.locator(".answer h2, .answer h3").count(),
    highlighted: await turn.locator(".answer pre code.hljs .hljs-keyword, .answer pre code.hljs .hljs-built_in").count(),
    codeBlocks: await turn.locator(".answer pre code").count(),
    codeFont: await turn.locator(".answer pre code").first().evaluate((el) => getComputedStyle(el).fontFamily)
      .catch(() => ""),
    rating: await turn.locator(".rating button.star").count(),
  };
}

try {
  // --- a wrong password: a friendly message, no status numbers ---------------------------------------------
  const student = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const sp = await newPage(student, "student");
  await sp.goto(cfg.url);
  await sp.waitForSelector("#login-form", WAIT);
  seen.pages.login = {
    askFormPresent: await count(sp, "#ask-form"),
    viewport: await sp.locator('meta[name="viewport"]').count(),
  };
  await sp.fill("#login-email", cfg.teacher.email);
  await sp.fill("#login-password", "not-the-password-1");
  await sp.click("#login-form button[type=submit]");
  await sp.waitForSelector("#login-form .notice.error", WAIT);
  seen.pages.login.error = await text(sp, "#login-form .notice.error");
  await shot(sp, "01-login-error");

  // --- sign up (the password rule is shown), then a reload keeps the student signed in ---------------------
  await sp.click('a[href="#/signup"]');
  await sp.waitForSelector("#signup-form", WAIT);
  seen.pages.signup = { rule: await text(sp, "#signup-password-help") };
  await sp.fill("#signup-name", cfg.student.name);
  await sp.fill("#signup-email", cfg.student.email);
  await sp.fill("#signup-password", "short1");
  await sp.click("#signup-form button[type=submit]");
  await sp.waitForSelector("#signup-form .notice.error", WAIT);
  seen.pages.signup.weakError = await text(sp, "#signup-form .notice.error");
  await shot(sp, "02-signup-weak-password");
  await sp.fill("#signup-password", cfg.student.password);
  await sp.click("#signup-form button[type=submit]");
  await sp.waitForSelector("#ask-form", WAIT);
  await sp.reload();
  await sp.waitForSelector("#ask-form", WAIT);
  seen.pages.reload = { who: await text(sp, "#nav .who"), newConversationVisible: await sp.isVisible("#new-conversation") };
  // an access token about to expire is refreshed with the refresh token (rotated) at the next start
  const saved = await sp.evaluate(() => JSON.parse(localStorage.getItem("learnflow.session")));
  await sp.evaluate(() => {
    const s = JSON.parse(localStorage.getItem("learnflow.session"));
    s.accessExp = Date.now() + 5000;
    localStorage.setItem("learnflow.session", JSON.stringify(s));
  });
  await sp.reload();
  await sp.waitForSelector("#ask-form", WAIT);
  await sp.waitForFunction((old) => JSON.parse(localStorage.getItem("learnflow.session") || "{}").refresh !== old,
    saved.refresh, WAIT);
  const renewed = await sp.evaluate(() => JSON.parse(localStorage.getItem("learnflow.session")));
  seen.pages.reload.refreshed = renewed.access !== saved.access && renewed.accessExp > Date.now() + 60_000;

  // --- ask (streamed Markdown), a follow-up in the same session, a program that reads stdin, a rating -------
  const first = await ask(sp, cfg.questions.concept);
  const followUp = await ask(sp, cfg.questions.followUp);
  seen.pages.ask = { first, followUp, followUpLabel: await text(sp, 'label[for="question"]'),
    newConversationVisible: await sp.isVisible("#new-conversation") };
  seen.pages.ask.stdin = await ask(sp, cfg.questions.stdin.question, cfg.questions.stdin);
  await sp.locator("#conversation article.turn").first().locator('button.star[data-rating="4"]').click();
  await sp.waitForSelector("#conversation article.turn >> .rating .notice.ok", WAIT);
  seen.pages.ask.rated = await sp.locator("#conversation article.turn").first().locator(".rating .notice").innerText();
  // Markdown was rendered: no literal ** outside code (where ** is Python's power operator)
  seen.pages.ask.rawStars = await sp.locator("#conversation .answer").evaluateAll((els) => els.some((el) => {
    const prose = el.cloneNode(true);
    prose.querySelectorAll("code, pre").forEach((c) => c.remove());
    return prose.textContent.includes("**");
  }));
  await shot(sp, "03-ask");

  // --- join the teacher's class with its code --------------------------------------------------------------
  await sp.click('#nav a[href="#/classes"]');
  await sp.waitForSelector("#join-form", WAIT);
  await sp.fill("#join-code", cfg.joinCode);
  await sp.click("#join-form button[type=submit]");
  await sp.waitForSelector("#join-form .notice.ok", WAIT);
  await sp.waitForFunction((name) => document.querySelector("#my-classes")?.textContent.includes(name), cfg.className, WAIT);
  seen.pages.classes = { joined: await text(sp, "#join-form .notice.ok"), list: await text(sp, "#my-classes") };
  await shot(sp, "04-student-classes");

  // --- the teacher opens the class page: members and the live alert feed -----------------------------------
  const teacher = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tp = await newPage(teacher, "teacher");
  await tp.goto(cfg.url);
  await tp.waitForSelector("#login-form", WAIT);
  // keyboard only: type, Tab to the password, Enter submits
  await tp.focus("#login-email");
  await tp.keyboard.type(cfg.teacher.email);
  await tp.keyboard.press("Tab");
  seen.pages.login.tabGoesTo = await tp.evaluate(() => document.activeElement?.id);
  await tp.keyboard.type(cfg.teacher.password);
  await tp.keyboard.press("Enter");
  await tp.waitForSelector('#live-status[data-state="live"]', WAIT);
  // the class list loads on its own request: wait for its member before reading the page
  await tp.waitForSelector("#classes li.member", WAIT);
  seen.pages.teacher = { live: await text(tp, "#live-status"), classes: await text(tp, "#classes"),
    members: await count(tp, "#classes li.member") };

  // --- exercises: browse by topic and level, start from the starter code, a hint, submissions ---------------
  await sp.click('#nav a[href="#/exercises"]');
  await sp.waitForSelector("#exercise-list li.exercise", WAIT);
  await sp.selectOption("#topic-filter", cfg.exercise.topic);
  await sp.selectOption("#level-filter", String(cfg.exercise.difficulty));
  await sp.waitForFunction((t) => {
    const cards = [...document.querySelectorAll("#exercise-list li.exercise")];
    return cards.length > 0 && cards.every((c) => c.dataset.topic === t);
  }, cfg.exercise.topic, WAIT);
  seen.pages.exercises = { cards: await count(sp, "#exercise-list li.exercise") };
  await shot(sp, "05-exercises");
  await sp.click(`#exercise-list a[href="#/exercise/${cfg.exercise.id}"]`);
  await sp.waitForSelector("#solution-editor .cm-content", WAIT);
  seen.pages.exercise = { starter: await sp.locator("#solution-editor .cm-content").innerText(),
    problem: await text(sp, "#problem") };
  await sp.click("#hint-button");
  await sp.waitForSelector("#hints li", WAIT);
  seen.pages.exercise.hints = await count(sp, "#hints li");
  seen.pages.exercise.hintButton = await text(sp, "#hint-button");
  // three failing attempts (a struggle the teacher is alerted to), then a passing one
  const submissions = [];
  for (const code of [...cfg.exercise.wrong, cfg.exercise.solution]) {
    await paste(sp, "#solution-editor", code);
    await sp.click("#submit-button");
    await sp.waitForSelector("#submission-summary .notice:not(.info), #submission-summary .notice.info:has-text('tests passed')", WAIT);
    submissions.push({ summary: await text(sp, "#submission-summary"), passed: await count(sp, "#test-results li.pass"),
      failed: await count(sp, "#test-results li.fail") });
  }
  seen.pages.exercise.submissions = submissions;
  await shot(sp, "06-exercise");

  // --- the teacher's page shows the struggle as it happens (no reload) -------------------------------------
  await tp.waitForSelector("#alerts li.alert.struggle", WAIT);
  seen.pages.teacher.alert = await text(tp, "#alerts li.alert.struggle");
  await tp.waitForSelector("#alerts li.alert.mastery", WAIT);
  seen.pages.teacher.masteryAlert = await text(tp, "#alerts li.alert.mastery");
  await shot(tp, "07-teacher-live-alerts");
  await tp.click(`#classes li.member a`);
  await tp.waitForSelector("#progress .stat", WAIT);
  await tp.waitForFunction((n) => document.querySelector("h1")?.textContent.includes(n), cfg.student.name, WAIT);
  seen.pages.teacherStudent = { heading: await text(tp, "h1"), charts: await count(tp, "#progress svg.chart") };
  await shot(tp, "08-teacher-student-progress");

  // --- the student's progress: charts, streak, struggles -----------------------------------------------------
  await sp.click('#nav a[href="#/progress"]');
  await sp.waitForSelector("#progress #mastery-history", WAIT);
  seen.pages.progress = {
    streak: await text(sp, "#stat-streak .value"),
    lineChart: await count(sp, "#mastery-history svg.line-chart polyline.series"),
    barChart: await count(sp, "#mastery-now svg.bar-chart rect.bar"),
    activity: await count(sp, "#activity svg.activity-chart rect"),
    struggles: await text(sp, "#struggles"),
    legend: await text(sp, "#mastery-history .legend"),
  };
  await shot(sp, "09-progress");

  // --- phone width: the same page, readable and without sideways scrolling ---------------------------------
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
    hasTouch: true, storageState: await student.storageState() });
  const pp = await newPage(phone, "phone");
  await pp.goto(cfg.url + "#/progress");
  await pp.waitForSelector("#mastery-history svg.line-chart", WAIT);
  seen.pages.phone = await pp.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: innerWidth,
    // rendered size of chart text (px): readable, not shrunk with the chart
    chartText: Math.min(...[...document.querySelectorAll("svg.chart text")].map((t) => t.getBoundingClientRect().height)) }));
  await shot(pp, "10-phone-progress");
  await pp.goto(cfg.url + "#/ask");
  await pp.waitForSelector("#ask-form", WAIT);
  seen.pages.phone.askScrollWidth = await pp.evaluate(() => document.documentElement.scrollWidth);
  await shot(pp, "11-phone-ask");
  await phone.close();

} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
