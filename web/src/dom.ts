// Tiny DOM helpers: h("div.card", {attrs}, children) builds elements without innerHTML.
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name || "div");
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: HTMLElement, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function clear(el: HTMLElement): HTMLElement {
  el.replaceChildren();
  return el;
}

/** A labelled form field: <label for=id>text</label> + the control. */
export function field(label: string, control: HTMLElement, help?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const hint = help ? h("p.help", { id: `${id}-help` }, help) : null;
  if (hint) control.setAttribute("aria-describedby", `${id}-help`);
  return h("div.field", {}, h("label", { for: id }, label), control, hint);
}

/** A polite live region for status and error messages. */
export function notice(kind: "error" | "info" | "ok", text: string): HTMLElement {
  return h(`p.notice.${kind}`, { role: kind === "error" ? "alert" : "status" }, text);
}

export function pretty(topic: string): string {
  return topic.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}
