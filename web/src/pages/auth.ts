// Sign up and log in.
import { api } from "../api";
import * as session from "../session";
import { friendly } from "../errors";
import { h, field, notice } from "../dom";

export const PASSWORD_RULE = "At least 10 characters, with at least one letter and one digit, " +
  "at least 4 different characters, and not containing your e-mail address.";

function input(id: string, type: string, autocomplete: string, extra: Record<string, string | boolean> = {}) {
  return h("input", { id, name: id, type, autocomplete, required: true, ...extra }) as HTMLInputElement;
}

async function logIn(email: string, password: string): Promise<void> {
  const reply = await api.identity.login({ email, password });
  if (!reply.tokens || !reply.student) throw new Error("empty login reply");
  session.signIn(reply.tokens, reply.student);
}

export function loginPage(root: HTMLElement): void {
  const email = input("login-email", "email", "username");
  const password = input("login-password", "password", "current-password");
  const status = h("div.status", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, "Log in") as HTMLButtonElement;
  const form = h("form.card.narrow", { id: "login-form", novalidate: true },
    field("E-mail", email), field("Password", password), button, status,
    h("p", {}, "New here? ", h("a", { href: "#/signup" }, "Create an account")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!email.value || !password.value) {
      status.replaceChildren(notice("error", "Enter your e-mail and password."));
      return;
    }
    button.disabled = true;
    status.replaceChildren(notice("info", "Logging in…"));
    try {
      await logIn(email.value.trim(), password.value);
      location.hash = session.get()?.teacher ? "#/teacher" : "#/ask";
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err, "login")));
    } finally {
      button.disabled = false;
    }
  });
  root.append(h("h1", {}, "Log in to LearnFlow"), h("p.lead", {}, "Your Python tutor: ask questions, practise, see your progress."), form);
}

export function signupPage(root: HTMLElement): void {
  const name = input("signup-name", "text", "name");
  const email = input("signup-email", "email", "email");
  const password = input("signup-password", "password", "new-password", { minlength: "10" });
  const status = h("div.status", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, "Create account") as HTMLButtonElement;
  const form = h("form.card.narrow", { id: "signup-form", novalidate: true },
    field("Your name", name), field("E-mail", email),
    field("Password", password, `Password rule: ${PASSWORD_RULE}`), button, status,
    h("p", {}, "Already have an account? ", h("a", { href: "#/login" }, "Log in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim() || !email.value.trim() || !password.value) {
      status.replaceChildren(notice("error", "Fill in your name, e-mail and a password."));
      return;
    }
    button.disabled = true;
    status.replaceChildren(notice("info", "Creating your account…"));
    try {
      await api.identity.register({ name: name.value.trim(), email: email.value.trim(), password: password.value });
      await logIn(email.value.trim(), password.value);
      location.hash = "#/ask";
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err, "register")));
    } finally {
      button.disabled = false;
    }
  });
  root.append(h("h1", {}, "Create your account"), form);
}
