// The code editor: CodeMirror 6 with Python highlighting. Tab moves focus (keyboard users are never trapped).
import { EditorView, basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";

export interface Editor {
  element: HTMLElement;
  get(): string;
  set(text: string): void;
  focus(): void;
}

export function editor(label: string, doc = "", id?: string): Editor {
  const element = document.createElement("div");
  element.className = "editor";
  if (id) element.id = id;
  const view = new EditorView({
    doc,
    parent: element,
    extensions: [basicSetup, python(), EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true" })],
  });
  return {
    element,
    get: () => view.state.doc.toString(),
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
