// Ask: a question (with optional code and program input), the answer streamed and rendered as Markdown,
// follow-ups in the same session, and a 1-5 rating of each answer.
import { api } from "../api";
import * as session from "../session";
import { friendly } from "../errors";
import { editor } from "../editor";
import { render } from "../markdown";
import { h, field, notice } from "../dom";
import { AgentName, CodeLanguage } from "../../../generated/ts/learnflow/v1/enums_pb";

const AGENTS: Record<number, string> = {
  [AgentName.CONCEPTS]: "the concepts tutor", [AgentName.CODE_REVIEW]: "the code reviewer",
  [AgentName.DEBUG]: "the debugging tutor", [AgentName.EXERCISE]: "the exercise coach",
  [AgentName.PROGRESS]: "the progress coach",
};

let sessionId = "";   // kept while the app is open: going to another page and back continues the conversation
let turns: HTMLElement[] = [];
let owner = "";       // whose conversation that is (another login starts afresh)

export function askPage(root: HTMLElement): () => void {
  const me = session.get()?.studentId ?? "";
  if (me !== owner) { owner = me; sessionId = ""; turns = []; }
  const question = h("textarea", { id: "question", rows: 3, required: true,
    placeholder: "e.g. Why does my loop print the last item twice?" }) as HTMLTextAreaElement;
  const code = editor("Your Python code (optional)", "", "code-editor");
  const stdin = h("textarea", { id: "stdin", rows: 2, placeholder: "One line per input() call" }) as HTMLTextAreaElement;
  const button = h("button", { type: "submit", id: "ask-button" }, "Ask") as HTMLButtonElement;
  const status = h("div.status", { "aria-live": "polite" });
  const conversation = h("section.conversation", { id: "conversation", "aria-label": "Conversation" }, turns);
  const newButton = h("button.secondary", { type: "button", id: "new-conversation",
    onclick: () => { sessionId = ""; turns = []; conversation.replaceChildren(); setMode(); question.focus(); } },
    "New conversation");
  const questionLabel = h("label", { for: "question" }, "Your question");
  const form = h("form.card", { id: "ask-form", novalidate: true },
    h("div.field", {}, questionLabel, question),
    h("div.field", {}, h("span.label", { id: "code-label" }, "Your code (optional)"), code.element),
    h("details", {}, h("summary", {}, "Program input (stdin)"),
      field("Input your program reads (input(), sys.stdin)", stdin)),
    h("div.row", {}, button, newButton), status);
  code.element.setAttribute("aria-labelledby", "code-label");

  function setMode(): void {
    questionLabel.textContent = sessionId ? "Ask a follow-up" : "Your question";
    newButton.hidden = !sessionId;
    conversation.hidden = turns.length === 0;
  }
  setMode();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) {
      status.replaceChildren(notice("error", "Type a question first."));
      question.focus();
      return;
    }
    button.disabled = true;
    status.replaceChildren(notice("info", "Thinking…"));
    const turn = h("article.turn", { "aria-busy": "true" });
    const routing = h("p.routing");
    const answer = h("div.answer.markdown", { "aria-live": "polite" });
    const footer = h("div.turn-footer");
    turn.append(h("p.q", {}, h("strong", {}, "You: "), text), routing, answer, footer);
    turns.push(turn);
    conversation.append(turn);
    setMode();
    turn.scrollIntoView({ block: "nearest" });
    const snippet = code.get();
    let markdown = "";
    let frame = 0;
    const paint = () => { frame = 0; render(answer, markdown); };
    try {
      const stream = api.triage.askStream({
        queryText: text, codeSnippet: snippet.trim() ? snippet : "",
        language: snippet.trim() ? CodeLanguage.PYTHON : CodeLanguage.UNSPECIFIED,
        sessionId, stdin: stdin.value,
      });
      for await (const event of stream) {
        if (event.event.case === "routing") {
          routing.textContent = `Answered by ${AGENTS[event.event.value.routedToAgent] ?? "a tutor"}`;
        } else if (event.event.case === "textChunk") {
          markdown += event.event.value;
          if (!frame) frame = requestAnimationFrame(paint);
        } else if (event.event.case === "final") {
          const final = event.event.value;
          if (!markdown && final.response) markdown = final.response.responseText;
          sessionId = final.query?.sessionId || sessionId;
          if (final.response?.responseId) footer.append(rating(final.response.responseId));
          if (final.degraded) footer.append(notice("info", "Part of LearnFlow was busy, so this answer is simpler than usual."));
        }
      }
      if (frame) cancelAnimationFrame(frame);
      paint();
      turn.classList.add("done");
      status.replaceChildren();
      question.value = "";
      setMode();
    } catch (err) {
      turn.remove();
      turns = turns.filter((t) => t !== turn);
      setMode();
      status.replaceChildren(notice("error", friendly(err, "ask")));
    } finally {
      turn.removeAttribute("aria-busy");
      button.disabled = false;
    }
  });

  root.append(h("h1", {}, "Ask your Python tutor"),
    h("p.lead", {}, "Ask anything about Python. Paste code to get it reviewed or debugged; follow-ups keep the context."),
    conversation, form);
  return () => undefined;
}

function rating(responseId: string): HTMLElement {
  const status = h("span.status", { "aria-live": "polite" });
  const buttons: HTMLButtonElement[] = [];
  const group = h("div.rating", { role: "group", "aria-label": "Rate this answer" },
    h("span", {}, "Was this helpful? "));
  for (let n = 1; n <= 5; n++) {
    const b = h("button.star", { type: "button", "aria-label": `Rate ${n} out of 5`, "aria-pressed": "false",
      "data-rating": n }, "★") as HTMLButtonElement;
    b.addEventListener("click", async () => {
      try {
        await api.progress.rateResponse({ responseId, rating: n });
        buttons.forEach((x, i) => { x.setAttribute("aria-pressed", String(i < n)); x.classList.toggle("on", i < n); });
        status.replaceChildren(notice("ok", `Thanks! You rated this ${n} out of 5.`));
      } catch (err) {
        status.replaceChildren(notice("error", friendly(err, "rate")));
      }
    });
    buttons.push(b);
    group.append(b);
  }
  group.append(status);
  return group;
}
