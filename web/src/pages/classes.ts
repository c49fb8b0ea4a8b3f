// Students: join a class with its code, accept invitations, leave a class (the teacher then loses access).
import { api } from "../api";
import { friendly } from "../errors";
import { h, field, notice } from "../dom";

export function classesPage(root: HTMLElement): void {
  const code = h("input", { id: "join-code", autocomplete: "off", placeholder: "ABCD-EFGH-JKLM" }) as HTMLInputElement;
  const status = h("div.status", { "aria-live": "polite" });
  const list = h("ul.cards", { id: "my-classes" });
  const invites = h("ul.cards", { id: "invitations" });
  const form = h("form.card.narrow", { id: "join-form", novalidate: true },
    field("Class code", code, "Your teacher gives you this code. Joining lets them see your progress."),
    h("button", { type: "submit" }, "Join class"), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!code.value.trim()) { status.replaceChildren(notice("error", "Enter the code your teacher gave you.")); return; }
    try {
      const reply = await api.identity.joinClass({ joinCode: code.value.trim() });
      status.replaceChildren(notice("ok", `You joined ${reply.classGroup?.name ?? "the class"}.`));
      code.value = "";
      await load();
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err, "join")));
    }
  });

  async function load(): Promise<void> {
    try {
      const [classes, invitations] = await Promise.all([api.identity.listClasses({}), api.identity.listClassInvitations({})]);
      list.replaceChildren(...classes.classes.map((c) => h("li.card", {}, h("h3", {}, c.name),
        h("button.secondary", { type: "button", onclick: async () => {
          try { await api.identity.leaveClass({ classId: c.classId }); await load(); }
          catch (err) { status.replaceChildren(notice("error", friendly(err, "class"))); }
        } }, "Leave class"))));
      if (!classes.classes.length) list.append(h("li.empty", {}, "You are not in a class yet."));
      invites.replaceChildren(...invitations.invitations.map((i) => h("li.card", {},
        h("h3", {}, i.className), h("p", {}, `From ${i.teacherName}`),
        h("button", { type: "button", onclick: async () => {
          try { await api.identity.acceptClassInvitation({ classId: i.classId }); await load(); }
          catch (err) { status.replaceChildren(notice("error", friendly(err, "class"))); }
        } }, "Accept"))));
      if (!invitations.invitations.length) invites.append(h("li.empty", {}, "No invitations."));
    } catch (err) {
      status.replaceChildren(notice("error", friendly(err)));
    }
  }
  root.append(h("h1", {}, "Classes"), form, h("h2", {}, "Your classes"), list, h("h2", {}, "Invitations"), invites);
  void load();
}
