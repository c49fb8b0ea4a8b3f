// Answers are Markdown: rendered by marked, sanitised by DOMPurify (no HTML injection from an answer),
// code blocks highlighted by highlight.js (Python by default).
import { Marked } from "marked";
import DOMPurify from "dompurify";
import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import pythonRepl from "highlight.js/lib/languages/python-repl";
import bash from "highlight.js/lib/languages/bash";
import plaintext from "highlight.js/lib/languages/plaintext";

hljs.registerLanguage("python", python);
hljs.registerLanguage("pycon", pythonRepl);
hljs.registerLanguage("bash", bash);
hljs.registerLanguage("plaintext", plaintext);
hljs.registerAliases(["py", "python3"], { languageName: "python" });
hljs.registerAliases(["text", "txt", "output", "console"], { languageName: "plaintext" });

const marked = new Marked({ gfm: true, breaks: false });

export function render(target: HTMLElement, markdown: string): void {
  const html = marked.parse(markdown, { async: false }) as string;
  target.innerHTML = DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
  for (const link of target.querySelectorAll("a")) {
    link.setAttribute("rel", "noopener noreferrer");
    link.setAttribute("target", "_blank");
  }
  for (const block of target.querySelectorAll<HTMLElement>("pre code")) {
    const lang = /language-([\w-]+)/.exec(block.className)?.[1];
    // untagged blocks are program output or diagrams: plain text (code comes tagged ```python)
    if (!lang || !hljs.getLanguage(lang)) block.classList.add("language-plaintext");
    hljs.highlightElement(block);
  }
}

/** One line of Markdown (a hint, a summary): inline formatting only, sanitised the same way. */
export function renderInline(target: HTMLElement, markdown: string): HTMLElement {
  target.innerHTML = DOMPurify.sanitize(marked.parseInline(markdown, { async: false }) as string,
    { USE_PROFILES: { html: true } });
  return target;
}
